"""The plan's settings on a phone (390 px): the city office switches to Wuhan's ratio scheme, a
bound out of order is refused on its field, and the dashboard's light then explains itself
with the ratio rule."""

import pytest

from tests.e2e.conftest import PHONE
from tests.e2e.test_pages import log_in
from tests.factories import make_project, make_report
from tuijin.plans.models import Plan

pytestmark = [pytest.mark.e2e]


def fits(page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"


def save(page) -> None:
    with page.expect_navigation():
        page.click("#plan-settings button[type=submit]")


def test_the_city_office_sets_wuhans_scheme_on_a_phone(live_server, new_page, screenshot,
                                                        cast, plan):
    make_report(make_project(plan, annual_plan_wan="1000"), 6, "380", "380")
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, cast["admin"].username)
    page.goto(f"{live_server.url}/plans/{plan.slug}/")
    with page.expect_navigation():
        page.click("#plan-settings-link")
    fits(page)
    assert "已开启月份的截止日期" in page.inner_text("#due-day-note")
    page.select_option("select[name=light_scheme]", "ratio")
    page.fill("input[name=ratio_yellow_below]", "60")
    page.fill("input[name=ratio_red_below]", "80")
    save(page)
    assert "红灯界限 80% 高于黄灯界限 60%" in page.inner_text("#errors-ratio_red_below")
    fits(page)
    screenshot(page, "plan-settings-refused-phone")
    assert Plan.objects.get(pk=plan.pk).light_scheme == "gap"
    page.fill("input[name=ratio_yellow_below]", "80")
    page.fill("input[name=ratio_red_below]", "60")
    save(page)
    assert "计划设置已保存" in page.inner_text("main")
    assert Plan.objects.get(pk=plan.pk).light_scheme == "ratio"
    page.goto(f"{live_server.url}/progress/{plan.slug}/?month=2023-06")
    why = page.inner_text("#completion-card .why")
    assert why == "黄灯：完成率 38.0% 为时间进度 50.0% 的 76.0%，低于 80%，不低于 60%。"
    assert "按与时间进度的比值" in page.inner_text("#light-scheme-note")
