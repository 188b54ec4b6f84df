"""Nobody edits or deletes history, not even a superuser in the Django admin (issue 10 §7): the
admin shows an object's history and its past versions, never reverts to one or changes a
record; no historical model has an admin of its own; the step log is append-only."""

import pytest
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tests.factories import make_project, make_report
from tuijin.projects.admin import ReadOnlyHistoryAdmin
from tuijin.projects.models import FilingEvent, MonthlyReport, Project


@pytest.fixture
def superuser(client, cast):
    cast["admin"].is_staff = cast["admin"].is_superuser = True
    cast["admin"].save()
    client.force_login(cast["admin"])
    return client


def project_form(project, **changes) -> dict:
    """A complete, valid admin form for the project: what a revert would save."""
    return {"plan": project.plan_id, "code": project.code or "", "name": project.name,
            "domain": project.domain_id, "district": project.district_id, "nature": "new",
            "total_investment_wan": "100", "annual_plan_wan": "10", **changes}


def test_the_admin_shows_a_past_version_without_a_revert_button(superuser, plan):
    project = make_project(plan, name="旧名称")
    first = project.history.earliest("history_date")
    project.name = "新名称"
    project.save()
    listing = superuser.get(f"/admin/projects/project/{project.pk}/history/")
    assert listing.status_code == 200
    version = superuser.get(f"/admin/projects/project/{project.pk}/history/{first.history_id}/")
    assert version.status_code == 200
    assert b"_change_history" not in version.content
    assert b'name="_save"' not in version.content  # the Revert button


def test_a_superuser_cannot_revert_a_project_to_a_past_version(superuser, plan):
    project = make_project(plan, name="旧名称")
    first = project.history.earliest("history_date")
    project.name = "新名称"
    project.save()
    records = project.history.count()
    response = superuser.post(
        f"/admin/projects/project/{project.pk}/history/{first.history_id}/",
        {**project_form(project, name="旧名称"), "_change_history": "1"})
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.name == "新名称" and project.history.count() == records


def test_a_superuser_cannot_change_a_reports_past_version(superuser, plan):
    report = make_report(make_project(plan), 1, "10", "10")
    record = report.history.get()
    response = superuser.post(
        f"/admin/projects/monthlyreport/{report.pk}/history/{record.history_id}/",
        {"project": report.project_id, "month": 1, "investment_month_wan": "99",
         "cumulative_wan": "99", "submitted_at_0": "2023-01-20", "submitted_at_1": "10:00:00"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.cumulative_wan == 10 and report.history.count() == 1


def test_history_is_not_editable_through_the_settings_either(settings):
    from django.conf import settings as live

    assert live.SIMPLE_HISTORY_REVERT_DISABLED is True
    assert live.SIMPLE_HISTORY_EDIT is False


def test_every_admin_with_history_is_read_only_history():
    with_history = [model_admin for model_admin in admin.site._registry.values()
                    if isinstance(model_admin, SimpleHistoryAdmin)]
    assert {type(m).__name__ for m in with_history} >= {"ProjectAdmin", "MonthlyReportAdmin"}
    assert all(isinstance(m, ReadOnlyHistoryAdmin) for m in with_history)


def test_no_historical_model_has_an_admin_of_its_own():
    registered = [model.__name__ for model in admin.site._registry]
    assert not [name for name in registered if name.startswith("Historical")]


def test_the_step_log_is_read_only_in_the_admin_if_it_is_there_at_all(rf, cast):
    model_admin = admin.site._registry.get(FilingEvent)
    if model_admin is None:
        return
    request = rf.get("/")
    request.user = cast["admin"]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


@pytest.mark.parametrize("model", [Project, MonthlyReport])
def test_the_history_tables_have_no_admin_delete(model):
    assert model.history.model not in admin.site._registry
