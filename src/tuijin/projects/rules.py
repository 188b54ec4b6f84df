"""Rules over a monthly report's figures: plain values in, InputError out."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from tuijin.core.errors import InputError
from tuijin.core.money import plain_amount


def check_cumulative(
    *, previous_cumulative: Decimal | None, investment_month: Decimal, cumulative: Decimal
) -> None:
    """The year's cumulative must equal last month's cumulative plus this month (DESIGN.md §3).

    ``previous_cumulative`` is the latest earlier report's cumulative in the same year, or None
    when there is none (January, or the first report of a late starter: then the cumulative is
    this month's figure plus nothing we know of, so it may not be smaller than this month).
    """
    if investment_month < 0:
        raise InputError(
            _("Investment this month cannot be negative."),
            hint=_("Correct the earlier month's report instead."),
            field="investment_month_wan", value=investment_month,
        )
    if previous_cumulative is None:
        if cumulative < investment_month:
            raise InputError(
                _("The cumulative %(cumulative)s万元 is less than this month's %(month)s万元.")
                % {"cumulative": plain_amount(cumulative), "month": plain_amount(investment_month)},
                hint=_("The cumulative counts January to this month, this month included."),
                field="cumulative_wan", value=cumulative,
            )
        return
    expected = previous_cumulative + investment_month
    if cumulative != expected:
        raise InputError(
            _(
                "The cumulative %(cumulative)s万元 does not agree with the previous month: "
                "%(previous)s万元 + %(month)s万元 = %(expected)s万元."
            )
            % {"cumulative": plain_amount(cumulative),
               "previous": plain_amount(previous_cumulative),
               "month": plain_amount(investment_month), "expected": plain_amount(expected)},
            hint=_("Correct this month's investment or the cumulative so that they agree."),
            field="cumulative_wan", value=cumulative,
        )


def report_is_late(*, year: int, month: int, due_day: int, submitted_on: date) -> bool:
    """A month's report is late when it arrives after the plan's due day of that month
    (DESIGN.md §3: "due by a deadline, e.g. the 25th"). ``submitted_on`` is the local date."""
    return submitted_on > date(year, month, due_day)


def completion_share(*, cumulative_wan: Decimal, planned_wan: Decimal) -> float | None:
    """A report's ``completion`` as the database triggers compute it: cumulative ÷ plan in
    floats, None when nothing is planned. Bulk writers supply it so that SQLite's trigger
    need not rewrite each new row (projects migration 0011); the trigger corrects any value
    that differs."""
    if planned_wan <= 0:
        return None
    return float(cumulative_wan) / float(planned_wan)
