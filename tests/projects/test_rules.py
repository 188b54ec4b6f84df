from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuijin.core.errors import InputError
from tuijin.projects.rules import check_cumulative, report_is_late

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
