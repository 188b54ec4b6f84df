from datetime import date

from tuijin.progress.time import default_month


def test_default_month_is_latest_reported_else_last_finished():
    assert default_month(year=2023, latest_reported=7, today=date(2026, 1, 1)).month == 7
    assert default_month(year=2023, latest_reported=None, today=date(2026, 1, 1)).month == 12
    assert default_month(year=2023, latest_reported=None, today=date(2023, 5, 3)).month == 4
    assert default_month(year=2023, latest_reported=None, today=date(2023, 1, 3)).month == 1


def test_the_cycle_opens_the_dashboards_on_the_latest_locked_month():
    from datetime import date as d

    from tuijin.core.periods import Period
    from tuijin.progress.time import default_month

    today = d(2023, 12, 5)
    assert default_month(year=2023, latest_reported=12, today=today, latest_locked=5,
                         open_month=6) == Period(2023, 5)
    assert default_month(year=2023, latest_reported=12, today=today, latest_locked=None,
                         open_month=1) == Period(2023, 1)
    assert default_month(year=2023, latest_reported=12, today=today) == Period(2023, 12)
