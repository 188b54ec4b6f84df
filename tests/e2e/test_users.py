"""The user pages on a phone (390 px): the city admin creates a district user for two
districts, the new user logs in with the password shown once and changes it."""

import pytest

from tests.e2e.conftest import PHONE
from tests.e2e.test_pages import log_in
from tuijin.accounts.models import User

pytestmark = [pytest.mark.e2e]
NEW_PASSWORD = "Grey-heron-over-the-river-42"


def fits(page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"


def submit(page) -> None:
    with page.expect_navigation():
        page.click("main form.card button[type=submit]")


def test_admin_creates_a_district_user_on_a_phone_who_then_sets_a_password(
    live_server, new_page, screenshot, cast
):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, cast["admin"].username)
    page.goto(live_server.url + "/accounts/users/")
    fits(page)
    screenshot(page, "users-phone")
    with page.expect_navigation():
        page.click("#new-user")
    page.fill("input[name=username]", "lankao-li")
    page.fill("input[name=full_name]", "李华")
    page.select_option("select[name=role]", "district")
    assert page.locator("#row-divisions").is_visible()
    assert not page.locator("#row-organisation").is_visible()
    page.fill("input[name=phone]", "139 0000 1111")
    submit(page)
    assert "所辖县区" in page.locator("#errors-divisions").inner_text()
    fits(page)
    screenshot(page, "user-form-error-phone")

    page.check("#row-divisions input[type=checkbox] >> nth=0")
    page.check("#row-divisions input[type=checkbox] >> nth=1")
    submit(page)
    password = page.locator("#handed-password").inner_text()
    fits(page)
    screenshot(page, "user-created-phone")
    user = User.objects.get(username="lankao-li")
    assert len(user.division_ids) == 2 and user.phone == "13900001111"

    other = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    other.goto(live_server.url + "/accounts/login/")
    other.fill("input[name=username]", "lankao-li")
    other.fill("input[name=password]", password)
    with other.expect_navigation():
        other.click("main form button[type=submit]")
    other.goto(live_server.url + "/accounts/password/")
    fits(other)
    other.fill("input[name=old_password]", password)
    other.fill("input[name=new_password1]", NEW_PASSWORD)
    other.fill("input[name=new_password2]", NEW_PASSWORD)
    with other.expect_navigation():
        other.click("main form button[type=submit]")
    assert "/accounts/" not in other.url
    assert User.objects.get(username="lankao-li").check_password(NEW_PASSWORD)
