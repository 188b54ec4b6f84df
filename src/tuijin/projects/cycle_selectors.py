"""Reads of the reporting cycle: a plan's months, the open one, and a month's reports by state
inside the reader's scope."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from tuijin.accounts.scopes import scope_for
from tuijin.projects.cycle import DEFAULT_COUNTED_STATES, FilingState, PeriodState
from tuijin.projects.models import MonthlyReport, Project, ReportFiling, ReportingPeriod


def periods_of(plan) -> list[ReportingPeriod]:
    return list(ReportingPeriod.objects.filter(plan=plan).order_by("month"))


def open_period(plan) -> ReportingPeriod | None:
    """The month taking reports now: the latest open one."""
    return (ReportingPeriod.objects.filter(plan=plan, state=PeriodState.OPEN)
            .order_by("-month").first())


def latest_locked_month(plan) -> int | None:
    """The month the dashboards open on (DESIGN.md §3: the latest locked month)."""
    return (ReportingPeriod.objects.filter(plan=plan, state=PeriodState.LOCKED)
            .order_by("-month").values_list("month", flat=True).first())


def period_context(plan, month: int) -> tuple[str | None, int | None]:
    """The state of ``month``'s period (None: not opened) and the open month to name in a
    refusal (None: none open), in one query."""
    periods = dict(ReportingPeriod.objects.filter(plan=plan).values_list("month", "state"))
    open_months = [m for m, state in periods.items() if state == PeriodState.OPEN]
    return periods.get(month), max(open_months, default=None)


def period_state_of(plan, month: int) -> str | None:
    return (ReportingPeriod.objects.filter(plan=plan, month=month)
            .values_list("state", flat=True).first())


@dataclass
class MonthRow:
    """One project's line on "本月待填报" or the district's list: its state for the month."""

    project: Project
    filing: ReportFiling | None
    has_counted_report: bool

    @property
    def state(self) -> str | None:
        if self.filing is not None:
            return self.filing.state
        # A report that came in before the cycle (an import, the demo) counts as approved.
        return FilingState.APPROVED.value if self.has_counted_report else None


def month_rows_visible_to(user, *, plan, month: int, states=None) -> list[MonthRow]:
    """Every project of the plan in ``user``'s scope with its state for ``month``; with
    ``states``, only those (None in ``states`` stands for "not filed")."""
    projects = (Project.objects.filter(plan=plan).filter(scope_for(user).project_filter())
                .select_related("district", "owner", "domain").order_by("district__code", "id"))
    # With the count of its photos the evidence checks flagged (projects.evidence), for the
    # reviewer's badge and the "with flags" filter.
    filings = {f.project_id: f for f in ReportFiling.objects.filter(
        project__in=projects, month=month).select_related("submitted_by", "reviewed_by")
        .annotate(flagged_photos=Count("photos", filter=Q(photos__is_flagged=True)))}
    counted = set(MonthlyReport.objects.filter(project__in=projects, month=month)
                  .values_list("project_id", flat=True))
    rows = [MonthRow(p, filings.get(p.pk), p.pk in counted) for p in projects]
    if states is not None:
        rows = [row for row in rows if row.state in states]
    return rows


def filings_visible_to(user, *, plan) -> QuerySet[ReportFiling]:
    return ReportFiling.objects.filter(project__plan=plan).filter(
        scope_for(user).project_filter("project__"))


def counted_states_of(plan) -> tuple[str, ...]:
    return tuple(plan.counted_report_states or DEFAULT_COUNTED_STATES)


def days_left(due_on: date, today: date) -> int:
    return (due_on - today).days
