"""The bureaus' pages, as the tourism bureau and the city office use them: 本月待填报 of a bureau,
one item's report (fill, submit, review) and the review queue."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tuijin.plans.models import Indicator, IndicatorActual, KeyTask
from tuijin.plans.services import plan_load_builtin
from tuijin.projects.bureau_services import BureauInput, bureau_report_save
from tuijin.projects.cycle_services import period_open
from tuijin.projects.models import BureauReport


def login(client, user):
    client.force_login(user)
    return client


def report_url(plan, subject, item, month=6):
    return reverse("projects:bureau_report", args=[plan.slug, subject, item.pk, month])


@pytest.fixture
def kaifeng(cast):
    """The built-in plan; its 开封市文化广电和旅游局 is the cast's bureau (matched by name)."""
    plan = plan_load_builtin("kaifeng-2023")
    period_open(plan=plan, month=6, user=cast["admin"])
    return plan


def test_the_tourism_bureaus_month_from_report_to_the_dashboard(client, cast, kaifeng):
    """The whole story: the bureau reports 接待游客 for June, the city office returns it with a
    comment, the bureau corrects and resubmits, the office approves, and the target on the
    targets page shows the value instead of no data."""
    arrivals = Indicator.objects.get(plan=kaifeng, code="tourist-arrivals")
    bureau = login(client, cast["bureau"])
    month_page = bureau.get(reverse("projects:bureau_month", args=[kaifeng.slug]))
    page = month_page.content.decode()
    assert month_page.status_code == 200
    assert f'data-item="indicator-{arrivals.pk}"' in page
    assert "旅游综合收入" in page and "挖内需，推进文旅强市" in page
    assert "高新技术企业数量" not in page  # the science bureau's
    assert "在建项目" not in page  # computed from the projects, not reported

    url = report_url(kaifeng, "indicator", arrivals)
    form = bureau.get(url).content.decode()
    assert "id_value" in form and "%" in form  # a growth target: reported as growth in %
    bureau.post(url, {"do": "submit", "value": "3500", "note": "上半年接待游客3500万人次"})
    report = BureauReport.objects.get(indicator=arrivals, month=6)
    assert report.state == "submitted"

    admin = login(client, cast["admin"])
    queue = admin.get(reverse("projects:bureau_month", args=[kaifeng.slug])).content.decode()
    assert f'name="report" value="{report.pk}"' in queue
    admin.post(reverse("projects:bureau_review", args=[kaifeng.slug, 6]), {
        "report": [report.pk], "do": "return", "comment": "请填写同比增长率（%），不是人次"})
    report.refresh_from_db()
    assert report.state == "returned"
    assert not IndicatorActual.objects.filter(indicator=arrivals).exists()

    bureau = login(client, cast["bureau"])
    page = bureau.get(url).content.decode()
    assert "请填写同比增长率（%），不是人次" in page
    bureau.post(url, {"do": "submit", "value": "35.2", "note": "同比增长35.2%",
                      "version": report.version})
    report.refresh_from_db()
    assert (report.state, report.value) == ("submitted", Decimal("35.2"))

    admin = login(client, cast["admin"])
    admin.post(reverse("projects:bureau_review", args=[kaifeng.slug, 6]), {
        "report": [report.pk], "do": "approve", "version": report.version})
    report.refresh_from_db()
    assert report.state == "approved"
    assert IndicatorActual.objects.get(indicator=arrivals, month=6).value == Decimal("35.2")

    targets = admin.get(reverse("progress:indicators", args=[kaifeng.slug]) + "?month=2023-06")
    html = targets.content.decode()
    assert 'data-actual="tourist-arrivals">35.2<' in html
    status = html.split('data-status="tourist-arrivals">', 1)[1].split("<", 1)[0]
    assert status == "进度正常"  # on track, no longer 无数据
    steps = login(client, cast["bureau"]).get(url).content.decode()
    assert steps.count("<li><span class=\"nowrap\">") == 4


def test_a_work_is_reported_by_status_and_note(client, cast, kaifeng):
    festivals = KeyTask.objects.get(plan=kaifeng, number=4).measures.get(number=2)
    c = login(client, cast["bureau"])
    url = report_url(kaifeng, "measure", festivals)
    assert 'name="status"' in c.get(url).content.decode()
    c.post(url, {"do": "save", "status": "in_progress", "note": "菊花文化节筹备中"})
    report = BureauReport.objects.get(measure=festivals)
    assert (report.state, report.status, report.note) == (
        "draft", "in_progress", "菊花文化节筹备中")
    c.post(url, {"do": "submit", "status": "delayed", "note": "菊花文化节推迟至11月",
                 "version": report.version})
    plan_page = c.get(reverse("plans:detail", args=[kaifeng.slug])).content.decode()
    shown = plan_page.split(f'data-work-status="measure-{festivals.pk}">', 1)[1].split("<", 1)[0]
    assert shown == "已延期"  # counted once submitted (the plan's default)


def test_a_bureau_cannot_report_an_indicator_it_does_not_lead(client, cast, kaifeng):
    high_tech = Indicator.objects.get(plan=kaifeng, code="high-tech-enterprises")
    c = login(client, cast["bureau"])
    url = report_url(kaifeng, "indicator", high_tech)
    assert c.get(url).status_code == 403
    assert c.post(url, {"do": "submit", "value": "500"}).status_code == 403
    computed = Indicator.objects.get(plan=kaifeng, code="projects-under-way")
    assert c.post(report_url(kaifeng, "indicator", computed),
                  {"do": "submit", "value": "2100"}).status_code == 403
    assert not BureauReport.objects.exists()


def test_an_item_of_another_plan_or_kind_is_not_found(client, cast, kaifeng):
    arrivals = Indicator.objects.get(plan=kaifeng, code="tourist-arrivals")
    c = login(client, cast["bureau"])
    assert c.get(reverse("projects:bureau_report",
                         args=[kaifeng.slug, "project", arrivals.pk, 6])).status_code == 404
    assert c.get(report_url(kaifeng, "indicator", arrivals, month=13)).status_code == 404
    assert c.get(reverse("projects:bureau_report",
                         args=[kaifeng.slug, "indicator", 10**6, 6])).status_code == 404


def test_a_month_not_open_is_refused_naming_the_open_month(client, cast, kaifeng):
    arrivals = Indicator.objects.get(plan=kaifeng, code="tourist-arrivals")
    c = login(client, cast["bureau"])
    response = c.post(report_url(kaifeng, "indicator", arrivals, month=7),
                      {"do": "save", "value": "30"})
    # The form is not offered for July; a forged POST is answered with the refusal.
    assert response.status_code == 200
    refusal = response.content.decode().split('id="refusal">', 1)[1].split("</ul>", 1)[0]
    assert "7" in refusal and "6" in refusal  # "Month 7 is not open … The open month is 6."
    assert not BureauReport.objects.exists()


def test_a_stale_edit_is_refused_and_nothing_is_overwritten(client, cast, kaifeng):
    arrivals = Indicator.objects.get(plan=kaifeng, code="tourist-arrivals")
    first = bureau_report_save(item=arrivals, month=6, user=cast["bureau"],
                               data=BureauInput(value=Decimal("30")))
    bureau_report_save(item=arrivals, month=6, user=cast["bureau"], version=first.version,
                       data=BureauInput(value=Decimal("31")))
    c = login(client, cast["bureau"])
    response = c.post(report_url(kaifeng, "indicator", arrivals),
                      {"do": "save", "value": "32", "version": first.version})
    assert response.status_code == 200
    assert "30 → 31" in response.content.decode()
    assert BureauReport.objects.get().value == Decimal("31")


def test_a_value_in_another_unit_is_refused_on_the_field(client, cast, kaifeng):
    revenue = Indicator.objects.get(plan=kaifeng, code="tourism-revenue")
    c = login(client, cast["bureau"])
    response = c.post(report_url(kaifeng, "indicator", revenue), {"do": "save",
                                                                   "value": "120亿元"})
    assert response.status_code == 200
    errors = response.content.decode().split('id="errors-value">', 1)[1].split("</ul>", 1)[0]
    assert "亿元" in errors and "%" in errors  # names the unit written and the one expected
    assert not BureauReport.objects.exists()


@pytest.mark.parametrize("role", ["longting", "qixian", "owner"])
def test_districts_and_owners_do_not_open_the_bureaus_month(client, cast, kaifeng, role):
    c = login(client, cast[role])
    assert c.get(reverse("projects:bureau_month", args=[kaifeng.slug])).status_code == 403


def test_the_navigation_leads_a_bureau_to_its_month(client, cast, kaifeng):
    c = login(client, cast["bureau"])
    page = c.get(reverse("plans:detail", args=[kaifeng.slug])).content.decode()
    assert 'id="nav-bureau"' in page
    response = c.get(reverse("projects:bureau_home"))
    assert response["Location"] == reverse("projects:bureau_month", args=[kaifeng.slug])
