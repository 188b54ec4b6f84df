"""dashboard_build on plain data: no database."""

from decimal import Decimal as D

from tuijin.core.periods import Period
from tuijin.progress.completion import Totals
from tuijin.progress.dashboard import IndicatorInput, Ref, dashboard_as_dict, dashboard_build
from tuijin.progress.lights import Light, LightScheme
from tuijin.progress.selectors import GroupRow
from tuijin.progress.targets import Status, TargetSpec

JUNE = Period(2023, 6)
DOMAINS = [Ref(1, "innovation", "创新驱动及新基建", 1), Ref(2, "manufacturing", "先进制造业", 2)]
DISTRICTS = [Ref(10, "410202", "龙亭", "410202"), Ref(11, "410221", "杞县", "410221")]
INVESTMENT = IndicatorInput(
    code="annual-investment", name="年度完成投资", unit="亿元", source="investment", owner="",
    targets=(TargetSpec("gte", D(3000), commitment="must", unit="亿元"),))


def build(rows, indicators=(INVESTMENT,), with_targets=True, curve=None):
    return dashboard_build(
        plan_slug="kaifeng-2023", plan_name="计划", period=JUNE, scheme=LightScheme(),
        yellow_band=D("0.10"),
        approx_tolerance=D("0.10"), rows=rows, domains=DOMAINS, districts=DISTRICTS,
        indicators=list(indicators), lagging=[], missing=[], curve=curve, milestones={},
        with_targets=with_targets)


def row(domain, district, industrial, **totals):
    return GroupRow(domain, district, industrial, Totals(**totals))


ROWS = [
    row(1, 10, False, projects=2, planned_wan=D(1000), reported=2, cumulative_wan=D(500),
        green=2),
    row(2, 10, True, projects=1, planned_wan=D(1000), reported=1, cumulative_wan=D(500),
        green=1),
    row(2, 11, True, projects=2, planned_wan=D(2000), reported=1, cumulative_wan=D(200),
        red=1, missing=1),
]


def test_totals_roll_up_by_domain_district_and_industrial():
    d = build(ROWS)
    assert d.total.totals.completion == D("0.3")
    assert d.industrial.totals.cumulative_wan == D(700)
    assert d.non_industrial.totals.completion == D("0.5")
    assert d.lights == {"green": 3, "yellow": 0, "red": 1, "missing": 1}


def test_domains_and_districts_are_ranked_with_lights():
    d = build(ROWS)
    assert [(line.rank, line.ref.code) for line in d.by_domain] == [
        (1, "innovation"), (2, "manufacturing")]
    assert [(line.rank, line.ref.code, line.light.light) for line in d.by_district] == [
        (1, "410202", Light.GREEN), (2, "410221", Light.RED)]


def test_investment_headline_is_judged_in_the_targets_unit():
    d = build([row(1, 10, False, projects=1, planned_wan=D(30_000_000), reported=1,
                   cumulative_wan=D(15_000_000))])
    investment = d.headline[1]
    assert investment.actual == D(1500) and investment.unit == "亿元"
    assert investment.status.status == Status.ON_TRACK


def test_district_view_shows_the_city_target_without_a_verdict():
    d = build(ROWS, with_targets=False)
    assert d.headline[1].target is not None and d.headline[1].status is None
    assert d.indicators == []


def test_empty_programme_is_no_data_everywhere():
    d = build([])
    assert d.is_empty and d.total.light.light == Light.NONE
    assert all(line.rank is None for line in d.by_domain)
    data = dashboard_as_dict(d)
    assert data["total"]["completion"] is None and data["by_district"] == []


def test_curve_only_when_asked_for():
    assert build(ROWS).curve == []
    curve = build(ROWS, curve={5: {"cumulative": D(100), "industrial": D(0), "reported": 1}})
    assert [p["completion"] for p in curve.curve] == [None, None, None, None, D("0.025"), None]
