"""Project pages: the list, one project, and the forms that change a project or its reports.

Every lookup goes through projects.selectors (the user's scope): a stranger to a project gets
404, a read-only role (leader, bureau) gets 403 on the edit pages (STYLE.md §3).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.accounts.scopes import scope_for
from tuijin.core.errors import InputError
from tuijin.plans.selectors import plan_for_user, plans_visible_to
from tuijin.projects.forms import MonthlyReportForm, ProjectFilterForm, ProjectForm
from tuijin.projects.rules import report_is_late
from tuijin.projects.selectors import (
    project_for_user,
    project_list_filtered,
    project_list_rows,
    projects_visible_to,
)
from tuijin.projects.services import report_save

PAGE_SIZE = 50


def may_edit_projects(user) -> bool:
    """Only the city administration sets up the project library."""
    return scope_for(user).can_edit_plan


def may_report(user) -> bool:
    """Admins, district users and owners write reports (for projects their scope reaches);
    leaders and bureaus read everything and write nothing here."""
    scope = scope_for(user)
    return scope.can_edit_plan or bool(scope.division_ids or scope.organisation_ids)


@login_required
def home(request):
    plan = plans_visible_to(request.user).order_by("-year", "slug").first()
    if plan is None:
        return redirect("plans:home")
    return redirect("projects:list", slug=plan.slug)


@login_required
def project_list(request, slug: str):
    plan = plan_for_user(request.user, slug)
    form = ProjectFilterForm(request.GET or None, plan=plan)
    queryset = project_list_filtered(
        projects_visible_to(request.user, plan=plan), **form.filters()
    )
    page = Paginator(project_list_rows(queryset), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "projects/list.html", {
        "plan": plan, "form": form, "page": page,
        "may_edit": may_edit_projects(request.user),
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
        "may_edit": may_edit_projects(request.user),
        "may_report": may_report(request.user),
    })


@login_required
def project_create(request, slug: str):
    plan = plan_for_user(request.user, slug)
    if not may_edit_projects(request.user):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            project = form.save()
        messages.success(request, _("Project %(name)s created.") % {"name": project.name})
        return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "plan": plan})


@login_required
def project_edit(request, pk: int):
    project = project_for_user(request.user, pk)
    if not may_edit_projects(request.user):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, instance=project, plan=project.plan)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Project %(name)s saved.") % {"name": project.name})
        return redirect(project)
    return render(request, "projects/project_form.html", {
        "form": form, "plan": project.plan, "project": project,
    })


def _report_form_page(request, project, *, month: int | None, initial=None):
    form = MonthlyReportForm(request.POST or None, month=month, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = report_save(
                project=project, **form.cleaned_data, user=request.user,
                allow_overwrite=month is not None,
            )
        except InputError as exc:
            form.add_input_error(exc)
        else:
            messages.success(request, _("Report for month %(month)s saved.") % {
                "month": report.month})
            return redirect(project)
    return render(request, "projects/report_form.html", {
        "form": form, "project": project, "plan": project.plan, "month": month,
    })


@login_required
def report_create(request, pk: int):
    project = project_for_user(request.user, pk)
    if not may_report(request.user):
        raise PermissionDenied
    return _report_form_page(request, project, month=None)


@login_required
def report_edit(request, pk: int, month: int):
    project = project_for_user(request.user, pk)
    if not may_report(request.user):
        raise PermissionDenied
    report = get_object_or_404(project.reports, month=month)
    initial = {
        name: getattr(report, name)
        for name in ("investment_month_wan", "cumulative_wan", "progress_text", "blockers",
                     "help_requested")
    }
    return _report_form_page(request, project, month=month, initial=initial)
