"""Two projects of the same name in the same district, where either has no project code, cannot
be told apart by a spreadsheet without the 系统编号: the one rule (projects.identity) refuses
them in the form and the admin (the library import: tests/projects/spreadsheets/test_matching.py).
"""

import pytest
from django.utils import translation

from tests.factories import make_project
from tuijin.core.models import Division
from tuijin.projects.forms import ProjectForm
from tuijin.projects.identity import ProjectKey, are_twins, find_twin, twin_error
from tuijin.projects.models import Project

LONGTING, QIXIAN = 2, 3
CODE_A, CODE_B = "2023-410202-30-03-000001", "2023-410202-30-03-000002"


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(("a", "b", "twins"), [
    (ProjectKey(1, "储能项目", LONGTING, None), ProjectKey(2, "储能项目", LONGTING, None), True),
    (ProjectKey(1, "储能项目", LONGTING, CODE_A), ProjectKey(2, "储能项目", LONGTING, None), True),
    (ProjectKey(None, "储能项目", LONGTING, None), ProjectKey(2, "储能项目", LONGTING, CODE_B),
     True),
    (ProjectKey(1, "储能项目", LONGTING, CODE_A), ProjectKey(2, "储能项目", LONGTING, CODE_B),
     False),
    (ProjectKey(1, "储能项目", LONGTING, None), ProjectKey(2, "储能项目", QIXIAN, None), False),
    (ProjectKey(1, "储能项目", LONGTING, None), ProjectKey(2, "储能项目（二期）", LONGTING, None),
     False),
    (ProjectKey(1, "储能项目", LONGTING, None), ProjectKey(1, "储能项目", LONGTING, None), False),
])
def test_twins_share_name_and_district_and_lack_a_code_between_them(a, b, twins):
    assert are_twins(a, b) is twins
    assert are_twins(b, a) is twins


def test_the_twin_error_names_the_other_project_and_how_to_fix_it():
    other = ProjectKey(12, "储能项目", LONGTING, None)
    assert find_twin(ProjectKey(None, "储能项目", LONGTING, None), [other]) == other
    error = twin_error(other=other, district="龙亭区")
    assert "龙亭区" in error.message and "系统编号 12" in error.message
    assert "no project code" in error.message
    assert "（二期）" in error.hint and error.field == "name"


@pytest.fixture
def project_data(plan):
    return {
        "code": "", "name": "龙亭储能项目", "domain": plan.domains.get(code="manufacturing").pk,
        "district": Division.objects.get(code="410202").pk, "nature": "new",
        "total_investment_wan": "1000", "annual_plan_wan": "500",
    }


@pytest.mark.django_db
def test_the_form_refuses_a_second_project_of_the_same_name_in_the_district(plan, project_data):
    first = make_project(plan, name="龙亭储能项目")
    form = ProjectForm(project_data, plan=plan)
    assert not form.is_valid()
    assert list(form.errors) == ["name"]
    assert f"系统编号 {first.pk}" in form.errors["name"][0]
    assert Project.objects.count() == 1


@pytest.mark.django_db
def test_the_form_refuses_a_rename_into_a_twin(plan, project_data):
    make_project(plan, name="龙亭储能项目")
    second = make_project(plan, name="龙亭储能项目（二期）")
    form = ProjectForm(project_data, plan=plan, instance=second)
    assert not form.is_valid()
    assert list(form.errors) == ["name"]


@pytest.mark.django_db
def test_the_form_accepts_the_same_name_in_another_district_or_with_both_codes(
        plan, project_data):
    make_project(plan, name="龙亭储能项目", district="410221")
    make_project(plan, name="龙亭储能项目", code=CODE_A)
    form = ProjectForm({**project_data, "code": CODE_B}, plan=plan)
    assert form.is_valid(), form.errors
    form.save()
    assert Project.objects.filter(name="龙亭储能项目").count() == 3


@pytest.mark.django_db
def test_the_form_saves_an_unchanged_project_that_is_alone_in_its_district(plan, project_data):
    project = make_project(plan, name="龙亭储能项目")
    form = ProjectForm({**project_data, "annual_plan_wan": "600"}, plan=plan, instance=project)
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_the_admin_refuses_a_twin_naming_the_other_project(client, cast, plan):
    first = make_project(plan, name="龙亭储能项目")
    cast["admin"].is_staff = cast["admin"].is_superuser = True
    cast["admin"].save()
    client.force_login(cast["admin"])
    response = client.post("/admin/projects/project/add/", {
        "plan": plan.pk, "code": "", "name": "龙亭储能项目", "domain": first.domain_id,
        "district": first.district_id, "nature": "new", "total_investment_wan": "100",
        "annual_plan_wan": "10",
    })
    assert response.status_code == 200
    assert f"系统编号 {first.pk}" in response.content.decode()
    assert Project.objects.count() == 1
