from datetime import date

import pytest

from tuijin.core.errors import InputError
from tuijin.core.periods import Period
from tuijin.progress.time import default_month, month_in_plan


def test_month_in_plan_accepts_chinese_form():
    assert month_in_plan("2023年6月", year=2023) == Period(2023, 6)


def test_month_outside_the_plans_year_is_refused_with_a_hint():
    with pytest.raises(InputError) as err:
        month_in_plan("2024-01", year=2023)
    assert err.value.field == "month"
    assert "2023-01" in err.value.hint


def test_default_month_is_latest_reported_else_last_finished():
    assert default_month(year=2023, latest_reported=7, today=date(2026, 1, 1)).month == 7
    assert default_month(year=2023, latest_reported=None, today=date(2026, 1, 1)).month == 12
    assert default_month(year=2023, latest_reported=None, today=date(2023, 5, 3)).month == 4
    assert default_month(year=2023, latest_reported=None, today=date(2023, 1, 3)).month == 1
