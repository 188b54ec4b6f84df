"""Reads of problems, always through the reader's scope: the problems of the projects the
reader sees, and the problems assigned to the units the reader works for."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from tuijin.accounts.permissions import deny_unless, may_view_problem, works_for_units
from tuijin.accounts.scopes import Scope, scope_for
from tuijin.problems.models import Problem, ProblemCategory
from tuijin.problems.rules import WITH_UNIT, deadline_light


def _assigned_to(actor) -> Q:
    organisations, divisions = works_for_units(actor)
    condition = Q(pk__in=[])
    if organisations:
        condition |= Q(assigned_unit_id__in=organisations)
    if divisions:
        condition |= Q(assigned_unit__kind="district_government",
                       assigned_unit__division_id__in=divisions)
    return condition


def problems_visible_to(user, *, plan) -> QuerySet[Problem]:
    """The plan's problems the user may see (a user or a Scope; None raises TypeError)."""
    scope = scope_for(user)
    visible = scope.project_filter("project__")
    if not scope.is_city_wide and not isinstance(user, Scope):
        visible |= _assigned_to(user)
    return (Problem.objects.filter(project__plan=plan).filter(visible)
            .select_related("project", "project__district", "project__owner", "category",
                            "assigned_unit"))


def problem_for_user(user, pk: int, *, require: Callable[..., bool] | None = None) -> Problem:
    """The problem if the user may see it (404 otherwise, so strangers learn nothing); with
    ``require``, a rule of accounts.permissions, a visible problem the user may not act on
    that way is a 403."""
    scope_for(user)  # no user and no scope raises, before anything is read
    try:
        problem = (Problem.objects.select_related(
            "project", "project__plan", "project__district", "project__owner", "category",
            "assigned_unit", "source_filing").get(pk=pk))
    except (Problem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not may_view_problem(user, problem):
        raise Http404
    if require is not None:
        deny_unless(require(user, problem))
    return problem


@dataclass(frozen=True)
class ProblemFilters:
    """The list's filters as typed; an unknown value simply matches nothing."""

    state: str = ""
    overdue: bool = False
    district: str = ""
    category: str = ""
    mine: bool = False


def problems_filtered(queryset: QuerySet[Problem], *, user, filters: ProblemFilters,
                      today: date) -> QuerySet[Problem]:
    """Narrow the user's visible problems (``queryset``) by the list's filters."""
    scope_for(user)  # "assigned to me" needs a user; none at all raises
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.overdue:
        queryset = queryset.filter(state__in=WITH_UNIT, deadline__lt=today)
    if filters.district:
        queryset = queryset.filter(project__district__code=filters.district)
    if filters.category:
        queryset = queryset.filter(category__name=filters.category)
    if filters.mine:
        queryset = queryset.filter(_assigned_to(user))
    return queryset


@dataclass(frozen=True)
class ProblemRow:
    problem: Problem
    light: str


def problem_rows(queryset: QuerySet[Problem], *, today: date) -> list[ProblemRow]:
    return [ProblemRow(problem, deadline_light(problem.deadline, today=today,
                                               state=problem.state).value)
            for problem in queryset]


def categories_offered() -> QuerySet[ProblemCategory]:
    return ProblemCategory.objects.filter(is_active=True)


def open_problem_count(project) -> int:
    """The project's problems not yet closed or left to the unit (the count on its page)."""
    return project.problems.exclude(state__in=["closed", "self_resolve"]).count()
