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

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    FilteredRelation,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)

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


@dataclass(frozen=True)
class Programme:
    """The plan's projects a user may see, optionally narrowed to a district or a domain, as
    one condition usable from the project side and from the report side."""

    plan: Plan
    condition: Q
    report_condition: Q

    @property
    def projects(self) -> QuerySet[Project]:
        return Project.objects.filter(self.condition)

    def reports(self, **filters) -> QuerySet[MonthlyReport]:
        return MonthlyReport.objects.filter(self.report_condition, **filters)


def programme_for(user, *, plan: Plan, district: Division | None = None,
                  domain: Domain | None = None) -> Programme:
    """The scope of every progress query: ``scope_for(user)`` within ``plan``."""
    scope = scope_for(user)

    def condition(prefix: str) -> Q:
        q = Q(**{f"{prefix}plan": plan}) & scope.project_filter(prefix=prefix)
        if district is not None:
            q &= Q(**{f"{prefix}district": district})
        if domain is not None:
            q &= Q(**{f"{prefix}domain": domain})
        return q

    return Programme(plan=plan, condition=condition(""), report_condition=condition("project__"))


def projects_in_scope(user, *, plan: Plan, district: Division | None = None,
                      domain: Domain | None = None) -> QuerySet[Project]:
    """The plan's projects the user may see, optionally narrowed to a district or domain."""
    return programme_for(user, plan=plan, district=district, domain=domain).projects


def _with_month_report(projects: QuerySet[Project], period: Period) -> QuerySet[Project]:
    return projects.annotate(
        rep=FilteredRelation("reports", condition=Q(reports__month=period.month))
    )


def _light_conditions(period: Period, yellow_band: Decimal, *,
                      cumulative: str = "rep__cumulative_wan",
                      planned: str = "annual_plan_wan") -> tuple[Q, Q, Q]:
    """Green / yellow / red (reported) as WHERE conditions, from ``lights.light_bounds``.

    Written as cumulative ≥ share × plan, so a project with nothing planned is green.
    """
    bounds = light_bounds(period=period, yellow_band=yellow_band)
    green_floor = F(planned) * Value(bounds.green_from, output_field=MONEY)
    yellow_floor = F(planned) * Value(bounds.yellow_from, output_field=MONEY)
    green = Q(**{f"{cumulative}__gte": green_floor})
    yellow = Q(**{f"{cumulative}__lt": green_floor, f"{cumulative}__gte": yellow_floor})
    red = Q(**{f"{cumulative}__lt": yellow_floor})
    return green, yellow, red


_REPORT_SIDE = {"cumulative": "cumulative_wan", "planned": "project__annual_plan_wan"}


_PROJECT_FIELDS = ("id", "name", "code", "annual_plan_wan", "domain__code", "domain__name",
                   "district__code", "district__name", "owner__name")


@dataclass(frozen=True)
class GroupRow:
    domain_id: int
    district_id: int
    is_industrial: bool
    totals: Totals


GroupKey = tuple[int, int, bool]  # domain id, district id, is industrial


def month_figures(programme: Programme, *, period: Period, yellow_band: Decimal,
                  lagging_limit: int = 20) -> tuple[dict[GroupKey, dict], list[dict]]:
    """One pass over the month's reports: their sums and lights per domain × district ×
    industrial group, and the projects red by lag, furthest behind first.

    The month's reports joined to their projects are read once into a materialised CTE; the
    group sums and the lagging list both read that, so the heap of reports is scanned once,
    as the bare aggregate any dashboard needs does (bench/dashboard_bench.py). The bounds
    come from ``lights.light_bounds`` (cumulative ≥ share × plan, so nothing planned is
    green); the lagging order is ``rankings.lagging_order_key``.
    """
    bounds = light_bounds(period=period, yellow_band=yellow_band)
    try:
        body, body_params = (
            programme.reports(month=period.month)
            .values(m_project=F("project_id"), m_cumulative=F("cumulative_wan"),
                    m_domain=F("project__domain_id"), m_district=F("project__district_id"),
                    m_industrial=F("project__is_industrial"),
                    m_planned=F("project__annual_plan_wan"))
            .order_by()
            .query.sql_with_params()
        )
    except EmptyResultSet:  # an empty scope: nothing to read
        return {}, []
    sql = f"""
        WITH m (project_id, cumulative, domain_id, district_id, is_industrial, planned)
        AS MATERIALIZED ({body})
        SELECT 0, domain_id, district_id, is_industrial, COUNT(*), SUM(cumulative),
               SUM(planned),
               SUM(CASE WHEN cumulative >= planned * %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN cumulative < planned * %s AND cumulative >= planned * %s
                   THEN 1 ELSE 0 END),
               SUM(CASE WHEN cumulative < planned * %s THEN 1 ELSE 0 END),
               CAST(NULL AS BIGINT), CAST(NULL AS NUMERIC)
        FROM m GROUP BY domain_id, district_id, is_industrial
        UNION ALL
        SELECT * FROM (
            SELECT 1, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BOOLEAN),
                   CAST(NULL AS BIGINT), cumulative, planned, CAST(NULL AS BIGINT),
                   CAST(NULL AS BIGINT), CAST(NULL AS BIGINT),
                   project_id, CASE WHEN planned = 0 THEN 0 ELSE cumulative / planned END
            FROM m WHERE cumulative < planned * %s
            ORDER BY 12, planned DESC, project_id LIMIT %s
        ) lagging
    """
    green, yellow = bounds.green_from, bounds.yellow_from
    params = [*body_params, green, green, yellow, yellow, yellow, max(lagging_limit, 0)]
    groups: dict[GroupKey, dict] = {}
    lagging: list[dict] = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            if row[0] == 0:
                groups[(row[1], row[2], bool(row[3]))] = {
                    "n_reported": row[4], "cumulative": _dec(row[5]),
                    "planned_reported": _dec(row[6]), "n_green": int(row[7]),
                    "n_yellow": int(row[8]), "n_red": int(row[9]),
                }
            else:
                lagging.append({"id": row[10], "cumulative_wan": _dec(row[5]),
                                "completion": _dec(row[11])})
    if lagging:
        details = {
            row["project_id"]: row for row in programme.reports(
                month=period.month, project_id__in=[row["id"] for row in lagging])
            .values("project_id", "blockers", "help_requested",
                    *(f"project__{name}" for name in _PROJECT_FIELDS if name != "id"))
        }
        for row in lagging:
            row.update({key.removeprefix("project__"): value
                        for key, value in details[row["id"]].items() if key != "project_id"})
    return groups, lagging


def group_totals(programme: Programme, *, period: Period, yellow_band: Decimal,
                 reported: dict[GroupKey, dict] | None = None) -> list[GroupRow]:
    """The month's totals per domain × district × industrial group.

    The month's reports are summed from the report side (``month_figures``; pass its groups
    as ``reported`` to reuse them), the projects, their plans and 三个一批 events from the
    project side; a project without a report is counted from the difference.
    """
    if reported is None:
        reported, _ = month_figures(programme, period=period, yellow_band=yellow_band,
                                    lagging_limit=0)
    result = []
    for row in (
        programme.projects.values("domain_id", "district_id", "is_industrial")
        .annotate(
            n_projects=Count("id"),
            planned=Sum("annual_plan_wan"),
            n_under_way=Count("id", filter=event_condition("under_way", period)),
            n_signed=Count("id", filter=event_condition("signed", period)),
            n_started=Count("id", filter=event_condition("started", period)),
            n_in_production=Count("id", filter=event_condition("in_production", period)),
        )
        .order_by()
    ):
        month = reported.get((row["domain_id"], row["district_id"], row["is_industrial"]), {})
        n_reported = month.get("n_reported", 0)
        planned = _dec(row["planned"])
        result.append(GroupRow(
            domain_id=row["domain_id"], district_id=row["district_id"],
            is_industrial=row["is_industrial"],
            totals=Totals(
                projects=row["n_projects"], planned_wan=planned,
                reported=n_reported, cumulative_wan=_dec(month.get("cumulative")),
                green=month.get("n_green", 0), yellow=month.get("n_yellow", 0),
                red=month.get("n_red", 0), missing=row["n_projects"] - n_reported,
                under_way=row["n_under_way"], signed=row["n_signed"],
                started=row["n_started"], in_production=row["n_in_production"],
                planned_of_missing_wan=planned - _dec(month.get("planned_reported")),
            ),
        ))
    return result


def _dec(value) -> Decimal:
    if value is None:
        return ZERO
    return value if isinstance(value, Decimal) else Decimal(str(value))


def lagging_projects(programme: Programme, *, period: Period, yellow_band: Decimal,
                     limit: int = 20) -> list[dict]:
    """Projects red by lag, furthest behind first, at most ``limit`` (see month_figures)."""
    if limit <= 0:
        return []
    return month_figures(programme, period=period, yellow_band=yellow_band,
                         lagging_limit=limit)[1]


def missing_reports(programme: Programme, *, period: Period, limit: int = 20) -> list[dict]:
    """One query: projects without a report for the month, largest planned amount first
    (``rankings.missing_order_key``)."""
    if limit <= 0:
        return []
    has_report = MonthlyReport.objects.filter(project=OuterRef("pk"), month=period.month)
    return list(
        programme.projects.filter(~Exists(has_report))
        .order_by("-annual_plan_wan", "id")
        .values(*_PROJECT_FIELDS)[:limit]
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


def monthly_curve(programme: Programme, *, period: Period) -> dict[int, dict]:
    """One query: per month up to ``period``, the reported cumulative (all, industrial).

    It reads every report of the year so far, M times the rows of the month's figures, so
    the dashboard page loads it after the page (``views.curve``), not with it.
    """
    rows = (
        programme.reports(month__lte=period.month)
        .values("month")
        .annotate(cumulative=Sum("cumulative_wan"),
                  industrial=Sum("cumulative_wan", filter=Q(project__is_industrial=True)),
                  reported=Count("id"))
        .order_by("month")
    )
    return {row["month"]: {"cumulative": _dec(row["cumulative"]),
                           "industrial": _dec(row["industrial"]), "reported": row["reported"]}
            for row in rows}


def planned_total(programme: Programme) -> Decimal:
    return _dec(programme.projects.aggregate(total=Sum("annual_plan_wan"))["total"])


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
    for row in IndicatorActual.objects.filter(indicator__plan=plan).order_by().values_list(
            "indicator_id", "month", "value"):
        result.setdefault(row[0], {})[row[1]] = row[2]
    return result


def milestone_curve(programme: Programme, *, year: int) -> dict[str, dict[int, int]]:
    """Three small queries: 三个一批 events per month of ``year`` (signed, started, produced)."""
    result = {}
    for key, field in (("signed", "actual_signed_on"), ("started", "actual_started_on"),
                       ("in_production", "actual_in_production_on")):
        rows = (programme.projects.filter(**{f"{field}__year": year})
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
                  domain: Domain | None = None, lagging_limit: int = 20,
                  with_curve: bool = False, with_history: bool = False):
    """The dashboard of ``plan`` at ``period`` as ``user`` may see it.

    A fixed number of queries (about ten), whatever the number of projects. Targets are
    judged only on a city-wide view with no district or domain narrowing. ``with_curve`` adds
    the month-by-month curve and ``with_history`` the indicators' monthly history (both read
    every month's reports, so pages fetch them separately).
    """
    from tuijin.progress.dashboard import IndicatorInput, Ref, dashboard_build
    from tuijin.progress.targets import TargetSpec

    programme = programme_for(user, plan=plan, district=district, domain=domain)
    reported, lagging = month_figures(programme, period=period, yellow_band=plan.yellow_band,
                                      lagging_limit=lagging_limit)
    rows = group_totals(programme, period=period, yellow_band=plan.yellow_band,
                        reported=reported)
    missing_count = sum(row.totals.missing for row in rows)
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
    with_history = with_history and with_targets
    curve = monthly_curve(programme, period=period) if with_curve or with_history else None
    return dashboard_build(
        plan_slug=plan.slug, plan_name=plan.name, period=period,
        yellow_band=plan.yellow_band, approx_tolerance=plan.approx_tolerance, rows=rows,
        domains=domain_refs, districts=district_refs, indicators=indicators,
        lagging=lagging,
        missing=missing_reports(programme, period=period, limit=lagging_limit)
        if missing_count else [],
        curve=curve,
        milestones=milestone_curve(programme, year=plan.year) if with_history else {},
        with_targets=with_targets,
    )


def latest_reported_month(programme: Programme) -> int | None:
    return programme.reports().aggregate(m=Max("month"))["m"]
