"""Which month a progress page shows. Time progress itself is ``Period.time_progress``
(core/periods.py, DESIGN.md §3: M / 12)."""

from datetime import date

from django.utils.translation import gettext as _

from tuijin.core.errors import InputError
from tuijin.core.periods import Period


def month_in_plan(raw: str, *, year: int) -> Period:
    """Parse ``raw`` (2023-06, 2023年6月) and require it to fall in the plan's year."""
    period = Period.parse(raw)
    if period.year != year:
        raise InputError(
            _("%(month)s is outside the plan's year %(year)s.") % {"month": raw, "year": year},
            hint=_("Choose a month from %(year)s-01 to %(year)s-12.") % {"year": year},
            field="month", value=raw,
        )
    return period


def default_month(*, year: int, latest_reported: int | None, today: date) -> Period:
    """The latest month with reports; without any, the last finished month of the year."""
    if latest_reported:
        return Period(year, latest_reported)
    if today.year > year:
        return Period(year, 12)
    if today.year < year:
        return Period(year, 1)
    return Period(year, max(today.month - 1, 1))
