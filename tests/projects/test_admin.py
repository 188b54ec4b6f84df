"""The admin refuses bad figures with the same rules as forms and services."""

from tests.factories import make_project, make_report
from tuijin.projects.models import MonthlyReport, Project


def admin_client(client, cast):
    cast["admin"].is_staff = True
    cast["admin"].is_superuser = True
    cast["admin"].save()
    client.force_login(cast["admin"])
    return client


def test_admin_refuses_a_cumulative_that_disagrees(client, cast, plan):
    project = make_project(plan)
    make_report(project, 1, "10", "10")
    response = admin_client(client, cast).post("/admin/projects/monthlyreport/add/", {
        "project": project.pk, "month": 2, "investment_month_wan": "5", "cumulative_wan": "99",
        "submitted_at_0": "2023-02-20", "submitted_at_1": "10:00:00",
    })
    assert response.status_code == 200
    assert "15" in response.content.decode()  # names the figure it expected
    assert not MonthlyReport.objects.filter(project=project, month=2).exists()


def test_admin_refuses_a_second_report_for_a_month(client, cast, plan):
    project = make_project(plan)
    make_report(project, 1, "10", "10")
    response = admin_client(client, cast).post("/admin/projects/monthlyreport/add/", {
        "project": project.pk, "month": 1, "investment_month_wan": "10", "cumulative_wan": "10",
        "submitted_at_0": "2023-01-20", "submitted_at_1": "10:00:00",
    })
    assert response.status_code == 200
    assert MonthlyReport.objects.filter(project=project).count() == 1


def test_admin_refuses_a_malformed_project_code(client, cast, plan):
    project = make_project(plan)
    response = admin_client(client, cast).post(f"/admin/projects/project/{project.pk}/change/", {
        "plan": plan.pk, "code": "2023-41-30", "name": project.name, "domain": project.domain_id,
        "district": project.district_id, "nature": "new", "total_investment_wan": "100",
        "annual_plan_wan": "10",
    })
    assert response.status_code == 200
    assert "YYYY-AAAAAA-II-TT-NNNNNN" in response.content.decode()
    project.refresh_from_db()
    assert project.code is None
    assert Project.objects.count() == 1
