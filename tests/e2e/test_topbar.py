"""The top bar on a phone stays compact: the main links scroll sideways in one row, the plan
switcher and the account links fold into a menu; on a wide screen every link stays in view."""

import pytest
from django.utils import timezone

from tests.e2e.conftest import PHONE
from tests.e2e.test_pages import log_in
from tests.factories import make_plan
from tuijin.projects.models import Notice

pytestmark = [pytest.mark.e2e]

# Two rows of the bar (brand and menu, then the links); the walk measured 155 px for the city
# admin when everything wrapped.
PHONE_BAR_MAX_PX = 100


def header_height(page) -> float:
    return page.evaluate("document.querySelector('header.topbar').getBoundingClientRect().height")


def test_the_city_admins_bar_is_two_rows_on_a_phone_and_every_link_is_reachable(
    live_server, new_page, screenshot, cast
):
    make_plan("kaifeng-2023", year=2023)
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, cast["admin"].username)
    assert header_height(page) <= PHONE_BAR_MAX_PX
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"
    screenshot(page, "topbar-admin-phone")

    # Every main link is in the row, reached by scrolling it sideways; the last one works.
    links = page.locator("header nav a")
    names = links.all_inner_texts()
    assert {"项目", "填报月份", "问题督办", "通报", "导入导出", "用户管理"} <= set(names)
    for index in range(links.count()):
        links.nth(index).scroll_into_view_if_needed()
        assert links.nth(index).is_visible()
    screenshot(page, "topbar-admin-phone-scrolled")
    with page.expect_navigation():
        page.click("header nav a:text-is('用户管理')")
    assert page.url.endswith("/accounts/users/")

    # The plan switcher and the account links are behind the menu button, one tap away.
    assert not page.locator("#nav-plan").is_visible()
    page.click(".menu-toggle")
    assert page.get_attribute(".menu-toggle", "aria-expanded") == "true"
    for shown in ("#nav-plan", "text=修改密码", "text=API 令牌", "button:text-is('退出')"):
        assert page.locator(shown).is_visible(), shown
    screenshot(page, "topbar-admin-phone-menu")
    page.keyboard.press("Escape")
    assert not page.locator("#nav-plan").is_visible()
    page.click(".menu-toggle")
    with page.expect_navigation():
        page.click("#nav-plan")
    assert page.url.endswith("/plans/")
    # The notices and the language stay in the first row.
    assert page.locator("#nav-notices").is_visible()
    assert page.locator("button[name=language]").is_visible()


@pytest.mark.parametrize("role", ["longting", "owner", "leader", "bureau"])
def test_every_roles_bar_stays_compact_on_a_phone(live_server, new_page, cast, role):
    make_plan("kaifeng-2023", year=2023)
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, cast[role].username)
    assert header_height(page) <= PHONE_BAR_MAX_PX


def test_on_a_wide_screen_the_bar_shows_every_link_without_a_menu(
    live_server, new_page, screenshot, cast
):
    make_plan("kaifeng-2023", year=2023)
    Notice.objects.create(user=cast["admin"], text="请于25日前报送6月月报",
                          created_at=timezone.now())
    page = new_page(viewport={"width": 1366, "height": 900})
    log_in(page, live_server.url, cast["admin"].username)
    assert not page.locator(".menu-toggle").is_visible()
    for shown in ("#nav-plan", "#nav-notices", "text=修改密码", "button:text-is('退出')",
                  "header nav a:text-is('用户管理')"):
        assert page.locator(shown).is_visible(), shown
    assert header_height(page) <= PHONE_BAR_MAX_PX
    # The unread count stands out from the red bar (it was red on red).
    colours = page.evaluate("""() => [
        getComputedStyle(document.querySelector('#unread-count')).backgroundColor,
        getComputedStyle(document.querySelector('header.topbar')).backgroundColor]""")
    assert colours[0] != colours[1], colours
    screenshot(page, "topbar-admin-desktop")
