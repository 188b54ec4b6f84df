"""The API in a browser: a user makes a token on their own page and another system uses it;
the interactive docs load from tuijin's own files under its Content-Security-Policy."""

import pytest

from tests.e2e.test_csp import LISTEN
from tests.e2e.test_dashboard import log_in

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
