"""Problems (督办, DESIGN.md §3) as plain rules: which step a problem may take from which
state, what each step requires, the deadline light and when a problem may be escalated.

A problem's life: raised (已提出) → accepted (已受理) by the district or the city office, or
sent back to the project unit to solve itself (项目单位自行解决) → assigned (已交办) to a
responsible unit with a deadline → signed for (已签收) → answered (已反馈) → checked (已复核) by
the office that assigned it → closed (已销号); or the answer is sent back (退回重办) and the
unit answers again. An overdue district-level problem may be escalated to the city office
(升级到市级), which may then assign it again. Every rule takes "today" as an argument; the
services (problems.services) load the rows, call these rules and write.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuijin.core.errors import InputError
from tuijin.problems.days import CALENDAR, days_left

# Yellow from this many days before the deadline (the deadline day included), counted as the
# setting TUIJIN_PROBLEM_DAYS says (problems.days).
DEFAULT_YELLOW_DAYS = 3


class State(models.TextChoices):
    RAISED = "raised", gettext_lazy("Raised")
    ACCEPTED = "accepted", gettext_lazy("Accepted")
    SELF_RESOLVE = "self_resolve", gettext_lazy("Left to the project unit")
    ASSIGNED = "assigned", gettext_lazy("Assigned")
    SIGNED = "signed", gettext_lazy("Signed for")
    ANSWERED = "answered", gettext_lazy("Answered")
    RETURNED = "returned", gettext_lazy("Sent back to the unit")
    CHECKED = "checked", gettext_lazy("Checked")
    CLOSED = "closed", gettext_lazy("Closed")


class Action(models.TextChoices):
    RAISE = "raise", gettext_lazy("Raise")
    ACCEPT = "accept", gettext_lazy("Accept")
    DECLINE = "decline", gettext_lazy("Leave to the project unit")
    ASSIGN = "assign", gettext_lazy("Assign")
    SIGN = "sign", gettext_lazy("Sign for")
    ANSWER = "answer", gettext_lazy("Answer")
    SEND_BACK = "send_back", gettext_lazy("Send back to the unit")
    CHECK = "check", gettext_lazy("Check the answer")
    CLOSE = "close", gettext_lazy("Close")
    ESCALATE = "escalate", gettext_lazy("Escalate to the city")


class Level(models.TextChoices):
    DISTRICT = "district", gettext_lazy("District")
    CITY = "city", gettext_lazy("City")


class Light(models.TextChoices):
    NONE = "none", gettext_lazy("No deadline running")
    GREEN = "green", gettext_lazy("On time")
    YELLOW = "yellow", gettext_lazy("Deadline near")
    RED = "red", gettext_lazy("Overdue")


# States in which the responsible unit owes the work and the deadline runs.
WITH_UNIT = (State.ASSIGNED.value, State.SIGNED.value, State.RETURNED.value)
# States nobody acts on any more.
FINISHED = (State.SELF_RESOLVE.value, State.CLOSED.value)

# From which states each step may be taken (RAISE: none, the problem is new).
_FROM = {
    Action.ACCEPT: {State.RAISED},
    Action.DECLINE: {State.RAISED},
    # Assigning again (another unit, a new deadline) is how an escalated problem moves on.
    Action.ASSIGN: {State.ACCEPTED, State.ASSIGNED, State.SIGNED, State.RETURNED},
    Action.SIGN: {State.ASSIGNED},
    Action.ANSWER: {State.SIGNED, State.RETURNED},
    Action.SEND_BACK: {State.ANSWERED, State.CHECKED},
    Action.CHECK: {State.ANSWERED},
    Action.CLOSE: {State.CHECKED},
    Action.ESCALATE: set(WITH_UNIT),
}
_TO = {
    Action.ACCEPT: State.ACCEPTED,
    Action.DECLINE: State.SELF_RESOLVE,
    Action.ASSIGN: State.ASSIGNED,
    Action.SIGN: State.SIGNED,
    Action.ANSWER: State.ANSWERED,
    Action.SEND_BACK: State.RETURNED,
    Action.CHECK: State.CHECKED,
    Action.CLOSE: State.CLOSED,
}
# Steps whose comment is required: it is what the next person reads.
COMMENT_REQUIRED = {Action.DECLINE, Action.ANSWER, Action.SEND_BACK, Action.ESCALATE}


@dataclass(frozen=True)
class Step:
    action: str
    from_state: str
    to_state: str


def allowed_actions(state: str) -> list[str]:
    """The steps the rules allow from ``state`` (who may take them is accounts.permissions')."""
    return [action.value for action, states in _FROM.items() if state in states]


def may_take_problem(*, unit_id: int, unit_is_owner: bool, unit_district_id: int | None,
                     project_owner_id: int | None, project_district_id: int | None) -> bool:
    """Who a project's problem may be given to (交办): a city-level unit (a bureau, a utility),
    a unit of the project's own district (its government), or the project's own owner (left
    to the project unit) — never the owner of another project, nor another district's unit.
    ``unit_district_id`` is the unit's division when that division is a district, else None."""
    if unit_is_owner:
        return unit_id == project_owner_id
    return unit_district_id is None or unit_district_id == project_district_id


def assign_is_next(*, state: str, assigned_at: datetime | None,
                   escalated_at: datetime | None) -> bool:
    """Whether assigning (交办) is the problem's next step: once it is accepted, and again once
    it is escalated to the city until the city assigns it. An assigned problem may still be
    given to another unit or a new deadline (``allowed_actions``), but that is a correction,
    not the step its page leads with."""
    if state == State.ACCEPTED:
        return True
    return (state in WITH_UNIT and escalated_at is not None
            and (assigned_at is None or escalated_at > assigned_at))


def step_check(*, action: str, state: str, comment: str = "", deadline: date | None = None,
               today: date, level: str = Level.DISTRICT, current_deadline: date | None = None,
               unit_id: int | None = None, current_unit_id: int | None = None,
               yellow_days: int = DEFAULT_YELLOW_DAYS) -> Step:
    """The step ``action`` takes a problem from ``state``, or InputError saying why not.

    ``deadline`` and ``unit_id`` are the ones an ASSIGN sets (the deadline required, not
    before ``today``); ``current_deadline``, ``current_unit_id`` and ``level`` are the
    problem's: assigning again must change the unit or the deadline, and only a
    district-level problem past its deadline goes up to the city (ESCALATE).
    """
    try:
        action = Action(action)
    except ValueError as exc:
        raise InputError(_("Unknown step."), field="action", value=action) from exc
    if action == Action.RAISE or state not in _FROM[action]:
        raise InputError(
            _("A problem that is %(state)s cannot take the step “%(action)s”.")
            % {"state": State(state).label, "action": action.label},
            hint=_state_hint(state), field="action", value=action.value)
    if action in COMMENT_REQUIRED and not (comment or "").strip():
        raise InputError(_comment_message(action), hint=_("It is kept in the problem's steps."),
                         field="comment")
    if action == Action.ASSIGN:
        if deadline is None:
            raise InputError(_("Give the deadline for the answer."),
                             hint=_("Write a date such as %(date)s.")
                             % {"date": today.isoformat()}, field="deadline")
        if deadline < today:
            raise InputError(_("The deadline %(deadline)s is before today (%(today)s).")
                             % {"deadline": deadline.isoformat(), "today": today.isoformat()},
                             hint=_("Choose today or a later date."), field="deadline",
                             value=deadline)
        if (state in WITH_UNIT and unit_id is not None and unit_id == current_unit_id
                and deadline == current_deadline):
            # The walk found a second, identical 交办 step logged: it would reset 签收 and
            # tell the unit again of an assignment it already has.
            raise InputError(_("Neither the unit nor the deadline has changed: the problem is "
                               "already assigned so."),
                             hint=_("Choose another unit or another deadline to assign it "
                                    "again."), field="unit", value=unit_id)
    if action == Action.ESCALATE:
        if level != Level.DISTRICT:
            raise InputError(_("The problem is already at the city level."),
                             field="action", value=action.value)
        if deadline_light(current_deadline, today=today, state=state,
                          yellow_days=yellow_days) != Light.RED:
            raise InputError(_("Only an overdue problem is escalated to the city."),
                             hint=_("Wait until its deadline has passed."),
                             field="action", value=action.value)
        return Step(action=action.value, from_state=state, to_state=state)
    return Step(action=action.value, from_state=state, to_state=_TO[action].value)


def deadline_light(deadline: date | None, *, today: date, state: str,
                   yellow_days: int = DEFAULT_YELLOW_DAYS, count: str = CALENDAR) -> Light:
    """Red past the deadline, yellow within ``yellow_days`` days of it (the deadline day
    counts as within; days counted as ``count`` says, problems.days), green before; no light
    while the unit owes nothing (not yet assigned, answered, closed) or without a deadline."""
    if deadline is None or state not in WITH_UNIT:
        return Light.NONE
    if deadline < today:
        return Light.RED
    if days_left(deadline, today=today, count=count) <= yellow_days:
        return Light.YELLOW
    return Light.GREEN


def is_overdue(deadline: date | None, *, today: date, state: str) -> bool:
    return deadline_light(deadline, today=today, state=state) == Light.RED


def _comment_message(action: Action) -> str:
    return {
        Action.DECLINE: _("Say why the project unit should solve this itself."),
        Action.ANSWER: _("Write the answer: what was done and what the project unit should do."),
        Action.SEND_BACK: _("Say what the unit still has to do."),
        Action.ESCALATE: _("Say why the city office should take this over."),
    }[action]


def _state_hint(state: str) -> str:
    if state in FINISHED:
        return _("Nothing more is done with it; raise a new problem if it comes back.")
    if state == State.RAISED:
        return _("It waits to be accepted by the district or the city office.")
    if state == State.ACCEPTED:
        return _("It waits to be assigned to a unit.")
    if state == State.ASSIGNED:
        return _("It waits for the unit to sign for it.")
    if state in (State.SIGNED, State.RETURNED):
        return _("It waits for the unit's answer.")
    if state == State.ANSWERED:
        return _("It waits for the office that assigned it to check the answer.")
    return _("It waits to be closed.")
