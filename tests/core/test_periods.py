from datetime import date
from decimal import Decimal

import pytest

from tuijin.core.errors import InputError
from tuijin.core.periods import Period, period_in_year


@pytest.mark.parametrize(
    "raw", ["2023-06", "2023-6", "2023.06", "2023/6", "2023年6月", "2023年06月份", "２０２３年６月",
            date(2023, 6, 30)],
)
def test_period_forms_users_write(raw):
    assert Period.parse(raw) == Period(2023, 6)


@pytest.mark.parametrize("raw", ["2023-13", "2023", "June 2023", "23-6"])
def test_bad_periods_say_how_to_write_them(raw):
    with pytest.raises(InputError) as exc:
        Period.parse(raw)
    assert exc.value.hint


def test_time_progress_is_month_over_twelve():
    assert Period(2023, 6).time_progress == Decimal("0.5")
    assert Period(2023, 12).time_progress == 1


def test_previous_month_stays_in_the_year():
    assert Period(2023, 6).previous() == Period(2023, 5)
    assert Period(2023, 1).previous() is None


def test_periods_order_chronologically():
    assert Period(2022, 12) < Period(2023, 1) < Period(2023, 2)
    assert str(Period(2023, 3)) == "2023-03"


def test_month_asked_in_the_plans_year_accepts_chinese_form():
    assert period_in_year(" 2023年6月 ", year=2023) == Period(2023, 6)


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_no_month_asked_leaves_the_default_to_the_caller(raw):
    assert period_in_year(raw, year=2023) is None


def test_month_outside_the_plans_year_is_refused_with_a_hint():
    with pytest.raises(InputError) as err:
        period_in_year("2024-01", year=2023)
    assert err.value.field == "month"
    assert "2023-01" in err.value.hint


def test_garbage_month_is_refused_saying_how_to_write_one():
    with pytest.raises(InputError) as err:
        period_in_year("June", year=2023)
    assert "2023-06" in err.value.hint
