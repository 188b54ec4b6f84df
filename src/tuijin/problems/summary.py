"""The problems of a plan in one reader's scope, summed up as plain data: what the monthly
bulletin's 存在问题及督办 section, the dashboard's problem panel and the API read.

One query reads the scope's problems (the columns the summary needs, no model instances);
everything else is computed here over plain values, with the rules of problems.rules and
problems.days. "Open" is every problem not closed (销号) nor left to the project unit; the
lights, days overdue and "overdue" are as of ``today``; "closed this month" is month
``month`` of the plan's year. docs/reference/problems.md, "Summary".
"""

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils import timezone

from tuijin.problems.days import day_count, days_left
from tuijin.problems.rules import FINISHED, Light, State, deadline_light
from tuijin.problems.selectors import problems_visible_to

_ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True)
class ProblemLine:
    """One problem, as the bulletin lists it."""

    id: int
    url: str
    project_id: int
    project_name: str
    district: str
    category: str
    description: str
    help_requested: str
    state: str  # problems.rules.State value
    level: str  # problems.rules.Level value
    unit: str  # the responsible unit's name, "" before the assignment
    deadline: date | None
    light: str  # problems.rules.Light value, as of today
    days_overdue: int  # 0 unless the light is red
    raised_on: date
    closed_on: date | None
    days_to_close: int | None
    answer: str


@dataclass(frozen=True)
class UnitOverdue:
    """A responsible unit with overdue problems: how many, and the oldest by how long."""

    unit_id: int
    unit: str
    count: int
    oldest_days_overdue: int


@dataclass(frozen=True)
class UnitCount:
    """A responsible unit's open problems (assigned to it and not closed) and overdue ones."""

    unit_id: int
    unit: str
    open: int
    overdue: int


@dataclass(frozen=True)
class CategoryCount:
    category: str
    open: int
    overdue: int
    closed_this_month: int


@dataclass(frozen=True)
class ProblemSummary:
    year: int
    month: int
    today: date
    day_count: str  # "calendar" or "working" (problems.days)
    total: int
    raised_this_month: int
    closed_this_month: list[ProblemLine]
    open_count: int
    open: list[ProblemLine]
    overdue_count: int
    overdue: list[ProblemLine]
    overdue_by_unit: list[UnitOverdue]
    by_unit: list[UnitCount]
    by_category: list[CategoryCount]
    escalated_open: int
    # Calendar days from raised to closed, averaged over every closed problem, and over the
    # month's; None when there is none.
    average_days_to_close: Decimal | None
    average_days_to_close_this_month: Decimal | None
    by_state: dict[str, int] = field(default_factory=dict)


_COLUMNS = ("id", "project_id", "project__name", "project__district__name",
            "project__district__short_name", "category__name", "category__order",
            "description", "help_requested", "state", "level", "assigned_unit_id",
            "assigned_unit__name", "deadline", "raised_at", "closed_at", "answer",
            "escalated_at")


def problem_summary(scope, plan, month: int, today: date, *,
                    district=None) -> ProblemSummary:
    """The summary of ``plan``'s problems that ``scope`` (a user or an accounts.scopes.Scope)
    may see, for month ``month`` of the plan's year, as of ``today``; with ``district`` (a
    Division), only its projects' problems. One query."""
    if not 1 <= month <= 12:
        raise ValueError("month must be between 1 and 12")
    count = day_count()
    visible = problems_visible_to(scope, plan=plan)
    if district is not None:
        visible = visible.filter(project__district=district)
    rows = list(visible.order_by("raised_at", "id").values(*_COLUMNS))
    zone = timezone.get_current_timezone()
    month_start = timezone.make_aware(datetime.combine(date(plan.year, month, 1), time.min),
                                      zone)
    last_day = date(plan.year, month, monthrange(plan.year, month)[1])
    month_end = timezone.make_aware(datetime.combine(last_day, time.max), zone)

    lines = [_line(row, today=today, count=count) for row in rows]
    closed_month = [line for line, row in zip(lines, rows, strict=True)
                    if row["closed_at"] and month_start <= row["closed_at"] <= month_end]
    closed_month.sort(key=lambda line: (line.closed_on, line.id))
    raised_month = sum(1 for row in rows if month_start <= row["raised_at"] <= month_end)
    open_lines = [line for line in lines if line.state not in FINISHED]
    overdue = [line for line in open_lines if line.light == Light.RED]
    overdue.sort(key=lambda line: (-line.days_overdue, line.id))

    units: dict[int, dict] = {}
    for line, row in zip(lines, rows, strict=True):
        if line.state in FINISHED or row["assigned_unit_id"] is None:
            continue
        unit = units.setdefault(row["assigned_unit_id"], {
            "unit": line.unit, "open": 0, "overdue": 0, "oldest": 0})
        unit["open"] += 1
        if line.light == Light.RED:
            unit["overdue"] += 1
            unit["oldest"] = max(unit["oldest"], line.days_overdue)
    by_unit = sorted((UnitCount(unit_id=pk, unit=u["unit"], open=u["open"],
                                overdue=u["overdue"]) for pk, u in units.items()),
                     key=lambda u: (-u.overdue, -u.open, u.unit))
    overdue_by_unit = sorted((UnitOverdue(unit_id=pk, unit=u["unit"], count=u["overdue"],
                                          oldest_days_overdue=u["oldest"])
                              for pk, u in units.items() if u["overdue"]),
                             key=lambda u: (-u.count, -u.oldest_days_overdue, u.unit))

    categories: dict[str, dict] = {}
    order: dict[str, int] = {}
    for line, row in zip(lines, rows, strict=True):
        order[line.category] = row["category__order"]
        tally = categories.setdefault(line.category, {"open": 0, "overdue": 0, "closed": 0})
        if line.state not in FINISHED:
            tally["open"] += 1
        if line.light == Light.RED and line.state not in FINISHED:
            tally["overdue"] += 1
    for line in closed_month:
        categories[line.category]["closed"] += 1
    by_category = [CategoryCount(category=name, open=t["open"], overdue=t["overdue"],
                                 closed_this_month=t["closed"])
                   for name, t in sorted(categories.items(),
                                         key=lambda item: (order[item[0]], item[0]))
                   if t["open"] or t["closed"]]

    by_state = {state: 0 for state in State.values}
    for line in lines:
        by_state[line.state] += 1
    return ProblemSummary(
        year=plan.year, month=month, today=today, day_count=count, total=len(lines),
        raised_this_month=raised_month, closed_this_month=closed_month,
        open_count=len(open_lines), open=open_lines, overdue_count=len(overdue),
        overdue=overdue, overdue_by_unit=overdue_by_unit, by_unit=by_unit,
        by_category=by_category,
        escalated_open=sum(1 for line, row in zip(lines, rows, strict=True)
                           if row["escalated_at"] and line.state not in FINISHED),
        average_days_to_close=_average(line.days_to_close for line in lines
                                       if line.days_to_close is not None),
        average_days_to_close_this_month=_average(line.days_to_close for line in closed_month),
        by_state=by_state)


def _line(row: dict, *, today: date, count: str) -> ProblemLine:
    light = deadline_light(row["deadline"], today=today, state=row["state"], count=count)
    raised_on = timezone.localdate(row["raised_at"])
    closed_on = (timezone.localdate(row["closed_at"])
                 if row["closed_at"] and row["state"] == State.CLOSED else None)
    return ProblemLine(
        id=row["id"], url=reverse("problems:detail", args=[row["id"]]),
        project_id=row["project_id"], project_name=row["project__name"],
        district=row["project__district__short_name"] or row["project__district__name"] or "",
        category=row["category__name"], description=row["description"],
        help_requested=row["help_requested"], state=row["state"], level=row["level"],
        unit=row["assigned_unit__name"] or "", deadline=row["deadline"], light=light.value,
        days_overdue=(-days_left(row["deadline"], today=today, count=count)
                      if light == Light.RED else 0),
        raised_on=raised_on, closed_on=closed_on,
        days_to_close=(closed_on - raised_on).days if closed_on else None,
        answer=row["answer"])


def _average(values) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(_ONE_PLACE, rounding=ROUND_HALF_UP)
