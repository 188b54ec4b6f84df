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


def test_the_month_choice_offers_months_up_to_the_latest_opened():
    """The walk found 2023年10–12月 offered (and drawn all red) in a demo opened up to 9月."""
    from tuijin.core.periods import Period
    from tuijin.progress.time import months_offered

    def offered(**kw):
        kw.setdefault("shown", Period(2023, 1))
        return [p.month for p in months_offered(year=2023, today=date(2026, 12, 1), **kw)]

    assert offered(latest_opened=9, latest_reported=12) == list(range(1, 10))
    # Without the cycle: up to the latest month with reports, else the last finished month.
    assert offered(latest_opened=None, latest_reported=7) == list(range(1, 8))
    assert offered(latest_opened=None, latest_reported=None) == list(range(1, 13))
    # A later month asked for by address is offered, so the choice shows what the page does.
    assert offered(latest_opened=9, latest_reported=None, shown=Period(2023, 11))[-1] == 11
