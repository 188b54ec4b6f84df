"""The reporting cycle's pages, role by role: the city office's months, 本月待填报 and one
project's report for a month."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import make_project, make_report
from tuijin.projects.cycle_services import (
    FilingInput,
    filing_save,
    period_lock,
    period_open,
)
from tuijin.projects.models import MonthlyReport, ReportFiling, ReportingPeriod


@pytest.fixture
def june(plan, cast):
    return period_open(plan=plan, month=6, user=cast["admin"])


def login(client, user):
    client.force_login(user)
    return client


def test_the_city_office_opens_locks_and_reopens_a_month(client, cast, plan):
    c = login(client, cast["admin"])
    url = reverse("projects:periods", args=[plan.slug])
    assert c.get(url).status_code == 200
    response = c.post(url, {"do": "open", "month": "6", "due_on": "2023-06-28"})
    assert response.status_code == 302
    period = ReportingPeriod.objects.get(plan=plan, month=6)
    assert str(period.due_on) == "2023-06-28"
    c.post(url, {"do": "lock", "month": "6"})
    period.refresh_from_db()
    assert period.state == "locked"
    response = c.post(url, {"do": "reopen", "month": "6", "reason": ""}, follow=True)
    assert "reopened" in response.content.decode() or "重新开启" in response.content.decode()
    period.refresh_from_db()
    assert period.state == "locked"
    c.post(url, {"do": "reopen", "month": "6", "reason": "补报"})
    period.refresh_from_db()
    assert period.state == "open"


@pytest.mark.parametrize(("role", "status"), [
    ("longting", 403), ("owner", 403), ("leader", 403), ("bureau", 403)])
def test_only_the_city_office_manages_months(client, cast, plan, role, status):
    c = login(client, cast[role])
    url = reverse("projects:periods", args=[plan.slug])
    assert c.get(url).status_code == status
    assert c.post(url, {"do": "open", "month": "6"}).status_code == status
    assert not ReportingPeriod.objects.exists()


def test_an_owner_lands_on_their_month_with_the_due_date(client, cast, plan, june, owner_org):
    mine = make_project(plan, owner=owner_org, name="我的项目")
    make_project(plan, name="别人的项目")
    c = login(client, cast["owner"])
    response = c.get(reverse("projects:month_home"), follow=True)
    page = response.content.decode()
    assert "我的项目" in page and "别人的项目" not in page
    assert "2023-06-25" in page
    assert reverse("projects:filing", args=[mine.pk, 6]) in page


def test_the_owner_fills_a_draft_then_submits_from_the_page(client, cast, plan, june, owner_org):
    project = make_project(plan, owner=owner_org)
    make_report(project, 5, "100", "100")
    c = login(client, cast["owner"])
    url = reverse("projects:filing", args=[project.pk, 6])
    page = c.get(url)
    assert page.status_code == 200 and 'data-value="100' in page.content.decode()
    c.post(url, {"do": "save", "investment_month_wan": "20", "progress_text": "基础施工"})
    filing = ReportFiling.objects.get(project=project, month=6)
    assert filing.state == "draft" and filing.cumulative_wan == 120
    response = c.post(url, {"do": "submit", "investment_month_wan": "20",
                            "progress_text": "基础施工", "version": filing.version})
    assert response.status_code == 302
    assert MonthlyReport.objects.get(project=project, month=6).cumulative_wan == 120


def test_a_stale_page_is_refused_with_what_changed(client, cast, plan, june, owner_org):
    project = make_project(plan, owner=owner_org)
    filing = filing_save(project=project, month=6, data=FilingInput(progress_text="甲"),
                         user=cast["owner"])
    filing_save(project=project, month=6, data=FilingInput(progress_text="乙"),
                user=cast["longting"], version=filing.version)
    c = login(client, cast["owner"])
    response = c.post(reverse("projects:filing", args=[project.pk, 6]), {
        "do": "save", "progress_text": "丙", "version": filing.version})
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert "district-longting" in errors[0] and "甲 → 乙" in errors[0]
    assert ReportFiling.objects.get(project=project).progress_text == "乙"


def test_a_month_not_open_is_refused_on_the_page(client, cast, plan, june, owner_org):
    project = make_project(plan, owner=owner_org)
    c = login(client, cast["owner"])
    response = c.get(reverse("projects:filing", args=[project.pk, 7]))
    assert response.status_code == 200 and response.context["editable"] is False
    response = c.post(reverse("projects:filing", args=[project.pk, 7]), {
        "do": "submit", "investment_month_wan": "1"})
    assert "当前开放填报的是6月" in response.context["form"].non_field_errors()[0]
    assert not ReportFiling.objects.exists()


def test_the_district_returns_and_approves_from_its_queue(client, cast, plan, june, owner_org):
    one = make_project(plan, owner=owner_org, name="一号")
    two = make_project(plan, owner=owner_org, name="二号")
    a = filing_save(project=one, month=6, data=FilingInput(None, Decimal(
        5)), user=cast["owner"], submit=True)
    b = filing_save(project=two, month=6, data=FilingInput(Decimal(7)),
                    user=cast["owner"], submit=True)
    c = login(client, cast["longting"])
    queue = c.get(reverse("projects:month", args=[plan.slug]) + "?state=submitted")
    assert "一号" in queue.content.decode() and "二号" in queue.content.decode()
    url = reverse("projects:month_review", args=[plan.slug, 6])
    c.post(url, {"do": "return", "filing": [a.pk], "comment": "请上传现场照片"})
    c.post(url, {"do": "approve", "filing": [b.pk]})
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.state, a.review_comment, b.state) == ("returned", "请上传现场照片", "approved")
    owner_page = login(client, cast["owner"]).get(
        reverse("projects:filing", args=[one.pk, 6])).content.decode()
    assert "请上传现场照片" in owner_page


def test_another_districts_report_cannot_be_reviewed_by_url(client, cast, plan, june):
    project = make_project(plan, district="410202")
    filing = filing_save(project=project, month=6, data=FilingInput(
        Decimal(5)), user=cast["admin"], submit=True)
    c = login(client, cast["qixian"])
    assert c.post(reverse("projects:filing_review", args=[project.pk, 6]),
                  {"do": "approve"}).status_code == 404
    assert c.post(reverse("projects:month_review", args=[plan.slug, 6]),
                  {"do": "approve", "filing": [filing.pk]}).status_code == 404
    filing.refresh_from_db()
    assert filing.state == "submitted"
    c = login(client, cast["owner"])
    assert c.post(reverse("projects:filing_review", args=[project.pk, 6]),
                  {"do": "approve"}).status_code == 404


def test_after_the_lock_the_owner_cannot_edit_and_the_office_reopens(client, cast, plan, june,
                                                                      owner_org):
    project = make_project(plan, owner=owner_org)
    filing_save(project=project, month=6, data=FilingInput(Decimal(5)),
                user=cast["owner"], submit=True)
    period_lock(plan=plan, month=6, user=cast["admin"])
    url = reverse("projects:filing", args=[project.pk, 6])
    owner = login(client, cast["owner"])
    assert owner.get(url).context["editable"] is False
    assert owner.post(reverse("projects:filing_reopen", args=[project.pk, 6]),
                      {"reason": "x"}).status_code == 403
    admin = login(client, cast["admin"])
    admin.post(reverse("projects:filing_reopen", args=[project.pk, 6]), {"reason": "数据更正"})
    filing = ReportFiling.objects.get(project=project)
    assert filing.state == "returned" and filing.is_reopened
    assert login(client, cast["owner"]).get(url).context["editable"] is True


def test_owners_land_on_their_month_and_others_on_the_plan(client, cast, plan, june):
    assert login(client, cast["owner"]).get(reverse("plans:home")).url == reverse(
        "projects:month", args=[plan.slug])
    assert login(client, cast["longting"]).get(reverse("plans:home")).url == (
        plan.get_absolute_url())


def test_returning_without_a_comment_says_so_without_the_internal_field_name(
        client, cast, plan, june, owner_org):
    project = make_project(plan, owner=owner_org, name="一号")
    filing = filing_save(project=project, month=6, data=FilingInput(Decimal(5)),
                         user=cast["owner"], submit=True)
    c = login(client, cast["longting"])
    page = c.post(reverse("projects:filing_review", args=[project.pk, 6]),
                  {"do": "return", "version": filing.version}, follow=True)
    shown = [str(m) for m in page.context["messages"]]
    assert len(shown) == 1 and "comment" not in shown[0] and "字段" not in shown[0]
    filing.refresh_from_db()
    assert filing.state == "submitted"
