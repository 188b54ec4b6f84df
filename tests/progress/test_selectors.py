import random
from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_owner, make_project, make_report
from tuijin.core.models import Division
from tuijin.core.periods import Period
from tuijin.progress.completion import totals_sum
from tuijin.progress.lights import Light, LightScheme, Scheme, project_light
from tuijin.progress.selectors import (
    dashboard_for,
    discipline_counts,
    group_totals,
    lagging_projects,
    light_scheme_of,
    missing_reports,
    programme_for,
)

JUNE = Period(2023, 6)
pytestmark = pytest.mark.django_db


def _random_programme(plan, n, seed=7):
    rng = random.Random(seed)
    districts = ["410202", "410203", "410221"]
    domains = ["innovation", "manufacturing", "ecology"]
    projects = []
    for i in range(n):
        project = make_project(
            plan, name=f"项目{i}", district=rng.choice(districts), domain=rng.choice(domains),
            annual_plan_wan=str(rng.choice([0, 1000, 2000, 3000])),
            is_industrial=rng.random() < 0.5,
        )
        cumulative = D(0)
        for month in range(1, 7):
            if rng.random() < 0.15:
                continue
            step = D(rng.randint(0, 400))
            cumulative += step
            make_report(project, month, str(step), str(cumulative))
        projects.append(project)
    return projects


def test_group_lights_match_the_pure_rule_project_by_project(plan, cast):
    projects = _random_programme(plan, 40)
    rows = group_totals(programme_for(cast["admin"], plan=plan), period=JUNE,
                        scheme=light_scheme_of(plan))
    total = totals_sum(row.totals for row in rows)
    expected = {Light.GREEN: 0, Light.YELLOW: 0, Light.RED: 0}
    missing = 0
    cumulative = D(0)
    for project in projects:
        report = project.reports.filter(month=6).first()
        verdict = project_light(cumulative_wan=report.cumulative_wan if report else None,
                                annual_plan_wan=project.annual_plan_wan, period=JUNE,
                                scheme=light_scheme_of(plan))
        if verdict.is_missing:
            missing += 1
        else:
            expected[verdict.light] += 1
            cumulative += report.cumulative_wan
    assert (total.green, total.yellow, total.red, total.missing) == (
        expected[Light.GREEN], expected[Light.YELLOW], expected[Light.RED], missing)
    assert total.projects == 40
    assert total.cumulative_wan == cumulative
    assert total.planned_wan == sum(p.annual_plan_wan for p in projects)


def test_missing_report_is_listed_as_missing_not_zero(plan, cast):
    reported = make_project(plan, name="已填报", annual_plan_wan="1000")
    make_report(reported, 6, "600", "600")
    silent = make_project(plan, name="未填报", annual_plan_wan="1000")
    make_report(silent, 5, "100", "100")
    d = dashboard_for(cast["admin"], plan=plan, period=JUNE)
    assert d.total.totals.missing == 1
    assert d.total.totals.completion == D("0.3")
    assert [row["name"] for row in d.missing] == ["未填报"]
    assert d.lagging == []


def test_district_user_sees_only_their_district(plan, cast):
    make_report(make_project(plan, district="410202", annual_plan_wan="100"), 6, "50", "50")
    make_report(make_project(plan, district="410221", annual_plan_wan="900"), 6, "10", "10")
    d = dashboard_for(cast["longting"], plan=plan, period=JUNE)
    assert d.total.totals.projects == 1
    assert [line.ref.code for line in d.by_district] == ["410202"]
    assert d.indicators == []  # the city's targets are not judged on one district
    assert all(row["district__code"] == "410202" for row in d.lagging + d.missing)


def test_owner_sees_only_their_projects(plan, cast, owner_org):
    make_project(plan, owner=owner_org)
    make_project(plan, owner=make_owner("另一家公司"))
    assert dashboard_for(cast["owner"], plan=plan, period=JUNE).total.totals.projects == 1


def test_anonymous_sees_nothing(plan):
    from django.contrib.auth.models import AnonymousUser

    make_project(plan)
    d = dashboard_for(AnonymousUser(), plan=plan, period=JUNE)
    assert d.is_empty


def test_lagging_lists_furthest_behind_first_and_missing_apart(plan, cast):
    near = make_project(plan, name="差距小", annual_plan_wan="1000")
    make_report(near, 6, "300", "300")
    far = make_project(plan, name="差距大", annual_plan_wan="1000")
    make_report(far, 6, "100", "100")
    ok = make_project(plan, name="正常", annual_plan_wan="1000")
    make_report(ok, 6, "500", "500")
    make_project(plan, name="缺报小", annual_plan_wan="10")
    make_project(plan, name="缺报大", annual_plan_wan="20")
    programme = programme_for(cast["admin"], plan=plan)
    rows = lagging_projects(programme, period=JUNE, scheme=light_scheme_of(plan))
    assert [row["name"] for row in rows] == ["差距大", "差距小"]
    assert [row["completion"] for row in rows] == [D("0.1"), D("0.3")]
    missing = missing_reports(programme, period=JUNE, scheme=light_scheme_of(plan))
    assert [row["name"] for row in missing] == ["缺报大", "缺报小"]


def test_three_batches_count_actual_events_in_the_year_to_the_month(plan, cast):
    make_project(plan, actual_signed_on=date(2023, 3, 1), actual_started_on=date(2023, 6, 30))
    make_project(plan, actual_signed_on=date(2022, 12, 1), actual_started_on=date(2023, 7, 1))
    make_project(plan, nature="continuing", actual_in_production_on=date(2023, 2, 1))
    d = dashboard_for(cast["admin"], plan=plan, period=JUNE)
    t = d.total.totals
    assert (t.signed, t.started, t.in_production) == (1, 1, 1)
    assert t.under_way == 2  # the one started 30 June and the continuing one


def test_discipline_counts_on_time_by_due_day(plan, cast):
    project = make_project(plan)
    make_report(project, 5, "10", "10")  # the factory submits on the 20th: on time
    late = make_report(project, 6, "10", "20")
    late.submitted_at = datetime(2023, 6, 26, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    late.save()
    make_project(plan, district="410221")
    rows = {row["district_id"]: row for row in discipline_counts(
        programme_for(cast["admin"], plan=plan).projects, period=JUNE, due_day=25,
        by="district_id")}
    longting = rows[Division.objects.get(code="410202").pk]
    assert (longting["year_received"], longting["year_on_time"]) == (2, 1)
    assert (longting["month_received"], longting["month_on_time"]) == (1, 0)
    qixian = rows[Division.objects.get(code="410221").pk]
    assert qixian["year_received"] == 0 and qixian["n_projects"] == 1


def test_no_projects_gives_an_empty_dashboard_without_errors(plan, cast):
    d = dashboard_for(cast["admin"], plan=plan, period=JUNE)
    assert d.is_empty and d.total.totals.completion is None
    assert d.total.light.light == Light.NONE


def test_dashboard_queries_do_not_grow_with_projects(plan, cast):
    make_report(make_project(plan, name="red", annual_plan_wan="1000"), 6, "1", "1")
    make_project(plan, name="missing")
    _random_programme(plan, 3, seed=1)
    with CaptureQueriesContext(connection) as small:
        dashboard_for(cast["admin"], plan=plan, period=JUNE)
    _random_programme(plan, 60, seed=2)
    with CaptureQueriesContext(connection) as large:
        d = dashboard_for(cast["admin"], plan=plan, period=JUNE)
    assert d.total.totals.projects == 65
    assert d.lagging and d.missing
    assert len(small.captured_queries) == len(large.captured_queries) <= 12


def test_group_totals_count_planned_of_missing_and_the_curve(plan, cast):
    from tuijin.progress.selectors import monthly_curve

    reported = make_project(plan, annual_plan_wan="100", is_industrial=True)
    make_report(reported, 5, "20", "20")
    make_report(reported, 6, "30", "50")
    make_project(plan, annual_plan_wan="300")
    programme = programme_for(cast["admin"], plan=plan)
    total = totals_sum(row.totals for row in group_totals(
        programme, period=JUNE, scheme=light_scheme_of(plan)))
    assert total.planned_of_missing_wan == D(300) and total.missing == 1
    curve = monthly_curve(programme, period=JUNE)
    assert curve[5]["cumulative"] == D(20) and curve[6]["industrial"] == D(50)
    d = dashboard_for(cast["admin"], plan=plan, period=JUNE, with_curve=True)
    assert [point["completion"] for point in d.curve][4:] == [D("0.05"), D("0.125")]
    assert dashboard_for(cast["admin"], plan=plan, period=JUNE).curve == []


@pytest.mark.parametrize("seed", [3, 11])
def test_lagging_and_missing_lists_follow_the_rules_over_every_project(plan, cast, seed):
    """The lists read trigger-kept columns along indexes; they must equal the lists worked out
    in Python from every project with the pure rules and order keys."""
    from tuijin.progress.rankings import lagging_order_key, missing_order_key
    from tuijin.progress.selectors import month_figures

    projects = _random_programme(plan, 30, seed=seed)
    figures = month_figures(programme_for(cast["admin"], plan=plan), period=JUNE,
                            scheme=light_scheme_of(plan), limit=5)
    red, missing = [], []
    for project in projects:
        report = project.reports.filter(month=6).first()
        verdict = project_light(cumulative_wan=report.cumulative_wan if report else None,
                                annual_plan_wan=project.annual_plan_wan, period=JUNE,
                                scheme=light_scheme_of(plan))
        if verdict.is_missing:
            missing.append(missing_order_key(planned_wan=project.annual_plan_wan,
                                             project_id=project.pk))
        elif verdict.light == Light.RED:
            completion = report.cumulative_wan / project.annual_plan_wan
            red.append(lagging_order_key(completion=completion,
                                         planned_wan=project.annual_plan_wan,
                                         project_id=project.pk))
    assert [row["id"] for row in figures.lagging] == [key[2] for key in sorted(red)[:5]]
    assert [row["id"] for row in figures.missing] == [key[1] for key in sorted(missing)[:5]]
    assert figures.lagging and figures.missing  # the comparison above is not vacuous


@pytest.mark.parametrize(("cumulative", "light"), [
    ("500000.0000", Light.GREEN),  # exactly the time progress of June: green
    ("500000.0001", Light.GREEN),  # a ten-billionth above: within the float margin
    ("499999.9999", Light.YELLOW),  # a ten-billionth below: within the float margin
    ("400000.0000", Light.YELLOW),  # exactly the yellow floor
    ("399999.9999", Light.RED),
])
def test_lights_are_exact_at_the_bounds_where_floats_cannot_tell(plan, cast, cumulative, light):
    """The group counts decide on the stored float completion only when it is clearly off a
    bound; a completion a ten-billionth from it is judged on the exact amounts."""
    project = make_project(plan, annual_plan_wan="1000000")
    make_report(project, 6, cumulative, cumulative)
    total = totals_sum(row.totals for row in group_totals(
        programme_for(cast["admin"], plan=plan), period=JUNE, scheme=LightScheme()))
    expected = project_light(cumulative_wan=D(cumulative), annual_plan_wan=D(1000000),
                             period=JUNE, scheme=LightScheme()).light
    assert expected == light
    assert (total.green, total.yellow, total.red) == (
        int(light == Light.GREEN), int(light == Light.YELLOW), int(light == Light.RED))


def test_a_float_completion_that_rounds_onto_the_bound_is_still_judged_exactly(plan, cast):
    """At 10 trillion 万元 a float cannot hold the last 0.0001: on PostgreSQL the completion
    rounds to exactly 0.5, and only the exact amounts show the project is below June's bound.
    (SQLite itself keeps decimals of more than 15 digits as floats: there the counts must
    agree with the rule applied to the amounts as stored.)"""
    project = make_project(plan, annual_plan_wan="10000000000000")
    make_report(project, 6, "4999999999999.9999", "4999999999999.9999")
    total = totals_sum(row.totals for row in group_totals(
        programme_for(cast["admin"], plan=plan), period=JUNE, scheme=LightScheme()))
    stored = project.reports.get()
    expected = project_light(cumulative_wan=stored.cumulative_wan,
                             annual_plan_wan=project.annual_plan_wan, period=JUNE,
                             scheme=LightScheme()).light
    assert (total.green, total.yellow) == (int(expected == Light.GREEN),
                                           int(expected == Light.YELLOW))
    if connection.vendor == "postgresql":
        assert stored.completion == 0.5 and expected == Light.YELLOW


def test_projects_tied_at_nothing_done_lag_largest_plan_first(plan, cast):
    """Early in the year most projects are at 0 %: among them the largest plan leads."""
    from tuijin.progress.selectors import month_figures

    for planned in ("300", "5000", "1000", "5000", "20"):
        make_report(make_project(plan, name=f"未开工{planned}", annual_plan_wan=planned),
                    6, "0", "0")
    lagging = month_figures(programme_for(cast["admin"], plan=plan), period=JUNE,
                            scheme=light_scheme_of(plan), limit=3).lagging
    assert [row["annual_plan_wan"] for row in lagging] == [D(5000), D(5000), D(1000)]
    assert lagging[0]["id"] < lagging[1]["id"]  # equal plans: by project


@pytest.mark.parametrize(("month", "planned", "cumulative"), [
    (2, "600", "100"),  # exactly 2/12 of the plan: green, though 2/12 has no exact decimal
    (2, "600", "99.9999"),
    (5, "168", "53.2"),  # exactly on May's yellow floor (5/12 - 10 points = 19/60): yellow
    (5, "168", "53.1999"),  # just below it: red, and on the lagging list
    (8, "300", "200"),
    (8, "300", "170"),  # exactly on August's yellow floor (8/12 - 0.1): yellow
])
def test_counts_lists_and_pure_rule_agree_on_every_months_bounds(plan, cast, month, planned,
                                                                 cumulative):
    from tuijin.progress.selectors import month_figures, project_list

    period = Period(2023, month)
    project = make_project(plan, annual_plan_wan=planned)
    make_report(project, month, cumulative, cumulative)
    programme = programme_for(cast["admin"], plan=plan)
    light = project_light(cumulative_wan=D(cumulative), annual_plan_wan=D(planned),
                          period=period, scheme=LightScheme()).light
    figures = month_figures(programme, period=period, scheme=LightScheme())
    total = totals_sum(row.totals for row in figures.rows)
    assert (total.green, total.yellow, total.red) == (
        int(light == Light.GREEN), int(light == Light.YELLOW), int(light == Light.RED))
    assert [row["id"] for row in figures.lagging] == ([project.pk] if light == Light.RED else [])
    listed = project_list(programme.projects, period=period, scheme=LightScheme(),
                          light=light.value)
    assert list(listed.values_list("pk", flat=True)) == [project.pk]


# --- light schemes: the database counts as the pure rule judges, bounds included -----------

SCHEMES = {
    "kaifeng": LightScheme(),
    "yinchuan": LightScheme(green_band=D("0.10"), yellow_band=D("0.30")),
    "wuhan": LightScheme(kind=Scheme.RATIO, ratio_yellow_below=D("0.80"),
                         ratio_red_below=D("0.60")),
}


def _set_scheme(plan, scheme: LightScheme) -> None:
    plan.light_scheme = scheme.kind.value
    plan.green_band, plan.yellow_band = scheme.green_band, scheme.yellow_band
    plan.ratio_yellow_below = scheme.ratio_yellow_below
    plan.ratio_red_below = scheme.ratio_red_below
    plan.save()


@pytest.mark.parametrize("month", [2, 6, 7, 11])
@pytest.mark.parametrize("name", SCHEMES)
def test_each_schemes_counts_lists_and_pure_rule_agree_at_the_bounds(plan, cast, name, month):
    """Projects of 1200 万元 exactly on each bound of the month, a ten-thousandth below it and
    between, on both databases: the group counts, the lagging list and the projects behind
    each light are the pure rule's, project by project."""
    from tuijin.progress.lights import light_bounds
    from tuijin.progress.selectors import month_figures, project_list

    scheme = SCHEMES[name]
    _set_scheme(plan, scheme)
    assert light_scheme_of(plan) == scheme
    period = Period(2023, month)
    bounds = light_bounds(period=period, scheme=scheme)
    cumulatives = {D(0), D(1200), D("1e6")}
    for twelfths in (bounds.green_from_twelfths, bounds.yellow_from_twelfths):
        on_bound = D(100) * twelfths  # 1200 × twelfths / 12, exact
        cumulatives |= {on_bound, on_bound - D("0.0001"), on_bound + D("0.0001"),
                        on_bound - D(10)}
    expected: dict[Light, set[int]] = {Light.GREEN: set(), Light.YELLOW: set(),
                                       Light.RED: set()}
    for i, cumulative in enumerate(sorted(c for c in cumulatives if c >= 0)):
        project = make_project(plan, name=f"界{i}", annual_plan_wan="1200")
        make_report(project, month, str(cumulative), str(cumulative))
        verdict = project_light(cumulative_wan=cumulative, annual_plan_wan=D(1200),
                                period=period, scheme=scheme)
        expected[verdict.light].add(project.pk)
    programme = programme_for(cast["admin"], plan=plan)
    figures = month_figures(programme, period=period, scheme=scheme, limit=100)
    total = totals_sum(row.totals for row in figures.rows)
    assert (total.green, total.yellow, total.red) == tuple(
        len(expected[light]) for light in (Light.GREEN, Light.YELLOW, Light.RED))
    assert {row["id"] for row in figures.lagging} == expected[Light.RED]
    for light in (Light.GREEN, Light.YELLOW, Light.RED):
        listed = project_list(programme.projects, period=period, scheme=scheme,
                              light=light.value)
        assert set(listed.values_list("pk", flat=True)) == expected[light], light
    # Not vacuous: every light is met, but red where the yellow bound is below nothing done
    # (Yinchuan's February: 2/12 is less than 30 points).
    assert expected[Light.GREEN] and expected[Light.YELLOW]
    assert bool(expected[Light.RED]) == (bounds.yellow_from_twelfths > 0)


@pytest.mark.parametrize("name", SCHEMES)
def test_each_schemes_group_lights_match_the_pure_rule_project_by_project(plan, cast, name):
    scheme = SCHEMES[name]
    _set_scheme(plan, scheme)
    projects = _random_programme(plan, 40, seed=11)
    dashboard = dashboard_for(cast["admin"], plan=plan, period=JUNE)
    expected = {Light.GREEN: 0, Light.YELLOW: 0, Light.RED: 0}
    for project in projects:
        report = project.reports.filter(month=6).first()
        if report is not None:
            expected[project_light(cumulative_wan=report.cumulative_wan,
                                   annual_plan_wan=project.annual_plan_wan, period=JUNE,
                                   scheme=scheme).light] += 1
    totals = dashboard.total.totals
    assert (totals.green, totals.yellow, totals.red) == (
        expected[Light.GREEN], expected[Light.YELLOW], expected[Light.RED])
    assert dashboard.scheme == scheme
