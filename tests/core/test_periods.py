from datetime import date
from decimal import Decimal

import pytest

from tuijin.core.errors import InputError
from tuijin.core.periods import Period


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
