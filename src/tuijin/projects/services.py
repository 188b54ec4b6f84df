"""Writes to projects and reports: one transaction each, validated, recorded in history."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.core.errors import InputError
from tuijin.core.money import plain_amount
from tuijin.projects.models import MonthlyReport, Project
from tuijin.projects.rules import check_cumulative


@transaction.atomic
def report_save(
    *,
    project: Project,
    month: int,
    investment_month_wan: Decimal,
    cumulative_wan: Decimal,
    progress_text: str = "",
    blockers: str = "",
    help_requested: str = "",
    user=None,
    allow_overwrite: bool = False,
) -> MonthlyReport:
    """Create (or, with ``allow_overwrite``, correct) a project's report for a month.

    Checks the cumulative against the previous report and, when a later report exists, that the
    later one still agrees. Raises InputError naming the field; writes nothing on error. Every
    change is kept by django-simple-history (who, when, old and new figures).
    """
    # Lock the project's reports so two submissions cannot interleave their checks.
    reports = list(
        MonthlyReport.objects.select_for_update().filter(project=project).order_by("month")
    )
    existing = next((r for r in reports if r.month == month), None)
    if existing and not allow_overwrite:
        raise InputError(
            _("This project already has a report for month %(month)s.") % {"month": month},
            hint=_("Open that report and correct it instead of adding a second one."),
            field="month", value=month,
        )
    earlier = [r for r in reports if r.month < month]
    check_cumulative(
        previous_cumulative=earlier[-1].cumulative_wan if earlier else None,
        investment_month=investment_month_wan,
        cumulative=cumulative_wan,
    )
    later = next((r for r in reports if r.month > month), None)
    if later is not None and later.cumulative_wan - later.investment_month_wan != cumulative_wan:
        raise InputError(
            _(
                "Month %(later)s already reports a cumulative of %(cumulative)s万元, which would "
                "no longer agree with this month."
            )
            % {"later": later.month, "cumulative": plain_amount(later.cumulative_wan)},
            hint=_("Correct the later months' reports as well, starting with this one."),
            field="cumulative_wan", value=cumulative_wan,
        )
    report = existing or MonthlyReport(project=project, month=month)
    report.investment_month_wan = investment_month_wan
    report.cumulative_wan = cumulative_wan
    report.progress_text = progress_text
    report.blockers = blockers
    report.help_requested = help_requested
    report.submitted_at = report.submitted_at or timezone.now()
    report.submitted_by = user if getattr(user, "is_authenticated", False) else None
    report.save()
    return report
