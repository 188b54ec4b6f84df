"""Logging in and out through the pages; django-axes locks out repeated failures."""

from django.urls import reverse

from tests.conftest import PASSWORD


def test_log_in_goes_to_the_plan_home(client, cast):
    response = client.post(reverse("accounts:login"),
                           {"username": "leader", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:home")


def test_log_in_returns_to_the_page_asked_for(client, cast, plan):
    response = client.post(reverse("accounts:login") + f"?next={plan.get_absolute_url()}", {
        "username": "leader", "password": PASSWORD, "next": plan.get_absolute_url()})
    assert response["Location"] == plan.get_absolute_url()


def test_wrong_password_shows_the_form_again(client, cast):
    response = client.post(reverse("accounts:login"), {"username": "leader", "password": "x"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_repeated_failures_lock_the_account_out(client, cast, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _attempt in range(3):
        client.post(reverse("accounts:login"), {"username": "leader", "password": "wrong"})
    response = client.post(reverse("accounts:login"),
                           {"username": "leader", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "administrator" in response.content.decode() or "管理员" in response.content.decode()


def test_log_out_is_a_post_and_ends_the_session(client, cast):
    client.force_login(cast["leader"])
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login")
    assert client.get(reverse("plans:home")).status_code == 302
    assert "_auth_user_id" not in client.session
