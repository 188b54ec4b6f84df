"""Reads of problems, always through the reader's scope: the problems of the projects the
reader sees, and the problems assigned to the units the reader works for."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, Q, QuerySet, When
from django.http import Http404

from tuijin.accounts.permissions import deny_unless, may_view_problem, works_for_units
from tuijin.accounts.scopes import Scope, scope_for
from tuijin.core.models import Division, Organisation
from tuijin.problems.days import day_count
from tuijin.problems.models import Problem, ProblemCategory
from tuijin.problems.rules import FINISHED, WITH_UNIT, State, deadline_light, may_take_problem


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
    unit: str = ""
    project: int | None = None


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
    if filters.unit:
        queryset = queryset.filter(assigned_unit_id=filters.unit if filters.unit.isdigit()
                                   else None)
    if filters.project:
        queryset = queryset.filter(project_id=filters.project)
    if filters.mine:
        queryset = queryset.filter(_assigned_to(user))
    return queryset


def unit_may_take(unit: Organisation, project) -> bool:
    """``rules.may_take_problem`` for a unit (its division read) and a project."""
    division = unit.division
    return may_take_problem(
        unit_id=unit.pk, unit_is_owner=unit.kind == Organisation.Kind.OWNER,
        unit_district_id=(division.pk if division is not None
                          and division.level == Division.Level.DISTRICT else None),
        project_owner_id=project.owner_id, project_district_id=project.district_id)


def assignable_units(project) -> QuerySet[Organisation]:
    """The units a problem of ``project`` may be given to (``rules.may_take_problem``): the
    project's district's own units first, then the city's, then the project's own owner, each
    by name. Two queries; the owners of other projects are never read."""
    candidates = (Organisation.objects.exclude(kind=Organisation.Kind.OWNER)
                  | Organisation.objects.filter(pk=project.owner_id)).select_related("division")
    ids = [unit.pk for unit in candidates if unit_may_take(unit, project)]
    return (Organisation.objects.filter(pk__in=ids).select_related("division")
            .order_by(Case(When(kind=Organisation.Kind.OWNER, then=2),
                           When(division_id=project.district_id, then=0), default=1),
                      "kind", "name"))


def assigned_units(queryset: QuerySet[Problem]) -> QuerySet[Organisation]:
    """The units the problems of ``queryset`` (already scoped) are assigned to: the list's
    unit filter offers only these."""
    return Organisation.objects.filter(
        pk__in=queryset.exclude(assigned_unit=None).values("assigned_unit_id")).order_by("name")


@dataclass(frozen=True)
class ListFilters:
    """The list's filters that mean something to its reader: "assigned to me" (``mine``) and
    the districts and responsible units to choose from (empty: the filter is not offered)."""

    mine: bool
    districts: list[Division]
    units: list[Organisation]


def list_filters_for(user, *, visible: QuerySet[Problem],
                     asked: Collection[str] = ()) -> ListFilters:
    """Which filters of the list ``user`` (reading ``visible``, already scoped) is offered.

    "Assigned to me" goes to the users of a unit that answers problems (a bureau, a utility, a
    district government through its district users); a project owner's unit answers only when
    given one of its own projects' problems, so an owner gets it once that has happened. A
    choice of districts is offered when the problems lie in more than one. The responsible
    units are followed by those who oversee them, city-wide or for their districts; an owner
    reads the unit on each of its few problems instead. A filter named in ``asked`` (the
    address carries it, e.g. from a dashboard's link) is offered anyway, so it can be seen
    and cleared.
    """
    scope = scope_for(user)
    organisations, divisions = works_for_units(user)
    answers_problems = bool(divisions) or Organisation.objects.filter(
        pk__in=organisations).exclude(kind=Organisation.Kind.OWNER).exists()
    mine = answers_problems or (bool(organisations)
                                and visible.filter(_assigned_to(user)).exists())
    districts = list(Division.objects.filter(
        pk__in=visible.values("project__district_id")).order_by("code"))
    oversees_units = scope.is_city_wide or bool(scope.division_ids)
    return ListFilters(
        mine=mine,
        districts=districts if len(districts) > 1 or "district" in asked else [],
        units=list(assigned_units(visible)) if oversees_units or "unit" in asked else [])


@dataclass(frozen=True)
class MyProblems:
    """The unit's own list: what waits for it to sign for, to answer, and what is overdue."""

    to_sign: list[ProblemRow]
    to_answer: list[ProblemRow]
    overdue: list[ProblemRow]
    waiting_check: list[ProblemRow]


def my_problems(user, *, plan, today: date) -> MyProblems:
    """The problems of ``plan`` assigned to a unit the user works for, not yet closed, in
    three lists (one query)."""
    scope_for(user)
    mine = (problems_visible_to(user, plan=plan).filter(_assigned_to(user))
            .exclude(state__in=FINISHED).order_by("deadline", "id"))
    rows = problem_rows(mine, today=today)
    return MyProblems(
        to_sign=[r for r in rows if r.problem.state == State.ASSIGNED],
        to_answer=[r for r in rows if r.problem.state in (State.SIGNED, State.RETURNED)],
        overdue=[r for r in rows if r.light == "red"],
        waiting_check=[r for r in rows
                       if r.problem.state in (State.ANSWERED, State.CHECKED)])


@dataclass(frozen=True)
class ProblemCount:
    open: int = 0
    overdue: int = 0


def problem_counts(user, *, plan, project_ids, today: date) -> dict[int, ProblemCount]:
    """Open and overdue problems of each of ``project_ids`` the user may see (projects with
    none are left out): one aggregate query, for the project list and a project's page."""
    rows = (problems_visible_to(user, plan=plan).filter(project_id__in=list(project_ids))
            .order_by().values("project_id")
            .annotate(open=Count("pk", filter=~Q(state__in=FINISHED)),
                      overdue=Count("pk", filter=Q(state__in=WITH_UNIT, deadline__lt=today))))
    return {row["project_id"]: ProblemCount(open=row["open"], overdue=row["overdue"])
            for row in rows if row["open"]}


@dataclass(frozen=True)
class ProblemRow:
    problem: Problem
    light: str


def problem_rows(queryset: QuerySet[Problem], *, today: date) -> list[ProblemRow]:
    count = day_count()
    return [ProblemRow(problem, deadline_light(problem.deadline, today=today,
                                               state=problem.state, count=count).value)
            for problem in queryset]


def categories_offered() -> QuerySet[ProblemCategory]:
    return ProblemCategory.objects.filter(is_active=True)


def open_problem_count(project) -> int:
    """The project's problems not yet closed or left to the unit (the count on its page)."""
    return project.problems.exclude(state__in=["closed", "self_resolve"]).count()
