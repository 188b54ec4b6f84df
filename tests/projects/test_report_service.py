"""projects.services: the one write path for monthly reports."""

from decimal import Decimal

import pytest

from tests.factories import make_project, make_report
from tuijin.core.errors import InputError
from tuijin.projects.models import MonthlyReport
from tuijin.projects.services import REPORT_TEXT_LIMIT, report_save, report_withdraw

D = Decimal


def save(project, month, month_wan, cumulative, user=None, **kw):
    return report_save(project=project, month=month,
                       investment_month_wan=None if month_wan is None else D(month_wan),
                       cumulative_wan=None if cumulative is None else D(cumulative),
                       user=user, **kw)


def months(project):
    return list(project.reports.order_by("month").values_list(
        "month", "investment_month_wan", "cumulative_wan"))


def test_reports_chain_month_to_month(plan):
    project = make_project(plan)
    save(project, 1, "10", "10")
    save(project, 2, "15", "25")
    assert months(project) == [(1, 10, 10), (2, 15, 25)]


def test_a_writer_must_say_who_writes(plan):
    project = make_project(plan)
    with pytest.raises(TypeError):
        report_save(project=project, month=1, investment_month_wan=D(1), cumulative_wan=D(1))


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


def test_one_figure_is_enough(plan):
    project = make_project(plan)
    save(project, 1, "10", None)
    save(project, 2, None, "25")
    assert months(project) == [(1, 10, 10), (2, 15, 25)]


def test_correcting_august_moves_september_to_december(plan, cast):
    project = make_project(plan)
    for month, amount in [(8, 100), (9, 10), (10, 20), (11, 0), (12, 5)]:
        previous = months(project)[-1][2] if month > 8 else 0
        save(project, month, amount, previous + amount)
    save(project, 8, "220", "220", user=cast["admin"], reason="八月漏报一笔设备款",
         allow_overwrite=True)
    assert months(project) == [(8, 220, 220), (9, 10, 230), (10, 20, 250), (11, 0, 250),
                               (12, 5, 255)]
    december = project.reports.get(month=12)
    latest = december.history.order_by("-history_date").first()
    assert latest.cumulative_wan == 255 and latest.history_user == cast["admin"]
    reason = latest.history_change_reason
    assert "8" in reason and "八月漏报一笔设备款" in reason
    august = project.reports.get(month=8).history.order_by("-history_date").first()
    assert august.history_change_reason == "八月漏报一笔设备款"


def test_a_refused_correction_moves_nothing(plan):
    project = make_project(plan)
    save(project, 1, "10", "10")
    save(project, 2, "15", "25")
    with pytest.raises(InputError):
        save(project, 1, "-5", None, allow_overwrite=True)
    assert months(project) == [(1, 10, 10), (2, 15, 25)]


def test_withdrawing_a_report_needs_a_reason(plan):
    project = make_project(plan)
    save(project, 1, "10", "10")
    with pytest.raises(InputError) as exc:
        report_withdraw(project=project, month=1, user=None, reason=" ")
    assert exc.value.field == "reason"
    assert project.reports.count() == 1


def test_withdrawing_a_report_takes_its_investment_out_of_later_months(plan, cast):
    project = make_project(plan)
    save(project, 1, "10", "10")
    save(project, 2, "15", "25")
    save(project, 3, "5", "30")
    report_withdraw(project=project, month=2, user=cast["longting"], reason="填错了月份")
    assert months(project) == [(1, 10, 10), (3, 5, 15)]
    deleted = MonthlyReport.history.filter(month=2, history_type="-").get()
    assert deleted.history_change_reason == "填错了月份"
    assert deleted.history_user == cast["longting"]


def test_a_report_text_over_the_limit_is_refused_on_its_field(plan):
    project = make_project(plan)
    with pytest.raises(InputError) as exc:
        save(project, 1, "1", "1", progress_text="进" * (REPORT_TEXT_LIMIT + 1))
    assert exc.value.field == "progress_text"
    assert not project.reports.exists()


def test_corrections_are_kept_in_the_history(plan, cast):
    project = make_project(plan)
    save(project, 1, "10", "10")
    save(project, 1, "11", "11", allow_overwrite=True, user=cast["admin"])
    report = MonthlyReport.objects.get(project=project, month=1)
    history = list(report.history.order_by("history_date").values_list("cumulative_wan", flat=True))
    assert history == [D(10), D(11)]


def test_figures_written_by_older_paths_are_corrected_through_the_same_rule(plan):
    project = make_project(plan)
    make_report(project, 1, "100", "100")
    make_report(project, 2, "50", "120")  # disagrees: written around the rules
    with pytest.raises(InputError) as exc:
        save(project, 1, "0", None, allow_overwrite=True)
    assert "month 2" in exc.value.message
