"""Writes of the monthly reporting cycle: periods opened, locked and reopened; reports saved,
submitted, approved, returned and reopened. One transaction each; every step recorded.

The rules are projects.cycle's (which step from which state, in which state of the month) and
projects.rules' (the figures). A report in a state the plan counts is written to the
dashboards' MonthlyReport through projects.services, the one write path for counted figures;
when it leaves a counted state (returned), that MonthlyReport is withdrawn, so a returned
report counts as missing. Access is the caller's check (accounts.permissions).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.accounts.scopes import acting_user
from tuijin.core.errors import InputError
from tuijin.core.versions import check_version
from tuijin.projects.bulk import history_record
from tuijin.projects.cycle import Action, FilingState, PeriodState, is_counted, step_check
from tuijin.projects.cycle_selectors import period_context
from tuijin.projects.models import (
    FilingEvent,
    MonthlyReport,
    Project,
    ReportFiling,
    ReportingPeriod,
)
from tuijin.projects.rules import report_write_plan
from tuijin.projects.services import (
    check_report_texts,
    report_figures,
    report_save,
    report_withdraw,
)

FIGURES = ("investment_month_wan", "cumulative_wan")
TEXTS = ("progress_text", "blockers", "help_requested")



# ------------------------------------------------------------------------------- periods


def _check_month(plan, month: int) -> None:
    if not isinstance(month, int) or not 1 <= month <= 12:
        raise InputError(_("The month must be between 1 and 12."),
                         hint=_("Give a month of %(year)s, such as %(year)s-06.")
                         % {"year": plan.year}, field="month", value=month)


@transaction.atomic
def period_open(*, plan, month: int, user, due_on: date | None = None) -> ReportingPeriod:
    """Open ``month`` of ``plan`` for reporting, due on ``due_on`` (default: the plan's due day
    of that month). Refused when the month is already open or locked (reopen a locked one)."""
    _check_month(plan, month)
    due_on = due_on or date(plan.year, month, plan.report_due_day)
    if due_on.year != plan.year or (due_on.year, due_on.month) < (plan.year, month):
        raise InputError(_("The due date %(due)s is before month %(month)s or outside %(year)s.")
                         % {"due": due_on, "month": month, "year": plan.year},
                         hint=_("Choose a date in or after the month, within the plan's year."),
                         field="due_on", value=due_on)
    existing = ReportingPeriod.objects.select_for_update().filter(plan=plan, month=month).first()
    if existing is not None:
        if existing.state == PeriodState.LOCKED:
            raise InputError(_("Month %(month)s is locked.") % {"month": month},
                             hint=_("Reopen it, with a reason, to take reports again."),
                             field="month", value=month)
        raise InputError(_("Month %(month)s is already open.") % {"month": month},
                         hint=_("It is due on %(due)s.") % {"due": existing.due_on},
                         field="month", value=month)
    period = ReportingPeriod(plan=plan, month=month, due_on=due_on, opened_at=timezone.now(),
                             opened_by=acting_user(user))
    period._history_user = acting_user(user)
    period._change_reason = "tuijin.period.opened"
    period.save()
    return period


def _period(plan, month: int, *, for_update: bool = True) -> ReportingPeriod:
    _check_month(plan, month)
    queryset = ReportingPeriod.objects.filter(plan=plan, month=month)
    period = (queryset.select_for_update() if for_update else queryset).first()
    if period is None:
        raise InputError(_("Month %(month)s has not been opened.") % {"month": month},
                         hint=_("Open it first."), field="month", value=month)
    return period


@transaction.atomic
def period_lock(*, plan, month: int, user) -> ReportingPeriod:
    """Lock an open month: no report of it changes any more unless the office reopens it."""
    period = _period(plan, month)
    if period.state == PeriodState.LOCKED:
        raise InputError(_("Month %(month)s is already locked.") % {"month": month},
                         field="month", value=month)
    period.state = PeriodState.LOCKED
    period.locked_at = timezone.now()
    period.locked_by = acting_user(user)
    period._history_user = acting_user(user)
    period._change_reason = "tuijin.period.locked"
    period.save()
    # Reports reopened one by one are closed again with the month.
    ReportFiling.objects.filter(project__plan=plan, month=month, is_reopened=True).update(
        is_reopened=False)
    return period


@transaction.atomic
def period_reopen(*, plan, month: int, user, reason: str) -> ReportingPeriod:
    """Open a locked month again for everyone, with a reason kept in its history."""
    if not (reason or "").strip():
        raise InputError(_("Say why the month is reopened."),
                         hint=_("The reason is kept in the month's history."), field="reason")
    period = _period(plan, month)
    if period.state != PeriodState.LOCKED:
        raise InputError(_("Month %(month)s is open, not locked.") % {"month": month},
                         field="month", value=month)
    period.state = PeriodState.OPEN
    period.locked_at = None
    period.locked_by = None
    period._history_user = acting_user(user)
    period._change_reason = reason.strip()
    period.save()
    return period


# ------------------------------------------------------------------------------- reports


@dataclass(frozen=True)
class FilingInput:
    """What an owner types: both figures may be empty in a draft."""

    investment_month_wan: Decimal | None = None
    cumulative_wan: Decimal | None = None
    progress_text: str = ""
    blockers: str = ""
    help_requested: str = ""


def _locked_filing(project: Project, month: int) -> ReportFiling | None:
    Project.objects.select_for_update().filter(pk=project.pk).values_list("pk").first()
    return ReportFiling.objects.select_for_update().filter(project=project, month=month).first()


def _check_version(filing, version: int | None) -> None:
    check_version(filing, version, fields=(*FIGURES, *TEXTS, "state"))


def _resolve(project: Project, month: int, data: FilingInput, *, required: bool) -> FilingInput:
    """The figures through the one rule (projects.rules.report_write_plan): the missing one
    derived, both checked against the project's counted reports of the other months."""
    if data.investment_month_wan is None and data.cumulative_wan is None and not required:
        return data
    others = MonthlyReport.objects.filter(project=project).exclude(month=month).order_by("month")
    plan = report_write_plan(month=month, investment_month=data.investment_month_wan,
                             cumulative=data.cumulative_wan, reports=report_figures(others))
    return FilingInput(plan.figures.investment_month_wan, plan.figures.cumulative_wan,
                       data.progress_text, data.blockers, data.help_requested)


def _unchanged_since_review(filing: ReportFiling, data: FilingInput) -> bool:
    """Nothing changed since the reviewer returned it: the same figures and texts, and no
    photo added or removed since (a reviewer often asks for the site photos)."""
    if any(getattr(filing, name) != getattr(data, name) for name in (*FIGURES, *TEXTS)):
        return False
    photos = filing.events.filter(action__in=[Action.PHOTO_ADDED, Action.PHOTO_REMOVED])
    if filing.reviewed_at is not None:
        photos = photos.filter(at__gt=filing.reviewed_at)
    return not photos.exists()


def _record(filing: ReportFiling, *, action: str, from_state: str | None, user,
            comment: str = "") -> None:
    FilingEvent.objects.create(filing=filing, action=action, from_state=from_state or "",
                               to_state=filing.state, at=timezone.now(), by=acting_user(user),
                               comment=comment)


def _save(filing: ReportFiling, *, user, reason: str) -> None:
    filing.version += 1 if filing.pk else 0
    filing.updated_at = timezone.now()
    filing.updated_by = acting_user(user)
    filing._history_user = acting_user(user)
    filing._change_reason = reason
    filing.save()


def _sync_counted(filing: ReportFiling, *, was_counted: bool, user, reason: str) -> None:
    """Keep the dashboards' MonthlyReport in step with the filing's counted state."""
    counted = is_counted(filing.state, filing.project.plan.counted_report_states)
    if counted:
        report_save(project=filing.project, month=filing.month,
                    investment_month_wan=filing.investment_month_wan,
                    cumulative_wan=filing.cumulative_wan, progress_text=filing.progress_text,
                    blockers=filing.blockers, help_requested=filing.help_requested, user=user,
                    reason=reason, allow_overwrite=True)
    elif was_counted and MonthlyReport.objects.filter(project=filing.project,
                                                      month=filing.month).exists():
        report_withdraw(project=filing.project, month=filing.month, user=user,
                        reason=reason or "tuijin.report.uncounted")


@transaction.atomic
def filing_save(*, project: Project, month: int, data: FilingInput, user, submit: bool = False,
                version: int | None = None) -> ReportFiling:
    """Save the owner's report for ``month`` as a draft, or submit it (``submit``).

    Refused when the month is not open (unless the office reopened this report), when the
    report is waiting for review or approved, when ``version`` is not the report's current
    version (someone else saved in between), and when the figures break projects.rules. A
    submitted report is counted at once when the plan counts submitted reports.
    """
    check_report_texts({name: getattr(data, name) for name in TEXTS})
    filing = _locked_filing(project, month)
    _check_version(filing, version)
    period_state, open_month = period_context(project.plan, month)
    state = filing.state if filing else None
    check = {"action": Action.SUBMIT if submit else Action.SAVE, "state": state,
             "period_state": period_state, "open_month": open_month, "month": month,
             "is_reopened": bool(filing and filing.is_reopened)}
    step = step_check(**check)
    data = _resolve(project, month, data, required=submit)
    if submit and state == FilingState.RETURNED:
        step_check(**check, is_unchanged_resubmission=_unchanged_since_review(filing, data))
    if filing is None:
        filing = ReportFiling(project=project, month=month)
    was_counted = is_counted(state, project.plan.counted_report_states)
    for name in (*FIGURES, *TEXTS):
        setattr(filing, name, getattr(data, name))
    filing.state = step.to_state
    if submit:
        filing.submitted_at = timezone.now()
        filing.submitted_by = acting_user(user)
    _save(filing, user=user, reason=f"tuijin.report.{step.action}")
    _record(filing, action=step.action, from_state=step.from_state, user=user)
    if submit:
        _sync_counted(filing, was_counted=was_counted, user=user, reason="tuijin.report.submit")
    return filing


@transaction.atomic
def filing_review(*, filing: ReportFiling, action: str, user, comment: str = "",
                  version: int | None = None) -> ReportFiling:
    """Approve or return (with ``comment``, which the owner sees) a submitted report."""
    filing = _locked_filing(filing.project, filing.month)
    if action not in (Action.APPROVE, Action.RETURN):
        raise InputError(_("Approve or return the report."), field="action", value=action)
    _check_version(filing, version)
    period_state, open_month = period_context(filing.project.plan, filing.month)
    was_counted = is_counted(filing.state, filing.project.plan.counted_report_states)
    step = step_check(action=action, state=filing.state, period_state=period_state,
                      open_month=open_month, month=filing.month, is_reopened=filing.is_reopened,
                      comment=comment, acts_on_own_report=(
                          acting_user(user) is not None and filing.submitted_by_id == user.pk))
    filing.state = step.to_state
    filing.reviewed_at = timezone.now()
    filing.reviewed_by = acting_user(user)
    filing.review_comment = comment.strip()
    if step.to_state == FilingState.APPROVED:
        filing.is_reopened = False
    _save(filing, user=user, reason=f"tuijin.report.{step.action}")
    _record(filing, action=step.action, from_state=step.from_state, user=user, comment=comment)
    _sync_counted(filing, was_counted=was_counted, user=user,
                  reason=comment.strip() or f"tuijin.report.{step.action}")
    return filing


@transaction.atomic
def filing_reopen(*, filing: ReportFiling, user, reason: str) -> ReportFiling:
    """The city office reopens one report of a locked month, with a reason; its owner corrects
    and resubmits it. Its counted figures stay on the dashboards until the correction is
    submitted (or approved), which then replaces them through projects.services."""
    filing = _locked_filing(filing.project, filing.month)
    period_state, open_month = period_context(filing.project.plan, filing.month)
    step = step_check(action=Action.REOPEN, state=filing.state, period_state=period_state,
                      open_month=open_month, month=filing.month, comment=reason)
    filing.state = step.to_state
    filing.is_reopened = True
    filing.review_comment = reason.strip()
    filing.reviewed_at = timezone.now()
    filing.reviewed_by = acting_user(user)
    _save(filing, user=user, reason=reason.strip())
    _record(filing, action=step.action, from_state=step.from_state, user=user, comment=reason)
    return filing


def filing_reopen_for(*, project: Project, month: int, user, reason: str) -> ReportFiling:
    """Reopen a locked month's report that came in before the cycle (imported or loaded, so it
    has no filing yet): its filing is made from the counted report first."""
    with transaction.atomic():
        filing = _locked_filing(project, month)
        if filing is None:
            report = MonthlyReport.objects.filter(project=project, month=month).first()
            if report is None:
                raise InputError(_("There is no report for month %(month)s.") % {"month": month},
                                 field="month", value=month)
            filing = ReportFiling(
                project=project, month=month, state=FilingState.APPROVED,
                **{name: getattr(report, name) for name in (*FIGURES, *TEXTS)},
                submitted_at=report.submitted_at, submitted_by=report.submitted_by)
            _save(filing, user=user, reason="tuijin.report.adopted")
        return filing_reopen(filing=filing, user=user, reason=reason)


def filing_for_edit(*, project: Project, month: int) -> ReportFiling | None:
    """The report of ``month``, locked for the caller's transaction, if its owner may change it
    now, by the rule of saving a draft (the month open or the report reopened; the report a
    draft or returned); None when there is no report yet. InputError saying why not, with
    ``extra["status"]`` 409. For the writes that change a report beside its figures (its
    photos, projects.photo_services); call inside a transaction."""
    filing = _locked_filing(project, month)
    period_state, open_month = period_context(project.plan, month)
    try:
        step_check(action=Action.SAVE, state=filing.state if filing else None,
                   period_state=period_state, open_month=open_month, month=month,
                   is_reopened=bool(filing and filing.is_reopened))
    except InputError as exc:
        exc.extra.setdefault("status", 409)
        raise
    return filing


# ------------------------------------------------------------------------------- imports


def import_month_check(*, plan, month: int, is_city_office: bool) -> None:
    """A month's sheet imports into the open month; a locked month refuses it until the city
    office reopens it. The city office (its pages and its command line) may also load a month
    never opened, such as the months before tuijin was adopted; those reports count as
    approved."""
    period_state, open_month = period_context(plan, month)
    if period_state == PeriodState.OPEN or (period_state is None and is_city_office):
        return
    step_check(action=Action.SUBMIT, state=None, period_state=period_state,
               open_month=open_month, month=month)


def import_state(*, plan, month: int, is_city_office: bool) -> str | None:
    """The state an imported report takes: approved when the city office imports it,
    submitted (for the city office's review) when a district does; None when the month was
    never opened (a load of past months, approved without a filing)."""
    if period_context(plan, month)[0] is None:
        return None
    return (FilingState.APPROVED if is_city_office else FilingState.SUBMITTED).value


def filings_record_import(*, plan, month: int, reports, state: str, user, now) -> int:
    """Record the imported reports (new and changed rows) in the cycle, in bulk: each
    project's filing for the month takes the figures and ``state``, with a step each."""
    by_project = {r.project_id: r for r in reports}
    if not by_project:
        return 0
    existing = {f.project_id: f for f in ReportFiling.objects.select_for_update().filter(
        project_id__in=by_project, month=month)}
    who = acting_user(user)
    new, changed, events = [], [], []
    for project_id, report in by_project.items():
        filing = existing.get(project_id)
        if filing is None:
            filing = ReportFiling(project_id=project_id, month=month, version=0)
            new.append(filing)
        else:
            changed.append(filing)
        events.append((filing, filing.state if filing.pk else ""))
        for name in (*FIGURES, *TEXTS):
            setattr(filing, name, getattr(report, name))
        filing.state = state
        filing.version += 1
        filing.updated_at = filing.submitted_at = now
        filing.updated_by = filing.submitted_by = who
        filing.is_reopened = False
        if state == FilingState.APPROVED:
            filing.reviewed_at, filing.reviewed_by, filing.review_comment = now, who, ""
    ReportFiling.objects.bulk_create(new, batch_size=1000)
    ReportFiling.objects.bulk_update(
        changed, [*FIGURES, *TEXTS, "state", "version", "updated_at", "updated_by",
                  "submitted_at", "submitted_by", "is_reopened", "reviewed_at", "reviewed_by",
                  "review_comment"], batch_size=1000)
    # Bulk writes skip simple_history: without these records the next save of a filing would
    # show the imported figures as its own change (docs/reference/history.md).
    for kind, filings in (("+", new), ("~", changed)):
        history_record(ReportFiling, [f.pk for f in filings], now=now,
                       user_id=who.pk if who else None, reason="tuijin.import.reports",
                       kind=kind)
    action = Action.APPROVE if state == FilingState.APPROVED else Action.SUBMIT
    FilingEvent.objects.bulk_create([
        FilingEvent(filing=filing, action=action, from_state=from_state, to_state=state,
                    at=now, by=who, comment="tuijin.import.reports")
        for filing, from_state in events], batch_size=1000)
    return len(by_project)
