"""Which month a progress page shows when none is asked for. Reading the month asked for is
``core.periods.period_in_year``; time progress itself is ``Period.time_progress``
(core/periods.py, DESIGN.md §3: M / 12)."""

from datetime import date

from tuijin.core.periods import Period


def default_month(*, year: int, latest_reported: int | None, today: date) -> Period:
    """The latest month with reports; without any, the last finished month of the year."""
    if latest_reported:
        return Period(year, latest_reported)
    if today.year > year:
        return Period(year, 12)
    if today.year < year:
        return Period(year, 1)
    return Period(year, max(today.month - 1, 1))
