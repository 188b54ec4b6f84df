"""Scopes: what each role may see of the project library (DESIGN.md §1)."""

from django.contrib.auth.models import AnonymousUser

from tests.factories import make_project
from tuijin.accounts.scopes import scope_for
from tuijin.projects.selectors import projects_visible_to


def names(user, plan):
    return set(projects_visible_to(user, plan=plan).values_list("name", flat=True))


def test_each_role_sees_its_own_slice(plan, cast, owner_org):
    make_project(plan, name="龙亭甲", district="410202", owner=owner_org)
    make_project(plan, name="龙亭乙", district="410202")
    make_project(plan, name="杞县甲", district="410221")
    everything = {"龙亭甲", "龙亭乙", "杞县甲"}
    assert names(cast["admin"], plan) == everything
    assert names(cast["leader"], plan) == everything
    assert names(cast["bureau"], plan) == everything
    assert names(cast["longting"], plan) == {"龙亭甲", "龙亭乙"}
    assert names(cast["qixian"], plan) == {"杞县甲"}
    assert names(cast["owner"], plan) == {"龙亭甲"}
    assert names(AnonymousUser(), plan) == set()


def test_inactive_user_sees_nothing(plan, cast):
    make_project(plan)
    cast["admin"].is_active = False
    assert scope_for(cast["admin"]).is_empty
    assert names(cast["admin"], plan) == set()


def test_only_the_city_admin_may_edit_the_plan(cast):
    assert scope_for(cast["admin"]).can_edit_plan
    assert not any(scope_for(cast[r]).can_edit_plan for r in ("leader", "longting", "owner"))
