"""The monthly reporting cycle (填报周期, DESIGN.md §3) as plain rules: which step a report may
take from which state, in which state of its month, and which states the dashboards count.

A report's life: draft (草稿, saved, not counted) → submitted (已提交) → approved (已通过), or
returned (被退回) with a comment → corrected and resubmitted → approved. The city office opens a
month (开启填报) and locks it (锁定); after the lock only the office reopens one report, with a
reason. The services (projects.cycle_services) load the rows, call these rules and write.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuijin.core.errors import InputError

# Which states may count lives in core (the plan's settings check it too); kept importable here.
from tuijin.core.report_states import COUNTABLE_STATES, check_counted_states  # noqa: F401


class PeriodState(models.TextChoices):
    OPEN = "open", gettext_lazy("Open for reporting")
    LOCKED = "locked", gettext_lazy("Locked")


class FilingState(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    SUBMITTED = "submitted", gettext_lazy("Submitted")
    RETURNED = "returned", gettext_lazy("Returned")
    APPROVED = "approved", gettext_lazy("Approved")


class Action(models.TextChoices):
    SAVE = "save", gettext_lazy("Save draft")
    SUBMIT = "submit", gettext_lazy("Submit")
    APPROVE = "approve", gettext_lazy("Approve")
    RETURN = "return", gettext_lazy("Return")
    REOPEN = "reopen", gettext_lazy("Reopen")
    # Steps that change a report without moving its state (recorded in the step log only).
    PHOTO_ADDED = "photo_added", gettext_lazy("Photo added")
    PHOTO_REMOVED = "photo_removed", gettext_lazy("Photo removed")


# What the dashboards count unless the plan says otherwise (DESIGN.md §3: returned reports
# count as missing).
DEFAULT_COUNTED_STATES = (FilingState.SUBMITTED.value, FilingState.APPROVED.value)

# From which states each step may be taken. None stands for "no report yet".
_FROM = {
    Action.SAVE: {None, FilingState.DRAFT, FilingState.RETURNED},
    Action.SUBMIT: {None, FilingState.DRAFT, FilingState.RETURNED},
    Action.APPROVE: {FilingState.SUBMITTED},
    Action.RETURN: {FilingState.SUBMITTED, FilingState.APPROVED},
    Action.REOPEN: {FilingState.SUBMITTED, FilingState.APPROVED, FilingState.RETURNED},
}
_TO = {
    Action.SAVE: FilingState.DRAFT,
    Action.SUBMIT: FilingState.SUBMITTED,
    Action.APPROVE: FilingState.APPROVED,
    Action.RETURN: FilingState.RETURNED,
    # A reopened report goes back to its owner as if returned, with the office's reason.
    Action.REOPEN: FilingState.RETURNED,
}


@dataclass(frozen=True)
class Step:
    action: str
    from_state: str | None
    to_state: str


def state_label(state: str | None) -> str:
    return FilingState(state).label if state else _("Not filed")


def step_check(
    *,
    action: str,
    state: str | None,
    period_state: str | None,
    open_month: int | None,
    month: int,
    is_reopened: bool = False,
    comment: str = "",
    acts_on_own_report: bool = False,
    is_unchanged_resubmission: bool = False,
) -> Step:
    """The step ``action`` takes a report of ``month`` from ``state``, or InputError saying why not.

    ``period_state`` is the month's state (None: not opened yet); ``open_month`` the plan's open
    month to name in the message; ``is_reopened`` whether the office reopened this one report
    after the lock; ``acts_on_own_report`` whether the reviewer also wrote it;
    ``is_unchanged_resubmission`` whether a returned report comes back with nothing changed.
    """
    action = Action(action)
    if action == Action.REOPEN:
        if period_state != PeriodState.LOCKED:
            raise InputError(_("Only a report of a locked month is reopened."),
                             hint=_("While the month is open, return the report instead."),
                             field="action")
        if not comment.strip():
            raise InputError(_("Say why the report is reopened."),
                             hint=_("The reason is kept in the report's history."),
                             field="comment")
    elif period_state != PeriodState.OPEN and not is_reopened:
        raise InputError(_month_closed_message(month, period_state, open_month),
                         hint=_("Report for the open month, or ask the city office to reopen "
                                "this report."), field="month", value=month)
    allowed = _FROM[action]
    if state not in allowed:
        raise InputError(
            _("A report that is %(state)s cannot be %(action)s.")
            % {"state": state_label(state), "action": _action_past(action)},
            hint=_state_hint(state), field="action", value=action.value)
    if action == Action.RETURN and not comment.strip():
        raise InputError(_("Say what the owner should correct."),
                         hint=_("The owner sees this comment beside the report."),
                         field="comment")
    if action == Action.APPROVE and acts_on_own_report:
        raise InputError(_("You filed this report; someone else approves it."),
                         hint=_("Ask another reviewer of the district or the city office."),
                         field="action")
    if action == Action.SUBMIT and state == FilingState.RETURNED and is_unchanged_resubmission:
        raise InputError(_("The report was returned and nothing has been changed since."),
                         hint=_("Correct what the reviewer's comment asks for, then submit."),
                         field="action")
    return Step(action=action.value, from_state=state, to_state=_TO[action].value)


def is_counted(state: str | None, counted_states) -> bool:
    """Whether the dashboards count a report in ``state`` (a plan setting)."""
    return state is not None and state in counted_states


def _action_past(action: Action) -> str:
    return {
        Action.SAVE: _("saved as a draft"), Action.SUBMIT: _("submitted"),
        Action.APPROVE: _("approved"), Action.RETURN: _("returned"),
        Action.REOPEN: _("reopened"),
    }[action]


def _state_hint(state: str | None) -> str:
    if state == FilingState.SUBMITTED:
        return _("It waits for the district's review; ask the reviewer to return it to change it.")
    if state == FilingState.APPROVED:
        return _("It is approved; ask the reviewer to return it, or after the lock the city "
                 "office to reopen it.")
    if state is None:
        return _("Fill and submit the report first.")
    return _("Submit it first.")


def _month_closed_message(month: int, period_state: str | None, open_month: int | None) -> str:
    if period_state == PeriodState.LOCKED:
        text = _("Month %(month)s is locked.") % {"month": month}
    else:
        text = _("Month %(month)s is not open for reporting.") % {"month": month}
    if open_month is not None:
        return text + " " + _("The open month is %(open)s.") % {"open": open_month}
    return text + " " + _("No month is open for reporting now.")
