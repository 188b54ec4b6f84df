"""projects.cycle_services: the month as the city office, the district and the owner run it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import make_project, make_report
from tuijin.core.errors import InputError
from tuijin.projects.cycle_services import (
    FilingInput,
    filing_reopen,
    filing_reopen_for,
    filing_review,
    filing_save,
    period_lock,
    period_open,
    period_reopen,
)
from tuijin.projects.models import FilingEvent, MonthlyReport, ReportingPeriod

D = Decimal


def figures(month_wan=None, cumulative=None, **texts):
    return FilingInput(None if month_wan is None else D(month_wan),
                       None if cumulative is None else D(cumulative), **texts)


@pytest.fixture
def june(plan, cast):
    return period_open(plan=plan, month=6, user=cast["admin"])


def test_a_month_opens_due_on_the_plans_due_day(plan, cast):
    period = period_open(plan=plan, month=6, user=cast["admin"])
    assert period.due_on == date(2023, 6, 25) and period.state == "open"
    with pytest.raises(InputError) as exc:
        period_open(plan=plan, month=6, user=cast["admin"])
    assert "already open" in exc.value.message


def test_a_due_date_outside_the_year_is_refused_on_its_field(plan, cast):
    with pytest.raises(InputError) as exc:
        period_open(plan=plan, month=6, user=cast["admin"], due_on=date(2024, 1, 5))
    assert exc.value.field == "due_on"
    assert not ReportingPeriod.objects.exists()


def test_a_draft_is_not_counted_and_a_submitted_report_is(plan, cast, june, owner_org):
    project = make_project(plan, owner=owner_org)
    make_report(project, 5, "100", "100")
    filing = filing_save(project=project, month=6, data=figures("50"), user=cast["owner"])
    assert filing.state == "draft" and filing.cumulative_wan == 150
    assert not MonthlyReport.objects.filter(project=project, month=6).exists()
    filing = filing_save(project=project, month=6, data=figures("50"), user=cast["owner"],
                         submit=True, version=filing.version)
    assert filing.state == "submitted"
    assert MonthlyReport.objects.get(project=project, month=6).cumulative_wan == 150


def test_a_report_for_a_month_not_open_is_refused_naming_the_open_month(plan, cast, june):
    project = make_project(plan)
    with pytest.raises(InputError) as exc:
        filing_save(project=project, month=12, data=figures("1"), user=cast["admin"])
    assert "open month is 6" in exc.value.message
    assert not project.filings.exists()


def test_returned_counts_as_missing_until_resubmitted_and_approved(plan, cast, june, owner_org):
    project = make_project(plan, owner=owner_org)
    filing = filing_save(project=project, month=6, data=figures("50"), user=cast["owner"],
                         submit=True)
    filing = filing_review(filing=filing, action="return", user=cast["longting"],
                           comment="形象进度请补充")
    assert filing.state == "returned" and filing.review_comment == "形象进度请补充"
    assert not MonthlyReport.objects.filter(project=project, month=6).exists()
    with pytest.raises(InputError) as exc:
        filing_save(project=project, month=6, data=figures("50"), user=cast["owner"],
                    submit=True)
    assert "nothing has been changed" in exc.value.message
    filing = filing_save(project=project, month=6,
                         data=figures("50", progress_text="主体结构封顶"), user=cast["owner"],
                         submit=True)
    filing = filing_review(filing=filing, action="approve", user=cast["longting"])
    assert filing.state == "approved"
    assert MonthlyReport.objects.get(project=project, month=6).progress_text == "主体结构封顶"
    steps = list(FilingEvent.objects.filter(filing=filing).values_list(
        "action", "from_state", "to_state", "by__username"))
    assert steps == [
        ("submit", "", "submitted", "owner-demo"),
        ("return", "submitted", "returned", "district-longting"),
        ("submit", "returned", "submitted", "owner-demo"),
        ("approve", "submitted", "approved", "district-longting")]


def test_nobody_approves_their_own_report(plan, cast, june):
    project = make_project(plan)
    filing = filing_save(project=project, month=6, data=figures("5"), user=cast["longting"],
                         submit=True)
    with pytest.raises(InputError):
        filing_review(filing=filing, action="approve", user=cast["longting"])


def test_a_stale_edit_is_refused_showing_what_the_other_person_changed(plan, cast, june,
                                                                       owner_org):
    project = make_project(plan, owner=owner_org)
    first = filing_save(project=project, month=6, data=figures("50"), user=cast["owner"])
    seen = first.version
    filing_save(project=project, month=6, data=figures("60"), user=cast["longting"],
                version=seen)
    with pytest.raises(InputError) as exc:
        filing_save(project=project, month=6, data=figures("70"), user=cast["owner"],
                    version=seen)
    assert exc.value.field == "version"
    assert "district-longting" in exc.value.message
    assert "50 → 60" in exc.value.hint
    assert project.filings.get(month=6).investment_month_wan == 60


def test_after_the_lock_only_a_reopened_report_changes(plan, cast, june, owner_org):
    project = make_project(plan, owner=owner_org)
    filing = filing_save(project=project, month=6, data=figures("50"), user=cast["owner"],
                         submit=True)
    filing = filing_review(filing=filing, action="approve", user=cast["longting"])
    period_lock(plan=plan, month=6, user=cast["admin"])
    with pytest.raises(InputError) as exc:
        filing_review(filing=filing, action="return", user=cast["longting"], comment="x")
    assert "locked" in exc.value.message
    filing = filing_reopen(filing=filing, user=cast["admin"], reason="统计口径更正")
    assert filing.state == "returned" and filing.is_reopened
    # The published figure stays until the correction is in.
    assert MonthlyReport.objects.get(project=project, month=6).cumulative_wan == 50
    filing = filing_save(project=project, month=6, data=figures("80"), user=cast["owner"],
                         submit=True)
    assert MonthlyReport.objects.get(project=project, month=6).cumulative_wan == 80
    history = MonthlyReport.objects.get(project=project, month=6).history.latest()
    assert history.history_user == cast["owner"]


def test_a_report_from_before_the_cycle_is_reopened_too(plan, cast):
    project = make_project(plan)
    make_report(project, 3, "30", "30")
    period_open(plan=plan, month=3, user=cast["admin"])
    period_lock(plan=plan, month=3, user=cast["admin"])
    filing = filing_reopen_for(project=project, month=3, user=cast["admin"], reason="补录")
    assert filing.state == "returned" and filing.cumulative_wan == 30


def test_reopening_a_month_needs_a_reason(plan, cast, june):
    period_lock(plan=plan, month=6, user=cast["admin"])
    with pytest.raises(InputError) as exc:
        period_reopen(plan=plan, month=6, user=cast["admin"], reason="")
    assert exc.value.field == "reason"
    period = period_reopen(plan=plan, month=6, user=cast["admin"], reason="漏报单位补报")
    assert period.state == "open"
    assert period.history.latest().history_change_reason == "漏报单位补报"


def test_a_plan_counting_only_approved_reports_waits_for_the_review(plan, cast, june):
    plan.counted_report_states = ["approved"]
    plan.save()
    project = make_project(plan)
    filing = filing_save(project=project, month=6, data=figures("5"), user=cast["admin"],
                         submit=True)
    assert not MonthlyReport.objects.filter(project=project).exists()
    filing_review(filing=filing, action="approve", user=cast["longting"])
    assert MonthlyReport.objects.filter(project=project, month=6).exists()


def test_the_period_command_opens_locks_reopens_and_lists(plan, capsys):
    call_command("period", "open", "--plan", plan.slug, "--month", "2023-06",
                 "--due", "2023-06-28")
    call_command("period", "lock", "--plan", plan.slug, "--month", "2023-06")
    call_command("period", "reopen", "--plan", plan.slug, "--month", "2023-06",
                 "--reason", "补报")
    call_command("period", "list", "--plan", plan.slug)
    out = capsys.readouterr().out
    assert "Opened 2023-06, due 2023-06-28." in out
    assert "2023-06 open due 2023-06-28" in out


def test_the_period_command_says_what_to_fix(plan):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="outside the plan's year"):
        call_command("period", "open", "--plan", plan.slug, "--month", "2024-01")
    with pytest.raises(CommandError, match="has not been opened"):
        call_command("period", "lock", "--plan", plan.slug, "--month", "2023-07")


def test_a_photo_added_after_the_return_counts_as_a_change(plan, cast, june, owner_org):
    project = make_project(plan, owner=owner_org)
    filing = filing_save(project=project, month=6, data=figures("50"), user=cast["owner"],
                         submit=True)
    filing = filing_review(filing=filing, action="return", user=cast["longting"],
                           comment="请上传现场照片")
    FilingEvent.objects.create(filing=filing, action="photo_added", from_state="returned",
                               to_state="returned", at=timezone.now(), by=cast["owner"])
    filing = filing_save(project=project, month=6, data=figures("50"), user=cast["owner"],
                         submit=True)
    assert filing.state == "submitted"
