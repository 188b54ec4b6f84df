from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuijin.core.errors import InputError
from tuijin.projects.rules import (
    MonthFigures,
    check_cumulative,
    report_is_late,
    report_withdraw_plan,
    report_write_plan,
    shift_summary,
)

D = Decimal


def test_cumulative_must_equal_previous_plus_month():
    check_cumulative(previous_cumulative=D(100), investment_month=D(20), cumulative=D(120))
    with pytest.raises(InputError) as exc:
        check_cumulative(previous_cumulative=D(100), investment_month=D(20), cumulative=D(125))
    assert exc.value.field == "cumulative_wan"
    assert "120" in exc.value.message  # names the expected figure


def test_first_report_of_the_year_may_not_be_below_its_month():
    check_cumulative(previous_cumulative=None, investment_month=D(20), cumulative=D(20))
    with pytest.raises(InputError):
        check_cumulative(previous_cumulative=None, investment_month=D(20), cumulative=D(10))


def test_negative_month_is_refused_on_its_field():
    with pytest.raises(InputError) as exc:
        check_cumulative(previous_cumulative=D(0), investment_month=D(-1), cumulative=D(-1))
    assert exc.value.field == "investment_month_wan"


@given(st.lists(st.decimals(min_value=0, max_value=10**6, places=2), min_size=1, max_size=12))
def test_running_sums_always_agree(months):
    previous = None
    for amount in months:
        cumulative = (previous or 0) + amount
        check_cumulative(
            previous_cumulative=previous, investment_month=amount, cumulative=cumulative
        )
        previous = cumulative


@pytest.mark.parametrize(("submitted_on", "late"), [
    (date(2023, 6, 20), False),
    (date(2023, 6, 25), False),  # on the due day is on time
    (date(2023, 6, 26), True),
    (date(2023, 7, 2), True),
])
def test_report_is_late_after_the_due_day_of_its_month(submitted_on, late):
    assert report_is_late(year=2023, month=6, due_day=25, submitted_on=submitted_on) is late


# report_write_plan / report_withdraw_plan: the one rule every report writer calls.

def chain(*pairs) -> list[MonthFigures]:
    """Reports from (month, this month) pairs, cumulatives summed as a consistent year."""
    out, total = [], D(0)
    for month, amount in pairs:
        total += D(amount)
        out.append(MonthFigures(month, D(amount), total))
    return out


def test_a_late_starters_first_report_may_carry_earlier_investment():
    # Month 3 is the first report: 30 this month, 100 since January (the import refused this).
    plan = report_write_plan(month=3, investment_month=D(30), cumulative=D(100), reports=[])
    assert plan.figures == MonthFigures(3, D(30), D(100))
    assert plan.is_new and not plan.later


def test_the_missing_figure_follows_from_the_previous_month():
    reports = chain((1, "10"), (2, "15"))
    assert report_write_plan(month=3, investment_month=D(5), cumulative=None,
                             reports=reports).figures == MonthFigures(3, D(5), D(30))
    assert report_write_plan(month=3, investment_month=None, cumulative=D(40),
                             reports=reports).figures == MonthFigures(3, D(15), D(40))


def test_a_report_needs_one_of_the_two_figures():
    with pytest.raises(InputError) as exc:
        report_write_plan(month=1, investment_month=None, cumulative=None, reports=[])
    assert exc.value.field == "investment_month_wan"


def test_a_cumulative_below_the_previous_one_is_refused_naming_that_month():
    with pytest.raises(InputError) as exc:
        report_write_plan(month=3, investment_month=None, cumulative=D(20),
                          reports=chain((1, "10"), (2, "15")))
    assert exc.value.field == "cumulative_wan"
    assert "25" in exc.value.message and "2" in exc.value.message


def test_correcting_a_month_moves_every_later_cumulative_by_the_same_amount():
    reports = chain((8, "100"), (9, "10"), (10, "20"), (11, "0"), (12, "5"))
    plan = report_write_plan(month=8, investment_month=D(220), cumulative=D(220),
                             reports=reports)
    assert plan.shift == D(120) and not plan.is_new
    assert [(r.month, r.investment_month_wan, r.cumulative_wan) for r in plan.later] == [
        (9, D(10), D(230)), (10, D(20), D(250)), (11, D(0), D(250)), (12, D(5), D(255))]
    assert shift_summary(plan) == "The cumulatives of months 9–12 will change by +120万元."


def test_a_correction_that_keeps_the_cumulative_moves_nothing():
    reports = chain((1, "10"), (2, "15"))
    plan = report_write_plan(month=2, investment_month=D(15), cumulative=D(25), reports=reports)
    assert not plan.moves_later_months and shift_summary(plan) == ""


def test_filing_a_missing_month_late_moves_the_later_months():
    reports = chain((1, "10"), (3, "5"))  # February missing
    plan = report_write_plan(month=2, investment_month=D(7), cumulative=None, reports=reports)
    assert plan.figures == MonthFigures(2, D(7), D(17))
    assert plan.later == (MonthFigures(3, D(5), D(22)),)


def test_a_correction_that_would_leave_a_later_month_below_its_own_figure_names_that_month():
    # A consistent year can never get there; figures written before these rules (month 2:
    # 120 since January though month 1 said 100 and month 2 says 50) can.
    reports = [MonthFigures(1, D(100), D(100)), MonthFigures(2, D(50), D(120))]
    with pytest.raises(InputError) as exc:
        report_write_plan(month=1, investment_month=D(0), cumulative=None, reports=reports)
    assert exc.value.field == "cumulative_wan"
    assert "month 2" in exc.value.message


def test_withdrawing_a_month_takes_its_investment_out_of_later_cumulatives():
    reports = chain((1, "10"), (2, "15"), (3, "5"))
    plan = report_withdraw_plan(month=2, reports=reports)
    assert plan.figures is None and plan.shift == D(-15)
    assert plan.later == (MonthFigures(3, D(5), D(15)),)
    assert shift_summary(plan) == "The cumulative of month 3 will change by −15万元."


def test_withdrawing_a_month_without_a_report_is_refused_on_month():
    with pytest.raises(InputError) as exc:
        report_withdraw_plan(month=4, reports=chain((1, "10")))
    assert exc.value.field == "month"


@given(st.lists(st.decimals(min_value=0, max_value=10**6, places=2), min_size=2, max_size=12),
       st.data())
def test_any_accepted_correction_keeps_the_whole_year_consistent(amounts, data):
    reports = chain(*enumerate(amounts, start=1))
    month = data.draw(st.integers(min_value=1, max_value=len(reports)))
    new_month = data.draw(st.decimals(min_value=0, max_value=10**6, places=2))
    try:
        plan = report_write_plan(month=month, investment_month=new_month, cumulative=None,
                                 reports=reports)
    except InputError:
        return
    after = {r.month: r for r in reports} | {plan.month: plan.figures} | {
        r.month: r for r in plan.later}
    previous = None
    for m in sorted(after):
        check_cumulative(previous_cumulative=previous,
                         investment_month=after[m].investment_month_wan,
                         cumulative=after[m].cumulative_wan)
        previous = after[m].cumulative_wan
