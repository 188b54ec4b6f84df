"""No lost updates (issue 10, item 8), with two real sessions: the owner and the district user
open the same draft, both change it, the owner saves first; the district user's save is refused
with a message naming the owner and what the owner changed, and nothing of the owner's is
overwritten."""

from decimal import Decimal

import pytest

from tests.e2e.conftest import PHONE
from tests.e2e.month_setup import OWNER_PROJECT, cycle_plan
from tests.e2e.test_pages import log_in
from tuijin.projects.models import ReportFiling

pytestmark = [pytest.mark.e2e]


@pytest.fixture
def june(transactional_db, cast, owner_org):
    cast["owner"].full_name = "王建国"
    cast["owner"].save(update_fields=["full_name"])
    return cycle_plan(cast, owner_org, june_open=True)


def save_draft(page) -> None:
    with page.expect_navigation():
        page.click("button[name=do][value=save]")


def test_the_second_save_is_refused_and_names_the_first_persons_change(
    live_server, new_page, screenshot, cast, june
):
    project = june.projects.get(name=OWNER_PROJECT)
    filing_path = f"/projects/p/{project.pk}/month/6/"

    owner = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(owner, live_server.url, cast["owner"].username)
    owner.goto(live_server.url + filing_path)
    owner.fill("input[name=investment_month_wan]", "1500")
    owner.fill("textarea[name=progress_text]", "主体结构施工")
    save_draft(owner)
    assert owner.locator("#filing-state").inner_text() == "草稿"

    # Both open the same draft (version 1) in their own sessions.
    district = new_page()
    log_in(district, live_server.url, cast["longting"].username)
    district.goto(live_server.url + filing_path)
    assert district.input_value("input[name=investment_month_wan]") == "1500"
    owner.goto(live_server.url + filing_path)

    owner.fill("input[name=investment_month_wan]", "2000")
    district.fill("textarea[name=blockers]", "征迁进度滞后")
    district.fill("input[name=investment_month_wan]", "1800")
    save_draft(owner)
    assert "草稿" in owner.locator(".messages").inner_text()
    save_draft(district)

    refusal = district.locator("form.filing-form .errorlist[role=alert]").inner_text()
    assert "王建国" in refusal, refusal
    assert "1,500 → 2,000" in refusal, refusal  # what the owner changed, old → new
    assert "刷新" in refusal or "重新" in refusal, refusal  # and what to do now
    # The refused page keeps what the district user typed, to copy over after reloading.
    assert district.input_value("textarea[name=blockers]") == "征迁进度滞后"
    screenshot(district, "lost-update-refused")

    filing = ReportFiling.objects.get(project=project, month=6)
    assert filing.investment_month_wan == Decimal("2000")
    assert filing.blockers == "" and filing.progress_text == "主体结构施工"
    assert filing.updated_by == cast["owner"]
    assert filing.history.count() == 2  # the owner's two saves, nothing of the refused one

    # Reloading shows the owner's figure; the district user's next save goes through.
    district.goto(live_server.url + filing_path)
    assert district.input_value("input[name=investment_month_wan]") == "2000"
    district.fill("textarea[name=blockers]", "征迁进度滞后")
    save_draft(district)
    filing.refresh_from_db()
    assert (filing.investment_month_wan, filing.blockers) == (Decimal("2000"), "征迁进度滞后")
