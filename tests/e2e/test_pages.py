"""The first pages in a real browser: log in, the plan, the project list, a phone, English."""

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import ARTIFACTS, PHONE
from tests.factories import DOMAINS, make_plan, make_project, make_report
from tests.plan_content import add_plan_content

pytestmark = [pytest.mark.e2e]


@pytest.fixture
def kaifeng(transactional_db, owner_org):
    """The real built-in plan when helper A's loader is there, else a stand-in."""
    try:
        from tuijin.plans.services import plan_load_builtin
    except ImportError:
        plan = make_plan("kaifeng-2023")
        add_plan_content(plan)
    else:
        plan = plan_load_builtin("kaifeng-2023")
    make_project(plan, name="龙亭区宋都古城保护提升项目", district="410202", domain="urban-renewal",
                 owner=owner_org, annual_plan_wan="28000", total_investment_wan="150000")
    make_project(plan, name="杞县全钒液流电池储能项目", district="410221",
                 domain="manufacturing", is_industrial=True, annual_plan_wan="45000")
    make_project(plan, name="杞县高标准农田建设项目", district="410221", domain="agriculture",
                 nature="continuing", annual_plan_wan="8000.5")
    make_project(plan, name="兰考县新型储能电站项目", district="410225",
                 domain="infrastructure", annual_plan_wan="120000")
    return plan


def log_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/")
    assert "/accounts/login/" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/accounts/login/" not in page.url, page.locator("main").inner_text()


def test_admin_reads_the_plan_and_filters_projects_by_district(
    live_server, new_page, screenshot, cast, kaifeng
):
    page = new_page()
    log_in(page, live_server.url, cast["admin"].username)
    assert page.url.endswith(kaifeng.get_absolute_url())
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    content = page.locator("main").inner_text()
    for _code, name in DOMAINS:
        assert name in content
    assert "3000亿元" in content
    assert page.locator(".stat .figure", has_text="≥ 3000 亿元").count() == 1
    screenshot(page, "plan-desktop-zh")

    with page.expect_navigation():
        page.click("header a[href='/projects/']")
    assert page.url.endswith(f"/projects/{kaifeng.slug}/")
    assert page.locator("table.projects tbody tr").count() == 4
    page.select_option("select[name=district]", "410221")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "district=410221" in page.url
    districts = page.locator("table.projects td[data-district]").evaluate_all(
        "cells => cells.map(c => c.dataset.district)"
    )
    assert districts == ["410221", "410221"]
    body = page.locator("table.projects").inner_text()
    assert "杞县全钒液流电池储能项目" in body and "龙亭区宋都古城保护提升项目" not in body
    assert "45,000.00" in body
    screenshot(page, "projects-filtered-zh")


def test_plan_page_fits_a_phone_and_switches_to_english(
    live_server, new_page, screenshot, cast, kaifeng
):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, cast["longting"].username)
    assert page.url.endswith(kaifeng.get_absolute_url())
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert widths[0] <= widths[1], f"page scrolls sideways: {widths}"
    screenshot(page, "plan-phone-zh")
    for section in ("key-task-5", "indicators"):
        page.locator(f"#{section}").screenshot(path=str(ARTIFACTS / f"plan-phone-zh-{section}.png"))

    page.goto(live_server.url + f"/projects/{kaifeng.slug}/")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"project list scrolls sideways: {widths}"
    screenshot(page, "projects-phone-zh")

    with page.expect_navigation():
        page.click("button[name=language][value=en]")
    assert page.locator("html").get_attribute("lang") == "en"
    page.click(".menu-toggle")  # on a phone the account links are in the top bar's menu
    header = page.locator("header").inner_text()
    assert "Log out" in header and "Projects" in header and "中文" in header
    assert page.url.endswith(f"/projects/{kaifeng.slug}/")
    screenshot(page, "projects-phone-en")


def test_owner_files_a_report_on_a_phone_and_sees_the_error_on_its_field(
    live_server, new_page, screenshot, cast, kaifeng
):
    from tuijin.projects.cycle_services import period_open

    project = kaifeng.projects.get(name="龙亭区宋都古城保护提升项目")
    make_report(project, 1, "2000", "2000")
    period_open(plan=kaifeng, month=2, user=cast["admin"])
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, cast["owner"].username)
    # Owners land on 本月待填报, their projects' month.
    assert page.url.endswith(f"/projects/{kaifeng.slug}/month/")
    with page.expect_navigation():
        page.click(f"a[href='/projects/p/{project.pk}/month/2/']")
    page.fill("input[name=investment_month_wan]", "1500")
    # The page computes the cumulative as the owner types (last report + this month).
    assert page.input_value("input[name=cumulative_wan]") == "3500"
    page.fill("input[name=cumulative_wan]", "3000")
    page.fill("textarea[name=blockers]", "征迁进度滞后")
    with page.expect_navigation():
        page.click("button[value=submit]")
    error = page.locator("#errors-cumulative_wan").inner_text()
    assert "3,500" in error
    screenshot(page, "report-error-phone")

    page.fill("input[name=cumulative_wan]", "0.35亿")
    with page.expect_navigation():
        page.click("button[value=submit]")
    assert page.locator("#filing-state").inner_text() in ("已提交", "Submitted")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"report page scrolls sideways: {widths}"
    page.goto(live_server.url + project.get_absolute_url())
    row = page.locator("#report-2").inner_text()
    assert "3,500.00" in row and "征迁进度滞后" in row
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"project page scrolls sideways: {widths}"
    screenshot(page, "project-phone")


def test_admin_creates_a_project_after_fixing_the_code(live_server, new_page, screenshot, cast,
                                                      kaifeng):
    page = new_page()
    log_in(page, live_server.url, cast["admin"].username)
    page.goto(live_server.url + f"/projects/{kaifeng.slug}/new/")
    page.fill("input[name=code]", "2023-420100-30-03-000123")
    page.fill("input[name=name]", "开封新碳材料产业园项目")
    page.select_option("select[name=domain]", label="先进制造业")
    page.select_option("select[name=district]", label="祥符区")
    page.check("input[name=is_industrial]")
    page.fill("input[name=total_investment_wan]", "1.2亿")
    page.fill("input[name=annual_plan_wan]", "3,500")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "420100" in page.locator("#errors-code").inner_text()
    assert page.locator(".errorlist").count() == 1
    screenshot(page, "project-form-error")

    page.fill("input[name=code]", "2023-410212-30-03-000123")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/projects/p/" in page.url
    fields = page.locator("dl.fields").inner_text()
    assert "2023-410212-30-03-000123" in fields and "12,000.00" in fields
