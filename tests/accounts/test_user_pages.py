"""The user pages, as the city administrator uses them: create users of every role, see each
mistake next to its field (named in Chinese and in English), deactivate, reset a password; and
every user changing their own password."""

import re

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD
from tuijin.accounts.models import User
from tuijin.core.models import Division

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
STRONG = "Grey-heron-over-the-river-42"


@pytest.fixture
def admin_client(client, cast):
    client.force_login(cast["admin"])
    return client


def field_errors(response, field: str) -> str:
    found = re.search(rf'<ul class="errorlist" id="errors-{field}">(.*?)</ul>',
                      response.content.decode(), re.S)
    return re.sub(r"<[^>]+>", " ", found.group(1)) if found else ""


def create(client, headers=ZH, **fields):
    data = {"username": "new-user", "full_name": "张三", "role": "leader", "phone": "",
            "email": "", "password": "", **fields}
    return client.post(reverse("accounts:user_create"), data, **headers)


def log_in(client, username, password):
    client.logout()
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def district_pk(code):
    return Division.objects.get(code=code).pk


@pytest.mark.parametrize(("role", "extra"), [
    ("city_admin", {}),
    ("leader", {}),
    ("district", {"divisions": ["410202", "410221"]}),
    ("owner", {"organisation": "owner"}),
    ("bureau", {"organisation": "bureau"}),
])
def test_the_city_admin_creates_a_user_of_each_role(admin_client, cast, owner_org, role, extra):
    organisations = {"owner": owner_org.pk, "bureau": cast["bureau"].organisation_id}
    fields = {"role": role, "phone": "138 1234 5678", "email": "zhang@example.gov.cn",
              "password": STRONG}
    if "divisions" in extra:
        fields["divisions"] = [district_pk(code) for code in extra["divisions"]]
    if "organisation" in extra:
        fields["organisation"] = organisations[extra["organisation"]]
    response = create(admin_client, **fields)
    assert response.status_code == 200
    assert 'id="handed-password"' in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response[
        "Cache-Control"]
    user = User.objects.get(username="new-user")
    assert (user.role, user.get_full_name(), user.phone) == (role, "张三", "13812345678")
    if role == "district":
        assert user.division_ids == {district_pk("410202"), district_pk("410221")}
    if role in ("owner", "bureau"):
        assert user.organisation_id == fields["organisation"]
    assert log_in(admin_client, "new-user", STRONG).status_code == 302


def test_a_generated_password_is_shown_once_and_works(admin_client, cast):
    response = create(admin_client)
    password = re.search(r'id="handed-password">([^<]+)<', response.content.decode()).group(1)
    assert log_in(admin_client, "new-user", password).status_code == 302
    # Nothing else shows it again: the user page has no password on it.
    admin_client.force_login(cast["admin"])
    page = admin_client.get(reverse("accounts:user_edit",
                                    args=[User.objects.get(username="new-user").pk]))
    assert password not in page.content.decode()


@pytest.mark.parametrize(("fields", "field", "zh", "en"), [
    ({"role": "district"}, "divisions", "所辖县区", "Districts"),
    ({"role": "owner"}, "organisation", "单位", "Organisation"),
    ({"username": "leader"}, "username", "用户名", "Username"),
    ({"password": "12345678"}, "password", "密码", "Password"),
    ({"phone": "12345"}, "phone", "电话", "Phone"),
    ({"full_name": ""}, "full_name", "姓名", "Full name"),
])
def test_each_mistake_is_shown_at_its_field_naming_it_in_chinese_and_english(
        admin_client, cast, fields, field, zh, en):
    chinese = create(admin_client, ZH, **fields)
    english = create(admin_client, EN, **fields)
    assert chinese.status_code == english.status_code == 200
    assert field_errors(chinese, field).strip().startswith(zh), field_errors(chinese, field)
    assert field_errors(english, field).strip().startswith(en), field_errors(english, field)
    assert not User.objects.filter(username="new-user").exists()


def test_one_submission_shows_every_mistake(admin_client, cast):
    response = create(admin_client, EN, username="leader", role="district", password="12345678")
    for field in ("username", "divisions", "password"):
        assert field_errors(response, field), field


def test_deactivated_users_can_no_longer_log_in_and_their_session_ends(client, cast):
    owner_client = client.__class__()
    owner_client.force_login(cast["owner"])
    client.force_login(cast["admin"])
    url = reverse("accounts:user_deactivate", args=[cast["owner"].pk])
    assert client.post(url, {"reason": ""}).status_code == 200  # a reason is required
    response = client.post(url, {"reason": "调离岗位"})
    assert response["Location"] == reverse("accounts:user_edit", args=[cast["owner"].pk])
    assert owner_client.get(reverse("plans:home"))["Location"].startswith(
        reverse("accounts:login"))
    assert log_in(client, "owner-demo", PASSWORD).status_code == 200  # the form again


def test_a_reactivated_user_logs_in_again(admin_client, cast):
    owner = cast["owner"]
    admin_client.post(reverse("accounts:user_deactivate", args=[owner.pk]), {"reason": "休假"})
    admin_client.post(reverse("accounts:user_activate", args=[owner.pk]), {"reason": "回来了"})
    assert log_in(admin_client, "owner-demo", PASSWORD).status_code == 302


def test_the_user_page_lists_the_changes(admin_client, cast):
    owner = cast["owner"]
    admin_client.post(reverse("accounts:user_deactivate", args=[owner.pk]), {"reason": "调离岗位"})
    page = admin_client.get(reverse("accounts:user_edit", args=[owner.pk]), **ZH).content.decode()
    assert "tuijin.user.deactivated: 调离岗位" in page


def test_editing_a_user_changes_their_districts(admin_client, cast):
    longting = cast["longting"]
    response = admin_client.post(reverse("accounts:user_edit", args=[longting.pk]), {
        "full_name": "龙亭区联络员", "role": "district", "phone": "0371-23456789",
        "divisions": [district_pk("410202"), district_pk("410225")]})
    assert response.status_code == 302
    longting = User.objects.get(pk=longting.pk)
    assert longting.division_ids == {district_pk("410202"), district_pk("410225")}
    assert longting.get_full_name() == "龙亭区联络员"


def test_the_city_admin_resets_a_password(admin_client, cast):
    url = reverse("accounts:user_password", args=[cast["owner"].pk])
    weak = admin_client.post(url, {"password": "owner-demo"}, **EN)
    assert field_errors(weak, "password").strip().startswith("Password")
    response = admin_client.post(url, {"password": ""})
    password = re.search(r'id="handed-password">([^<]+)<', response.content.decode()).group(1)
    assert log_in(admin_client, "owner-demo", PASSWORD).status_code == 200
    assert log_in(admin_client, "owner-demo", password).status_code == 302


def test_a_user_changes_their_own_password(client, cast):
    client.force_login(cast["owner"])
    url = reverse("accounts:password_change")
    wrong = client.post(url, {"old_password": "nope", "new_password1": STRONG,
                              "new_password2": STRONG})
    assert wrong.status_code == 200
    response = client.post(url, {"old_password": PASSWORD, "new_password1": STRONG,
                                 "new_password2": STRONG})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session  # still logged in
    assert log_in(client, "owner-demo", STRONG).status_code == 302
    assert User.objects.get(username="owner-demo").history.latest().history_change_reason == (
        "tuijin.user.password_changed")


def test_the_navigation_offers_users_to_the_city_admin_only(client, cast):
    for role in cast:
        client.force_login(cast[role])
        page = client.get(reverse("accounts:password_change")).content.decode()
        assert (reverse("accounts:user_list") in page) == (role == "admin"), role
        assert reverse("accounts:password_change") in page


def test_the_list_finds_users_by_name_phone_or_organisation(admin_client, cast, owner_org):
    User.objects.filter(pk=cast["owner"].pk).update(full_name="刘七", phone="13900001111")
    for text in ("刘七", "1390000", owner_org.name[:4]):
        page = admin_client.get(reverse("accounts:user_list"), {"text": text}).content.decode()
        assert 'data-username="owner-demo"' in page, text
        assert 'data-username="leader"' not in page, text


def test_the_django_admin_still_edits_a_user(client, cast):
    User.objects.filter(pk=cast["admin"].pk).update(is_staff=True, is_superuser=True)
    client.force_login(cast["admin"])
    page = client.get(reverse("admin:accounts_user_change", args=[cast["longting"].pk]))
    assert page.status_code == 200
    assert 'name="extra_divisions"' in page.content.decode()
