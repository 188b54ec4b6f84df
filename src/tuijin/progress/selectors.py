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
    BooleanField,
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    FloatField,
    Max,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, NullIf, RowNumber

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


@dataclass
class MonthFigures:
    rows: list[GroupRow]
    lagging: list[dict]  # red by lag, furthest behind first
    missing: list[dict]  # no report for the month, largest planned amount first


_EVENTS = ("under_way", "signed", "started", "in_production")


def month_figures(programme: Programme, *, period: Period, yellow_band: Decimal,
                  limit: int = 20) -> MonthFigures:
    """Every figure of the month per domain × district × industrial group, the lagging list
    and the missing-report list, in a fixed number of queries.

    Two strategies give the same result; the faster one for the database is used (measured
    with bench/dashboard_bench.py). SQLite reads the month once into a materialised join
    (``month_figures_in_one_statement``). PostgreSQL cannot run a query over a materialised
    CTE in parallel, while plain joins each run on parallel workers: at 600,000 projects
    two passes (``month_figures_in_passes``) take well under half the time of the single
    statement.
    """
    if connection.vendor == "postgresql":
        return month_figures_in_passes(programme, period=period, yellow_band=yellow_band,
                                       limit=limit)
    return month_figures_in_one_statement(programme, period=period, yellow_band=yellow_band,
                                          limit=limit)


def month_figures_in_passes(programme: Programme, *, period: Period, yellow_band: Decimal,
                            limit: int = 20) -> MonthFigures:
    """Two queries, each a plain join the database can run in parallel, then one small query
    for the details of the listed projects:

    - the group figures: projects left-joined to their month's report;
    - the lagging and the missing lists together: the same join kept to the red and the
      unreported projects, numbered in each list by ``rankings.lagging_order_key`` (a
      missing project's completion counts as 0, so its list runs by
      ``rankings.missing_order_key``), the first ``limit`` of each.

    Neither reads a report's row: the month's cumulative is in the report index
    (``report_month_project_cum``), so the month is read from the index alone. The second
    query is skipped when nothing is red and nothing is missing.
    """
    green, _, red = _light_conditions(period, yellow_band)
    # Green, yellow and red split the reported projects (the yellow floor is at most the
    # green one and plans are not negative, both held by check constraints), so two
    # comparisons per project count all three: yellow = not red - green.
    yellow_from = light_bounds(period=period, yellow_band=yellow_band).yellow_from
    not_red = Q(rep__cumulative_wan__gte=F("annual_plan_wan") * Value(yellow_from,
                                                                      output_field=MONEY))
    # The report's cumulative, never null, stands for the report (rep.id is not in the index).
    unreported = Q(rep__cumulative_wan__isnull=True)
    rows = []
    for row in (
        _with_month_report(programme.projects, period)
        .values("domain_id", "district_id", "is_industrial")
        .annotate(
            n_projects=Count("id"),
            planned=Sum("annual_plan_wan"),
            n_reported=Count("rep__cumulative_wan"),
            cumulative=Sum("rep__cumulative_wan"),
            n_green=Count("id", filter=green),
            n_not_red=Count("id", filter=not_red),
            planned_missing=Sum("annual_plan_wan", filter=unreported),
            **{f"n_{name}": Count("id", filter=event_condition(name, period))
               for name in _EVENTS},
        )
        .order_by()
    ):
        rows.append(GroupRow(
            domain_id=row["domain_id"], district_id=row["district_id"],
            is_industrial=row["is_industrial"],
            totals=Totals(
                projects=row["n_projects"], planned_wan=_dec(row["planned"]),
                reported=row["n_reported"], cumulative_wan=_dec(row["cumulative"]),
                planned_of_missing_wan=_dec(row["planned_missing"]),
                green=row["n_green"], yellow=row["n_not_red"] - row["n_green"],
                red=row["n_reported"] - row["n_not_red"],
                missing=row["n_projects"] - row["n_reported"],
                **{name: row[f"n_{name}"] for name in _EVENTS},
            ),
        ))
    lagging: list[dict] = []
    missing: list[dict] = []
    if limit > 0 and sum(row.totals.red + row.totals.missing for row in rows):
        # As a float: SQLite would divide two whole-number amounts as integers.
        completion = Coalesce(Cast("rep__cumulative_wan", FloatField())
                              / NullIf(Cast("annual_plan_wan", FloatField()), Value(0.0)),
                              Value(0.0))
        is_missing = ExpressionWrapper(unreported, output_field=BooleanField())
        for pk, cumulative, share, listed_missing in (
            _with_month_report(programme.projects, period)
            .filter(unreported | red)
            .annotate(completion=completion, listed_missing=is_missing)
            .annotate(place=Window(RowNumber(), partition_by=[F("listed_missing")],
                                   order_by=[F("completion").asc(),
                                             F("annual_plan_wan").desc(), F("id").asc()]))
            .filter(place__lte=limit)
            .order_by("listed_missing", "place")
            .values_list("id", "rep__cumulative_wan", "completion", "listed_missing")
        ):
            if listed_missing:
                missing.append({"id": pk})
            else:
                lagging.append({"id": pk, "cumulative_wan": _dec(cumulative),
                                "completion": _share(share)})
    _add_details(lagging + missing, period=period)
    return MonthFigures(rows=rows, lagging=lagging, missing=missing)


def month_figures_in_one_statement(programme: Programme, *, period: Period,
                                   yellow_band: Decimal, limit: int = 20) -> MonthFigures:
    """One statement: every figure of the month per domain × district × industrial group,
    the lagging list and the missing-report list; then one small query for the details of
    the at most 2 × ``limit`` projects listed.

    The projects in scope joined to their report of the month (``j``) are read once into a
    materialised CTE; the group sums, the lagging list and the missing list all read it. The
    reports are therefore read once, as the bare aggregate any dashboard needs does
    (bench/dashboard_bench.py), instead of once per figure. The bounds come from
    ``lights.light_bounds`` (cumulative ≥ share × plan, so nothing planned is green); the
    orders are ``rankings.lagging_order_key`` and
    ``rankings.missing_order_key``. A project without a report counts as missing, never as a
    zero cumulative.
    """
    one = Value(1)
    events = {f"e_{name}": Case(When(event_condition(name, period), then=one), default=Value(0))
              for name in _EVENTS}
    try:
        joined_sql, joined_params = (
            _with_month_report(programme.projects, period).order_by()
            .values(p_id=F("id"), p_domain=F("domain_id"), p_district=F("district_id"),
                    p_industrial=F("is_industrial"), p_planned=F("annual_plan_wan"),
                    **events, p_cumulative=F("rep__cumulative_wan"))
            .query.sql_with_params()
        )
    except EmptyResultSet:  # an empty scope: nothing to read
        return MonthFigures([], [], [])
    bounds = light_bounds(period=period, yellow_band=yellow_band)
    green, yellow = bounds.green_from, bounds.yellow_from
    sql = f"""
        WITH j (id, domain_id, district_id, is_industrial, planned, under_way, signed,
                started, in_production, cumulative) AS MATERIALIZED ({joined_sql})
        SELECT 0, domain_id, district_id, is_industrial, COUNT(*), SUM(planned),
               COUNT(cumulative), SUM(cumulative),
               SUM(CASE WHEN cumulative IS NULL THEN planned ELSE 0 END),
               SUM(CASE WHEN cumulative >= planned * %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN cumulative < planned * %s AND cumulative >= planned * %s
                   THEN 1 ELSE 0 END),
               SUM(CASE WHEN cumulative < planned * %s THEN 1 ELSE 0 END),
               SUM(under_way), SUM(signed), SUM(started), SUM(in_production),
               CAST(NULL AS BIGINT), CAST(NULL AS NUMERIC)
        FROM j GROUP BY domain_id, district_id, is_industrial
        UNION ALL
        SELECT * FROM (
            SELECT 1, {_KEY_NULLS}, planned, {_nulls(1)}, cumulative, {_nulls(8)},
                   id, CASE WHEN planned = 0 THEN 0 ELSE cumulative * 1.0 / planned END
            FROM j WHERE cumulative < planned * %s
            ORDER BY 18, planned DESC, id LIMIT %s
        ) lagging
        UNION ALL
        SELECT * FROM (
            SELECT 2, {_KEY_NULLS}, planned, {_nulls(10)}, id, CAST(NULL AS NUMERIC)
            FROM j WHERE cumulative IS NULL
            ORDER BY planned DESC, id LIMIT %s
        ) missing
    """
    params = [*joined_params, green, green, yellow, yellow, yellow, limit, limit]
    rows: list[GroupRow] = []
    lagging: list[dict] = []
    missing: list[dict] = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            if row[0] == 0:
                n_projects, n_reported = int(row[4]), int(row[6])
                rows.append(GroupRow(
                    domain_id=row[1], district_id=row[2], is_industrial=bool(row[3]),
                    totals=Totals(
                        projects=n_projects, planned_wan=_dec(row[5]), reported=n_reported,
                        cumulative_wan=_dec(row[7]), planned_of_missing_wan=_dec(row[8]),
                        green=int(row[9]), yellow=int(row[10]), red=int(row[11]),
                        missing=n_projects - n_reported, under_way=int(row[12]),
                        signed=int(row[13]), started=int(row[14]),
                        in_production=int(row[15]),
                    ),
                ))
            elif row[0] == 1:
                lagging.append({"id": row[16], "cumulative_wan": _dec(row[7]),
                                "completion": _share(row[17])})
            else:
                missing.append({"id": row[16]})
    _add_details(lagging + missing, period=period)
    return MonthFigures(rows=rows, lagging=lagging, missing=missing)


# Typed NULLs where a UNION branch has no group key (PostgreSQL matches types by position).
_KEY_NULLS = ("CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BOOLEAN), "
              "CAST(NULL AS BIGINT)")


def _nulls(count: int) -> str:
    return ", ".join(["CAST(NULL AS BIGINT)"] * count)


def _add_details(rows: list[dict], *, period: Period) -> None:
    """One query: names, owners, places and the month's blockers of the listed projects."""
    if not rows:
        return
    details = {
        row["id"]: row for row in _with_month_report(
            Project.objects.filter(pk__in=[row["id"] for row in rows]), period)
        .values(*_PROJECT_FIELDS, "rep__blockers", "rep__help_requested")
    }
    for row in rows:
        found = details[row["id"]]
        row.update({key: value for key, value in found.items() if not key.startswith("rep__")})
        row["blockers"] = found["rep__blockers"] or ""
        row["help_requested"] = found["rep__help_requested"] or ""


def group_totals(programme: Programme, *, period: Period, yellow_band: Decimal
                 ) -> list[GroupRow]:
    """The month's totals per domain × district × industrial group (see month_figures)."""
    return month_figures(programme, period=period, yellow_band=yellow_band, limit=0).rows


def _share(value) -> Decimal:
    """A completion share to six places, whatever arithmetic the database used."""
    return _dec(value).quantize(Decimal("0.000001"))


def _dec(value) -> Decimal:
    """A database number as a Decimal. SQLite hands back sums of NUMERIC columns as floats;
    they are rounded to 1e-6 (a hundredth of a yuan on 万元, finer than any figure shown)
    so that float noise such as 14431008.909999998 does not reach the pages."""
    if value is None:
        return ZERO
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value)).quantize(Decimal("0.000001")).normalize()
    return Decimal(value)


def lagging_projects(programme: Programme, *, period: Period, yellow_band: Decimal,
                     limit: int = 20) -> list[dict]:
    """Projects red by lag, furthest behind first, at most ``limit`` (see month_figures)."""
    return month_figures(programme, period=period, yellow_band=yellow_band,
                         limit=limit).lagging


def missing_reports(programme: Programme, *, period: Period, yellow_band: Decimal,
                    limit: int = 20) -> list[dict]:
    """Projects without a report for the month, largest planned amount first."""
    return month_figures(programme, period=period, yellow_band=yellow_band,
                         limit=limit).missing


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
    figures = month_figures(programme, period=period, yellow_band=plan.yellow_band,
                            limit=lagging_limit)
    rows = figures.rows
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
        lagging=figures.lagging, missing=figures.missing,
        curve=curve,
        milestones=milestone_curve(programme, year=plan.year) if with_history else {},
        with_targets=with_targets,
    )


def latest_reported_month(programme: Programme) -> int | None:
    return programme.reports().aggregate(m=Max("month"))["m"]
