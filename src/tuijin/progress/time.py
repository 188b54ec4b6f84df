"""Which month a progress page shows when none is asked for. Reading the month asked for is
``core.periods.period_in_year``; time progress itself is ``Period.time_progress``
(core/periods.py, DESIGN.md §3: M / 12)."""

from datetime import date

from tuijin.core.periods import Period


def default_month(*, year: int, latest_reported: int | None, today: date,
                  latest_locked: int | None = None, open_month: int | None = None) -> Period:
    """The month the dashboards open on (DESIGN.md §3, reporting cycle): the latest locked
    month; before any is locked, the open one. A plan run without the cycle (no month ever
    opened) shows the latest month with reports, else the last finished month of the year.
    Filing ahead therefore never moves anyone's dashboard once the cycle runs."""
    if latest_locked:
        return Period(year, latest_locked)
    if open_month:
        return Period(year, open_month)
    if latest_reported:
        return Period(year, latest_reported)
    if today.year > year:
        return Period(year, 12)
    if today.year < year:
        return Period(year, 1)
    return Period(year, max(today.month - 1, 1))


def months_offered(*, year: int, latest_opened: int | None, latest_reported: int | None,
                   today: date, shown: Period) -> list[Period]:
    """The months a progress page's month choice offers: the year's months up to the latest
    one opened for reporting (open or locked); for a plan run without the cycle, up to the
    month the dashboards open on (``default_month``). A month never opened has no reports to
    show, so it is not offered; the month shown is, if asked for by address beyond that."""
    last = latest_opened or default_month(year=year, latest_reported=latest_reported,
                                          today=today).month
    return [Period(year, month) for month in range(1, max(last, shown.month) + 1)]
