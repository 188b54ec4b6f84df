"""The plan text page's errors in a real browser: a year the text does not give is asked for,
pasted text and a file together are refused on the field, and a refused confirmation names
each field in words, on the field and on the target's row — on a desk and on a phone."""

from pathlib import Path

import pytest

from tests.e2e.conftest import PHONE
from tests.e2e.test_pages import log_in
from tuijin.plans.models import Plan

pytestmark = [pytest.mark.e2e]

SHOTS = Path("/tmp/shots/h12")
# No sentence says which year this is (detect_year finds none): the review must ask for it.
TEXT = ("广州市政府工作报告\n"
        "今年GDP预期增长7.5%左右。完成固定资产投资6000亿元，增长8%左右。\n")


def shot(page, screenshot, name: str) -> None:
    path = screenshot(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / path.name).write_bytes(path.read_bytes())
    full = path.with_name(f"{name}-full.png")
    (SHOTS / full.name).write_bytes(full.read_bytes())


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, PHONE], ids=["1366", "390"])
def test_admin_is_asked_for_the_year_and_sees_each_error_on_its_field(
    live_server, new_page, screenshot, cast, viewport, tmp_path
):
    width = viewport["width"]
    page = new_page(viewport=viewport)
    log_in(page, live_server.url, cast["admin"].username)

    # Text and a file together: refused on the file field, nothing read.
    page.goto(live_server.url + "/plans/text/")
    upload = tmp_path / "plan.txt"
    upload.write_text(TEXT, encoding="utf-8")
    page.fill("#id_text", TEXT)
    page.set_input_files("#id_file", str(upload))
    with page.expect_navigation():
        page.click("#plantext-form button[type=submit]")
    assert "只能粘贴文本或上传文件中的一项" in page.inner_text("#plantext-form .has-error")
    shot(page, screenshot, f"plantext-both-{width}")

    page.fill("#id_text", TEXT)
    with page.expect_navigation():
        page.click("#plantext-form button[type=submit]")
    assert "文本中未写明计划年度" in page.inner_text("#year-not-found")
    assert page.locator("#id_year").evaluate("e => e.required")
    assert page.locator("#id_region").evaluate("e => e.required")
    shot(page, screenshot, f"plantext-year-missing-{width}")
    # The browser holds the form back while the year and region are empty.
    page.click("#review-form button[type=submit]")
    assert "/confirm/" not in page.url
    assert not page.locator("#id_year").evaluate("e => e.validity.valid")

    # What the server refuses is named in words, on its field and on the target's row.
    page.eval_on_selector("#review-form", "f => { f.noValidate = true; }")
    page.fill("#id_slug", "广州 2018!")
    page.fill("#id_name", "")
    row = page.locator("#targets tbody tr").nth(1)
    row.locator("input[name$=-value]").fill("六千")
    with page.expect_navigation():
        page.click("#review-form button[type=submit]")
    summary = page.inner_text("#errors")
    for label in ("标识：", "名称：", "年度：", "地区：", "目标 #2 的数值："):
        assert label in summary
    assert "indicators[" not in summary and "slug:" not in summary
    assert "标识：" in page.inner_text("#id_slug-errors")
    assert "年度：" in page.inner_text("#id_year-errors")
    assert "目标 #2 的数值：六千 不是数字" in page.inner_text("#row-2")
    assert page.locator("#row-2 input[name$=-value]").get_attribute("aria-invalid") == "true"
    shot(page, screenshot, f"plantext-confirm-errors-{width}")
    page.locator("#row-2").scroll_into_view_if_needed()
    shot(page, screenshot, f"plantext-confirm-row-error-{width}")

    # Fixed, it goes through.
    page.fill("#id_slug", f"gz-{width}")
    page.fill("#id_name", "广州市2018年计划")
    page.fill("#id_year", "2018")
    page.select_option("#id_region", "410200")
    page.locator("#row-2 input[name$=-value]").fill("6000")
    with page.expect_navigation():
        page.click("#review-form button[type=submit]")
    plan = Plan.objects.get(slug=f"gz-{width}")
    assert plan.year == 2018 and page.url.endswith(plan.get_absolute_url())
