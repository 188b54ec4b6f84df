"""The six demo accounts: names, roles, scopes, password rule, existing users untouched."""

from tuijin.accounts.models import User
from tuijin.accounts.scopes import scope_for
from tuijin.core.models import Division, Organisation
from tuijin.demo.accounts import demo_accounts_ensure
from tuijin.demo.loader import demo_load
from tuijin.projects.selectors import projects_visible_to


def test_creates_six_accounts_with_their_roles_and_scopes(db):
    users, generated = demo_accounts_ensure(password="demo-password-42")
    by_name = {user.username: user for user in users}
    assert set(by_name) == {"admin", "leader", "district-longting", "district-lankao",
                            "owner-demo", "bureau-tourism"}
    assert generated is None
    admin = User.objects.get(username="admin")
    assert (admin.role, admin.is_staff, admin.is_superuser) == ("city_admin", True, True)
    assert scope_for(admin).is_city_admin
    assert User.objects.get(username="leader").role == "leader"
    for name, code in (("district-longting", "410202"), ("district-lankao", "410225")):
        user = User.objects.get(username=name)
        assert user.role == "district"
        assert scope_for(user).division_ids == {Division.objects.get(code=code).pk}
    owner = User.objects.get(username="owner-demo")
    assert (owner.role, owner.organisation.kind, owner.organisation.division.code) == (
        "owner", "owner", "410202")
    assert owner.organisation.is_demo
    bureau = User.objects.get(username="bureau-tourism")
    assert (bureau.role, bureau.organisation.name, bureau.organisation.division.code) == (
        "bureau", "开封市文化广电和旅游局", "410200")
    assert not any(user.is_staff for user in users if user.username != "admin")


def test_password_from_the_argument(db):
    users, generated = demo_accounts_ensure(password="demo-password-42")
    assert generated is None
    assert all(user.check_password("demo-password-42") for user in users)


def test_generated_password_when_none_is_given(db):
    users, generated = demo_accounts_ensure(password=None)
    assert generated and len(generated) >= 12
    assert all(User.objects.get(pk=user.pk).check_password(generated) for user in users)


def test_existing_users_are_left_untouched_and_no_password_is_reported(db):
    existing = User.objects.create_user(username="admin", password="mine-123456",
                                        role=User.Role.LEADER)
    users, generated = demo_accounts_ensure(password=None)
    assert "admin" not in {user.username for user in users}
    existing.refresh_from_db()
    assert (existing.role, existing.is_superuser) == ("leader", False)
    assert existing.check_password("mine-123456")
    assert generated is not None

    users, generated = demo_accounts_ensure(password=None)
    assert (users, generated) == ([], None)
    assert User.objects.count() == 6


def test_bureau_account_reuses_an_existing_bureau(db):
    bureau = Organisation.objects.create(
        name="开封市文化广电和旅游局", kind=Organisation.Kind.BUREAU,
        division=Division.objects.get(code="410200"),
    )
    demo_accounts_ensure(password="demo-password-42")
    assert User.objects.get(username="bureau-tourism").organisation == bureau


def test_owner_demo_sees_several_demo_projects_after_a_load(plan):
    demo_load(plan, projects=300, months=2, seed=5)
    demo_accounts_ensure(password="demo-password-42")
    owner = User.objects.get(username="owner-demo")
    visible = projects_visible_to(owner, plan=plan)
    assert visible.count() >= 5
    assert set(visible.values_list("district__code", flat=True)) == {"410202"}
