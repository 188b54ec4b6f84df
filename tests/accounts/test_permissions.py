"""accounts/permissions.py: each rule, for each role of the cast (tests/conftest.py), plus the
command line's system scope. The project under question is in 龙亭区 and belongs to the owner's
organisation; a second one is in 杞县 and belongs to somebody else."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import make_owner, make_project
from tuijin.accounts import permissions
from tuijin.accounts.scopes import Scope
from tuijin.core.models import Division
from tuijin.plans.models import Indicator, KeyTask

ROLES = ("admin", "leader", "bureau", "longting", "qixian", "owner", "anonymous", "system")


@pytest.fixture
def actors(cast):
    return {**cast, "anonymous": AnonymousUser(), "system": Scope.city_wide_for_system()}


@pytest.fixture
def ours(plan, owner_org):
    return make_project(plan, name="龙亭甲", district="410202", owner=owner_org)


@pytest.fixture
def theirs(plan):
    return make_project(plan, name="杞县乙", district="410221", owner=make_owner("杞县某公司"))


@pytest.fixture
def neighbours(plan):
    """In 龙亭区 too, but built by another company."""
    return make_project(plan, name="龙亭丙", district="410202", owner=make_owner("龙亭某公司"))


def allowed(actors, rule) -> set[str]:
    return {role for role in ROLES if rule(actors[role])}


CITY_OFFICE = {"admin", "system"}
IMPORTERS = {"admin", "system", "longting", "qixian"}
REPORTERS = {"admin", "system", "longting", "qixian", "owner"}


def test_sees_whole_city(actors):
    assert allowed(actors, permissions.sees_whole_city) == {"admin", "leader", "bureau",
                                                             "system"}


def test_may_view_project_of_the_owner_in_longting(actors, ours):
    assert allowed(actors, lambda a: permissions.may_view_project(a, ours)) == {
        "admin", "leader", "bureau", "longting", "owner", "system"}


def test_may_view_project_of_somebody_else_in_qixian(actors, theirs):
    assert allowed(actors, lambda a: permissions.may_view_project(a, theirs)) == {
        "admin", "leader", "bureau", "qixian", "system"}


def test_may_view_district_longting(actors):
    longting = Division.objects.get(code="410202")
    # An owner opens any district's dashboard and sees there only their own projects.
    assert allowed(actors, lambda a: permissions.may_view_district(a, longting)) == {
        "admin", "leader", "bureau", "longting", "owner", "system"}


def test_landing_district_is_a_district_users_own(actors):
    landing = {role: permissions.landing_district_id(actors[role]) for role in ROLES}
    assert landing.pop("longting") == Division.objects.get(code="410202").pk
    assert landing.pop("qixian") == Division.objects.get(code="410221").pk
    assert set(landing.values()) == {None}


@pytest.mark.parametrize("rule", [permissions.may_manage_plan, permissions.may_use_plan_text])
def test_only_the_city_office_manages_the_plan(actors, rule):
    assert allowed(actors, rule) == CITY_OFFICE


def test_only_the_city_office_adds_projects_and_saves_column_mappings(actors, plan):
    assert allowed(actors, lambda a: permissions.may_add_project(a, plan)) == CITY_OFFICE
    assert allowed(actors, lambda a: permissions.may_map_columns(a, plan)) == CITY_OFFICE


def test_only_the_city_office_edits_a_project(actors, ours, theirs):
    assert allowed(actors, lambda a: permissions.may_edit_project(a, ours)) == CITY_OFFICE
    assert allowed(actors, lambda a: permissions.may_edit_project(a, theirs)) == CITY_OFFICE


def test_owner_district_and_city_admin_report_on_a_project(actors, ours):
    assert allowed(actors, lambda a: permissions.may_report_on(a, ours)) == {
        "admin", "system", "longting", "owner"}


def test_an_owner_does_not_report_on_another_owners_project_in_the_same_district(
        actors, neighbours):
    assert allowed(actors, lambda a: permissions.may_report_on(a, neighbours)) == {
        "admin", "system", "longting"}


def test_leaders_and_bureaus_report_on_nothing(actors, ours, theirs):
    for project in (ours, theirs):
        assert not permissions.may_report_on(actors["leader"], project)
        assert not permissions.may_report_on(actors["bureau"], project)


def test_whoever_files_a_report_corrects_it_while_its_month_is_open(actors, ours, theirs):
    for project in (ours, theirs):
        assert allowed(actors, lambda a, p=project: permissions.may_correct_past_report(a, p)) \
            == allowed(actors, lambda a, p=project: permissions.may_report_on(a, p))


def test_only_the_city_office_corrects_a_locked_month(actors, ours):
    assert allowed(actors, lambda a: permissions.may_correct_past_report(
        a, ours, is_month_locked=True)) == CITY_OFFICE


@pytest.mark.parametrize("rule", [permissions.may_import_projects, permissions.may_import_reports,
                                  permissions.may_use_spreadsheets, permissions.may_export])
def test_city_admin_and_district_users_use_the_spreadsheets(actors, plan, rule):
    assert allowed(actors, lambda a: rule(a, plan)) == IMPORTERS


def test_an_import_writes_a_districts_rows_for_that_district_or_the_city(actors):
    longting = Division.objects.get(code="410202").pk
    assert allowed(actors, lambda a: permissions.may_import_rows_of(a, longting)) == {
        "admin", "system", "longting"}


def test_navigation_offers_what_the_rules_allow(actors):
    for role in ROLES:
        actor = actors[role]
        nav = permissions.navigation_for(actor)
        assert nav == {"nav_may_import": role in IMPORTERS,
                       "nav_may_draft_plan": role in CITY_OFFICE,
                       "nav_may_manage_users": role in CITY_OFFICE,
                       "nav_may_report": role in REPORTERS,
                       "nav_may_manage_periods": role in CITY_OFFICE,
                       "nav_may_report_as_bureau": role == "bureau",
                       "nav_may_review_bureau_reports": role in CITY_OFFICE,
                       "nav_may_read_bulletins": role in {"admin", "system", "leader", "bureau",
                                                          "longting", "qixian"}}


def test_the_cycle_rules_by_role(actors, plan, ours):
    project = ours
    assert allowed(actors, lambda a: permissions.may_file_report(a, project)) == {
        "admin", "system", "longting", "owner"}
    assert allowed(actors, lambda a: permissions.may_review_report(a, project)) == {
        "admin", "system", "longting"}
    assert allowed(actors, lambda a: permissions.may_reopen_report(a, project)) == CITY_OFFICE
    assert allowed(actors, lambda a: permissions.may_manage_periods(a, plan)) == CITY_OFFICE
    assert allowed(actors, permissions.lands_on_the_month) == {"owner"}


def test_only_the_city_office_manages_users(actors):
    assert allowed(actors, permissions.may_manage_users) == CITY_OFFICE


def test_an_inactive_city_admin_manages_no_users(cast):
    cast["admin"].is_active = False
    assert not permissions.may_manage_users(cast["admin"])


def test_an_inactive_city_admin_may_do_nothing(cast, ours, plan):
    admin = cast["admin"]
    admin.is_active = False
    assert not permissions.may_view_project(admin, ours)
    assert not permissions.may_report_on(admin, ours)
    assert not permissions.may_manage_plan(admin)
    assert not permissions.may_import_projects(admin, plan)


def test_deny_unless_raises_permission_denied():
    from django.core.exceptions import PermissionDenied

    permissions.deny_unless(True)
    with pytest.raises(PermissionDenied):
        permissions.deny_unless(False)


def test_no_rule_answers_for_nobody(ours, plan):
    """A rule asked about no user raises instead of answering (for everyone or no one)."""
    for rule, args in [(permissions.may_view_project, (ours,)),
                       (permissions.may_report_on, (ours,)),
                       (permissions.may_manage_plan, ()),
                       (permissions.may_import_reports, (plan,))]:
        with pytest.raises(TypeError):
            rule(None, *args)


def test_a_bureau_reports_only_on_what_its_organisation_leads(actors, plan):
    """The bureau reads the whole city but writes narrowly: the manual indicators it answers
    for and the works it leads; never a computed indicator, never another bureau's item."""
    tourism = actors["bureau"].organisation
    other = make_owner("开封市科学技术局", district="410200")
    arrivals = Indicator(plan=plan, code="a", name="接待游客", owner=tourism, source="manual")
    computed = Indicator(plan=plan, code="b", name="在建项目", owner=tourism,
                         source="project_count")
    foreign = Indicator(plan=plan, code="c", name="高新技术企业", owner=other, source="manual")
    work = KeyTask(plan=plan, number=4, title="文旅强市", lead_unit=tourism)
    foreign_work = KeyTask(plan=plan, number=2, title="创新驱动", lead_unit=other)
    assert allowed(actors, lambda a: permissions.may_report_indicator(a, arrivals)) == {"bureau"}
    assert allowed(actors, lambda a: permissions.may_report_indicator(a, computed)) == set()
    assert allowed(actors, lambda a: permissions.may_report_indicator(a, foreign)) == set()
    assert allowed(actors, lambda a: permissions.may_report_work(a, work)) == {"bureau"}
    assert allowed(actors, lambda a: permissions.may_report_work(a, foreign_work)) == set()
    assert allowed(actors, lambda a: permissions.may_view_bureau_report(a, arrivals)) == {
        "admin", "system", "leader", "bureau"}
    assert allowed(actors, lambda a: permissions.may_view_bureau_report(a, foreign)) == {
        "admin", "system", "leader"}
    assert allowed(actors, permissions.may_review_bureau_reports) == CITY_OFFICE
    assert allowed(actors, permissions.may_view_bureau_reports) == {
        "admin", "system", "leader", "bureau"}


def test_an_inactive_bureau_user_reports_nothing(actors, plan):
    bureau = actors["bureau"]
    arrivals = Indicator(plan=plan, code="a", name="接待游客", owner=bureau.organisation,
                         source="manual")
    bureau.is_active = False
    assert not permissions.may_report_indicator(bureau, arrivals)
