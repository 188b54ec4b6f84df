"""Project and report forms: each bad input is refused on its own field, and nothing is saved."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_project, make_report
from tuijin.core.models import Division
from tuijin.projects.forms import MonthlyReportForm, ProjectForm
from tuijin.projects.models import MonthlyReport, Project


@pytest.fixture
def project_data(plan):
    return {
        "code": "2023-410202-30-03-000123", "name": "新碳材料产业园",
        "domain": plan.domains.get(code="manufacturing").pk,
        "district": Division.objects.get(code="410202").pk,
        "nature": "new", "total_investment_wan": "1.2亿", "annual_plan_wan": "3,500",
    }


def test_project_form_accepts_amounts_with_units(plan, project_data):
    form = ProjectForm(project_data, plan=plan)
    assert form.is_valid(), form.errors
    project = form.save()
    assert project.total_investment_wan == Decimal("12000")
    assert project.annual_plan_wan == Decimal("3500")
    assert project.plan == plan


def test_project_form_normalises_a_fullwidth_code(plan, project_data):
    form = ProjectForm({**project_data, "code": "２０２３-410202-30-03-000123"}, plan=plan)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["code"] == "2023-410202-30-03-000123"


def test_project_without_code_is_allowed(plan, project_data):
    form = ProjectForm({**project_data, "code": ""}, plan=plan)
    assert form.is_valid(), form.errors
    assert form.save().code is None


@pytest.mark.parametrize(("field", "value", "says"), [
    ("code", "2023-4102-30-03-123", "24 characters"),
    ("code", "2023-420100-30-03-000123", "outside"),
    ("total_investment_wan", "-5", "negative"),
    ("annual_plan_wan", "12,5", "thousands"),
    ("annual_plan_wan", "三千", "not an amount"),
    ("description", "字" * 2001, "at most 2000 characters"),
])
def test_project_form_refuses_bad_input_on_its_field(plan, project_data, field, value, says):
    form = ProjectForm({**project_data, field: value}, plan=plan)
    assert not form.is_valid()
    assert list(form.errors) == [field]
    assert says in form.errors[field][0]
    assert not Project.objects.exists()


def test_code_from_another_province_names_the_rule(plan, project_data):
    form = ProjectForm({**project_data, "code": "2023-420100-30-03-000123"}, plan=plan)
    assert not form.is_valid()
    message = form.errors["code"][0]
    assert "420100" in message and "410200" in message


def test_duplicate_project_code_is_refused_on_the_code_field(plan, project_data):
    make_project(plan, code="2023-410202-30-03-000123")
    form = ProjectForm(project_data, plan=plan)
    assert not form.is_valid()
    assert list(form.errors) == ["code"]


def test_district_outside_the_plan_region_is_refused(plan, project_data):
    zhengzhou = Division.objects.get(code="410100")
    form = ProjectForm({**project_data, "district": zhengzhou.pk}, plan=plan)
    assert not form.is_valid()
    assert list(form.errors) == ["district"]


def test_admin_creates_a_project_through_the_page(client, cast, plan, project_data):
    client.force_login(cast["admin"])
    response = client.post(reverse("projects:create", args=[plan.slug]), project_data)
    project = Project.objects.get()
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()


def test_admin_edits_a_project_through_the_page(client, cast, plan, project_data):
    project = make_project(plan)
    client.force_login(cast["admin"])
    response = client.post(reverse("projects:edit", args=[project.pk]),
                           {**project_data, "annual_plan_wan": "0.5亿"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.annual_plan_wan == Decimal("5000")


# Monthly reports go through the page: the form parses, the service (report_save) refuses
# what disagrees with other months, and the view shows that on the field the service names.

def report_post(client, user, project, data, month=None):
    client.force_login(user)
    url = (reverse("projects:report_edit", args=[project.pk, month]) if month
           else reverse("projects:report_create", args=[project.pk]))
    return client.post(url, data)


def test_owner_and_district_are_sent_to_the_open_months_report(client, cast, plan, owner_org):
    from tuijin.projects.cycle_services import period_open

    project = make_project(plan, owner=owner_org)
    client.force_login(cast["owner"])
    response = client.get(reverse("projects:report_create", args=[project.pk]))
    assert response.status_code == 302 and response.url.endswith(f"/{plan.slug}/month/")
    period_open(plan=plan, month=6, user=cast["admin"])
    for user in (cast["owner"], cast["longting"]):
        client.force_login(user)
        response = client.get(reverse("projects:report_create", args=[project.pk]))
        assert response.url == reverse("projects:filing", args=[project.pk, 6])
    assert client.post(reverse("projects:report_create", args=[project.pk]), {
        "month": "2", "investment_month_wan": "50", "cumulative_wan": "50"}).status_code == 302
    assert not MonthlyReport.objects.exists()


def test_cumulative_that_disagrees_with_last_month_is_refused_on_cumulative(client, cast, plan):
    project = make_project(plan)
    make_report(project, 1, "100", "100")
    response = report_post(client, cast["admin"], project, {
        "month": "2", "investment_month_wan": "50", "cumulative_wan": "200",
    })
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["cumulative_wan"]
    assert "150" in errors["cumulative_wan"][0]
    assert not project.reports.filter(month=2).exists()


def test_second_report_for_a_month_is_refused_on_month(client, cast, plan):
    project = make_project(plan)
    make_report(project, 1, "100", "100")
    response = report_post(client, cast["admin"], project, {
        "month": "1", "investment_month_wan": "120", "cumulative_wan": "120",
    })
    assert list(response.context["form"].errors) == ["month"]
    assert project.reports.get(month=1).cumulative_wan == 100


def test_negative_report_amount_is_refused_on_its_field(client, cast, plan):
    project = make_project(plan)
    response = report_post(client, cast["admin"], project, {
        "month": "1", "investment_month_wan": "-10", "cumulative_wan": "10",
    })
    assert list(response.context["form"].errors) == ["investment_month_wan"]
    assert not MonthlyReport.objects.exists()


def test_correcting_a_month_overwrites_it_and_keeps_the_month(client, cast, plan):
    project = make_project(plan)
    make_report(project, 1, "100", "100")
    response = report_post(client, cast["admin"], project, {
        "month": "7", "investment_month_wan": "1.5亿", "cumulative_wan": "1.5亿",
    }, month=1)
    assert response.status_code == 302
    assert list(project.reports.values_list("month", "cumulative_wan")) == [(1, 15000)]


def test_a_correction_that_moves_later_months_is_shown_before_it_is_saved(client, cast, plan):
    project = make_project(plan)
    make_report(project, 1, "100", "100")
    make_report(project, 2, "50", "150")
    make_report(project, 3, "0", "150")
    data = {"investment_month_wan": "220", "reason": "一月漏报"}
    response = report_post(client, cast["admin"], project, data, month=1)
    assert response.status_code == 200
    assert "2–3月的累计将随之调整 +120万元" in response.content.decode()
    assert project.reports.get(month=1).cumulative_wan == 100  # nothing saved yet
    confirm = response.context["form"].data["confirm_shift"]
    response = report_post(client, cast["admin"], project, data | {"confirm_shift": confirm},
                           month=1)
    assert response.status_code == 302
    assert list(project.reports.values_list("month", "cumulative_wan")) == [
        (1, 220), (2, 270), (3, 270)]
    assert project.reports.get(month=3).history.latest().history_change_reason.endswith("一月漏报")


def test_a_stale_confirmation_is_asked_again(client, cast, plan):
    project = make_project(plan)
    make_report(project, 1, "100", "100")
    make_report(project, 2, "50", "150")
    response = report_post(client, cast["admin"], project, {
        "investment_month_wan": "300", "confirm_shift": "120"}, month=1)
    assert response.status_code == 200 and response.context["shift_notice"]
    assert project.reports.get(month=1).cumulative_wan == 100


def test_the_city_office_withdraws_a_wrongly_filed_report_with_a_reason(client, cast, plan,
                                                                        owner_org):
    project = make_project(plan, owner=owner_org)
    make_report(project, 1, "100", "100")
    make_report(project, 2, "50", "150")
    url = reverse("projects:report_withdraw", args=[project.pk, 1])
    client.force_login(cast["owner"])
    assert client.post(url, {"reason": "x"}).status_code == 403
    client.force_login(cast["admin"])
    page = client.get(url)
    assert page.status_code == 200 and "50" in page.content.decode()
    response = client.post(url, {"reason": ""})
    assert list(response.context["form"].errors) == ["reason"]
    assert client.post(url, {"reason": "不是本项目的数据"}).status_code == 302
    assert list(project.reports.values_list("month", "cumulative_wan")) == [(2, 50)]


def test_read_only_roles_may_not_withdraw(client, cast, plan):
    project = make_project(plan)
    make_report(project, 1, "100", "100")
    client.force_login(cast["leader"])
    url = reverse("projects:report_withdraw", args=[project.pk, 1])
    assert client.post(url, {"reason": "x"}).status_code == 403
    client.force_login(cast["qixian"])
    assert client.post(url, {"reason": "x"}).status_code == 404
    assert project.reports.count() == 1


def test_report_form_fixes_the_month_when_correcting():
    form = MonthlyReportForm({"month": "3", "investment_month_wan": "1", "cumulative_wan": "1"},
                             month=5)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["month"] == 5


def test_posts_need_a_csrf_token(cast, plan):
    project = make_project(plan)
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast["admin"])
    response = client.post(reverse("projects:report_create", args=[project.pk]), {
        "month": "1", "investment_month_wan": "10", "cumulative_wan": "10",
    })
    assert response.status_code == 403
    assert not MonthlyReport.objects.exists()
