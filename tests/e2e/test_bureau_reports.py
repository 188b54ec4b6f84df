"""A bureau on a phone (390 px): the tourism bureau opens 本月待填报 from the navigation, enters
接待游客 for the open month and submits; the city office approves it in the review queue; the
target on the dashboard shows the value."""

import pytest

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_pages import log_in
from tuijin.plans.models import Indicator
from tuijin.plans.services import plan_load_builtin
from tuijin.projects.cycle_services import period_open
from tuijin.projects.models import BureauReport

pytestmark = [pytest.mark.e2e]


def fits(page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"


def test_the_tourism_bureau_reports_from_a_phone(live_server, new_page, screenshot, cast):
    plan = plan_load_builtin("kaifeng-2023")
    period_open(plan=plan, month=6, user=cast["admin"])
    arrivals = Indicator.objects.get(plan=plan, code="tourist-arrivals")

    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, cast["bureau"].username)
    with page.expect_navigation():
        page.click("#nav-bureau")
    # 接待游客 and 旅游综合收入, the culture-and-tourism key work and its four measures
    assert page.locator("#bureau-rows > li").count() == 2 + 1 + 4
    fits(page)
    screenshot(page, "bureau-month-phone")

    with page.expect_navigation():
        page.click(f'[data-item="indicator-{arrivals.pk}"] a.name')
    assert "%" in page.locator("label[for=id_value]").inner_text()
    page.fill("#id_value", "35.2")
    page.fill("#id_note", "1—6月接待游客同比增长35.2%")
    fits(page)
    screenshot(page, "bureau-report-phone")
    with page.expect_navigation():
        page.click("#bureau-form button[value=submit]")
    assert page.locator("#report-state").inner_text() == "已提交"
    fits(page)

    office = new_page(viewport=DESKTOP)
    log_in(office, live_server.url, cast["admin"].username)
    office.goto(f"{live_server.url}/projects/{plan.slug}/bureaus/")
    office.check(f'[data-item="indicator-{arrivals.pk}"] input[name=report]')
    with office.expect_navigation():
        office.click("#review-form button[value=approve]")
    assert BureauReport.objects.get(indicator=arrivals, month=6).state == "approved"

    office.goto(f"{live_server.url}/progress/{plan.slug}/indicators/?month=2023-06")
    assert office.locator('[data-actual="tourist-arrivals"]').inner_text() == "35.2"
    assert office.locator('[data-status="tourist-arrivals"]').inner_text() != "无数据"
