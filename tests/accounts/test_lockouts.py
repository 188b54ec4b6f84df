"""Lock-outs that cannot be turned against users (issue 11, item 3): a lock-out holds one user
name at one client address, the address is the client's own (behind a proxy too, and never
what a client merely claims), and the city administration unlocks a user from the app."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD
from tuijin.accounts.lockouts import forwarded_client

LIMIT = 10  # settings.AXES_FAILURE_LIMIT, the default
STRANGER, OFFICE, HOME, PROXY = "203.0.113.9", "198.51.100.7", "192.0.2.44", "10.0.0.2"


def _log_in(client, username, password, *, address, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("accounts:login"), {"username": username, "password": password},
                       **extra)


def _fail(client, username, times, *, address, forwarded=None):
    for _attempt in range(times):
        response = _log_in(client, username, "wrong", address=address, forwarded=forwarded)
        assert response.status_code in (200, 429)


def _logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("plans:home")


# ------------------------------------------------------------------ the client's address


@pytest.mark.parametrize("remote,header,proxies,expected", [
    (STRANGER, "", 0, STRANGER),
    (STRANGER, "1.2.3.4", 0, STRANGER),  # no proxy: the header is whatever the client sent
    (PROXY, OFFICE, 1, OFFICE),
    (PROXY, f"1.2.3.4, {OFFICE}", 1, OFFICE),  # the left entry was the client's own claim
    (PROXY, f"1.2.3.4, {OFFICE}, 10.0.0.9", 2, OFFICE),  # two proxies: second from the right
    (PROXY, "", 1, PROXY),  # not through the proxy after all
    (PROXY, OFFICE, 2, PROXY),  # shorter than the proxies that should have written it
    (PROXY, "not-an-address", 1, PROXY),
    (PROXY, "2001:db8::1", 1, "2001:db8::1"),
])
def test_the_client_address_is_what_the_nearest_proxy_saw(remote, header, proxies, expected):
    assert forwarded_client(remote_addr=remote, forwarded_for=header,
                            proxy_count=proxies) == expected


# ------------------------------------------------------------------------------ lock-outs


def test_a_strangers_typos_for_admin_do_not_lock_the_real_admin_out(client, cast):
    _fail(client, "admin", LIMIT, address=STRANGER)
    assert _log_in(client, "admin", PASSWORD, address=STRANGER).status_code == 429
    assert _logged_in(_log_in(client, "admin", PASSWORD, address=OFFICE))


def test_failures_on_other_user_names_do_not_lock_a_user_out_at_the_same_address(client, cast):
    """Ten failures spread over five user names from one office address."""
    for username in ("admin", "leader", "bureau-tourism", "owner-demo", "district-qixian"):
        _fail(client, username, 2, address=OFFICE)
    assert _logged_in(_log_in(client, "district-longting", PASSWORD, address=OFFICE))


def test_a_user_name_is_locked_out_at_the_address_that_failed(client, cast):
    _fail(client, "district-longting", LIMIT, address=OFFICE)
    response = _log_in(client, "district-longting", PASSWORD, address=OFFICE)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_behind_a_proxy_each_client_is_counted_apart(client, cast, settings):
    settings.TUIJIN_PROXY_COUNT = 1
    _fail(client, "district-longting", LIMIT, address=PROXY, forwarded=STRANGER)
    assert _log_in(client, "district-longting", PASSWORD, address=PROXY,
                   forwarded=STRANGER).status_code == 429
    assert _logged_in(_log_in(client, "district-longting", PASSWORD, address=PROXY,
                              forwarded=OFFICE))


def test_behind_a_proxy_a_client_cannot_escape_by_claiming_other_addresses(client, cast,
                                                                           settings):
    settings.TUIJIN_PROXY_COUNT = 1
    for attempt in range(LIMIT):
        _log_in(client, "admin", "wrong", address=PROXY,
                forwarded=f"10.9.9.{attempt}, {STRANGER}")
    assert _log_in(client, "admin", PASSWORD, address=PROXY,
                   forwarded=f"10.9.9.200, {STRANGER}").status_code == 429


def test_without_a_proxy_the_forwarded_header_is_ignored(client, cast, settings):
    settings.TUIJIN_PROXY_COUNT = 0
    for attempt in range(LIMIT):
        _log_in(client, "admin", "wrong", address=STRANGER, forwarded=f"10.9.9.{attempt}")
    # Claiming the office's address does not make the stranger the office.
    assert _log_in(client, "admin", PASSWORD, address=STRANGER,
                   forwarded=OFFICE).status_code == 429
    assert _logged_in(_log_in(client, "admin", PASSWORD, address=OFFICE))


# ------------------------------------------------------------------------------- unlocking


def test_the_city_admin_sees_who_is_locked_out_and_unlocks_them(client, cast):
    _fail(client, "district-longting", LIMIT, address=HOME)
    client.force_login(cast["admin"])
    page = client.get(reverse("accounts:lockout_list"))
    assert page.status_code == 200
    [lockout] = page.context["lockouts"]
    assert (lockout.username, lockout.ip_address, lockout.failures) == (
        "district-longting", HOME, LIMIT)
    response = client.post(reverse("accounts:lockout_unlock"),
                           {"username": "district-longting"})
    assert response.status_code == 302
    assert client.get(reverse("accounts:lockout_list")).context["lockouts"] == []
    client.logout()
    assert _logged_in(_log_in(client, "district-longting", PASSWORD, address=HOME))


@pytest.mark.parametrize("role", ["leader", "bureau", "longting", "qixian", "owner"])
def test_only_the_city_admin_may_unlock(client, cast, role):
    _fail(client, "admin", LIMIT, address=STRANGER)
    client.force_login(cast[role])
    assert client.get(reverse("accounts:lockout_list")).status_code == 403
    assert client.post(reverse("accounts:lockout_unlock"),
                       {"username": "admin"}).status_code == 403
    client.logout()
    assert _log_in(client, "admin", PASSWORD, address=STRANGER).status_code == 429


def test_unlocking_a_user_who_is_not_locked_out_says_so(client, cast):
    client.force_login(cast["admin"])
    response = client.post(reverse("accounts:lockout_unlock"), {"username": "leader"},
                           follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "leader was not locked out" in response.content.decode()
