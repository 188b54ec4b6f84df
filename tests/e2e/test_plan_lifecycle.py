"""Drafts stay drafts (issue 15): next year's plan is confirmed as a draft that changes
nobody's pages; the city office activates it from the plans page, and a district user switches
between this year's and last year's plan from the top bar — on a desk and on a phone."""

import pytest

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_pages import log_in
from tests.e2e.test_plan_settings import fits
from tests.factories import make_plan
from tuijin.plans.models import Plan

pytestmark = [pytest.mark.e2e]


def current_plan_name(page) -> str:
    return page.inner_text("#nav-plan")


def test_a_draft_is_activated_and_users_switch_plans(live_server, new_page, screenshot, cast):
    make_plan("kaifeng-2023", year=2023)
    make_plan("kaifeng-2024", year=2024, status="draft")

    district = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(district, live_server.url, cast["longting"].username)
    assert "kaifeng-2023" in district.url
    assert "测试计划 kaifeng-2023" in current_plan_name(district)
    assert district.goto(f"{live_server.url}/plans/kaifeng-2024/").status == 404

    office = new_page(viewport={**DESKTOP, "width": 1366})
    log_in(office, live_server.url, cast["admin"].username)
    assert "kaifeng-2023" in office.url  # the draft changed nothing, not even for the office
    office.click("#nav-plan")
    row = office.locator("#plan-kaifeng-2024")
    assert "草稿" in row.inner_text()
    screenshot(office, "plans-list-desktop")
    # Activating asks first, as closing does, and says who will see the plan.
    assert not row.locator("button[value=activate]").is_visible()
    row.locator("details.confirm-activate summary").click()
    assert "驾驶舱" in row.locator("details.confirm-activate").inner_text()
    screenshot(office, "plans-activate-confirm-desktop")
    with office.expect_navigation():
        row.locator("button[value=activate]").click()
    assert "现为“启用中”" in office.inner_text("main")
    assert Plan.objects.get(slug="kaifeng-2024").status == "active"
    # Last year's plan is closed when its year is done; it stays readable.
    office.locator("#plan-kaifeng-2023 details.confirm-close summary").click()  # asks first
    with office.expect_navigation():
        office.locator("#plan-kaifeng-2023 button[value=close]").click()
    assert office.locator("#plan-kaifeng-2023 .badge.state").inner_text() == "已关闭"
    assert office.locator("#plan-kaifeng-2023 .danger-link").count() == 0

    district.goto(live_server.url + "/")
    assert "kaifeng-2024" in district.url
    district.click(".menu-toggle")  # on a phone the plan switcher is in the top bar's menu
    district.click("#nav-plan")
    fits(district)
    screenshot(district, "plans-list-phone")
    assert district.locator("#plan-kaifeng-2023 button[value=activate]").count() == 0
    with district.expect_navigation():
        district.locator("#plan-kaifeng-2023 button[name=use]").click()
    assert "kaifeng-2023" in district.url
    assert "已关闭" in current_plan_name(district)
    assert district.locator("#closed-banner").is_visible()
    district.goto(f"{live_server.url}/projects/")
    assert "kaifeng-2023" in district.url
    fits(district)


def test_the_office_deletes_a_draft_after_confirming(live_server, new_page, cast):
    make_plan("kaifeng-2023", year=2023)
    make_plan("kaifeng-2024", year=2024, status="draft")
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, cast["admin"].username)
    page.goto(f"{live_server.url}/plans/")
    assert page.locator("#plan-kaifeng-2023 .danger-link").count() == 0  # active: no delete
    with page.expect_navigation():
        page.locator("#plan-kaifeng-2024 .danger-link").click()
    assert "无法恢复" in page.inner_text("#delete-plan")
    with page.expect_navigation():
        page.click("#delete-plan button[type=submit]")
    assert "已删除" in page.inner_text("main")
    assert not Plan.objects.filter(slug="kaifeng-2024").exists()
    fits(page)


def test_on_a_phone_activating_asks_first_and_a_closed_plan_is_not_offered_for_deletion(
    live_server, new_page, screenshot, cast
):
    make_plan("kaifeng-2023", year=2023, status="closed")
    make_plan("kaifeng-2024", year=2024, status="draft")
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, cast["admin"].username)
    page.goto(f"{live_server.url}/plans/")
    row = page.locator("#plan-kaifeng-2024")
    row.locator("details.confirm-activate summary").click()
    assert "默认打开该计划" in row.inner_text()
    fits(page)
    screenshot(page, "plans-activate-confirm-phone")
    page.goto(f"{live_server.url}/plans/kaifeng-2023/delete/")
    refusal = page.inner_text("#cannot-delete")
    assert "已关闭" in refusal and "请改为关闭" not in refusal
    screenshot(page, "plans-delete-closed-phone")
    page.goto(f"{live_server.url}/plans/")
    row.locator("details.confirm-activate summary").click()
    with page.expect_navigation():
        row.locator("button[value=activate]").click()
    assert Plan.objects.get(slug="kaifeng-2024").status == "active"
