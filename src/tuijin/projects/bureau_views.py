"""Pages of the responsible bureaus' reports (责任单位填报): a bureau's month (the indicators and
works it leads, each with its state; for the city office every bureau's, with the review
queue), and one item's report for a month (the form, the review, the steps).

Each view resolves the plan and the item through the scoped selectors with a rule of
accounts.permissions, validates a form, calls one service of projects.bureau_services and
redirects; a refusal (InputError) is shown on the field it names.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuijin.accounts.permissions import (
    deny_unless,
    may_report_on_item,
    may_review_bureau_reports,
    may_view_bureau_report,
    may_view_bureau_reports,
    reports_as_bureau,
)
from tuijin.core.errors import InputError
from tuijin.plans.selectors import current_plan, plan_for_user
from tuijin.projects.bureau import Subject, entry_unit
from tuijin.projects.bureau_selectors import (
    bureau_item_for_user,
    bureau_report_of,
    bureau_rows_visible_to,
)
from tuijin.projects.bureau_services import BureauInput, bureau_report_review, bureau_report_save
from tuijin.projects.cycle import FilingState, PeriodState, state_label
from tuijin.projects.cycle_selectors import period_state_of
from tuijin.projects.cycle_views import month_listing
from tuijin.projects.forms import BureauReportForm, ReviewForm, money_input
from tuijin.projects.models import BureauReport


@login_required
def bureau_home(request):
    """The navigation's way in: the bureaus' month of the latest plan the user may see."""
    plan = current_plan(request)
    if plan is None:
        return redirect("plans:home")
    return redirect("projects:bureau_month", slug=plan.slug)


@login_required
def bureau_month(request, slug: str):
    """本月待填报 of a bureau: the indicators and works it leads with their state for the month
    (the open one by default); for the city office every bureau's, with the review queue."""
    plan = plan_for_user(request.user, slug, require=may_view_bureau_reports)
    listing = month_listing(request, plan, lambda chosen: bureau_rows_visible_to(
        request.user, plan=plan, month=chosen))
    context = {"plan": plan, "is_bureau": reports_as_bureau(request.user), **listing}
    if listing["month"] is None:
        return render(request, "projects/bureau_month.html", context)
    return render(request, "projects/bureau_month.html", {
        **context, "may_review": may_review_bureau_reports(request.user, plan),
        "review_form": ReviewForm(),
    })


def _unit_of(subject: str, item) -> str:
    if subject != Subject.INDICATOR:
        return ""
    return entry_unit(unit=item.unit, bases=list(item.targets.values_list("basis", flat=True)))


@login_required
def bureau_report(request, slug: str, subject: str, pk: int, month: int):
    """One item's report for a month: its bureau fills and submits it (a draft is kept), the
    city office approves or returns it; the steps so far below."""
    plan = plan_for_user(request.user, slug, require=may_view_bureau_reports)
    item = bureau_item_for_user(request.user, plan=plan, subject=subject, pk=pk,
                                require=may_view_bureau_report)
    if not 1 <= month <= 12:
        raise Http404
    report = bureau_report_of(item, month)
    may_report = may_report_on_item(request.user, item)
    period_state = period_state_of(plan, month)
    editable = bool(may_report and period_state == PeriodState.OPEN and (
        report is None or report.state in (FilingState.DRAFT, FilingState.RETURNED)))
    unit = _unit_of(subject, item)
    initial = {"version": report.version if report else None}
    if report is not None:
        initial.update(value=money_input(report.value), status=report.status, note=report.note)
    form = BureauReportForm(request.POST or None, subject=subject, unit=unit, initial=initial)
    if request.method == "POST":
        deny_unless(may_report)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = bureau_report_save(
                    item=item, month=month, user=request.user, version=data.get("version"),
                    submit=request.POST.get("do") == "submit",
                    data=BureauInput(value=data.get("value"), status=data.get("status") or "",
                                     note=data.get("note") or ""))
            except InputError as exc:
                form.add_input_error(exc)
            else:
                messages.success(request, _("Report for month %(month)s: %(state)s.") % {
                    "month": month, "state": saved.get_state_display()})
                return redirect("projects:bureau_report", slug=plan.slug, subject=subject,
                                pk=item.pk, month=month)
    state = report.state if report else None
    return render(request, "projects/bureau_report.html", {
        "plan": plan, "item": item, "subject": subject, "subject_label": Subject(subject).label,
        "month": month, "report": report, "state": state, "state_label": state_label(state),
        "unit": unit, "form": form, "editable": editable, "period_state": period_state,
        "may_review": (report is not None and report.state == FilingState.SUBMITTED
                       and may_review_bureau_reports(request.user, plan)),
        "review_form": ReviewForm(initial={"version": report.version if report else None}),
        "steps": _steps(report),
        "targets": list(item.targets.all()) if subject == Subject.INDICATOR else [],
    })


def _steps(report: BureauReport | None) -> list[dict]:
    """The report's history as steps: who, when, which action, the state it reached."""
    if report is None:
        return []
    steps = []
    for record in report.history.select_related("history_user").order_by("history_date"):
        reason = record.history_change_reason or ""
        action = reason.rsplit(".", 1)[-1] if reason.startswith("tuijin.bureau_report.") else ""
        steps.append({"at": record.history_date, "by": record.history_user,
                      "action": action, "state": record.get_state_display(),
                      "comment": record.review_comment if action == "return" else ""})
    return steps


@login_required
@require_POST
def bureau_review(request, slug: str, month: int):
    """The city office approves the ticked reports, or returns them with one comment."""
    plan = plan_for_user(request.user, slug, require=may_review_bureau_reports)
    form = ReviewForm(request.POST)
    form.is_valid()
    ids = [i for i in request.POST.getlist("report") if i.isdigit()]
    version = form.cleaned_data.get("version") if len(ids) == 1 else None
    done, failed = 0, []
    for report in BureauReport.objects.filter(plan=plan, month=month, pk__in=ids):
        try:
            bureau_report_review(report=report, action=request.POST.get("do", ""),
                                 user=request.user, version=version,
                                 comment=form.cleaned_data.get("comment", ""))
        except InputError as exc:
            failed.append(f"{report.subject}: {exc.message} {exc.hint}".strip())
        else:
            done += 1
    if done:
        messages.success(request, _("%(count)s reports done.") % {"count": done})
    for text in failed:
        messages.error(request, text)
    if not done and not failed:
        messages.error(request, _("Tick the reports to approve or return."))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect(reverse("projects:bureau_month", args=[plan.slug]) + f"?month={month}")
