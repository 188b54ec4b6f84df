"""The admin refuses bad project fields with the model's rules and shows reports read-only:
reports are written only through projects.services (the form, the import, the API)."""

from tests.factories import make_project, make_report
from tuijin.projects.models import Project


def admin_client(client, cast):
    cast["admin"].is_staff = True
    cast["admin"].is_superuser = True
    cast["admin"].save()
    client.force_login(cast["admin"])
    return client


def test_admin_shows_reports_and_their_history_but_writes_none(client, cast, plan):
    project = make_project(plan)
    report = make_report(project, 1, "10", "10")
    client = admin_client(client, cast)
    assert client.get("/admin/projects/monthlyreport/").status_code == 200
    assert client.get(f"/admin/projects/monthlyreport/{report.pk}/change/").status_code == 200
    assert client.get(f"/admin/projects/monthlyreport/{report.pk}/history/").status_code == 200
    assert client.get("/admin/projects/monthlyreport/add/").status_code == 403
    response = client.post(f"/admin/projects/monthlyreport/{report.pk}/change/", {
        "project": project.pk, "month": 1, "investment_month_wan": "99", "cumulative_wan": "99",
        "submitted_at_0": "2023-01-20", "submitted_at_1": "10:00:00",
    })
    assert response.status_code == 403
    assert client.post(f"/admin/projects/monthlyreport/{report.pk}/delete/",
                       {"post": "yes"}).status_code == 403
    report.refresh_from_db()
    assert report.cumulative_wan == 10


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
