"""A plan's life, as pure rules over plain values (issue 15, "drafts stay drafts").

A plan made from text, a file or the admin starts as a draft that only the city office sees.
The city office activates it — one active plan per region and year, so a second year's plan
never silently replaces the one everyone reports against — and closes it when the year is
done; a closed plan stays readable as last year's and can be made active again. A draft can
be deleted; a plan that has projects with reports never can, because deleting it would delete
what people reported.
"""

from django.utils.translation import gettext as _

from tuijin.core.errors import InputError
from tuijin.plans.models import PlanStatus

ACTIONS = ("activate", "close", "delete")

# Which states each action starts from.
_FROM = {
    "activate": (PlanStatus.DRAFT, PlanStatus.CLOSED),
    "close": (PlanStatus.ACTIVE,),
    "delete": (PlanStatus.DRAFT,),
}
_TO = {"activate": PlanStatus.ACTIVE, "close": PlanStatus.CLOSED}


def next_status(action: str) -> str | None:
    """The state an action leads to (None: the plan is gone)."""
    return _TO.get(action)


def actions_from(status: str, *, has_reports: bool = False) -> tuple[str, ...]:
    """The actions the plans page offers for a plan in ``status``."""
    return tuple(action for action in ACTIONS
                 if not lifecycle_errors(action, status, other_active=None,
                                         has_reports=has_reports))


def lifecycle_errors(action: str, status: str, *, other_active: str | None,
                     has_reports: bool) -> list[InputError]:
    """Why ``action`` may not be taken on a plan in ``status``; empty when it may.

    ``other_active`` names another active plan of the same region and year, if there is one;
    ``has_reports`` says whether any of the plan's projects has a monthly report.
    """
    if action not in ACTIONS:
        return [InputError(_("Unknown action %(action)s.") % {"action": action},
                           hint=_("Choose activate, close or delete."), field="action",
                           value=action)]
    if action == "delete" and status == PlanStatus.CLOSED:
        return [InputError(
            _("This plan is closed already; it cannot be deleted."),
            hint=_("A closed plan stays readable as a past year's plan; nothing more is needed. "
                   "Only a draft can be deleted."),
            field="status", value=status)]
    if status not in _FROM[action]:
        return [_wrong_state(action, status)]
    if action == "activate" and other_active:
        return [InputError(
            _("%(plan)s is already the active plan of this region and year.")
            % {"plan": other_active},
            hint=_("Close it first; a region has one active plan a year, so that everyone "
                   "reports against the same plan."),
            field="status", value=other_active)]
    if action == "delete" and has_reports:
        return [InputError(
            _("This plan's projects have monthly reports."),
            hint=_("A plan with reports cannot be deleted; close it instead."),
            field="status")]
    return []


def _wrong_state(action: str, status: str) -> InputError:
    label = PlanStatus(status).label if status in PlanStatus.values else status
    messages = {
        "activate": _("Only a draft or a closed plan can be activated; this plan is %(status)s."),
        "close": _("Only the active plan can be closed; this plan is %(status)s."),
        "delete": _("Only a draft can be deleted; this plan is %(status)s."),
    }
    hints = {
        "activate": _("The plan is in use already."),
        "close": _("Activate it first, or leave it as it is."),
        "delete": _("Close the plan instead; closed plans stay readable as last year's."),
    }
    return InputError(messages[action] % {"status": label}, hint=hints[action], field="status",
                      value=status)
