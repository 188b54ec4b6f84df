"""The demo's reporting cycle: earlier months locked, the latest open, a mix of its reports."""

import pytest

from tuijin.demo.cycle import demo_cycle_set
from tuijin.demo.generator import FEATURED_OWNER_NAME
from tuijin.demo.loader import demo_load
from tuijin.projects.cycle import is_counted
from tuijin.projects.cycle_selectors import latest_locked_month, open_period
from tuijin.projects.models import FilingEvent, MonthlyReport, ReportFiling


@pytest.fixture
def cycle(plan):
    demo_load(plan, projects=200, months=6, seed=3)
    return demo_cycle_set(plan, months=6, seed=3)


def test_earlier_months_are_locked_and_the_latest_is_open(plan, cycle):
    assert latest_locked_month(plan) == 5
    assert open_period(plan).month == 6


def test_the_open_month_has_every_state_and_counts_only_what_the_plan_counts(plan, cycle):
    assert all(count > 0 for count in cycle.values()), cycle
    for filing in ReportFiling.objects.filter(project__plan=plan, month=6):
        counted = MonthlyReport.objects.filter(project=filing.project, month=6).exists()
        assert counted == is_counted(filing.state, plan.counted_report_states)
        if filing.state == "returned":
            assert filing.review_comment
    assert MonthlyReport.objects.filter(project__plan=plan, month=6).count() == (
        cycle["approved"] + cycle["submitted"])
    # Earlier months keep every report.
    assert MonthlyReport.objects.filter(project__plan=plan, month=5).count() >= 150


def test_the_demo_owner_sees_each_state(plan, cycle):
    states = {f.state for f in ReportFiling.objects.filter(
        project__owner__name=FEATURED_OWNER_NAME, month=6)}
    assert states == {"draft", "returned", "submitted", "approved"}


def test_every_filing_has_its_steps(plan, cycle):
    for filing in ReportFiling.objects.filter(project__plan=plan):
        steps = list(FilingEvent.objects.filter(filing=filing).values_list("to_state",
                                                                            flat=True))
        assert steps[-1] == filing.state


def test_the_uncounted_reports_leave_no_withdrawal_in_the_history(plan, cycle):
    assert not MonthlyReport.history.filter(history_type="-").exists()
