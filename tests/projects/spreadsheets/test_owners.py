"""An owner named in a library import is found within the row's district, or created there
(issue 11): a name alone must not hand a district's project to another district's company,
whose accounts would then see and edit it."""

import pytest

from tests.factories import make_owner, make_project
from tests.projects.spreadsheets import builders
from tuijin.accounts.scopes import Scope
from tuijin.core.models import Organisation
from tuijin.projects.models import Project
from tuijin.projects.spreadsheets.imports import projects_import

pytestmark = pytest.mark.django_db

CITY = Scope.city_wide_for_system()
COMPANY = "开封储能科技有限公司"


def _library(tmp_path, name="龙亭储能项目", district="龙亭区", owner=COMPANY):
    return builders.project_list(tmp_path / "library.xlsx", [
        ["1", "", name, district, "先进制造业", owner, "50000", "10000"]])


def test_an_owner_of_another_district_is_not_taken_by_name(plan, tmp_path):
    qixian_company = make_owner(COMPANY, district="410221")
    result = projects_import(plan=plan, source=_library(tmp_path), user=CITY)
    assert result.errors == [] and result.owners_created == 1
    owner = Project.objects.get().owner
    assert owner != qixian_company
    assert (owner.name, owner.division.code) == (COMPANY, "410202")


def test_a_district_users_row_never_reaches_another_districts_company(plan, cast, tmp_path):
    qixian_company = make_owner(COMPANY, district="410221")
    result = projects_import(plan=plan, source=_library(tmp_path), user=cast["longting"])
    assert result.errors == [] and result.written
    project = Project.objects.get()
    assert project.owner.division.code == "410202"
    seen_by_qixian_company = Scope(organisation_ids=frozenset({qixian_company.pk}))
    assert not Project.objects.filter(seen_by_qixian_company.project_filter()).exists()


def test_an_owner_in_the_rows_district_is_reused(plan, tmp_path):
    longting_company = make_owner(COMPANY, district="410202")
    make_owner(COMPANY, district="410221")
    result = projects_import(plan=plan, source=_library(tmp_path), user=CITY)
    assert result.owners_created == 0
    assert Project.objects.get().owner == longting_company


def test_a_project_keeps_its_owner_when_the_row_names_it_unchanged(plan, tmp_path):
    city_company = make_owner(COMPANY, district="410200")
    project = make_project(plan, name="龙亭储能项目", owner=city_company,
                           total_investment_wan="50000", annual_plan_wan="10000")
    result = projects_import(plan=plan, source=_library(tmp_path), user=CITY)
    assert result.errors == [] and result.counts["unchanged"] == 1
    project.refresh_from_db()
    assert project.owner == city_company
    assert Organisation.objects.filter(name=COMPANY).count() == 1
