"""What the progress charts draw (progress/charts.py): plain data in, chart JSON out, no
database."""

from decimal import Decimal as D
from types import SimpleNamespace

from django.utils.translation import override

from tests.progress.test_dashboard import ROWS, build
from tuijin.core.periods import Period
from tuijin.progress.charts import (
    completion_curve,
    dashboard_chart,
    indicator_charts,
    link_headline,
    month_label,
    project_chart,
)
from tuijin.progress.lights import LightScheme, lights_by_month
from tuijin.progress.targets import TargetSpec

PROJECTS = "/progress/kaifeng-2023/projects/"


def test_each_bar_and_light_links_to_its_projects_in_the_same_narrowing():
    chart = dashboard_chart(build(ROWS), plan_slug="kaifeng-2023", domain_code="manufacturing")
    assert chart["domains"][0]["url"] == (
        f"{PROJECTS}?month=2023-06&domain=innovation&domain=manufacturing")
    assert chart["districts"][1]["url"] == (
        f"{PROJECTS}?month=2023-06&district=410221&domain=manufacturing")
    assert {light["key"]: light["url"] for light in chart["lights"]}["missing"] == (
        f"{PROJECTS}?month=2023-06&light=missing&domain=manufacturing")
    assert chart["curveUrl"] == (
        "/progress/kaifeng-2023/curve.json?month=2023-06&domain=manufacturing")


def test_chart_shares_are_percent_floats_and_time_progress_is_m_over_12():
    chart = dashboard_chart(build(ROWS), plan_slug="kaifeng-2023")
    assert chart["timeProgress"] == 50.0 and chart["yellowBand"] == 10.0
    assert [bar["value"] for bar in chart["districts"]] == [50.0, 10.0]


def test_headline_figures_link_to_the_projects_behind_them():
    dashboard = build(ROWS)
    link_headline(dashboard, plan_slug="kaifeng-2023")
    links = {item.source: item.link for item in [*dashboard.headline, *dashboard.campaign]}
    assert links["investment"] == f"{PROJECTS}?month=2023-06"
    assert links["industrial_investment"] == f"{PROJECTS}?month=2023-06&industrial=1"
    assert links["started"] == f"{PROJECTS}?month=2023-06&event=started"


def test_curve_has_a_point_per_month_and_none_where_nothing_was_reported():
    points = {1: {"cumulative": D(100)}, 3: {"cumulative": D(450)}}
    curve = completion_curve(points, planned_wan=D(1200), period=Period(2023, 3))
    assert [(p["month"], p["completion"]) for p in curve] == [(1, 8.33), (2, None), (3, 37.5)]
    assert curve[2]["timeProgress"] == 25.0


def test_curve_of_a_programme_with_nothing_planned_has_no_completion():
    curve = completion_curve({1: {"cumulative": D(5)}}, planned_wan=D(0), period=Period(2023, 1))
    assert curve[0]["completion"] is None


def test_month_labels_read_in_the_pages_language():
    with override("zh-hans"):
        assert month_label(6) == "6月"
    assert month_label(6) == "M6"


def indicator(source, target, history):
    return SimpleNamespace(code="x", source=source, history=history,
                           targets=[(target, None)] if target else [])


def test_computed_level_indicator_is_drawn_with_its_pro_rata_path():
    target = TargetSpec("gte", D(1200), basis="level")
    charts = indicator_charts([indicator("investment", target, {3: D(250), 6: D(700)})],
                              year=2023)
    assert [p["value"] for p in charts["x"]["points"]] == [250.0, 700.0]
    assert charts["x"]["path"] == [300.0, 600.0]


def test_manual_indicator_and_growth_target_have_no_path():
    level = TargetSpec("gte", D(1200), basis="level")
    growth = TargetSpec("gte", D("6.5"), basis="growth")
    assert indicator_charts([indicator("manual", level, {1: D(1)})], year=2023)["x"]["path"] == []
    assert indicator_charts([indicator("investment", growth, {1: D(1)})],
                            year=2023)["x"]["path"] == []
    assert indicator_charts([indicator("investment", None, {1: D(1)})],
                            year=2023)["x"]["path"] == []


def test_project_chart_leaves_months_without_a_report_empty():
    lights = lights_by_month(cumulatives={2: D(300)}, annual_plan_wan=D(1200), year=2023,
                             scheme=LightScheme())
    months = [SimpleNamespace(period=period, verdict=verdict) for period, verdict in lights]
    points = project_chart(months)["points"]
    assert [(p["month"], p["completion"]) for p in points] == [(1, None), (2, 25.0)]
