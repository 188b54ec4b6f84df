"""The few aggregate queries behind the progress pages, always inside the reader's scope.

Every query starts from ``scope_for(user).project_filter()`` (STYLE.md §3) and groups in the
database: the number of queries a dashboard issues does not grow with the number of projects,
and the rows it reads back are one per group (domain × district × industrial), not one per
project. The rules themselves (lights, completion) are pure functions in this package; the
light bounds the queries count with come from ``lights.light_bounds``, for the plan's scheme
(``light_scheme_of``).
"""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    Max,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.lookups import GreaterThanOrEqual
from django.http import Http404
from django.utils.translation import gettext as _

from tuijin.accounts.permissions import may_view_district
from tuijin.accounts.scopes import scope_for
from tuijin.core.models import Division, Organisation
from tuijin.core.periods import Period, period_in_year
from tuijin.plans.models import Domain, Indicator, IndicatorActual, Plan
from tuijin.progress.completion import ZERO, Totals
from tuijin.progress.discipline import discipline_table, due_before
from tuijin.progress.forecast import Forecast, forecast_year_end
from tuijin.progress.lights import (
    LightBounds,
    LightScheme,
    LightVerdict,
    Scheme,
    light_bounds,
    lights_by_month,
    project_light,
)
from tuijin.progress.time import default_month, months_offered
from tuijin.projects.cycle import PeriodState
from tuijin.projects.models import MonthlyReport, Project, ReportFiling, ReportingPeriod
from tuijin.projects.selectors import project_list_filtered

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


def _at_least(twelfths: Decimal, *, cumulative: str = "rep__cumulative_wan",
              planned: str = "annual_plan_wan") -> GreaterThanOrEqual:
    """cumulative ≥ (``twelfths`` / 12) × plan, exactly: as cumulative × 12 ≥ plan × twelfths
    (``lights.LightBounds``), since M / 12 has no exact decimal. Nothing planned is at least
    any bound, as in ``lights.project_light``."""
    return GreaterThanOrEqual(
        ExpressionWrapper(F(cumulative) * Value(12), output_field=MONEY),
        ExpressionWrapper(F(planned) * Value(twelfths, output_field=MONEY), output_field=MONEY),
    )


def light_scheme_of(plan: Plan) -> LightScheme:
    """The plan's light scheme and bounds (its settings page), as the pure rule takes them."""
    return LightScheme(kind=Scheme(plan.light_scheme), green_band=plan.green_band,
                       yellow_band=plan.yellow_band, ratio_yellow_below=plan.ratio_yellow_below,
                       ratio_red_below=plan.ratio_red_below)


def _light_conditions(period: Period, scheme: LightScheme) -> tuple[Q, Q, Q]:
    """Green / yellow / red (reported) as WHERE conditions, from ``lights.light_bounds``."""
    bounds = light_bounds(period=period, scheme=scheme)
    green = Q(_at_least(bounds.green_from_twelfths))
    not_red = Q(_at_least(bounds.yellow_from_twelfths))
    return green, not_red & ~green, Q(rep__cumulative_wan__isnull=False) & ~not_red


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


def month_figures(programme: Programme, *, period: Period, scheme: LightScheme,
                  limit: int = 20) -> MonthFigures:
    """Every figure of the month per domain × district × industrial group, the lagging list
    and the missing-report list, in at most four queries:

    - the group figures: the projects left-joined to their month's report, one pass that the
      database runs in parallel. It reads no report's row: the month's cumulative and
      completion are in the report index ``report_month_project_cum``, and the
      lights are counted on the completion (``_reported_at_least``);
    - the lagging list: the first red reports of the month in the order of the index
      ``report_month_completion``: completion, then the largest plan (the report's copy,
      ``MonthlyReport.planned_wan``), then the project (``rankings.lagging_order_key``);
    - the missing list: the projects whose ``reported_months`` lack the month, largest planned
      amount first along ``project_plan_planned`` (``rankings.missing_order_key``);
    - the details of the listed projects.

    The lists are skipped when no group has a red or a missing project. Both lists read
    columns kept by database triggers (projects migrations 0005 to 0011), so they cost a few index
    entries instead of a second pass over every project joined to its report.
    """
    bounds = light_bounds(period=period, scheme=scheme)
    # Green, yellow and red split the reported projects (the yellow floor is at most the
    # green one in either scheme and plans are not negative, both held by check constraints
    # on the plan and the project), so two
    # comparisons per project count all three: yellow = not red - green.
    green = _reported_at_least(bounds.green_from_twelfths)
    not_red = _reported_at_least(bounds.yellow_from_twelfths)
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
    if limit > 0 and any(row.totals.red for row in rows):
        lagging = _lagging(programme, period=period, bounds=bounds, limit=limit)
    if limit > 0 and any(row.totals.missing for row in rows):
        missing = _missing(programme, period=period, limit=limit)
    _add_details(lagging + missing, period=period)
    return MonthFigures(rows=rows, lagging=lagging, missing=missing)


# Wider than any rounding of a float completion near a bound (at most a few 1e-16 of it).
_FLOAT_MARGIN = 1e-9


def _reported_at_least(twelfths: Decimal) -> Q:
    """Projects whose month's report has cumulative ≥ (``twelfths`` / 12) × annual plan,
    exactly (``_at_least``).

    Decided on the report's ``completion`` (a float kept by the database) wherever it is
    clearly above or below that share; the exact amounts are multiplied only for a completion
    within ``_FLOAT_MARGIN`` of it, so the count is exact while the month is read from the
    ``report_month_project_cum`` index alone, with no decimal arithmetic per project. Nothing
    planned (completion NULL) is at least any share, as in ``lights.project_light``.
    """
    share = float(twelfths) / 12
    low, high = share - _FLOAT_MARGIN, share + _FLOAT_MARGIN
    return Q(rep__cumulative_wan__isnull=False) & (
        Q(rep__completion__isnull=True) | Q(rep__completion__gt=high)
        | (Q(rep__completion__gte=low) & Q(_at_least(twelfths)))
    )


def _lagging(programme: Programme, *, period: Period, bounds: LightBounds,
             limit: int) -> list[dict]:
    """The first ``limit`` red reports of the month, furthest behind first.

    ``completion`` (a float) orders and narrows: a red report's completion is below the red
    bound but, computed in floats, may round a step above it, so the index is read up to the
    bound plus ``_FLOAT_MARGIN``. Whether a report is red is decided on the exact amounts
    (``_at_least``), as the group figures are.
    """
    red = ~Q(_at_least(bounds.yellow_from_twelfths, cumulative="cumulative_wan",
                       planned="project__annual_plan_wan"))
    return [
        {"id": pk, "cumulative_wan": _dec(cumulative), "completion": _share(share)}
        for pk, cumulative, share in (
            programme.reports(month=period.month,
                              completion__lte=float(bounds.yellow_from) + _FLOAT_MARGIN)
            .filter(red)
            .order_by("completion", "-planned_wan", "project_id")  # report_month_completion
            .values_list("project_id", "cumulative_wan", "completion")[:limit]
        )
    ]


def _missing(programme: Programme, *, period: Period, limit: int) -> list[dict]:
    """The first ``limit`` projects with no report for the month, largest plan first."""
    return [
        {"id": pk} for pk in (
            programme.projects
            .alias(month_bit=F("reported_months").bitand(1 << period.month))
            .filter(month_bit=0)
            .order_by("-annual_plan_wan", "id")
            .values_list("id", flat=True)[:limit]
        )
    ]


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


def group_totals(programme: Programme, *, period: Period, scheme: LightScheme
                 ) -> list[GroupRow]:
    """The month's totals per domain × district × industrial group (see month_figures)."""
    return month_figures(programme, period=period, scheme=scheme, limit=0).rows


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


def lagging_projects(programme: Programme, *, period: Period, scheme: LightScheme,
                     limit: int = 20) -> list[dict]:
    """Projects red by lag, furthest behind first, at most ``limit`` (see month_figures)."""
    return month_figures(programme, period=period, scheme=scheme, limit=limit).lagging


def missing_reports(programme: Programme, *, period: Period, scheme: LightScheme,
                    limit: int = 20) -> list[dict]:
    """Projects without a report for the month, largest planned amount first."""
    return month_figures(programme, period=period, scheme=scheme, limit=limit).missing


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


def project_list(projects: QuerySet[Project], *, period: Period, scheme: LightScheme,
                 light: str = "", event: str = "") -> QuerySet[Project]:
    """Projects with their month's cumulative, optionally one light or one headline event
    (for click-through from a dashboard number)."""
    green, yellow, red = _light_conditions(period, scheme)
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
                      by: str, month_only: bool = False) -> list[dict]:
    """One query: per ``by`` (district_id or owner_id), projects and reports received and on
    time for the month and January–month. On time = submitted before the end of the due day
    of its own month (``discipline.due_before``). ``month_only``: the month's counts alone,
    from the month's report of each project (a twelfth of the rows in December)."""
    if month_only:
        report = FilteredRelation("reports", condition=Q(reports__month=period.month))
        on_time = Q(month_report__submitted_at__lt=due_before(period, due_day))
        # One report per project and month (MonthlyReport's unique pair): nothing to dedupe.
        return list(
            projects.alias(month_report=report).values(by)
            .annotate(n_projects=Count("id"),
                      month_received=Count("month_report"),
                      month_on_time=Count("month_report", filter=on_time))
            .order_by())
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
    scheme = light_scheme_of(plan)
    figures = month_figures(programme, period=period, scheme=scheme, limit=lagging_limit)
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
        plan_slug=plan.slug, plan_name=plan.name, period=period, scheme=scheme,
        yellow_band=plan.yellow_band, approx_tolerance=plan.approx_tolerance, rows=rows,
        domains=domain_refs, districts=district_refs, indicators=indicators,
        lagging=figures.lagging, missing=figures.missing,
        curve=curve,
        milestones=milestone_curve(programme, year=plan.year) if with_history else {},
        with_targets=with_targets,
    )


def latest_reported_month(programme: Programme) -> int | None:
    return programme.reports().aggregate(m=Max("month"))["m"]


def month_shown(user, *, plan: Plan, asked: str | None, today: date,
                programme: Programme | None = None) -> Period:
    """The month a progress page or command shows: the one asked for (``?month=``,
    ``--month``), else the latest month with reports in ``programme`` (the user's whole
    programme unless given), else the last finished month (``time.default_month``).

    Raises InputError when the month asked for is not a month of the plan's year.
    """
    if programme is None:
        programme = programme_for(user, plan=plan)  # no query yet: the scope, checked
    period = period_in_year(asked, year=plan.year)
    if period is not None:
        return period
    states = dict(ReportingPeriod.objects.filter(plan=plan).values_list("month", "state"))
    if states:
        locked = [m for m, s in states.items() if s == PeriodState.LOCKED]
        opened = [m for m, s in states.items() if s == PeriodState.OPEN]
        return default_month(year=plan.year, latest_reported=None, today=today,
                             latest_locked=max(locked, default=None),
                             open_month=max(opened, default=None))
    latest = latest_reported_month(programme)
    return default_month(year=plan.year, latest_reported=latest, today=today)


def months_offered_to(user, *, plan: Plan, shown: Period, today: date,
                      programme: Programme | None = None) -> list[Period]:
    """The months the progress pages and the map offer ``user`` (progress.time.months_offered):
    up to the latest month opened for reporting, else up to the latest with reports in
    ``programme`` (the user's whole programme unless given)."""
    if programme is None:
        programme = programme_for(user, plan=plan)
    opened = ReportingPeriod.objects.filter(plan=plan).aggregate(m=Max("month"))["m"]
    return months_offered(year=plan.year, latest_opened=opened,
                          latest_reported=None if opened else latest_reported_month(programme),
                          today=today, shown=shown)


@dataclass(frozen=True)
class MonthStatus:
    """Where the shown month stands in the reporting cycle: 填报中 with its reporting rate
    while open, locked, or outside the cycle (state None)."""

    state: str | None
    reported: int = 0
    projects: int = 0

    @property
    def reporting_rate(self) -> Decimal | None:
        return Decimal(self.reported) / Decimal(self.projects) if self.projects else None


def month_status(user, *, plan: Plan, period: Period) -> MonthStatus:
    scope = scope_for(user)
    state = (ReportingPeriod.objects.filter(plan=plan, month=period.month)
             .values_list("state", flat=True).first())
    if state != PeriodState.OPEN:
        return MonthStatus(state)
    projects = Project.objects.filter(plan=plan).filter(scope.project_filter())
    return MonthStatus(state, reported=MonthlyReport.objects.filter(
        project__in=projects, month=period.month).count(), projects=projects.count())


def district_for_user(user, *, plan: Plan, code: str) -> Division:
    """A district of the plan's region whose dashboard the user may open; 404 otherwise, the
    same for a district that does not exist and one outside the user's scope."""
    division = Division.objects.filter(code=code, parent=plan.region_id).first()
    if division is None or not may_view_district(user, division):
        raise Http404(_("No such district in this plan."))
    return division


def domain_of(plan: Plan, code: str) -> Domain | None:
    return Domain.objects.filter(plan=plan, code=code).first() if code else None


def projects_behind(user, *, plan: Plan, period: Period, domain: str = "", district: str = "",
                    industrial: str = "", light: str = "", event: str = "") -> QuerySet[Project]:
    """The projects behind a dashboard number, in the user's scope: narrowed by domain and
    district code, industrial ("1" or "0"), light and headline event (``project_list``)."""
    queryset = project_list_filtered(projects_in_scope(user, plan=plan), domain=domain,
                                     district=district, industrial=industrial)
    return project_list(queryset, period=period, scheme=light_scheme_of(plan), light=light,
                        event=event)


def with_lights(projects, *, period: Period, scheme: LightScheme
                ) -> list[tuple[Project, LightVerdict]]:
    """Projects of ``project_list`` (a page of them) each with its light for the month."""
    return [(project, project_light(cumulative_wan=project.month_cumulative,
                                    annual_plan_wan=project.annual_plan_wan, period=period,
                                    scheme=scheme))
            for project in projects]


@dataclass(frozen=True)
class ProjectMonth:
    period: Period
    report: MonthlyReport | None
    verdict: LightVerdict


@dataclass(frozen=True)
class ProjectYear:
    """One project's year so far: each month's light with the report that set it, and the
    year-end forecast from its last report (None before the first)."""

    months: list[ProjectMonth]
    forecast: Forecast | None


def project_year(project: Project, *, plan: Plan) -> ProjectYear:
    reports = {report.month: report for report in project_reports(project)}
    lights = lights_by_month(
        cumulatives={month: report.cumulative_wan for month, report in reports.items()},
        annual_plan_wan=project.annual_plan_wan, year=plan.year, scheme=light_scheme_of(plan))
    forecast = None
    if reports:
        last = max(reports)
        forecast = forecast_year_end(cumulative_wan=reports[last].cumulative_wan,
                                     planned_wan=project.annual_plan_wan, month=last,
                                     yellow_band=plan.yellow_band)
    return ProjectYear(months=[ProjectMonth(period=period, report=reports.get(period.month),
                                            verdict=verdict) for period, verdict in lights],
                       forecast=forecast)


def discipline_by(projects: QuerySet[Project], *, plan: Plan, period: Period,
                  by: str, month_only: bool = False) -> list[dict]:
    """Reporting discipline per district (``by="district_id"``, best first) or per owner
    (``by="owner_id"``, worst first), ranked by ``discipline.discipline_table``.
    ``month_only``: the month alone, each row's ``year`` None and the ranking by the month's
    on-time rate (the bulletin's 未按时填报 reads no more; the year costs a scan of every
    report so far)."""
    counts = discipline_counts(projects, period=period, due_day=plan.report_due_day, by=by,
                               month_only=month_only)
    # The groups named through a subquery, not a list of ids: a province has thousands of
    # owners, and as many bound parameters cost more to compile than the query to run.
    ids = projects.order_by().values(by)
    if by == "owner_id":
        names = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))
        codes = {}
    else:
        divisions = Division.objects.filter(pk__in=ids)
        names = {d.pk: d.display_name for d in divisions}
        codes = {d.pk: d.code for d in divisions}
    return discipline_table(counts, key=by, months=period.month, names=names, codes=codes,
                            worst_first=by == "owner_id",
                            returns=return_counts(projects, period=period, by=by,
                                                  month_only=month_only))


def return_counts(projects: QuerySet[Project], *, period: Period, by: str,
                  month_only: bool = False) -> dict:
    """One query: per ``by``, reports submitted and reports returned at least once (退回) in
    the reporting cycle, for the month and January–month (projects.models.FilingEvent);
    ``month_only``: the month's filings alone (the year's counts are then the month's)."""
    in_month = Q(month=period.month)
    submitted, returned = Q(events__action="submit"), Q(events__action="return")
    months = Q(month=period.month) if month_only else Q(month__lte=period.month)
    rows = (ReportFiling.objects.filter(months, project__in=projects)
            .values(f"project__{by}")
            .annotate(month_submitted=Count("id", filter=in_month & submitted, distinct=True),
                      month_returned=Count("id", filter=in_month & returned, distinct=True),
                      year_submitted=Count("id", filter=submitted, distinct=True),
                      year_returned=Count("id", filter=returned, distinct=True))
            .order_by())
    return {row.pop(f"project__{by}"): row for row in rows}


def curve_figures(user, *, plan: Plan, period: Period, district: Division | None = None,
                  domain: Domain | None = None) -> tuple[dict[int, dict], Decimal]:
    """The month-by-month reported cumulative (``monthly_curve``) and the planned total of
    the user's programme, narrowed as the dashboard is."""
    programme = programme_for(user, plan=plan, district=district, domain=domain)
    return monthly_curve(programme, period=period), planned_total(programme)
