"""The plan text page in a real browser: paste mangled text, review, drop a row, confirm."""

from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import PHONE
from tuijin.plans.models import Plan

pytestmark = [pytest.mark.e2e]

MANGLED = (
    "首页 >> 政务公开 >> 政府工作报告\n"
    "\u3000\u30002023年是全面貫徹落實黨的二十大精神的開局之年。\n"
    "過去一年，全市地區生產總值增長4.1%。\n"
    "上項目，持續蓄勢賦能。確保實施２０００個以上項目，完成年度投資3000億元，"
    "其中產業項目完成投資2000億元以上。\n"
    "挖內需，推進文旅強市。力爭全年接待遊客、旅遊綜合收入均增長30%以上，市場競?zhēng)力不斷增強。\n"
    "分享到：\n責任編輯：李明\n"
)


def test_admin_pastes_reviews_drops_and_confirms(live_server, new_page, screenshot, cast):
    page = new_page()
    page.goto(live_server.url + "/plans/text/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith("/plans/text/")

    page.fill("#id_text", MANGLED)
    page.select_option("#id_region", "410200")
    with page.expect_navigation():
        page.click("#plantext-form button[type=submit]")
    text = page.inner_text("#cleaned-text")
    assert "全面贯彻落实" in text and "竞争力" in text and "首页" not in text
    assert page.locator("#cleaned-text mark.target").count() == 2
    assert page.locator("#cleaned-text mark.baseline").count() == 1
    assert page.locator("#targets tbody tr").count() == 5
    screenshot(page, "plantext-review")

    row = page.locator("#targets tbody tr").nth(1)
    row.locator("input[type=checkbox]").uncheck()
    assert "dropped" in (row.get_attribute("class") or "")
    with page.expect_navigation():
        page.click("#review-form button[type=submit]")
    plan = Plan.objects.get(slug="draft-410200-2023")
    assert page.url.endswith(plan.get_absolute_url())
    assert plan.indicators.count() == 4
    assert plan.key_tasks.count() == 2


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, PHONE], ids=["1366", "390"])
def test_admin_sees_why_and_promotes_a_past_figure_and_demotes_a_target(
    live_server, new_page, screenshot, cast, viewport
):
    page = new_page(viewport=viewport)
    page.goto(live_server.url + "/plans/text/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.fill("#id_text", MANGLED)
    page.select_option("#id_region", "410200")
    with page.expect_navigation():
        page.click("#plantext-form button[type=submit]")

    # Each row says why: the target its cue words, the past figure its cue.
    assert "确保" in page.inner_text("#targets tbody tr:nth-child(1) .why")
    past = page.locator("#others tbody tr")
    assert past.count() == 1 and "过去一年" in past.first.inner_text()
    name = f"plantext-roles-{viewport['width']}"
    screenshot(page, name + "-before")

    # Promote last year's growth to a target and demote the investment figure: each row moves
    # to the table of its role, and nothing leaves the page.
    past.first.locator("select.role").select_option("target")
    assert page.locator("#targets tbody tr").count() == 6
    investment = page.locator("#targets tbody tr", has_text="3000")
    investment.locator("select.role").select_option("other")
    assert page.locator("#others tbody tr", has_text="3000").count() == 1
    assert page.locator("#targets tbody tr").count() == 5
    path = screenshot(page, name + "-after")
    shots = Path("/tmp/shots/h6")
    shots.mkdir(parents=True, exist_ok=True)
    (shots / path.name).write_bytes(path.read_bytes())
    (shots / f"{name}-after-full.png").write_bytes(path.with_name(f"{name}-after-full.png")
                                                    .read_bytes())
    (shots / f"{name}-before-full.png").write_bytes(path.with_name(f"{name}-before-full.png")
                                                     .read_bytes())

    with page.expect_navigation():
        page.click("#review-form button[type=submit]")
    plan = Plan.objects.get(slug="draft-410200-2023")
    names = list(plan.indicators.values_list("name", flat=True))
    assert "地区生产总值" in names and len(names) == 5
    assert not plan.indicators.filter(targets__value=3000).exists()
