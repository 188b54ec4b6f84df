"""Template filters of the problem links on the report pages (the rule is accounts.permissions'),
and the dashboard's problem panel (problems.summary, one query)."""

from django import template
from django.utils import timezone

from tuijin.accounts import permissions
from tuijin.problems.summary import problem_summary

register = template.Library()


@register.filter
def may_raise_problem(user, project) -> bool:
    """``{% if user|may_raise_problem:project %}``: the report page offers 提出督办."""
    return permissions.may_raise_problem(user, project)


@register.inclusion_tag("problems/_panel.html", takes_context=True)
def problem_panel(context, plan, period, district=None):
    """``{% problem_panel plan period %}``: the problems of the dashboard's reader (and
    district): open, overdue, closed in the month, average days to close, by category and by
    unit. Included by the dashboards' templates, so the progress app reads no problem."""
    user = context["request"].user
    summary = problem_summary(user, plan, period.month, timezone.localdate(),
                              district=district)
    return {"s": summary, "plan": plan, "district": district, "period": period,
            "units": summary.by_unit[:10]}


@register.simple_tag(takes_context=True)
def problem_counts(context, plan, projects):
    """``{% problem_counts plan page as counts %}`` (or one project): open and overdue
    problems of the listed projects the reader may see, in one aggregate query (no query per
    row)."""
    from tuijin.problems.selectors import problem_counts as counts

    if hasattr(projects, "pk"):  # one project: its page
        projects = [projects]
    return counts(context["request"].user, plan=plan,
                  project_ids=[project.pk for project in projects],
                  today=timezone.localdate())


@register.filter
def problem_count_of(counts, project):
    """``counts|problem_count_of:project``: that project's ProblemCount, or None."""
    return counts.get(project.pk)
