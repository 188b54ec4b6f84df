"""Which plans a user may open: the plans of their own region (or of one containing it)."""

from django.contrib.auth.models import AnonymousUser

from tests.factories import make_plan
from tuijin.accounts.models import User
from tuijin.core.models import Division
from tuijin.plans.models import Plan
from tuijin.plans.selectors import plans_visible_to


def test_city_wide_roles_and_the_citys_districts_and_owners_see_the_citys_plan(cast, plan):
    for role in ("admin", "leader", "bureau", "longting", "qixian", "owner"):
        assert list(plans_visible_to(cast[role])) == [plan], role


def test_a_user_of_another_city_does_not_see_the_plan(db, plan):
    zhengzhou = User.objects.create_user(
        username="zz", role=User.Role.DISTRICT, division=Division.objects.get(code="410100")
    )
    assert not plans_visible_to(zhengzhou).exists()


def test_a_district_user_sees_a_province_plan(cast, plan):
    province_plan = Plan.objects.create(
        slug="henan-2023", name="河南省", year=2023, region=Division.objects.get(code="410000"),
        status="active",
    )
    assert set(plans_visible_to(cast["qixian"])) == {plan, province_plan}


def test_anonymous_sees_no_plan(db, plan):
    assert not plans_visible_to(AnonymousUser()).exists()


def test_another_citys_plan_is_404_for_a_district_user(client, cast, plan):
    other = make_plan("zhengzhou-2023")
    other.region = Division.objects.get(code="410100")
    other.save()
    client.force_login(cast["longting"])
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(plan.get_absolute_url()).status_code == 200
