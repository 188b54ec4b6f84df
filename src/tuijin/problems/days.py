"""How a problem's deadline counts days: calendar days (the default) or working days (工作日),
chosen by the setting TUIJIN_PROBLEM_DAYS ("calendar" or "working"; docs/reference/problems.md).

Working days follow the State Council's yearly holiday notice: the statutory holidays are
off, and the weekends worked in their place (调休上班) are working days. The chinesecalendar
package carries those notices; for a year it does not know yet (its release predates the
notice), a working day is Monday to Friday. The functions here are pure: they take the dates
and the way of counting, and read no clock.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tuijin.core.errors import InputError

CALENDAR = "calendar"
WORKING = "working"
DAY_COUNTS = (CALENDAR, WORKING)
# The longest time limit given in days: a year, a leap year's included. The form, the
# service and the API read it here, so all three accept the same range.
MAX_DAYS = 366


def day_count() -> str:
    """The way of counting in force (setting TUIJIN_PROBLEM_DAYS, default calendar days)."""
    value = getattr(settings, "TUIJIN_PROBLEM_DAYS", CALENDAR)
    if value not in DAY_COUNTS:
        raise ImproperlyConfigured(
            f"TUIJIN_PROBLEM_DAYS={value!r}: write {CALENDAR!r} or {WORKING!r}.")
    return value


def is_working_day(day: date) -> bool:
    """A working day in mainland China: holidays off, 调休 weekends on."""
    import chinese_calendar

    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:  # a year the package has no notice for yet
        return day.weekday() < 5


def due_date(start: date, days: int, *, count: str = CALENDAR) -> date:
    """The deadline ``days`` days after ``start`` (a 10-day time limit given on the 1st ends
    on the 11th); in working days, the ``days``-th working day after ``start``. Zero days is
    ``start`` itself."""
    if days < 0:
        raise ValueError("days must not be negative")
    if count == CALENDAR or days == 0:
        return start + timedelta(days=days)
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def days_checked(days: int) -> int:
    """``days`` as a time limit, or InputError on ``days`` saying what is allowed: 0 to
    MAX_DAYS. Zero is meaningful: due today, as a deadline of today is."""
    if not 0 <= days <= MAX_DAYS:
        raise InputError(_("The time limit must be 0 to %(max)s days, not %(days)s.")
                         % {"max": MAX_DAYS, "days": days},
                         hint=_("0 means due today; for a longer time limit choose the "
                                "deadline date instead."),
                         field="days", value=days)
    return days


def deadline_text(deadline: date, *, today: date, count: str = CALENDAR) -> str:
    """The deadline as the problem's page shows it: the date and, in brackets, the days left
    (今天到期 on the day itself), or the days overdue; working days named as such. The brackets
    are in the messages because Chinese writes them full-width."""
    left = days_left(deadline, today=today, count=count)
    values = {"date": deadline.isoformat(), "counter": abs(left)}
    if left == 0:
        return _("%(date)s (due today)") % values
    if left > 0 and count == WORKING:
        return ngettext("%(date)s (%(counter)s working day left)",
                        "%(date)s (%(counter)s working days left)", left) % values
    if left > 0:
        return ngettext("%(date)s (%(counter)s day left)", "%(date)s (%(counter)s days left)",
                        left) % values
    if count == WORKING:
        return ngettext("%(date)s (%(counter)s working day overdue)",
                        "%(date)s (%(counter)s working days overdue)", -left) % values
    return ngettext("%(date)s (%(counter)s day overdue)", "%(date)s (%(counter)s days overdue)",
                    -left) % values


def days_left(deadline: date, *, today: date, count: str = CALENDAR) -> int:
    """Days from ``today`` to ``deadline``: positive before it, 0 on the day itself, negative
    past it (-1 the day after). In working days, the working days in (today, deadline], or
    past it minus those in (deadline, today]; a problem past its deadline is at least one day
    overdue even when only a weekend or a holiday has passed since."""
    if count == CALENDAR:
        return (deadline - today).days
    if deadline >= today:
        return _working_days_between(today, deadline)
    return -max(1, _working_days_between(deadline, today))


def _working_days_between(after: date, until: date) -> int:
    """The working days in (after, until]."""
    count, day = 0, after
    while day < until:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
