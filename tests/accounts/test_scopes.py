"""Scopes: what each role may see of the project library (DESIGN.md §1)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import make_project
from tuijin.accounts.scopes import Scope, scope_for
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


def test_only_the_city_admin_scope_is_the_city_administration(cast):
    assert scope_for(cast["admin"]).is_city_admin
    assert not any(scope_for(cast[r]).is_city_admin
                   for r in ("leader", "bureau", "longting", "qixian", "owner"))


def test_leaders_and_bureaus_are_read_only(cast):
    assert scope_for(cast["leader"]).is_read_only and scope_for(cast["bureau"]).is_read_only
    assert not any(scope_for(cast[r]).is_read_only for r in ("admin", "longting", "owner"))


def test_no_user_is_a_type_error_not_the_whole_city():
    with pytest.raises(TypeError, match="city_wide_for_system"):
        scope_for(None)


def test_the_system_scope_says_it_acts_for_the_whole_city(plan):
    system = Scope.city_wide_for_system()
    assert system.is_city_wide and system.is_system and system.is_city_admin
    assert scope_for(system) is system
    make_project(plan, name="甲", district="410221")
    assert names(system, plan) == {"甲"}


def test_a_user_scope_is_never_the_system_scope(cast):
    assert not any(scope_for(user).is_system for user in cast.values())


def test_covers_agrees_with_the_project_filter(plan, cast, owner_org):
    from tuijin.projects.models import Project

    make_project(plan, name="龙亭甲", district="410202", owner=owner_org)
    make_project(plan, name="杞县甲", district="410221")
    for user in cast.values():
        scope = scope_for(user)
        for project in Project.objects.all():
            in_filter = Project.objects.filter(scope.project_filter(), pk=project.pk).exists()
            assert scope.covers(district_id=project.district_id,
                                owner_id=project.owner_id) == in_filter
