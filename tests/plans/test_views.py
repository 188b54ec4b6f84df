"""The plan overview page (issue 2 item 5)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import DOMAINS, make_plan, make_project, make_report
from tests.plan_content import add_plan_content
from tuijin.plans.models import Indicator, KeyTask, Measure, Target


@pytest.fixture
def full_plan(plan):
    add_plan_content(plan)
    return plan


def get(client, user, url):
    client.force_login(user)
    # Assertions below read the English interface; the Chinese one is the default.
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en")


def test_home_redirects_to_the_latest_plan(client, cast):
    make_plan("old-2022", year=2022)
    latest = make_plan("kaifeng-2023", year=2023)
    response = get(client, cast["leader"], reverse("plans:home"))
    assert response.status_code == 302
    assert response["Location"] == latest.get_absolute_url() == "/plans/kaifeng-2023/"


def test_home_without_any_plan_says_so(client, cast):
    response = get(client, cast["admin"], reverse("plans:home"))
    assert response.status_code == 200
    assert "There is no plan" in response.content.decode()


def test_anonymous_visitor_is_sent_to_log_in(client, plan):
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_unknown_plan_is_404(client, cast):
    assert get(client, cast["admin"], "/plans/nowhere-1999/").status_code == 404


def test_plan_page_shows_key_works_measure_tree_and_lead_units(client, cast, full_plan):
    html = get(client, cast["longting"], full_plan.get_absolute_url()).content.decode()
    assert "上项目，持续蓄势赋能" in html
    assert "实施“8232”投资计划" in html and "抓好“三个一批”" in html
    # The child measure is nested inside its parent's list item.
    assert html.index("实施“8232”投资计划") < html.index("抓好“三个一批”")
    assert "开封市发展和改革委员会" in html and "开封市文化广电和旅游局" in html


def test_plan_page_renders_targets_in_plan_wording_and_clearly(client, cast, full_plan):
    html = get(client, cast["admin"], full_plan.get_absolute_url()).content.decode()
    assert "确保完成投资3000亿元" in html
    assert "≥ 3000 亿元" in html
    assert "≈ 150 个" in html
    assert '<span class="badge must">' in html and '<span class="badge strive">' in html
    assert "力争接待游客增长30%以上" in html and "≥ +30%" in html


def test_plan_page_lists_the_eight_domains_with_projects_the_user_sees(client, cast, full_plan):
    make_project(full_plan, district="410202", domain="manufacturing", annual_plan_wan="12345.6")
    make_project(full_plan, district="410221", domain="manufacturing", annual_plan_wan="100")
    html = get(client, cast["longting"], full_plan.get_absolute_url()).content.decode()
    for _code, name in DOMAINS:
        assert name in html
    assert "12,345.60" in html
    assert "12,445.60" not in html  # 杞县's project is not 龙亭区's to count


def test_plan_page_costs_the_same_queries_for_a_bigger_plan(client, cast, full_plan):
    client.force_login(cast["admin"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(full_plan.get_absolute_url()).status_code == 200
        return len(captured)

    small = queries()
    task = KeyTask.objects.create(plan=full_plan, number=6, title="另一项重点工作")
    for number in range(1, 6):
        parent = Measure.objects.create(key_task=task, number=number, title=f"举措{number}")
        Measure.objects.create(key_task=task, parent=parent, number=1, title=f"子举措{number}")
        indicator = Indicator.objects.create(plan=full_plan, key_task=task, code=f"x{number}",
                                             name=f"指标{number}", number=20 + number)
        Target.objects.create(indicator=indicator, comparator="gte", value=Decimal(number),
                              commitment="plain")
        make_project(full_plan, domain=DOMAINS[number][0])
    assert queries() == small


def test_absolute_urls_point_at_anchors_on_the_pages(client, cast, full_plan):
    project = make_project(full_plan)
    report = make_report(project, 1, "10", "10")
    indicator = full_plan.indicators.get(code="investment")
    task = full_plan.key_tasks.get(number=5)
    domain = full_plan.domains.get(code="ecology")
    assert full_plan.get_absolute_url() == reverse("plans:detail", args=[full_plan.slug])
    assert domain.get_absolute_url() == "/projects/test-2023/?domain=ecology"
    client.force_login(cast["admin"])
    plan_html = client.get(full_plan.get_absolute_url()).content.decode()
    assert task.get_absolute_url() == full_plan.get_absolute_url() + "#key-task-5"
    assert 'id="key-task-5"' in plan_html
    assert indicator.get_absolute_url().endswith("#indicator-investment")
    assert 'id="indicator-investment"' in plan_html
    assert report.get_absolute_url() == project.get_absolute_url() + "#report-1"
    assert 'id="report-1"' in client.get(project.get_absolute_url()).content.decode()
    assert client.get(domain.get_absolute_url()).status_code == 200
