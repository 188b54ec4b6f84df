"""The demo generator: deterministic, plausible, and consistent with the report rules."""

from collections import Counter
from decimal import Decimal
from functools import cache

from tuijin.core.codes import division_is_within, parse_project_code
from tuijin.demo.generator import (
    BRANDS,
    DEMO_PREFIX,
    DISTRICTS,
    FEATURED_OWNER_NAME,
    PHASES,
    TOWNS,
    DemoSpec,
    ProjectNames,
    demo_owners,
    demo_projects,
)
from tuijin.projects.rules import check_cumulative

DOMAINS = ("innovation", "manufacturing", "agriculture", "services", "livelihood",
           "infrastructure", "ecology", "urban-renewal")


def spec(**changes) -> DemoSpec:
    values = {"year": 2023, "projects": 2000, "months": 12, "seed": 2023, "domains": DOMAINS}
    return DemoSpec(**{**values, **changes})


@cache
def rows(**changes) -> list:
    return list(demo_projects(spec(**changes)))


def all_reports(generated) -> list:
    return [report for _project, reports in generated for report in reports]


def test_same_seed_gives_identical_rows():
    assert list(demo_projects(spec(projects=200))) == list(demo_projects(spec(projects=200)))
    assert demo_owners(spec()) == demo_owners(spec())


def test_different_seed_gives_different_rows():
    first = [project for project, _ in demo_projects(spec(projects=200))]
    second = [project for project, _ in demo_projects(spec(projects=200, seed=2024))]
    assert first != second


def test_all_nine_districts_and_eight_domains_present():
    projects = [project for project, _ in rows()]
    assert {project.district for project in projects} == set(DISTRICTS)
    assert {project.domain for project in projects} == set(DOMAINS)


def test_counties_carry_more_projects_than_old_urban_districts():
    counts = Counter(project.district for project, _ in rows())
    assert counts["410225"] > counts["410204"]
    assert counts["410221"] > counts["410205"]


def test_industrial_share_of_annual_plan_near_two_thirds():
    projects = [project for project, _ in rows()]
    total = sum(project.annual_plan_wan for project in projects)
    industrial = sum(project.annual_plan_wan for project in projects if project.is_industrial)
    assert Decimal("0.58") < industrial / total < Decimal("0.76")
    manufacturing = [project for project in projects if project.domain == "manufacturing"]
    assert sum(project.is_industrial for project in manufacturing) > 0.9 * len(manufacturing)


def test_annual_plan_near_3000_yi_per_2000_projects():
    total = sum(project.annual_plan_wan for project, _ in rows())
    assert Decimal(2_500_0000) < total < Decimal(3_800_0000)  # 万元: 2500亿 to 3800亿


def test_amounts_are_exact_wan_within_plausible_sizes():
    for project, reports in rows():
        assert Decimal(2000) <= project.total_investment_wan <= Decimal(500_000)
        assert 0 < project.annual_plan_wan <= project.total_investment_wan
        for amount in (project.total_investment_wan, project.annual_plan_wan,
                       *(report.investment_month_wan for report in reports)):
            assert amount == amount.quantize(Decimal("0.01"))
            assert amount.as_tuple().exponent == -4


def test_reports_obey_check_cumulative_for_every_project_missing_months_included():
    skipped_months = 0
    for _project, reports in rows():
        previous = None
        months = [report.month for report in reports]
        assert months == sorted(set(months))
        skipped_months += 12 - len(months)
        for report in reports:
            check_cumulative(previous_cumulative=previous,
                             investment_month=report.investment_month_wan,
                             cumulative=report.cumulative_wan)
            previous = report.cumulative_wan
    assert skipped_months > 0


def test_back_loaded_later_months_invest_more_than_earlier_ones():
    by_month = Counter()
    for report in all_reports(rows()):
        by_month[report.month] += report.investment_month_wan
    assert by_month[12] > by_month[6] > by_month[1]
    assert sum(by_month[m] for m in (10, 11, 12)) > 2 * sum(by_month[m] for m in (1, 2, 3))


def test_some_reports_missing_some_late_some_with_blockers():
    reports = all_reports(rows())
    expected = 2000 * 12
    missing = (expected - len(reports)) / expected
    late = sum(report.submitted_at.date().day > 25 or report.submitted_at.month != report.month
               for report in reports) / len(reports)
    blockers = sum(bool(report.blockers) for report in reports) / len(reports)
    assert 0.015 < missing < 0.05
    assert 0.03 < late < 0.10
    assert 0.04 < blockers < 0.13
    assert any(report.help_requested for report in reports)
    assert all(report.progress_text for report in reports)


def test_late_means_after_the_plans_due_day():
    reports = all_reports(rows(projects=300, report_due_day=10))
    assert any(report.submitted_at.day > 10 for report in reports)
    on_time = [report for report in reports if report.submitted_at.month == report.month
               and report.submitted_at.day <= 10]
    assert len(on_time) > 0.85 * len(reports)


def test_lights_are_a_mix_of_green_yellow_and_red_at_september():
    lights = Counter()
    for project, reports in rows(months=9):
        if not reports or reports[-1].month != 9:
            lights["red"] += 1
            continue
        lag = Decimal(9) / 12 - reports[-1].cumulative_wan / project.annual_plan_wan
        lights["green" if lag <= 0 else "yellow" if lag <= Decimal("0.10") else "red"] += 1
    assert lights["green"] > lights["yellow"] > 0
    assert lights["green"] > lights["red"] > 0


def test_three_batches_near_150_each_per_2000_projects_over_the_year():
    projects = [project for project, _ in rows()]
    for field in ("actual_signed_on", "actual_started_on", "actual_in_production_on"):
        count = sum(1 for p in projects if getattr(p, field) and getattr(p, field).year == 2023)
        assert 115 < count < 190, field


def test_no_actual_event_after_the_last_reported_month():
    for project, _reports in rows(months=6):
        for field in ("actual_signed_on", "actual_started_on", "actual_in_production_on"):
            value = getattr(project, field)
            assert value is None or value.year < 2023 or value.month <= 6


def test_codes_are_valid_unique_and_in_kaifeng_and_some_projects_have_none():
    codes = [project.code for project, _ in rows() if project.code]
    assert 0.5 * 2000 < len(codes) < 0.9 * 2000
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert division_is_within(parse_project_code(code).division, "410200")


def test_names_and_owners_are_labelled_demo():
    for project, _ in rows(projects=300):
        assert project.name.startswith(DEMO_PREFIX)
        assert project.name.endswith(("项目", *PHASES[1:]))
    assert all(owner.name.startswith(DEMO_PREFIX) for owner in demo_owners(spec()))


def test_owner_pool_unique_per_district_and_owners_match_project_district():
    owners = demo_owners(spec(projects=300))
    assert len(set(owners)) == len(owners)
    known = set(owners)
    for project, _ in rows(projects=300):
        assert (project.owner, project.district) in known


def test_featured_owner_in_longting_owns_several_projects():
    owned = [project for project, _ in rows(projects=300) if project.owner == FEATURED_OWNER_NAME]
    assert len(owned) >= 5
    assert {project.district for project in owned} == {"410202"}


def test_zero_months_gives_projects_without_reports():
    generated = list(demo_projects(spec(projects=50, months=0)))
    assert len(generated) == 50
    assert all_reports(generated) == []


def twins(projects) -> list:
    """Names shared by two projects of one district (issue 9 §3), whether they have a code."""
    counts = Counter((project.name, project.district) for project in projects)
    return [key for key, count in counts.items() if count > 1]


def test_no_two_projects_of_a_district_share_a_name_in_a_2000_project_programme():
    projects = [project for project, _ in rows()]
    assert twins(projects) == []
    assert twins(project for project in projects if not project.code) == []


def test_no_twins_in_a_100000_project_programme_told_apart_by_phases_and_towns():
    projects = [project for project, _ in demo_projects(spec(projects=100_000, months=0))]
    assert twins(projects) == []
    # As real programmes name them; numbered lots (标段) only past about 700,000 projects.
    assert not any("标段" in project.name for project in projects)
    towns = {town for district in TOWNS.values() for town in district}
    assert sum(any(town in project.name for town in towns) for project in projects) > 1000


def test_a_drawn_name_is_kept_when_free_and_a_taken_one_becomes_another_phase_then_a_town():
    names = ProjectNames()
    draw = {"district": "410225", "where": "兰考", "brand": "宏达", "product": "花生深加工",
            "phase": ""}
    given = [names.take(index=0, **draw) for _ in range(7)]
    assert given == [
        "【演示】兰考宏达花生深加工项目",
        *(f"【演示】兰考宏达花生深加工项目{phase}" for phase in PHASES[1:]),
        "【演示】兰考城关镇宏达花生深加工项目",
    ]
    assert names.take(index=0, **{**draw, "district": "410221", "where": "杞县"}) == (
        "【演示】杞县宏达花生深加工项目")  # another district may have the same project


def test_names_stay_unique_when_every_firm_place_and_phase_of_a_product_is_taken():
    names = ProjectNames()
    draw = {"index": 3, "district": "410202", "where": "开封", "brand": "宏达",
            "product": "粮食仓储", "phase": "（一期）"}
    combinations = len(BRANDS) * (2 + len(TOWNS["410202"])) * len(PHASES)
    given = [names.take(**draw) for _ in range(combinations + 2)]
    assert len(set(given)) == len(given)
    assert given[-2:] == ["【演示】开封宏达粮食仓储项目（第1标段）",
                          "【演示】开封宏达粮食仓储项目（第2标段）"]
