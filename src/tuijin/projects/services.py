"""Writes to projects and reports: one transaction each, validated, recorded in history.

Every report write — the form, the spreadsheet import, the API and the reporting cycle to come
— resolves its figures through ``projects.rules`` (report_write_plan, report_withdraw_plan);
this module loads the project's reports, calls the rule and writes what it decided.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.accounts.scopes import acting_user
from tuijin.core.errors import InputError
from tuijin.projects.models import MonthlyReport, Project
from tuijin.projects.rules import (
    MonthFigures,
    ReportPlan,
    report_withdraw_plan,
    report_write_plan,
)

REPORT_TEXT_FIELDS = ("progress_text", "blockers", "help_requested")
# A report's free texts are read on a phone and printed in the bulletin: long enough for a
# full account of a month, short enough that nobody pastes a document into one.
REPORT_TEXT_LIMIT = 2000


def report_figures(reports) -> list[MonthFigures]:
    return [MonthFigures(r.month, r.investment_month_wan, r.cumulative_wan) for r in reports]


def check_report_texts(texts: dict[str, str]) -> None:
    """Refuse a free text over REPORT_TEXT_LIMIT characters, naming the field."""
    for name, text in texts.items():
        if text and len(text) > REPORT_TEXT_LIMIT:
            raise InputError(
                _("This text has %(length)s characters; at most %(limit)s are kept.")
                % {"length": len(text), "limit": REPORT_TEXT_LIMIT},
                hint=_("Shorten it; attach longer documents elsewhere."), field=name)


def _locked_reports(project: Project) -> list[MonthlyReport]:
    # Lock the project's reports so two writers cannot interleave their checks; the project
    # row too, so that two first reports of a project wait for each other.
    Project.objects.select_for_update().filter(pk=project.pk).values_list("pk").first()
    return list(
        MonthlyReport.objects.select_for_update().filter(project=project).order_by("month")
    )


def report_preview(
    *, project: Project, month: int, investment_month_wan: Decimal | None,
    cumulative_wan: Decimal | None,
) -> ReportPlan:
    """What saving these figures would do, without writing (for the confirmation step)."""
    reports = MonthlyReport.objects.filter(project=project).order_by("month")
    return report_write_plan(month=month, investment_month=investment_month_wan,
                             cumulative=cumulative_wan, reports=report_figures(reports))


def report_withdraw_preview(*, project: Project, month: int) -> ReportPlan:
    """What withdrawing the month's report would do, without writing."""
    reports = MonthlyReport.objects.filter(project=project).order_by("month")
    return report_withdraw_plan(month=month, reports=report_figures(reports))


@transaction.atomic
def report_save(
    *,
    project: Project,
    month: int,
    investment_month_wan: Decimal | None,
    cumulative_wan: Decimal | None,
    progress_text: str = "",
    blockers: str = "",
    help_requested: str = "",
    user,
    reason: str = "",
    allow_overwrite: bool = False,
) -> MonthlyReport:
    """Create (or, with ``allow_overwrite``, correct) a project's report for a month.

    The figures are resolved by ``rules.report_write_plan``; a correction that changes the
    month's cumulative moves every later month's cumulative by the same amount, in this
    transaction, each later report saved with a history entry naming the corrected month and
    ``reason``. Raises InputError naming the field; writes nothing on error. ``user`` is who
    writes (None for a system job); access is the caller's check (accounts.permissions).
    """
    check_report_texts({"progress_text": progress_text, "blockers": blockers,
                        "help_requested": help_requested})
    reports = _locked_reports(project)
    existing = next((r for r in reports if r.month == month), None)
    if existing and not allow_overwrite:
        raise InputError(
            _("This project already has a report for month %(month)s.") % {"month": month},
            hint=_("Open that report and correct it instead of adding a second one."),
            field="month", value=month,
        )
    plan = report_write_plan(month=month, investment_month=investment_month_wan,
                             cumulative=cumulative_wan, reports=report_figures(reports))
    who = acting_user(user)
    _apply_shift(reports, plan, user=who, reason=reason)
    report = existing or MonthlyReport(project=project, month=month)
    report.investment_month_wan = plan.figures.investment_month_wan
    report.cumulative_wan = plan.figures.cumulative_wan
    report.progress_text = progress_text
    report.blockers = blockers
    report.help_requested = help_requested
    report.submitted_at = report.submitted_at or timezone.now()
    report.submitted_by = who
    report._history_user = who
    report._change_reason = reason or ("tuijin.report.corrected" if existing else "")
    report.save()
    return report


@transaction.atomic
def report_withdraw(*, project: Project, month: int, user, reason: str) -> ReportPlan:
    """Delete a wrongly filed report; its investment leaves every later month's cumulative.

    ``reason`` is required and kept in the history of the deleted report and of every later
    report it moved. Raises InputError (field ``reason`` or ``month``); writes nothing on error.
    """
    if not (reason or "").strip():
        raise InputError(_("Say why the report is withdrawn."),
                         hint=_("The reason is kept in the report's history."), field="reason")
    reports = _locked_reports(project)
    plan = report_withdraw_plan(month=month, reports=report_figures(reports))
    who = acting_user(user)
    _apply_shift(reports, plan, user=who, reason=reason)
    report = next(r for r in reports if r.month == month)
    report._history_user = who
    report._change_reason = reason.strip()
    report.delete()
    return plan


def _apply_shift(reports: list[MonthlyReport], plan: ReportPlan, *, user, reason: str) -> None:
    if not plan.moves_later_months:
        return
    by_month = {r.month: r for r in reports}
    note = _("Moved by the correction of month %(month)s") % {"month": plan.month}
    for figures in plan.later:
        later = by_month[figures.month]
        later.cumulative_wan = figures.cumulative_wan
        later._history_user = user
        later._change_reason = f"{note}: {reason.strip()}" if reason.strip() else note
        later.save(update_fields=["cumulative_wan"])
