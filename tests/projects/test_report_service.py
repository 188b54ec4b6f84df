from decimal import Decimal

import pytest

from tests.factories import make_project
from tuijin.core.errors import InputError
from tuijin.projects.models import MonthlyReport
from tuijin.projects.services import report_save

D = Decimal


def save(project, month, month_wan, cumulative, **kw):
    return report_save(project=project, month=month, investment_month_wan=D(month_wan),
                       cumulative_wan=D(cumulative), **kw)


def test_reports_chain_month_to_month(plan):
    project = make_project(plan)
    save(project, 1, "10", "10")
    save(project, 2, "15", "25")
    assert list(project.reports.values_list("month", "cumulative_wan")) == [(1, 10), (2, 25)]


def test_a_second_report_for_a_month_is_refused_on_the_month_field(plan):
    project = make_project(plan)
    save(project, 1, "10", "10")
    with pytest.raises(InputError) as exc:
        save(project, 1, "12", "12")
    assert exc.value.field == "month"
    assert project.reports.get(month=1).cumulative_wan == 10


def test_disagreeing_cumulative_writes_nothing(plan):
    project = make_project(plan)
    save(project, 1, "10", "10")
    with pytest.raises(InputError) as exc:
        save(project, 2, "15", "30")
    assert exc.value.field == "cumulative_wan"
    assert not project.reports.filter(month=2).exists()


def test_a_missing_month_chains_from_the_latest_earlier_report(plan):
    project = make_project(plan)
    save(project, 1, "10", "10")
    save(project, 3, "5", "15")  # February missing: the cumulative continues from January
    assert project.reports.count() == 2


def test_correcting_a_month_may_not_break_the_next_one(plan):
    project = make_project(plan)
    save(project, 1, "10", "10")
    save(project, 2, "15", "25")
    with pytest.raises(InputError) as exc:
        save(project, 1, "12", "12", allow_overwrite=True)
    assert "2" in exc.value.message
    assert project.reports.get(month=1).cumulative_wan == 10


def test_corrections_are_kept_in_the_history(plan, cast):
    project = make_project(plan)
    save(project, 1, "10", "10")
    save(project, 1, "11", "11", allow_overwrite=True, user=cast["admin"])
    report = MonthlyReport.objects.get(project=project, month=1)
    history = list(report.history.order_by("history_date").values_list("cumulative_wan", flat=True))
    assert history == [D(10), D(11)]
