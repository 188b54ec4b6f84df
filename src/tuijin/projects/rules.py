"""Rules over a monthly report's figures: plain values in, InputError out.

Every path that writes a report (the report form, the spreadsheet import, the API and the
workflow to come) resolves its figures through ``report_write_plan`` or
``report_withdraw_plan``; the service (projects.services) only loads, calls and writes.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from tuijin.core.errors import InputError
from tuijin.core.money import check_amount_stored_exactly, plain_amount

ZERO = Decimal(0)


@dataclass(frozen=True)
class MonthFigures:
    """One month's two figures, as stored: this month's investment and January to this month."""

    month: int
    investment_month_wan: Decimal
    cumulative_wan: Decimal


@dataclass(frozen=True)
class ReportPlan:
    """What writing (or withdrawing) one month does to a project's reports.

    ``figures`` is the month as it will be stored (None when it is withdrawn); ``later`` the
    later months whose cumulative moves by ``shift`` — each keeps its own month figure, so the
    chain "cumulative = previous cumulative + this month" still holds after the write.
    """

    month: int
    figures: MonthFigures | None
    later: tuple[MonthFigures, ...] = ()
    shift: Decimal = ZERO
    is_new: bool = True

    @property
    def moves_later_months(self) -> bool:
        return bool(self.later) and self.shift != 0


def check_month_figure(investment_month: Decimal) -> None:
    """A month's own investment is never negative: a month that reported too much is
    corrected, not offset by a later negative month."""
    if investment_month < 0:
        raise InputError(
            _("Investment this month cannot be negative."),
            hint=_("Correct the earlier month's report instead."),
            field="investment_month_wan", value=investment_month,
        )


def check_cumulative(
    *, previous_cumulative: Decimal | None, investment_month: Decimal, cumulative: Decimal
) -> None:
    """The year's cumulative must equal last month's cumulative plus this month (DESIGN.md §3).

    ``previous_cumulative`` is the latest earlier report's cumulative in the same year, or None
    when there is none (January, or the first report of a late starter: then the cumulative is
    this month's figure plus nothing we know of, so it may not be smaller than this month).
    A month with no report counts as nothing invested that month.
    """
    check_month_figure(investment_month)
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


def _check_month(month: int) -> None:
    if not isinstance(month, int) or not 1 <= month <= 12:
        raise InputError(_("The month must be between 1 and 12."),
                         hint=_("Choose a month of the plan's year."), field="month", value=month)


def report_write_plan(
    *,
    month: int,
    investment_month: Decimal | None,
    cumulative: Decimal | None,
    reports: Sequence[MonthFigures],
) -> ReportPlan:
    """Resolve one month's figures against the project's other reports of the year.

    Either figure may be missing, not both: the month is derived as cumulative − the previous
    cumulative (all of it when there is no earlier report), the cumulative as the previous
    cumulative + the month. When both are given they must agree (``check_cumulative``).

    Writing month M moves every later month's cumulative by the change at M (DESIGN.md §3,
    corrections: an office corrects earlier months every month), where "the change" is the new
    cumulative minus what the later months implied for M. Refused, naming the month, when that
    would leave a later cumulative below its own month's figure.
    """
    _check_month(month)
    if investment_month is None and cumulative is None:
        raise InputError(_("Give this month's investment or the cumulative for the year."),
                         hint=_("Write 0 when nothing was invested this month."),
                         field="investment_month_wan")
    ordered = sorted(reports, key=lambda r: r.month)
    existing = next((r for r in ordered if r.month == month), None)
    earlier = [r for r in ordered if r.month < month]
    later = [r for r in ordered if r.month > month]
    previous = earlier[-1].cumulative_wan if earlier else None

    if investment_month is not None:
        check_month_figure(investment_month)
    if cumulative is None:
        cumulative = (previous or ZERO) + investment_month
    elif investment_month is None:
        if previous is not None and cumulative < previous:
            raise InputError(
                _("The cumulative %(cumulative)s万元 is below the %(previous)s万元 already "
                  "reported up to month %(month)s.")
                % {"cumulative": plain_amount(cumulative), "previous": plain_amount(previous),
                   "month": earlier[-1].month},
                hint=_("The cumulative counts January to this month and cannot fall; "
                       "correct it or the earlier report."),
                field="cumulative_wan", value=cumulative)
        investment_month = cumulative - (previous or ZERO)
    else:
        check_cumulative(previous_cumulative=previous, investment_month=investment_month,
                         cumulative=cumulative)

    # Each figure was parsed within the bound; a year's sum of them may pass it.
    check_amount_stored_exactly(cumulative, field="cumulative_wan")
    figures = MonthFigures(month, investment_month, cumulative)
    if not later:
        return ReportPlan(month=month, figures=figures, is_new=existing is None)
    implied = (existing.cumulative_wan if existing is not None
               else later[0].cumulative_wan - later[0].investment_month_wan)
    shift = cumulative - implied
    moved = _shifted(later, shift)
    return ReportPlan(month=month, figures=figures, later=moved, shift=shift,
                      is_new=existing is None)


def report_withdraw_plan(*, month: int, reports: Sequence[MonthFigures]) -> ReportPlan:
    """Withdraw (delete) one month's report: its investment leaves every later cumulative.

    Refused when the month has no report.
    """
    _check_month(month)
    ordered = sorted(reports, key=lambda r: r.month)
    existing = next((r for r in ordered if r.month == month), None)
    if existing is None:
        raise InputError(_("There is no report for month %(month)s to withdraw.")
                         % {"month": month},
                         hint=_("Choose a month that has a report."), field="month", value=month)
    later = [r for r in ordered if r.month > month]
    shift = -existing.investment_month_wan
    return ReportPlan(month=month, figures=None, later=_shifted(later, shift) if later else (),
                      shift=shift if later else ZERO, is_new=False)


def _shifted(later: Sequence[MonthFigures], shift: Decimal) -> tuple[MonthFigures, ...]:
    moved = []
    for r in later:
        new = r.cumulative_wan + shift
        if new < r.investment_month_wan:
            raise InputError(
                _("This change would make month %(later)s's cumulative %(cumulative)s万元, less "
                  "than that month's own %(month)s万元.")
                % {"later": r.month, "cumulative": plain_amount(new),
                   "month": plain_amount(r.investment_month_wan)},
                hint=_("Correct month %(later)s's investment first, then this month.")
                % {"later": r.month},
                field="cumulative_wan", value=new)
        check_amount_stored_exactly(new, field="cumulative_wan")
        moved.append(MonthFigures(r.month, r.investment_month_wan, new))
    return tuple(moved)


def shift_summary(plan: ReportPlan) -> str:
    """The sentence shown before a correction that moves later months is saved, e.g.
    「9—12月的累计将随之调整 +120万元」."""
    if not plan.moves_later_months:
        return ""
    first, last = plan.later[0].month, plan.later[-1].month
    sign = "+" if plan.shift > 0 else "−"
    values = {"first": first, "last": last, "shift": f"{sign}{plain_amount(abs(plan.shift))}"}
    if first == last:
        return _("The cumulative of month %(first)s will change by %(shift)s万元.") % values
    return _("The cumulatives of months %(first)s–%(last)s will change by %(shift)s万元.") % values


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
