"""Template filters of the problem links on the report pages (the rule is accounts.permissions')."""

from django import template

from tuijin.accounts import permissions

register = template.Library()


@register.filter
def may_raise_problem(user, project) -> bool:
    """``{% if user|may_raise_problem:project %}``: the report page offers 提出督办."""
    return permissions.may_raise_problem(user, project)
