"""Project pages: the list, one project, and the forms that change a project or its reports.

Every lookup goes through projects.selectors (the user's scope): a stranger to a project gets
404, a read-only role (leader, bureau) gets 403 on the edit pages (STYLE.md §3).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.accounts.permissions import (
    deny_unless,
    may_add_project,
    may_correct_past_report,
    may_edit_project,
    may_report_on,
)
from tuijin.core.errors import InputError
from tuijin.plans.selectors import current_plan, plan_for_user
from tuijin.projects.cycle_selectors import open_period
from tuijin.projects.evidence_services import photo_checks_rerun
from tuijin.projects.forms import (
    MonthlyReportForm,
    ProjectFilterForm,
    ProjectForm,
    ReportWithdrawForm,
)
from tuijin.projects.rules import report_is_late, shift_summary
from tuijin.projects.selectors import (
    districts_offered_to,
    project_for_user,
    project_list_filtered,
    project_list_rows,
    projects_visible_to,
)
from tuijin.projects.services import (
    report_preview,
    report_save,
    report_withdraw,
    report_withdraw_preview,
)

PAGE_SIZE = 50


@login_required
def home(request):
    plan = current_plan(request)
    if plan is None:
        return redirect("plans:home")
    return redirect("projects:list", slug=plan.slug)


@login_required
def project_list(request, slug: str):
    plan = plan_for_user(request.user, slug)
    form = ProjectFilterForm(request.GET or None, plan=plan,
                             districts=districts_offered_to(request.user, plan=plan))
    queryset = project_list_filtered(
        projects_visible_to(request.user, plan=plan), **form.filters()
    )
    page = Paginator(project_list_rows(queryset), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "projects/list.html", {
        "plan": plan, "form": form, "page": page,
        "may_edit": may_add_project(request.user, plan),
    })


@login_required
def project_detail(request, pk: int):
    project = project_for_user(request.user, pk)
    plan = project.plan
    reports = [
        (report, report_is_late(
            year=plan.year, month=report.month, due_day=plan.report_due_day,
            submitted_on=timezone.localdate(report.submitted_at),
        ))
        for report in project.reports.select_related("submitted_by").order_by("month")
    ]
    return render(request, "projects/detail.html", {
        "project": project, "plan": plan, "reports": reports,
        "may_edit": may_edit_project(request.user, project),
        "may_report": may_report_on(request.user, project),
        "may_correct": may_correct_past_report(request.user, project, is_month_locked=True),
        "open_period": open_period(plan),
    })


@login_required
def project_create(request, slug: str):
    plan = plan_for_user(request.user, slug, require=may_add_project)
    form = ProjectForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            project = form.save()
        messages.success(request, _("Project %(name)s created.") % {"name": project.name})
        return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "plan": plan})


@login_required
def project_edit(request, pk: int):
    project = project_for_user(request.user, pk, require=may_edit_project)
    form = ProjectForm(request.POST or None, instance=project, plan=project.plan)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        if {"location", "location_datum"} & set(form.changed_data):
            # The photos' "where" was judged against the old point (projects.evidence).
            photo_checks_rerun(project=project)
        messages.success(request, _("Project %(name)s saved.") % {"name": project.name})
        return redirect(project)
    return render(request, "projects/project_form.html", {
        "form": form, "plan": project.plan, "project": project,
    })


def _report_form_page(request, project, *, month: int | None, initial=None):
    form = MonthlyReportForm(request.POST or None, month=month, initial=initial)
    shift_notice = ""
    if request.method == "POST" and form.is_valid():
        figures = form.figures()
        try:
            preview = report_preview(project=project, month=figures["month"],
                                     investment_month_wan=figures["investment_month_wan"],
                                     cumulative_wan=figures["cumulative_wan"])
            if preview.moves_later_months and not form.is_shift_confirmed(preview.shift):
                # Show what moves ("9–12月的累计将随之调整 +120万元") before anything is saved.
                form.ask_to_confirm(preview.shift)
                shift_notice = shift_summary(preview)
            else:
                report = report_save(project=project, **figures, user=request.user,
                                     reason=form.cleaned_data.get("reason", ""),
                                     allow_overwrite=month is not None)
                messages.success(request, " ".join(filter(None, [
                    _("Report for month %(month)s saved.") % {"month": report.month},
                    shift_summary(preview)])))
                return redirect(project)
        except InputError as exc:
            form.add_input_error(exc)
    return render(request, "projects/report_form.html", {
        "form": form, "project": project, "plan": project.plan, "month": month,
        "shift_notice": shift_notice,
    })


def _to_the_cycle(request, project, month: int | None):
    """Owners and districts report through the month's filing (projects.cycle_views); the
    direct form below is the city office's correction desk, kept in the history."""
    if month is None:
        period = open_period(project.plan)
        if period is None:
            messages.error(request, _("No month is open for reporting now."))
            return redirect("projects:month", slug=project.plan.slug)
        month = period.month
    return redirect("projects:filing", pk=project.pk, month=month)


def _may_use_the_desk(user, project) -> bool:
    return may_correct_past_report(user, project, is_month_locked=True)


@login_required
def report_create(request, pk: int):
    project = project_for_user(request.user, pk, require=may_report_on)
    if not _may_use_the_desk(request.user, project):
        return _to_the_cycle(request, project, None)
    return _report_form_page(request, project, month=None)


@login_required
def report_edit(request, pk: int, month: int):
    project = project_for_user(request.user, pk, require=may_report_on)
    if not _may_use_the_desk(request.user, project):
        return _to_the_cycle(request, project, month)
    report = get_object_or_404(project.reports, month=month)
    initial = {
        name: getattr(report, name)
        for name in ("investment_month_wan", "cumulative_wan", "progress_text", "blockers",
                     "help_requested")
    }
    return _report_form_page(request, project, month=month, initial=initial)


@login_required
def report_withdraw_page(request, pk: int, month: int):
    """Withdraw a wrongly filed report, with a reason; later cumulatives lose its investment."""
    project = project_for_user(request.user, pk, require=may_report_on)
    deny_unless(_may_use_the_desk(request.user, project))
    report = get_object_or_404(project.reports, month=month)
    form = ReportWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = report_withdraw(project=project, month=month, user=request.user,
                                   reason=form.cleaned_data["reason"])
        except InputError as exc:
            form.add_error("reason" if exc.field == "reason" else None, str(exc))
        else:
            messages.success(request, " ".join(filter(None, [
                _("Report for month %(month)s withdrawn.") % {"month": month},
                shift_summary(plan)])))
            return redirect(project)
    return render(request, "projects/report_withdraw.html", {
        "form": form, "project": project, "plan": project.plan, "report": report,
        "shift_notice": shift_summary(report_withdraw_preview(project=project, month=month)),
    })
