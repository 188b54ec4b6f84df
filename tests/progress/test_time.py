from datetime import date

from tuijin.progress.time import default_month


def test_default_month_is_latest_reported_else_last_finished():
    assert default_month(year=2023, latest_reported=7, today=date(2026, 1, 1)).month == 7
    assert default_month(year=2023, latest_reported=None, today=date(2026, 1, 1)).month == 12
    assert default_month(year=2023, latest_reported=None, today=date(2023, 5, 3)).month == 4
    assert default_month(year=2023, latest_reported=None, today=date(2023, 1, 3)).month == 1
