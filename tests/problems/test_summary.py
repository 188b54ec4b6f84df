"""The plain-data summary of problems (problems.summary) the bulletin, the dashboard and the
API read: closed this month, still open, overdue by unit, by category, days to close, always
inside the reader's scope and in one query."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_project
from tests.problems.conftest import TODAY
from tuijin.accounts.scopes import Scope
from tuijin.problems.models import Problem, ProblemCategory
from tuijin.problems.services import ProblemInput, problem_raise, problem_step
from tuijin.problems.summary import CategoryCount, UnitOverdue, problem_summary


def take(problem, action, user, **kw):
    kw.setdefault("today", date(2023, 5, 1))
    return problem_step(problem=problem, action=action, user=user,
                        version=Problem.objects.get(pk=problem.pk).version, **kw)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def raise_one(project, user, category, text, *, on: date):
    problem = problem_raise(project=project, user=user, data=ProblemInput(
        category_id=category.pk, description=text))
    Problem.objects.filter(pk=problem.pk).update(raised_at=at(on))
    return problem


def assign(problem, admin, unit, deadline):
    problem = take(problem, "accept", admin)
    return take(problem, "assign", admin, unit_id=unit.pk, deadline=deadline)


def close(problem, admin, unit_user, *, on: date):
    problem = take(problem, "sign", unit_user)
    problem = take(problem, "answer", unit_user, comment="已解决")
    problem = take(problem, "check", admin)
    problem = take(problem, "close", admin)
    Problem.objects.filter(pk=problem.pk).update(closed_at=at(on, 16))


@pytest.fixture
def programme(plan, project, cast, land, land_bureau, owner_org):
    """In 龙亭区: one closed in June after 10 days, one closed in May after 4, one overdue
    with the land bureau (deadline 5 June), one overdue with the tourism bureau (10 June),
    one on time, one just raised. In 杞县: one overdue with the land bureau."""
    money = ProblemCategory.objects.get(name="资金")
    admin, tourism = cast["admin"], cast["bureau"].organisation
    land_user = cast["bureau"]
    problems = {}
    problems["closed_june"] = raise_one(project, cast["owner"], land, "用地", on=date(2023, 6, 1))
    problems["closed_may"] = raise_one(project, cast["owner"], money, "资金", on=date(2023, 5, 1))
    for key in ("closed_june", "closed_may"):
        assign(problems[key], admin, tourism, date(2023, 7, 1))
    close(problems["closed_june"], admin, land_user, on=date(2023, 6, 11))
    close(problems["closed_may"], admin, land_user, on=date(2023, 5, 5))
    problems["late_land"] = assign(raise_one(project, cast["owner"], land, "用地2",
                                             on=date(2023, 5, 20)),
                                   admin, land_bureau, date(2023, 6, 5))
    problems["late_tourism"] = assign(raise_one(project, cast["owner"], money, "资金2",
                                                on=date(2023, 5, 20)),
                                      admin, tourism, date(2023, 6, 10))
    problems["on_time"] = assign(raise_one(project, cast["owner"], money, "资金3",
                                           on=date(2023, 6, 2)),
                                 admin, tourism, date(2023, 6, 30))
    problems["new"] = raise_one(project, cast["owner"], land, "用地3", on=date(2023, 6, 14))
    qixian = make_project(plan, district="410221", owner=owner_org, name="杞县项目")
    problems["qixian_late"] = assign(raise_one(qixian, admin, land, "杞县用地",
                                               on=date(2023, 5, 2)),
                                     admin, land_bureau, date(2023, 6, 1))
    return problems


def test_the_city_sees_every_problem_summed_up(programme, plan):
    summary = problem_summary(Scope.city_wide_for_system(), plan, 6, TODAY)
    assert summary.total == 7
    assert [line.description for line in summary.closed_this_month] == ["用地"]
    assert summary.closed_this_month[0].days_to_close == 10
    assert summary.open_count == 5
    assert summary.overdue_count == 3
    assert [line.description for line in summary.overdue] == ["杞县用地", "用地2", "资金2"]
    assert summary.overdue[0].days_overdue == 14
    assert summary.overdue_by_unit == [
        UnitOverdue(unit_id=programme["late_land"].assigned_unit_id,
                    unit="开封市自然资源和规划局", count=2, oldest_days_overdue=14),
        UnitOverdue(unit_id=programme["late_tourism"].assigned_unit_id,
                    unit="开封市文化广电和旅游局", count=1, oldest_days_overdue=5),
    ]
    assert summary.by_category == [
        CategoryCount(category="用地", open=3, overdue=2, closed_this_month=1),
        CategoryCount(category="资金", open=2, overdue=1, closed_this_month=0),
    ]
    # (10 + 4) / 2 over every closed problem; 10 over June's.
    assert summary.average_days_to_close == Decimal("7.0")
    assert summary.average_days_to_close_this_month == Decimal("10.0")
    assert summary.raised_this_month == 3
    assert summary.by_state["closed"] == 2 and summary.by_state["raised"] == 1


def test_a_district_sees_only_its_own_problems(programme, plan, cast):
    summary = problem_summary(cast["longting"], plan, 6, TODAY)
    assert summary.total == 6 and summary.overdue_count == 2
    assert "杞县用地" not in [line.description for line in summary.open]
    assert summary.overdue_by_unit[0].count == 1
    assert problem_summary(cast["qixian"], plan, 6, TODAY).total == 1


def test_a_month_with_nothing_closed_has_no_average(programme, plan):
    summary = problem_summary(Scope.city_wide_for_system(), plan, 3, TODAY)
    assert summary.closed_this_month == [] and summary.average_days_to_close_this_month is None


def test_the_summary_is_one_query(programme, plan):
    with CaptureQueriesContext(connection) as queries:
        problem_summary(Scope.city_wide_for_system(), plan, 6, TODAY)
    assert len(queries) == 1


def test_overdue_days_count_working_days_when_set(programme, plan, settings):
    settings.TUIJIN_PROBLEM_DAYS = "working"
    summary = problem_summary(Scope.city_wide_for_system(), plan, 6, TODAY)
    # 1 June (Thursday) → 15 June (Thursday): ten working days (no holiday in between).
    assert summary.overdue[0].days_overdue == 10 and summary.day_count == "working"


def test_the_summary_needs_a_scope(plan):
    with pytest.raises(TypeError):
        problem_summary(None, plan, 6, TODAY)


def test_a_month_outside_the_year_is_refused(plan):
    with pytest.raises(ValueError):
        problem_summary(Scope.city_wide_for_system(), plan, 13, TODAY)


def test_nothing_to_sum_up_is_all_zero(plan):
    summary = problem_summary(Scope.city_wide_for_system(), plan, 6, TODAY - timedelta(days=1))
    assert (summary.total, summary.open_count, summary.overdue_count) == (0, 0, 0)
    assert summary.average_days_to_close is None and summary.by_category == []
