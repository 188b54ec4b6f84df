"""The city (or district, or domain) dashboard as one plain data object.

``dashboard_build`` is pure: it takes the grouped rows of the aggregate queries and plain
descriptions of the plan and returns every figure the pages, the JSON command and the
bulletin show. ``dashboard_for`` runs the queries (a fixed number, whatever the number of
projects) inside the user's scope and calls it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from tuijin.core.money import wan_to
from tuijin.core.periods import Period
from tuijin.progress.completion import Totals, totals_by, totals_sum
from tuijin.progress.forecast import Forecast, forecast_year_end
from tuijin.progress.lights import DEFAULT_SCHEME, LightScheme, LightVerdict, light_for
from tuijin.progress.rankings import Ranked, rank_by_rate
from tuijin.progress.targets import TargetSpec, TargetStatus, target_status

MONEY_UNITS = ("元", "万元", "亿元")
# Indicator sources computed from the project programme, in headline order (DESIGN.md §2).
HEADLINE_SOURCES = ("project_count", "investment", "industrial_investment")
CAMPAIGN_SOURCES = ("signed", "started", "in_production")
CUMULATIVE_SOURCES = ("investment", "industrial_investment", *CAMPAIGN_SOURCES)


def source_labels() -> dict[str, str]:
    return {
        "project_count": _("Projects under way"),
        "investment": _("Investment completed"),
        "industrial_investment": _("Industrial investment completed"),
        "signed": _("Newly signed"),
        "started": _("Newly started"),
        "in_production": _("Newly in production"),
    }


@dataclass(frozen=True)
class Ref:
    """A domain or a district, as the dashboard names it."""

    id: int
    code: str
    name: str
    order: object = 0


@dataclass(frozen=True)
class IndicatorInput:
    code: str
    name: str
    unit: str
    source: str
    owner: str
    targets: tuple[TargetSpec, ...]
    actuals: dict[int, Decimal] = field(default_factory=dict)  # manual: month → value


@dataclass
class GroupLine:
    ref: Ref
    totals: Totals
    light: LightVerdict
    forecast: Forecast
    rank: int | None = None


@dataclass
class HeadlineItem:
    source: str
    label: str
    actual: Decimal
    unit: str
    target: TargetSpec | None = None
    status: TargetStatus | None = None
    link: str = ""


@dataclass
class IndicatorLine:
    code: str
    name: str
    unit: str
    source: str
    owner: str
    actual: Decimal | None
    targets: list[tuple[TargetSpec, TargetStatus]]
    history: dict[int, Decimal]


@dataclass
class Dashboard:
    plan_slug: str
    plan_name: str
    period: Period
    yellow_band: Decimal
    approx_tolerance: Decimal
    total: GroupLine
    industrial: GroupLine
    non_industrial: GroupLine
    by_domain: list[GroupLine]
    by_district: list[GroupLine]
    headline: list[HeadlineItem]
    campaign: list[HeadlineItem]
    indicators: list[IndicatorLine]
    lagging: list[dict]
    missing: list[dict]
    curve: list[dict]
    scheme: LightScheme = DEFAULT_SCHEME

    @property
    def time_progress(self) -> Decimal:
        return self.period.time_progress

    @property
    def is_empty(self) -> bool:
        return self.total.totals.projects == 0

    @property
    def has_reports(self) -> bool:
        return self.total.totals.reported > 0

    @property
    def lights(self) -> dict[str, int]:
        t = self.total.totals
        return {"green": t.green, "yellow": t.yellow, "red": t.red, "missing": t.missing}


def _line(ref: Ref, totals: Totals, *, period: Period, scheme: LightScheme,
          yellow_band: Decimal) -> GroupLine:
    completion = totals.completion
    return GroupLine(
        ref=ref, totals=totals,
        light=light_for(completion=completion, period=period, scheme=scheme),
        forecast=forecast_year_end(
            cumulative_wan=totals.cumulative_wan if totals.reported else None,
            planned_wan=totals.planned_wan, month=period.month, yellow_band=yellow_band),
    )


def _ranked(lines: list[GroupLine]) -> list[GroupLine]:
    ranking: list[Ranked[GroupLine]] = rank_by_rate(
        lines, rate=lambda line: line.totals.completion, tie_key=lambda line: line.ref.order)
    for entry in ranking:
        entry.item.rank = entry.rank
    return [entry.item for entry in ranking]


def _in_unit(amount_wan: Decimal, unit: str) -> Decimal:
    return wan_to(amount_wan, unit) if unit in MONEY_UNITS else amount_wan


def computed_actual(source: str, totals: Totals) -> Decimal:
    """The programme figure an indicator of a computed source reads, in 万元 or a count."""
    return {
        "project_count": Decimal(totals.under_way),
        "investment": totals.cumulative_wan,
        "signed": Decimal(totals.signed),
        "started": Decimal(totals.started),
        "in_production": Decimal(totals.in_production),
    }[source]


def dashboard_build(*, plan_slug: str, plan_name: str, period: Period, scheme: LightScheme,
                    yellow_band: Decimal, approx_tolerance: Decimal, rows: list, domains: list[Ref],
                    districts: list[Ref], indicators: list[IndicatorInput],
                    lagging: list[dict], missing: list[dict], curve: dict[int, dict] | None,
                    milestones: dict[str, dict[int, int]], with_targets: bool = True
                    ) -> Dashboard:
    """Every figure of a dashboard from the aggregate rows (see ``selectors.group_totals``).

    ``with_targets`` False (a district's dashboard) shows the figures without judging them
    against the city's targets, which are set for the whole city. Lights follow ``scheme``;
    the targets' floor and the forecast's margin stay the plan's ``yellow_band``.
    """
    def line(ref, totals):
        return _line(ref, totals, period=period, scheme=scheme, yellow_band=yellow_band)

    by_domain_totals = totals_by((row.domain_id, row.totals) for row in rows)
    by_district_totals = totals_by((row.district_id, row.totals) for row in rows)
    total = totals_sum(row.totals for row in rows)
    industrial = totals_sum(row.totals for row in rows if row.is_industrial)
    non_industrial = totals_sum(row.totals for row in rows if not row.is_industrial)

    by_domain = _ranked([line(ref, by_domain_totals.get(ref.id, Totals())) for ref in domains])
    shown_districts = [ref for ref in districts if ref.id in by_district_totals]
    by_district = _ranked([line(ref, by_district_totals[ref.id]) for ref in shown_districts])

    labels = source_labels()
    industrial_totals = Totals(cumulative_wan=industrial.cumulative_wan)

    def figure(source: str) -> Decimal:
        if source == "industrial_investment":
            return industrial_totals.cumulative_wan
        return computed_actual(source, total)

    targets_by_source = {ind.source: ind for ind in indicators if ind.source != "manual"}

    def headline_item(source: str) -> HeadlineItem:
        indicator = targets_by_source.get(source)
        target = indicator.targets[0] if indicator and indicator.targets else None
        unit = (target.unit if target and target.unit else
                (indicator.unit if indicator else ("万元" if "investment" in source else "")))
        actual = _in_unit(figure(source), unit) if "investment" in source else figure(source)
        status = None
        if target and with_targets:
            status = target_status(target=target, actual=actual, period=period,
                                   yellow_band=yellow_band, approx_tolerance=approx_tolerance)
        return HeadlineItem(source=source, label=labels[source], actual=actual, unit=unit,
                            target=target, status=status)

    headline = [headline_item(source) for source in HEADLINE_SOURCES]
    campaign = [headline_item(source) for source in CAMPAIGN_SOURCES]

    indicator_lines = []
    if with_targets:
        for ind in indicators:
            history = _indicator_history(ind, curve=curve or {}, milestones=milestones,
                                         period=period)
            if ind.source == "manual":
                known = [m for m in ind.actuals if m <= period.month]
                actual = ind.actuals[max(known)] if known else None
            else:
                actual = _in_unit(figure(ind.source), ind.unit) if "investment" in ind.source \
                    else figure(ind.source)
            indicator_lines.append(IndicatorLine(
                code=ind.code, name=ind.name, unit=ind.unit, source=ind.source,
                owner=ind.owner, actual=actual, history=history,
                targets=[(t, target_status(target=t, actual=actual, period=period,
                                           yellow_band=yellow_band,
                                           approx_tolerance=approx_tolerance))
                         for t in ind.targets],
            ))

    planned = total.planned_wan
    curve_lines = []
    for month in range(1, period.month + 1 if curve is not None else 1):
        point = curve.get(month) if curve else None
        cumulative = point["cumulative"] if point else None
        curve_lines.append({
            "month": month,
            "time_progress": Period(period.year, month).time_progress,
            "cumulative_wan": cumulative,
            "completion": cumulative / planned if cumulative is not None and planned else None,
            "reported": point["reported"] if point else 0,
        })

    return Dashboard(
        plan_slug=plan_slug, plan_name=plan_name, period=period, yellow_band=yellow_band,
        approx_tolerance=approx_tolerance,
        total=line(Ref(0, "", _("Whole programme")), total),
        industrial=line(Ref(1, "1", _("Industrial projects")), industrial),
        non_industrial=line(Ref(2, "0", _("Other projects")), non_industrial),
        by_domain=by_domain, by_district=by_district, headline=headline, campaign=campaign,
        indicators=indicator_lines, lagging=lagging, missing=missing, curve=curve_lines,
        scheme=scheme,
    )


def _indicator_history(ind: IndicatorInput, *, curve, milestones, period) -> dict[int, Decimal]:
    months = range(1, period.month + 1)
    if ind.source == "manual":
        return {m: v for m, v in sorted(ind.actuals.items()) if m <= period.month}
    if ind.source in ("investment", "industrial_investment"):
        key = "cumulative" if ind.source == "investment" else "industrial"
        return {m: _in_unit(curve[m][key], ind.unit) for m in months if m in curve}
    if ind.source in CAMPAIGN_SOURCES:
        running, history = 0, {}
        for m in months:
            running += milestones.get(ind.source, {}).get(m, 0)
            history[m] = Decimal(running)
        return history
    return {}



def _plain(value):
    if isinstance(value, Decimal):
        return f"{value.quantize(Decimal('0.0001')).normalize():f}" if value else "0"
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _totals_dict(line: GroupLine) -> dict:
    t = line.totals
    return _plain({
        "code": line.ref.code, "name": line.ref.name, "rank": line.rank,
        "projects": t.projects, "planned_wan": t.planned_wan, "reported": t.reported,
        "missing": t.missing, "cumulative_wan": t.cumulative_wan, "completion": t.completion,
        "light": str(line.light.light), "light_rule": line.light.rule,
        "lights": {"green": t.green, "yellow": t.yellow, "red": t.red, "missing": t.missing},
        "forecast_year_end_wan": line.forecast.year_end_wan,
        "forecast_at_risk": line.forecast.is_at_risk,
    })


def _status_dict(status: TargetStatus | None) -> dict | None:
    if status is None:
        return None
    return _plain({"status": str(status.status), "light": str(status.light),
                   "goal": status.goal, "expected_now": status.expected_now,
                   "explanation": status.explanation, "above_band": status.is_above_band})


def _target_dict(target: TargetSpec | None) -> dict | None:
    if target is None:
        return None
    return _plain({"comparator": target.comparator, "value": target.value,
                   "unit": target.unit, "commitment": target.commitment,
                   "basis": target.basis, "wording": target.wording})


def dashboard_as_dict(d: Dashboard) -> dict:
    """Every figure of the dashboard as JSON-ready data (Decimals as strings)."""
    def item(h: HeadlineItem) -> dict:
        return _plain({"source": h.source, "label": h.label, "actual": h.actual,
                       "unit": h.unit, "target": _target_dict(h.target),
                       "status": _status_dict(h.status)})

    return _plain({
        "plan": d.plan_slug, "month": str(d.period), "time_progress": d.time_progress,
        "yellow_band": d.yellow_band,
        "light_scheme": {"kind": d.scheme.kind.value, "green_band": d.scheme.green_band,
                         "yellow_band": d.scheme.yellow_band,
                         "ratio_yellow_below": d.scheme.ratio_yellow_below,
                         "ratio_red_below": d.scheme.ratio_red_below},
        "headline": [item(h) for h in d.headline],
        "three_batches": [item(h) for h in d.campaign],
        "total": _totals_dict(d.total),
        "industrial": _totals_dict(d.industrial),
        "non_industrial": _totals_dict(d.non_industrial),
        "lights": d.lights,
        "by_domain": [_totals_dict(line) for line in d.by_domain],
        "by_district": [_totals_dict(line) for line in d.by_district],
        "rankings": {
            "domains": [{"rank": line.rank, "code": line.ref.code,
                         "completion": line.totals.completion} for line in d.by_domain],
            "districts": [{"rank": line.rank, "code": line.ref.code,
                           "completion": line.totals.completion} for line in d.by_district],
        },
        "targets": [
            {"indicator": ind.code, "name": ind.name, "unit": ind.unit, "source": ind.source,
             "actual": ind.actual,
             "targets": [{"target": _target_dict(t), "status": _status_dict(s)}
                         for t, s in ind.targets]}
            for ind in d.indicators
        ],
        "lagging": [
            {"id": row["id"], "name": row["name"], "code": row["code"],
             "district": row["district__code"], "domain": row["domain__code"],
             "owner": row["owner__name"], "planned_wan": row["annual_plan_wan"],
             "cumulative_wan": row["cumulative_wan"], "completion": row["completion"],
             "blockers": row["blockers"] or "",
             "help_requested": row["help_requested"] or ""}
            for row in d.lagging
        ],
        "missing_reports": [
            {"id": row["id"], "name": row["name"], "code": row["code"],
             "district": row["district__code"], "domain": row["domain__code"],
             "owner": row["owner__name"], "planned_wan": row["annual_plan_wan"]}
            for row in d.missing
        ],
        "curve": d.curve,
    })
