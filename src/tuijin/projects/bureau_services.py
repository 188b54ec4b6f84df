"""Writes of the responsible bureaus' monthly reports (责任单位填报): saved, submitted, approved
or returned. One transaction each; every step kept in the report's history.

The steps are the reporting cycle's (projects.cycle.step_check: only while the month is open,
a returned report comes back changed, nobody approves their own). A report in a state the plan
counts (Plan.counted_report_states) is written to what the dashboards read through the one
write path of plans.services: an indicator's actual for the month (indicator_actual_save), a
work's status (work_status_save). A report that leaves a counted state (returned after it was
counted) withdraws the actual, so the target shows no data again rather than a figure the city
office sent back.

The plans app keeps no knowledge of reporting periods (imports go core ← plans ← projects):
the cycle, its periods and these reports live here, and reach into plans only through its
services.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.accounts.permissions import (
    deny_unless,
    may_report_on_item,
    may_review_bureau_reports,
)
from tuijin.accounts.scopes import acting_user
from tuijin.core.errors import InputError
from tuijin.core.versions import check_version
from tuijin.plans.models import Indicator, KeyTask, Measure, Status
from tuijin.plans.services import (
    indicator_actual_save,
    indicator_actual_withdraw,
    work_status_save,
)
from tuijin.projects.bureau import Subject, check_for_submission, check_note
from tuijin.projects.cycle import Action, FilingState, is_counted, step_check
from tuijin.projects.cycle_selectors import (
    counted_states_of,
    period_context,
)
from tuijin.projects.models import BureauReport

FIELDS = ("value", "status", "note")


@dataclass(frozen=True)
class BureauInput:
    """What a bureau types: the value (indicators) or the status (works), and a note; all may
    be empty in a draft."""

    value: Decimal | None = None
    status: str = ""
    note: str = ""


def subject_of(item) -> str:
    if isinstance(item, Indicator):
        return Subject.INDICATOR
    if isinstance(item, KeyTask):
        return Subject.KEY_TASK
    if isinstance(item, Measure):
        return Subject.MEASURE
    raise TypeError(f"A bureau reports on an indicator, key work or measure, not {item!r}.")


def plan_of(item):
    return item.key_task.plan if isinstance(item, Measure) else item.plan


def lead_unit_id_of(item) -> int | None:
    return item.owner_id if isinstance(item, Indicator) else item.lead_unit_id


def _subject_filter(item) -> dict:
    return {subject_of(item).replace("-", "_"): item}



def _locked_report(item, month: int) -> BureauReport | None:
    # Lock the item first, so two first saves of the same month queue instead of colliding on
    # the unique constraint.
    type(item).objects.select_for_update().filter(pk=item.pk).values_list("pk").first()
    return (BureauReport.objects.select_for_update()
            .filter(month=month, **_subject_filter(item)).first())


def _check_version(report, version: int | None) -> None:
    check_version(report, version, fields=(*FIELDS, "state"))


def _save(report: BureauReport, *, user, reason: str) -> None:
    report.version += 1 if report.pk else 0
    report.updated_at = timezone.now()
    report.updated_by = acting_user(user)
    report._history_user = acting_user(user)
    report._change_reason = reason
    report.save()


def _sync_counted(report: BureauReport, *, was_counted: bool, user, reason: str) -> None:
    """Keep what the dashboards read in step with the report's counted state."""
    counted = is_counted(report.state, counted_states_of(report.plan))
    if counted and report.indicator_id:
        indicator_actual_save(indicator=report.indicator, month=report.month,
                              value=report.value, note=report.note, user=user, reason=reason)
    elif counted:
        work_status_save(work=report.key_task or report.measure, status=report.status)
    elif was_counted and report.indicator_id:
        indicator_actual_withdraw(indicator=report.indicator, month=report.month, user=user,
                                  reason=reason)


def _check_input(subject: str, data: BureauInput) -> None:
    check_note(data.note)
    if subject == Subject.INDICATOR and data.status:
        raise InputError(_("An indicator is reported by its value, not a status."),
                         field="status", value=data.status)
    if subject != Subject.INDICATOR and data.value is not None:
        raise InputError(_("A work is reported by its status and a note, not a value."),
                         field="value", value=data.value)
    if data.status and data.status not in Status.values:
        raise InputError(_("Unknown status %(status)s.") % {"status": data.status},
                         hint=_("Choose one of: %(choices)s.")
                         % {"choices": ", ".join(str(label) for label in Status.labels)},
                         field="status", value=data.status)


@transaction.atomic
def bureau_report_save(*, item, month: int, data: BureauInput, user, submit: bool = False,
                       version: int | None = None) -> BureauReport:
    """Save a bureau's report on ``item`` (an Indicator, KeyTask or Measure) for ``month`` as a
    draft, or submit it (``submit``).

    Requires ``user`` to be the bureau that leads the item (accounts.permissions
    may_report_indicator / may_report_work; PermissionDenied otherwise). Refused with InputError
    when the month is not open (naming the open month), when the report waits for review or is
    approved, when ``version`` is not the report's current one, when a returned report comes
    back unchanged, and when a submission lacks its value (indicator) or status (work). A
    submitted report is counted at once when the plan counts submitted reports.
    """
    subject = subject_of(item)
    deny_unless(may_report_on_item(user, item))
    _check_input(subject, data)
    plan = plan_of(item)
    report = _locked_report(item, month)
    _check_version(report, version)
    period_state, open_month = period_context(plan, month)
    state = report.state if report else None
    check = {"action": Action.SUBMIT if submit else Action.SAVE, "state": state,
             "period_state": period_state, "open_month": open_month, "month": month}
    step = step_check(**check)
    if submit:
        check_for_submission(subject=subject, value=data.value, status=data.status)
        if state == FilingState.RETURNED:
            step_check(**check, is_unchanged_resubmission=all(
                getattr(report, name) == getattr(data, name) for name in FIELDS))
    if report is None:
        report = BureauReport(plan=plan, month=month, organisation_id=lead_unit_id_of(item),
                              **_subject_filter(item))
    was_counted = is_counted(state, counted_states_of(plan))
    for name in FIELDS:
        setattr(report, name, getattr(data, name))
    report.state = step.to_state
    if submit:
        report.submitted_at = timezone.now()
        report.submitted_by = acting_user(user)
    _save(report, user=user, reason=f"tuijin.bureau_report.{step.action}")
    if submit:
        _sync_counted(report, was_counted=was_counted, user=user,
                      reason="tuijin.bureau_report.submit")
    return report


@transaction.atomic
def bureau_report_review(*, report: BureauReport, action: str, user, comment: str = "",
                         version: int | None = None) -> BureauReport:
    """The city office approves a submitted report, or returns it with ``comment`` (required;
    the bureau sees it beside the report). Requires may_review_bureau_reports
    (PermissionDenied otherwise); refused with InputError when the month is not open, the
    report is not waiting for review (approve) or was not submitted (return), the reviewer
    submitted it, or ``version`` is stale. Approving counts the report; returning a counted
    one withdraws its actual."""
    deny_unless(may_review_bureau_reports(user, report.plan))
    if action not in (Action.APPROVE, Action.RETURN):
        raise InputError(_("Approve or return the report."), field="action", value=action)
    report = _locked_report(report.subject, report.month)
    _check_version(report, version)
    period_state, open_month = period_context(report.plan, report.month)
    was_counted = is_counted(report.state, counted_states_of(report.plan))
    step = step_check(action=action, state=report.state, period_state=period_state,
                      open_month=open_month, month=report.month, comment=comment,
                      acts_on_own_report=(acting_user(user) is not None
                                          and report.submitted_by_id == user.pk))
    report.state = step.to_state
    report.reviewed_at = timezone.now()
    report.reviewed_by = acting_user(user)
    report.review_comment = comment.strip()
    _save(report, user=user, reason=f"tuijin.bureau_report.{step.action}")
    _sync_counted(report, was_counted=was_counted, user=user,
                  reason=f"tuijin.bureau_report.{step.action}")
    return report
