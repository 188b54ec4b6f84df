"""A write that timed out waiting for the database's locks answers 503 "busy, try again"
(core/middleware.py), in the user's language; any other database error stays a 500."""

import pytest
from django.db import IntegrityError, OperationalError

pytestmark = [pytest.mark.urls("tests.core.busy_urls"), pytest.mark.django_db]


def test_a_locked_database_answers_503_with_the_advice_to_retry(client):
    response = client.post("/test-busy/locked/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "系统繁忙" in page and "请稍后重试" in page


def test_the_busy_page_follows_the_language_asked_for(client):
    response = client.post("/test-busy/locked/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert "please try again in a moment" in response.content.decode()


def test_a_client_asking_for_json_gets_the_busy_code(client):
    response = client.post("/test-busy/locked/", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert response.json()["code"] == "busy"


@pytest.mark.parametrize(("url", "error"), [("/test-busy/broken/", OperationalError),
                                            ("/test-busy/duplicate/", IntegrityError)])
def test_other_database_errors_are_not_dressed_up_as_busy(client, url, error):
    with pytest.raises(error):
        client.post(url)


def test_a_database_restart_answers_503_saying_nothing_was_saved(client):
    response = client.post("/test-busy/down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "数据库暂时无法连接" in page and "未保存" in page
    english = client.post("/test-busy/down/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "it may be restarting" in english and "Nothing of yours was saved" in english


def test_a_json_client_gets_the_unavailable_code(client):
    response = client.post("/test-busy/down/", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert response.json()["code"] == "unavailable"
