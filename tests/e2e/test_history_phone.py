"""The history on a 390 px phone (issue 10 §7, §11): one card per change, old → new under its
label, and the page never scrolls sideways, however long a text or a reason."""

import pytest

from tests.e2e.conftest import PHONE
from tests.e2e.test_pages import log_in
from tests.projects.test_history_selectors import a_month_of_the_cycle

pytestmark = [pytest.mark.e2e]


def test_an_owner_reads_the_history_on_a_phone(live_server, new_page, screenshot, cast, plan,
                                                owner_org):
    project = a_month_of_the_cycle(plan, cast, owner_org)
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, cast["owner"].username)
    page.goto(live_server.url + project.get_absolute_url())
    with page.expect_navigation():
        page.click("#project-history")
    cards = page.locator("#history > li.card.history-entry")
    assert cards.count() == 12
    assert page.locator("main table").count() == 0
    first = cards.first.inner_text()
    # In Chinese, as the owner's phone asks: the city office's correction, old → new, its reason.
    assert "120.00" in first and "100.00" in first and "审计调整" in first
    screenshot(page, "history-phone")
    _fits(page)

    page.goto(live_server.url + f"/projects/p/{project.pk}/month/6/")
    page.locator("#month-history").wait_for()
    assert "投资额与台账不符" in page.locator("#month-history").inner_text()
    screenshot(page, "history-phone-month")
    _fits(page)


def _fits(page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"
    too_wide = page.evaluate("""() => [...document.querySelectorAll('.history-entry')]
        .filter(card => card.getBoundingClientRect().right > window.innerWidth + 1).length""")
    assert too_wide == 0
