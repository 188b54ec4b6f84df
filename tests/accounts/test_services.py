"""accounts/services.py: the city office writes users; every write checks who acts, names the
field it refuses, and leaves one history record."""

import pytest
from django.contrib.auth import authenticate as django_authenticate
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from tests.conftest import PASSWORD
from tests.factories import make_project
from tuijin.accounts.models import User
from tuijin.accounts.scopes import Scope, scope_for
from tuijin.accounts.services import (
    user_activate,
    user_create,
    user_deactivate,
    user_reset_password,
    user_update,
)
from tuijin.core.errors import InputError
from tuijin.core.models import Division
from tuijin.projects.selectors import projects_visible_to


def authenticate(**credentials):
    """Log in as the log-in page does (django-axes wants the request)."""
    return django_authenticate(RequestFactory().post("/accounts/login/"), **credentials)


def district(code):
    return Division.objects.get(code=code)


@pytest.fixture
def admin(cast):
    return cast["admin"]


def new_district_user(admin, *codes, username="district-two"):
    user, _password = user_create(actor=admin, username=username, role=User.Role.DISTRICT,
                                  full_name="王五", divisions=[district(c) for c in codes])
    return User.objects.get(pk=user.pk)


def test_a_district_user_with_two_districts_sees_both(admin, plan):
    make_project(plan, name="龙亭甲", district="410202")
    make_project(plan, name="杞县甲", district="410221")
    make_project(plan, name="兰考甲", district="410225")
    user = new_district_user(admin, "410221", "410202")
    assert user.division.code == "410202"  # the lowest code is the main district
    assert [d.code for d in user.extra_divisions.all()] == ["410221"]
    assert scope_for(user).division_ids == {district("410202").pk, district("410221").pk}
    assert set(projects_visible_to(user, plan=plan).values_list("name", flat=True)) == {
        "龙亭甲", "杞县甲"}


def test_created_users_get_the_password_given_or_a_generated_one(admin):
    _user, given = user_create(actor=admin, username="leader-2", role=User.Role.LEADER,
                              full_name="李四", password=PASSWORD)
    assert given == PASSWORD and authenticate(username="leader-2", password=PASSWORD)
    _user, generated = user_create(actor=admin, username="leader-3", role=User.Role.LEADER,
                                  full_name="赵六")
    assert len(generated) == 14 and authenticate(username="leader-3", password=generated)


def test_a_role_keeps_only_the_fields_it_uses(admin, owner_org):
    user, _password = user_create(actor=admin, username="leader-2", role=User.Role.LEADER,
                                  full_name="李四", divisions=[district("410202")],
                                  organisation=owner_org)
    user.refresh_from_db()
    assert user.division is None and user.organisation is None
    assert not user.extra_divisions.exists()


@pytest.mark.parametrize(("fields", "field"), [
    ({"role": User.Role.DISTRICT}, "divisions"),
    ({"role": User.Role.OWNER}, "organisation"),
    ({"role": User.Role.BUREAU}, "organisation"),
    ({"role": User.Role.LEADER, "username": "Leader"}, "username"),  # taken, in any case
    ({"role": User.Role.LEADER, "password": "12345678"}, "password"),
    ({"role": User.Role.LEADER, "phone": "12345"}, "phone"),
    ({"role": User.Role.LEADER, "full_name": " "}, "full_name"),
    ({"role": User.Role.LEADER, "email": "not-an-address"}, "email"),
])
def test_bad_input_is_refused_naming_the_field(admin, fields, field):
    before = User.objects.count()
    with pytest.raises(InputError) as caught:
        user_create(actor=admin, **{"username": "new-user", "full_name": "张三", **fields})
    assert caught.value.field == field
    assert User.objects.count() == before


@pytest.mark.parametrize("role", ["leader", "bureau", "longting", "qixian", "owner"])
def test_only_the_city_office_writes_users(cast, role):
    with pytest.raises(PermissionDenied):
        user_create(actor=cast[role], username="x", role=User.Role.LEADER, full_name="x")
    with pytest.raises(PermissionDenied):
        user_deactivate(actor=cast[role], user=cast["owner"], reason="x")
    with pytest.raises(PermissionDenied):
        user_reset_password(actor=cast[role], user=cast["owner"])


def test_no_actor_is_a_type_error(cast):
    with pytest.raises(TypeError, match="city_wide_for_system"):
        user_create(actor=None, username="x", role=User.Role.LEADER, full_name="x")


def test_a_command_may_create_users_for_the_city(db):
    user, _password = user_create(actor=Scope.city_wide_for_system(), username="first-admin",
                                  role=User.Role.CITY_ADMIN, full_name="管理员")
    assert user.history.get().history_user is None


def test_editing_other_districts_keeps_the_main_one(admin):
    user = new_district_user(admin, "410221")
    user_update(actor=admin, user=user, role=User.Role.DISTRICT, full_name="王五",
                divisions=[district("410202"), district("410221")])
    user.refresh_from_db()
    assert user.division.code == "410221"
    assert [d.code for d in user.extra_divisions.all()] == ["410202"]


def test_a_user_changed_to_leader_sees_no_district_of_their_own_any_more(admin, cast):
    user = cast["longting"]
    user_update(actor=admin, user=user, role=User.Role.LEADER, full_name="前县区用户")
    user.refresh_from_db()
    assert user.division is None and scope_for(user).is_read_only


def test_the_city_admin_cannot_take_their_own_role(admin):
    with pytest.raises(InputError) as caught:
        user_update(actor=admin, user=admin, role=User.Role.LEADER, full_name="管理员")
    assert caught.value.field == "role"


def test_a_deactivated_user_can_no_longer_log_in_until_reactivated(admin, cast):
    user_deactivate(actor=admin, user=cast["owner"], reason="调离岗位")
    assert authenticate(username="owner-demo", password=PASSWORD) is None
    user_activate(actor=admin, user=cast["owner"], reason="回到岗位")
    assert authenticate(username="owner-demo", password=PASSWORD) is not None


def test_deactivating_needs_a_reason_and_never_the_actor_themselves(admin, cast):
    with pytest.raises(InputError) as caught:
        user_deactivate(actor=admin, user=cast["owner"], reason=" ")
    assert caught.value.field == "reason"
    with pytest.raises(InputError):
        user_deactivate(actor=admin, user=admin, reason="test")
    assert User.objects.get(pk=admin.pk).is_active


def test_a_reset_password_replaces_the_old_one(admin, cast):
    new = user_reset_password(actor=admin, user=cast["owner"])
    assert authenticate(username="owner-demo", password=PASSWORD) is None
    assert authenticate(username="owner-demo", password=new) is not None


def test_a_typed_reset_password_must_be_strong(admin, cast):
    with pytest.raises(InputError) as caught:
        user_reset_password(actor=admin, user=cast["owner"], password="owner-demo")
    assert caught.value.field == "password"
    assert authenticate(username="owner-demo", password=PASSWORD) is not None


def test_every_write_leaves_one_history_record_with_who_and_why(admin, cast):
    user = new_district_user(admin, "410202", "410221")
    user_update(actor=admin, user=user, role=User.Role.DISTRICT, full_name="王五",
                phone="138 1234 5678", divisions=[district("410202")])
    user_reset_password(actor=admin, user=user)
    user_deactivate(actor=admin, user=user, reason="调离岗位")
    records = list(user.history.order_by("history_date", "history_id"))
    assert [r.history_change_reason for r in records] == [
        "tuijin.user.created", "tuijin.user.changed", "tuijin.user.password_reset",
        "tuijin.user.deactivated: 调离岗位"]
    assert records[0].history_type == "+"
    assert {r.history_user for r in records} == {admin}
    assert len(records[0].extra_divisions.all()) == 1  # 杞县, held by the creation record
    assert records[1].phone == "13812345678"
    assert not hasattr(records[0], "password")  # the hash is not copied


def test_logging_in_writes_no_history(client, cast):
    before = cast["owner"].history.count()
    response = client.post("/accounts/login/", {"username": "owner-demo", "password": PASSWORD})
    assert response.status_code == 302
    assert User.objects.get(username="owner-demo").last_login is not None
    assert cast["owner"].history.count() == before
