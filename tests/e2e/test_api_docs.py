"""The API in a browser: a user makes a token on their own page and another system uses it;
the interactive docs load from tuijin's own files under its Content-Security-Policy; the city
admin publishes a plan as open data on its settings page (at a laptop's and a phone's width)."""

import pytest

from tests.e2e.conftest import PHONE
from tests.e2e.test_csp import LISTEN
from tests.e2e.test_dashboard import log_in
from tests.factories import make_project

pytestmark = [pytest.mark.e2e]


def test_a_token_made_on_the_page_works_once_shown(live_server, new_page, cast):
    page = new_page()
    log_in(page, live_server.url, cast["owner"].username, "/accounts/tokens/")
    page.fill("#id_name", "省平台")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    secret = page.inner_text("#token-secret").strip()
    assert secret.startswith("tj_")
    # Another system: a fresh context without the session's cookies, only the token.
    machine = new_page().request
    me = f"{live_server.url}/api/v1/me"
    assert machine.get(me).status == 401
    response = machine.get(me, headers={"Authorization": f"Bearer {secret}"})
    assert response.status == 200 and response.json()["username"] == "owner-demo"
    page.goto(f"{live_server.url}/accounts/tokens/")
    assert secret not in page.content()
    assert secret[:11] in page.content()  # the prefix tells the tokens apart
    with page.expect_navigation():
        page.click("main form button.danger")
    assert machine.get(me, headers={
        "Authorization": f"Bearer {secret}"}).json()["code"] == "token_revoked"


def test_the_docs_load_without_a_cdn_or_a_policy_violation(live_server, new_page, cast):
    page = new_page()
    page.add_init_script(LISTEN)
    outside = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(live_server.url) and not r.url.startswith("data:")
            else None)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock", timeout=15_000)
    assert page.locator(".opblock").count() >= 10
    assert page.evaluate("window.__csp") == []
    assert outside == []


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, PHONE],
                         ids=["1366", "390"])
def test_the_city_admin_makes_a_token_and_publishes_open_data(live_server, new_page, cast,
                                                              plan, owner_org, screenshot,
                                                              viewport):
    make_project(plan, district="410202", owner=owner_org, name="开封东站扩建",
                 code="2023-410202-48-01-000123")
    width = viewport["width"]
    page = new_page(viewport=viewport)
    log_in(page, live_server.url, cast["admin"].username, "/accounts/tokens/")
    page.fill("#id_name", "省平台")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.inner_text("#token-secret").startswith("tj_")
    screenshot(page, f"h3-tokens-{width}")
    _fits(page)

    download = f"{live_server.url}/open-data/{plan.slug}/oc4ids.json"
    public = new_page().request
    assert public.get(download).status == 404
    page.goto(f"{live_server.url}/plans/{plan.slug}/settings/")
    assert "尚未发布" in page.inner_text("#open-data-link")
    page.check("#id_is_open_data")
    with page.expect_navigation():
        page.click("#plan-settings button[type=submit]")
    link = page.locator("#open-data-link a")
    assert link.inner_text().endswith(f"/open-data/{plan.slug}/oc4ids.json")
    page.locator("#open-data").scroll_into_view_if_needed()
    screenshot(page, f"h3-open-data-{width}")
    _fits(page)
    response = public.get(download)
    assert response.status == 200
    package = response.json()
    assert package["projects"][0]["title"] == "开封东站扩建"


def _fits(page):
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
