"""The few aggregate queries behind the progress pages, always inside the reader's scope.

Every query starts from ``scope_for(user).project_filter()`` (STYLE.md §3) and groups in the
database: the number of queries a dashboard issues does not grow with the number of projects,
and the rows it reads back are one per group (domain × district × industrial), not one per
project. The rules themselves (lights, completion) are pure functions in this package; the
light bounds the queries count with come from ``lights.light_bounds``.
"""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    F,
    FilteredRelation,
    Max,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, NullIf

from tuijin.accounts.scopes import scope_for
from tuijin.core.models import Division
from tuijin.core.periods import Period
from tuijin.plans.models import Domain, Indicator, IndicatorActual, Plan
from tuijin.progress.completion import ZERO, Totals
from tuijin.progress.discipline import due_before
from tuijin.progress.lights import light_bounds
from tuijin.projects.models import MonthlyReport, Project

MONEY = DecimalField(max_digits=24, decimal_places=6)


def month_end(period: Period) -> date:
    return date(period.year, period.month, calendar.monthrange(period.year, period.month)[1])


def projects_in_scope(user, *, plan: Plan, district: Division | None = None,
                      domain: Domain | None = None) -> QuerySet[Project]:
    """The plan's projects the user may see, optionally narrowed to a district or domain."""
    projects = Project.objects.filter(scope_for(user).project_filter()).filter(plan=plan)
    if district is not None:
        projects = projects.filter(district=district)
    if domain is not None:
        projects = projects.filter(domain=domain)
    return projects


def _with_month_report(projects: QuerySet[Project], period: Period) -> QuerySet[Project]:
    return projects.annotate(
        rep=FilteredRelation("reports", condition=Q(reports__month=period.month))
    )


def _light_conditions(period: Period, yellow_band: Decimal) -> tuple[Q, Q, Q]:
    """Green / yellow / red (reported) as WHERE conditions, from ``lights.light_bounds``.

    Written as cumulative ≥ share × plan, so a project with nothing planned is green.
    """
    bounds = light_bounds(period=period, yellow_band=yellow_band)
    green_floor = F("annual_plan_wan") * Value(bounds.green_from, output_field=MONEY)
    yellow_floor = F("annual_plan_wan") * Value(bounds.yellow_from, output_field=MONEY)
    green = Q(rep__cumulative_wan__gte=green_floor)
    yellow = Q(rep__cumulative_wan__lt=green_floor, rep__cumulative_wan__gte=yellow_floor)
    red = Q(rep__cumulative_wan__lt=yellow_floor)
    return green, yellow, red


@dataclass(frozen=True)
class GroupRow:
    domain_id: int
    district_id: int
    is_industrial: bool
    totals: Totals


def group_totals(projects: QuerySet[Project], *, period: Period, yellow_band: Decimal
                 ) -> list[GroupRow]:
    """One query: the month's totals per domain × district × industrial group."""
    green, yellow, red = _light_conditions(period, yellow_band)
    rows = (
        _with_month_report(projects, period)
        .values("domain_id", "district_id", "is_industrial")
        .annotate(
            n_projects=Count("id"),
            planned=Sum("annual_plan_wan"),
            n_reported=Count("rep__id"),
            cumulative=Sum("rep__cumulative_wan"),
            n_green=Count("id", filter=green),
            n_yellow=Count("id", filter=yellow),
            n_red=Count("id", filter=red),
            planned_missing=Sum("annual_plan_wan", filter=Q(rep__id__isnull=True)),
            n_under_way=Count("id", filter=event_condition("under_way", period)),
            n_signed=Count("id", filter=event_condition("signed", period)),
            n_started=Count("id", filter=event_condition("started", period)),
            n_in_production=Count("id", filter=event_condition("in_production", period)),
        )
        .order_by()
    )
    result = []
    for row in rows:
        reported = row["n_reported"]
        result.append(GroupRow(
            domain_id=row["domain_id"], district_id=row["district_id"],
            is_industrial=row["is_industrial"],
            totals=Totals(
                projects=row["n_projects"], planned_wan=_dec(row["planned"]),
                reported=reported, cumulative_wan=_dec(row["cumulative"]),
                green=row["n_green"], yellow=row["n_yellow"], red=row["n_red"],
                missing=row["n_projects"] - reported, under_way=row["n_under_way"],
                signed=row["n_signed"], started=row["n_started"],
                in_production=row["n_in_production"],
                planned_of_missing_wan=_dec(row["planned_missing"]),
            ),
        ))
    return result


def _dec(value) -> Decimal:
    if value is None:
        return ZERO
    return value if isinstance(value, Decimal) else Decimal(str(value))


_LAGGING_FIELDS = ("id", "name", "code", "annual_plan_wan", "rep__cumulative_wan",
                   "rep__blockers", "rep__help_requested", "domain__code", "domain__name",
                   "district__code", "district__name", "owner__name")


def lagging_projects(projects: QuerySet[Project], *, period: Period, yellow_band: Decimal,
                     limit: int = 20) -> list[dict]:
    """One query: projects red by lag, furthest behind first, at most ``limit``.

    The order is ``rankings.lagging_order_key`` written in SQL.
    """
    _, _, red = _light_conditions(period, yellow_band)
    completion = F("rep__cumulative_wan") / NullIf(F("annual_plan_wan"), Value(ZERO))
    return list(
        _with_month_report(projects, period)
        .filter(red)
        .annotate(completion=Coalesce(completion, Value(ZERO), output_field=MONEY))
        .order_by("completion", "-annual_plan_wan", "id")
        .values(*_LAGGING_FIELDS, "completion")[:limit]
    )


def missing_reports(projects: QuerySet[Project], *, period: Period, limit: int = 20
                    ) -> list[dict]:
    """One query: projects without a report for the month, largest planned amount first
    (``rankings.missing_order_key``)."""
    return list(
        _with_month_report(projects, period)
        .filter(rep__id__isnull=True)
        .order_by("-annual_plan_wan", "id")
        .values(*_LAGGING_FIELDS)[:limit]
    )


def event_condition(event: str, period: Period) -> Q | None:
    """Projects counted by a headline figure: under way, or newly signed / started / in
    production in the year up to the end of ``period`` (the same conditions as group_totals).
    """
    year_start, end = date(period.year, 1, 1), month_end(period)
    return {
        "under_way": Q(nature=Project.Nature.CONTINUING) | Q(actual_started_on__lte=end),
        "signed": Q(actual_signed_on__range=(year_start, end)),
        "started": Q(actual_started_on__range=(year_start, end)),
        "in_production": Q(actual_in_production_on__range=(year_start, end)),
    }.get(event)


def project_list(projects: QuerySet[Project], *, period: Period, yellow_band: Decimal,
                 light: str = "", event: str = "") -> QuerySet[Project]:
    """Projects with their month's cumulative, optionally one light or one headline event
    (for click-through from a dashboard number)."""
    green, yellow, red = _light_conditions(period, yellow_band)
    condition = event_condition(event, period)
    if condition is not None:
        projects = projects.filter(condition)
    projects = _with_month_report(projects, period)
    if light == "green":
        projects = projects.filter(green)
    elif light == "yellow":
        projects = projects.filter(yellow)
    elif light == "red":
        projects = projects.filter(Q(rep__id__isnull=True) | red)
    elif light == "missing":
        projects = projects.filter(rep__id__isnull=True)
    return projects.annotate(
        month_cumulative=F("rep__cumulative_wan"), month_blockers=F("rep__blockers"),
    ).select_related("domain", "district", "owner").order_by("district__code", "domain__number",
                                                               "id")


def monthly_curve(projects: QuerySet[Project], *, period: Period) -> dict[int, dict]:
    """One query: per month up to ``period``, the reported cumulative (all, industrial)."""
    rows = (
        MonthlyReport.objects.filter(project__in=projects, month__lte=period.month)
        .values("month")
        .annotate(cumulative=Sum("cumulative_wan"),
                  industrial=Sum("cumulative_wan", filter=Q(project__is_industrial=True)),
                  reported=Count("id"))
        .order_by("month")
    )
    return {row["month"]: {"cumulative": _dec(row["cumulative"]),
                           "industrial": _dec(row["industrial"]), "reported": row["reported"]}
            for row in rows}


def domains_of(plan: Plan) -> list[Domain]:
    return list(Domain.objects.filter(plan=plan).order_by("number"))


def divisions_by_id(ids) -> dict[int, Division]:
    return {d.pk: d for d in Division.objects.filter(pk__in=set(ids))}


def districts_of(plan: Plan) -> list[Division]:
    """The divisions under the plan's region (districts, counties and zones)."""
    return list(Division.objects.filter(parent=plan.region_id).order_by("code"))


def indicators_of(plan: Plan) -> list[Indicator]:
    """Two queries: the plan's indicators with their targets."""
    return list(Indicator.objects.filter(plan=plan).prefetch_related("targets")
                .select_related("owner").order_by("number", "code"))


def indicator_actuals(plan: Plan) -> dict[int, dict[int, Decimal]]:
    """One query: {indicator id: {month: value}} of the manually reported actuals."""
    result: dict[int, dict[int, Decimal]] = {}
    for row in IndicatorActual.objects.filter(indicator__plan=plan).values_list(
            "indicator_id", "month", "value"):
        result.setdefault(row[0], {})[row[1]] = row[2]
    return result


def milestone_curve(projects: QuerySet[Project], *, year: int) -> dict[str, dict[int, int]]:
    """Three small queries: 三个一批 events per month of ``year`` (signed, started, produced)."""
    result = {}
    for key, field in (("signed", "actual_signed_on"), ("started", "actual_started_on"),
                       ("in_production", "actual_in_production_on")):
        rows = (projects.filter(**{f"{field}__year": year})
                .values(f"{field}__month").annotate(n=Count("id")).order_by())
        result[key] = {row[f"{field}__month"]: row["n"] for row in rows}
    return result


def discipline_counts(projects: QuerySet[Project], *, period: Period, due_day: int,
                      by: str) -> list[dict]:
    """One query: per ``by`` (district_id or owner_id), projects and reports received and on
    time for the month and January–month. On time = submitted before the end of the due day
    of its own month (``discipline.due_before``)."""
    on_time = Q(pk__in=[])
    for month in range(1, period.month + 1):
        on_time |= Q(reports__month=month,
                     reports__submitted_at__lt=due_before(Period(period.year, month), due_day))
    in_year = Q(reports__month__lte=period.month)
    this_month = Q(reports__month=period.month)
    return list(
        projects.values(by)
        .annotate(
            n_projects=Count("id", distinct=True),
            year_received=Count("reports", filter=in_year),
            year_on_time=Count("reports", filter=in_year & on_time),
            month_received=Count("reports", filter=this_month),
            month_on_time=Count("reports", filter=this_month & on_time),
            last_submitted=Max("reports__submitted_at", filter=this_month),
        )
        .order_by()
    )


def project_reports(project: Project) -> list[MonthlyReport]:
    return list(project.reports.order_by("month"))


def dashboard_for(user, *, plan: Plan, period: Period, district: Division | None = None,
                  domain: Domain | None = None, lagging_limit: int = 20):
    """The dashboard of ``plan`` at ``period`` as ``user`` may see it.

    A fixed number of queries (about ten), whatever the number of projects. Targets are
    judged only on a city-wide view with no district or domain narrowing.
    """
    from tuijin.progress.dashboard import IndicatorInput, Ref, dashboard_build
    from tuijin.progress.targets import TargetSpec

    projects = projects_in_scope(user, plan=plan, district=district, domain=domain)
    rows = group_totals(projects, period=period, yellow_band=plan.yellow_band)
    domain_refs = [Ref(d.pk, d.code, d.name, d.number) for d in domains_of(plan)]
    if domain is not None:
        domain_refs = [ref for ref in domain_refs if ref.id == domain.pk]
    division_ids = {row.district_id for row in rows}
    divisions = divisions_by_id(division_ids) if division_ids else {}
    district_refs = [Ref(d.pk, d.code, d.display_name, d.code)
                     for d in sorted(divisions.values(), key=lambda d: d.code)]
    with_targets = scope_for(user).is_city_wide and district is None and domain is None
    actuals = indicator_actuals(plan) if with_targets else {}
    indicators = [
        IndicatorInput(
            code=ind.code, name=ind.name, unit=ind.unit, source=ind.source,
            owner=ind.owner.name if ind.owner else "",
            targets=tuple(TargetSpec(
                comparator=t.comparator, value=t.value, commitment=t.commitment,
                basis=t.basis, unit=t.unit, tolerance=t.tolerance,
                baseline_value=t.baseline_value, wording=t.wording)
                for t in ind.targets.all()),
            actuals=actuals.get(ind.pk, {}),
        )
        for ind in indicators_of(plan)
    ]
    milestones = milestone_curve(projects, year=plan.year) if with_targets else {}
    return dashboard_build(
        plan_slug=plan.slug, plan_name=plan.name, period=period,
        yellow_band=plan.yellow_band, approx_tolerance=plan.approx_tolerance, rows=rows,
        domains=domain_refs, districts=district_refs, indicators=indicators,
        lagging=lagging_projects(projects, period=period, yellow_band=plan.yellow_band,
                                 limit=lagging_limit),
        missing=missing_reports(projects, period=period, limit=lagging_limit),
        curve=monthly_curve(projects, period=period), milestones=milestones,
        with_targets=with_targets,
    )


def latest_reported_month(projects: QuerySet[Project]) -> int | None:
    return MonthlyReport.objects.filter(project__in=projects).aggregate(m=Max("month"))["m"]
