"""Database constraints and model validation of projects and monthly reports."""


import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import make_project, make_report
from tuijin.core.models import Division
from tuijin.projects.models import MonthlyReport


def test_one_report_per_project_per_month_is_a_db_constraint(plan):
    project = make_project(plan)
    make_report(project, 1, "10", "10")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(project, 1, "5", "15")
    assert MonthlyReport.objects.filter(project=project).count() == 1


@pytest.mark.parametrize(("month", "month_wan", "cumulative"), [
    (13, "1", "1"), (0, "1", "1"), (2, "-1", "5"), (2, "10", "5"),
])
def test_report_check_constraints(plan, month, month_wan, cumulative):
    project = make_project(plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(project, month, month_wan, cumulative)


def test_project_code_is_unique_within_a_plan_but_may_be_absent(plan):
    make_project(plan, name="甲", code="2023-410202-30-03-000001")
    make_project(plan, name="乙", code=None)
    make_project(plan, name="丙", code=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_project(plan, name="丁", code="2023-410202-30-03-000001")


def test_negative_planned_investment_is_a_db_constraint(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_project(plan, annual_plan_wan="-1")


def test_clean_rejects_a_malformed_code_on_the_code_field(plan):
    project = make_project(plan)
    project.code = "2023-4102-30-03-1"
    with pytest.raises(ValidationError) as exc:
        project.full_clean()
    assert "code" in exc.value.message_dict
    assert "24" in exc.value.message_dict["code"][0]


def test_clean_rejects_a_code_from_outside_the_region(plan):
    project = make_project(plan)
    project.code = "2023-420100-30-03-000001"
    with pytest.raises(ValidationError) as exc:
        project.full_clean()
    assert "420100" in exc.value.message_dict["code"][0]


def test_clean_normalises_a_full_width_code(plan):
    project = make_project(plan)
    project.code = "２０２３-４１０２０２-３０-０３-０００００１"
    project.full_clean()
    assert project.code == "2023-410202-30-03-000001"


def test_clean_rejects_a_district_outside_the_plan(plan):
    project = make_project(plan)
    project.district = Division.objects.get(code="410102") if Division.objects.filter(
        code="410102").exists() else Division.objects.get(code="410100")
    with pytest.raises(ValidationError) as exc:
        project.full_clean()
    assert "district" in exc.value.message_dict


def test_absolute_urls_point_at_pages(plan):
    project = make_project(plan)
    report = make_report(project, 1, "1", "1")
    assert project.get_absolute_url().endswith(f"/{project.pk}/")
    assert report.get_absolute_url().startswith(project.get_absolute_url())
    assert plan.slug in plan.get_absolute_url()
