"""Error pages are tuijin's own, in Chinese with the English below, and never Django's debug
page: with DEBUG off (as in production) 403, 404 and 500 show templates/403.html, 404.html
and 500.html; production settings refuse to run with DEBUG on."""

import pytest
from django.urls import reverse

from tests.test_settings import GOOD_ENV, run_manage

DJANGO_DEBUG_PAGE = ("Using the URLconf", "Traceback", "technical_500", "DEBUG = True")


@pytest.fixture
def debug_off(settings):
    settings.DEBUG = False


def assert_tuijin_page(response, status, chinese, english):
    page = response.content.decode()
    assert response.status_code == status
    assert chinese in page and english in page
    assert page.index(chinese) < page.index(english)  # Chinese first, the English below
    assert not any(marker in page for marker in DJANGO_DEBUG_PAGE)


def test_an_unknown_page_is_tuijins_404(client, cast, debug_off):
    client.force_login(cast["owner"])
    assert_tuijin_page(client.get("/no-such-page/"), 404, "页面不存在", "Page not found")


def test_an_anonymous_visitor_gets_the_same_404(client, db, debug_off):
    assert_tuijin_page(client.get("/no-such-page/"), 404, "页面不存在", "Page not found")


def test_a_page_the_role_may_not_open_is_tuijins_403(client, cast, debug_off):
    client.force_login(cast["leader"])
    assert_tuijin_page(client.get(reverse("accounts:user_list")), 403, "无权访问", "Not allowed")


@pytest.mark.urls("tests.error_urls")
def test_a_failing_page_is_tuijins_500(client, cast, debug_off):
    client.raise_request_exception = False
    client.force_login(cast["owner"])
    assert_tuijin_page(client.get("/fail/"), 500, "系统出错", "Server error")


def test_the_500_page_needs_no_request_or_context():
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "系统出错" in page and "{%" not in page


def test_production_settings_refuse_debug():
    result = run_manage("check", env={**GOOD_ENV, "DEBUG": "true"})
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_settings_turn_debug_off():
    result = run_manage("shell", "--no-imports", "-c",
                        "from django.conf import settings; print(settings.DEBUG)",
                        env=GOOD_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
