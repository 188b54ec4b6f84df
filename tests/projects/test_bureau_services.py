"""A responsible bureau's monthly report goes through the reporting cycle, and what the city
counts becomes the indicator's actual (or the work's status) through plans.services."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from tuijin.core.errors import InputError
from tuijin.plans.models import IndicatorActual
from tuijin.projects.bureau_services import BureauInput, bureau_report_review, bureau_report_save
from tuijin.projects.cycle_services import period_lock, period_open
from tuijin.projects.models import BureauReport


def test_a_draft_is_kept_but_not_counted(cast, arrivals, june):
    report = bureau_report_save(item=arrivals, month=6, data=BureauInput(value=Decimal("12")),
                                user=cast["bureau"])
    assert (report.state, report.value, report.organisation) == (
        "draft", Decimal("12"), arrivals.owner)
    assert not IndicatorActual.objects.exists()


def test_a_submitted_value_is_the_months_actual_when_the_plan_counts_submitted(
        cast, arrivals, june):
    bureau_report_save(item=arrivals, month=6, submit=True, user=cast["bureau"],
                       data=BureauInput(value=Decimal("35.5"), note="上半年游客大增"))
    actual = IndicatorActual.objects.get(indicator=arrivals, month=6)
    assert (actual.value, actual.note) == (Decimal("35.5"), "上半年游客大增")
    assert actual.history.first().history_user == cast["bureau"]


def test_only_an_approved_value_counts_for_a_stricter_office(cast, plan, arrivals, june):
    plan.counted_report_states = ["approved"]
    plan.save()
    report = bureau_report_save(item=arrivals, month=6, submit=True, user=cast["bureau"],
                                data=BureauInput(value=Decimal("35")))
    assert not IndicatorActual.objects.exists()
    bureau_report_review(report=report, action="approve", user=cast["admin"])
    assert IndicatorActual.objects.get(indicator=arrivals, month=6).value == Decimal("35")


def test_returned_then_corrected_and_approved(cast, arrivals, june):
    report = bureau_report_save(item=arrivals, month=6, submit=True, user=cast["bureau"],
                                data=BureauInput(value=Decimal("350")))
    report = bureau_report_review(report=report, action="return", user=cast["admin"],
                                  comment="应填同比增长率（%），不是人次")
    assert (report.state, report.review_comment) == ("returned", "应填同比增长率（%），不是人次")
    # A returned report counts as missing: its value leaves the dashboards.
    assert not IndicatorActual.objects.exists()
    with pytest.raises(InputError, match="nothing has been changed"):
        bureau_report_save(item=arrivals, month=6, submit=True, user=cast["bureau"],
                           data=BureauInput(value=Decimal("350")), version=report.version)
    report = bureau_report_save(item=arrivals, month=6, submit=True, user=cast["bureau"],
                                data=BureauInput(value=Decimal("35")), version=report.version)
    report = bureau_report_review(report=report, action="approve", user=cast["admin"])
    assert report.state == "approved"
    assert IndicatorActual.objects.get(indicator=arrivals, month=6).value == Decimal("35")
    assert [h.history_change_reason for h in report.history.order_by("history_date")] == [
        "tuijin.bureau_report.submit", "tuijin.bureau_report.return",
        "tuijin.bureau_report.submit", "tuijin.bureau_report.approve"]


def test_a_work_reports_its_status_and_note(cast, culture_task, june):
    bureau_report_save(item=culture_task, month=6, submit=True, user=cast["bureau"],
                       data=BureauInput(status="delayed", note="菊花文化节筹备推迟"))
    culture_task.refresh_from_db()
    assert culture_task.status == "delayed"


def test_a_submission_needs_its_value_or_status(cast, arrivals, festivals, june):
    with pytest.raises(InputError) as error:
        bureau_report_save(item=arrivals, month=6, submit=True, user=cast["bureau"],
                           data=BureauInput(note="稍后补充"))
    assert error.value.field == "value"
    with pytest.raises(InputError) as error:
        bureau_report_save(item=festivals, month=6, submit=True, user=cast["bureau"],
                           data=BureauInput(note="进展顺利"))
    assert error.value.field == "status"
    assert not BureauReport.objects.exists()


def test_a_bureau_reports_only_what_it_leads(cast, high_tech, june):
    with pytest.raises(PermissionDenied):
        bureau_report_save(item=high_tech, month=6, user=cast["bureau"],
                           data=BureauInput(value=Decimal("500")))
    assert not BureauReport.objects.exists()


@pytest.mark.parametrize("role", ["admin", "leader", "owner", "longting"])
def test_no_other_role_reports_for_a_bureau(cast, arrivals, june, role):
    with pytest.raises(PermissionDenied):
        bureau_report_save(item=arrivals, month=6, user=cast[role],
                           data=BureauInput(value=Decimal("35")))


@pytest.mark.parametrize("role", ["bureau", "leader", "longting", "owner"])
def test_only_the_city_office_reviews(cast, arrivals, june, role):
    report = bureau_report_save(item=arrivals, month=6, submit=True, user=cast["bureau"],
                                data=BureauInput(value=Decimal("35")))
    with pytest.raises(PermissionDenied):
        bureau_report_review(report=report, action="approve", user=cast[role])
    report.refresh_from_db()
    assert report.state == "submitted"


def test_a_month_not_open_is_refused_naming_the_open_month(cast, arrivals, june):
    with pytest.raises(InputError, match="The open month is 6") as error:
        bureau_report_save(item=arrivals, month=7, user=cast["bureau"],
                           data=BureauInput(value=Decimal("40")))
    assert error.value.field == "month"
    assert not BureauReport.objects.exists()


def test_a_locked_month_is_refused(cast, plan, arrivals, june):
    period_lock(plan=plan, month=6, user=cast["admin"])
    period_open(plan=plan, month=7, user=cast["admin"])
    with pytest.raises(InputError, match=r"Month 6 is locked\. The open month is 7"):
        bureau_report_save(item=arrivals, month=6, user=cast["bureau"],
                           data=BureauInput(value=Decimal("40")))


def test_a_stale_edit_is_refused_naming_the_change(cast, arrivals, june):
    first = bureau_report_save(item=arrivals, month=6, user=cast["bureau"],
                               data=BureauInput(value=Decimal("30")))
    bureau_report_save(item=arrivals, month=6, user=cast["bureau"], version=first.version,
                       data=BureauInput(value=Decimal("31")))
    with pytest.raises(InputError, match="while you were editing") as error:
        bureau_report_save(item=arrivals, month=6, user=cast["bureau"], version=first.version,
                           data=BureauInput(value=Decimal("32")))
    assert "30 → 31" in error.value.hint
    assert BureauReport.objects.get().value == Decimal("31")


def test_returning_needs_a_comment(cast, arrivals, june):
    report = bureau_report_save(item=arrivals, month=6, submit=True, user=cast["bureau"],
                                data=BureauInput(value=Decimal("35")))
    with pytest.raises(InputError) as error:
        bureau_report_review(report=report, action="return", user=cast["admin"], comment=" ")
    assert error.value.field == "comment"
