"""Pages of the monthly reporting cycle: the city office's months, "本月待填报" (the month of
my projects, or my district's, with the review queue) and one project's report for a month.

Each view resolves the plan or project through the scoped selectors with a rule of
accounts.permissions, validates a form, calls one service of projects.cycle_services and
redirects; a refusal (InputError) is shown on the field it names.
"""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuijin.accounts.permissions import (
    deny_unless,
    may_file_report,
    may_manage_periods,
    may_raise_problem,
    may_reopen_report,
    may_review_report,
    may_review_reports,
)
from tuijin.core.errors import InputError
from tuijin.plans.selectors import current_plan, plan_for_user
from tuijin.problems.forms import CoordinationForm
from tuijin.problems.services import filing_save_raising
from tuijin.projects.cycle import FilingState, PeriodState, state_label
from tuijin.projects.cycle_selectors import (
    month_rows_visible_to,
    open_period,
    period_state_of,
    periods_of,
)
from tuijin.projects.cycle_services import (
    FilingInput,
    filing_reopen_for,
    filing_review,
    period_lock,
    period_open,
    period_reopen,
)
from tuijin.projects.forms import FilingForm, PeriodOpenForm, ReasonForm, ReviewForm
from tuijin.projects.history_selectors import project_history_for
from tuijin.projects.models import MonthlyReport, ReportFiling
from tuijin.projects.reminders import late_owners, notices_for, notices_mark_read, remind_late
from tuijin.projects.selectors import project_for_user

# A city has thousands of projects: the month's cards come a page at a time.
MONTH_PAGE_SIZE = 50
STATE_ORDER = [None, FilingState.DRAFT, FilingState.RETURNED, FilingState.SUBMITTED,
               FilingState.APPROVED]


# ------------------------------------------------------------------------ the city office


@login_required
def periods(request, slug: str):
    plan = plan_for_user(request.user, slug, require=may_manage_periods)
    existing = {p.month: p for p in periods_of(plan)}
    open_form = PeriodOpenForm(
        request.POST if request.POST.get("do") == "open" else None,
        months=[m for m in range(1, 13) if m not in existing])
    reason_form = ReasonForm(request.POST if request.POST.get("do") == "reopen" else None)
    if request.method == "POST":
        try:
            done = _period_action(request, plan, open_form, reason_form)
        except InputError as exc:
            messages.error(request, f"{exc.message} {exc.hint}".strip())
        else:
            if done:
                messages.success(request, done)
                return redirect("projects:periods", slug=plan.slug)
    return render(request, "projects/periods.html", {
        "plan": plan, "periods": [existing.get(m) for m in range(1, 13)],
        "months": range(1, 13), "open_form": open_form, "reason_form": reason_form,
    })


def _period_action(request, plan, open_form, reason_form) -> str:
    action = request.POST.get("do")
    if action == "open":
        if not open_form.is_valid():
            return ""
        period = period_open(plan=plan, month=open_form.cleaned_data["month"],
                             user=request.user, due_on=open_form.cleaned_data["due_on"])
        return _("Month %(month)s is open for reporting, due on %(due)s.") % {
            "month": period.month, "due": period.due_on}
    month = _posted_month(request)
    if action == "lock":
        period_lock(plan=plan, month=month, user=request.user)
        return _("Month %(month)s is locked.") % {"month": month}
    if action == "reopen":
        if not reason_form.is_valid():
            raise InputError(_("Say why the month is reopened."), field="reason")
        period_reopen(plan=plan, month=month, user=request.user,
                      reason=reason_form.cleaned_data["reason"])
        return _("Month %(month)s is open again.") % {"month": month}
    raise InputError(_("Unknown action."), field="do")


def _posted_month(request) -> int:
    try:
        return int(request.POST.get("month", ""))
    except ValueError as exc:
        raise InputError(_("The month must be between 1 and 12."), field="month") from exc


# ----------------------------------------------------------------------- the month's list


@login_required
def month_home(request):
    """The owner's landing page: the month of the latest plan they may see."""
    plan = current_plan(request)
    if plan is None:
        return redirect("plans:home")
    return redirect("projects:month", slug=plan.slug)


def month_listing(request, plan, rows_for) -> dict:
    """The head both month pages share (本月待填报 of the projects, and of the bureaus): the
    month asked for (``?month=``, default the open one), its period, the rows
    ``rows_for(month)`` returns counted by state, and those of the state asked for
    (``?state=``). ``all_rows`` keeps every row, for the lists built on top."""
    period = open_period(plan)
    chosen = month_param(request, default=period.month if period else None)
    if chosen is None:
        return {"period": None, "month": None, "rows": [], "all_rows": []}
    if period is None or period.month != chosen:
        period = next((p for p in periods_of(plan) if p.month == chosen), None)
    rows = rows_for(chosen)
    counts = Counter(row.state for row in rows)
    wanted = request.GET.get("state", "")
    shown = [r for r in rows if (r.state or "none") == wanted] if wanted else rows
    # ?flags=1: the reports with a photo the evidence checks flagged (projects.evidence).
    flagged = [r for r in shown if getattr(getattr(r, "filing", None), "flagged_photos", 0)]
    flags_only = request.GET.get("flags") == "1"
    return {
        "period": period, "month": chosen, "all_rows": rows, "wanted": wanted,
        "rows": flagged if flags_only else shown, "flags_only": flags_only,
        "flagged_total": len(flagged),
        "counts": [(s or "none", state_label(s), counts[s]) for s in STATE_ORDER],
        "count_of": counts, "total": len(rows),
        "days_left": (period.due_on - timezone.localdate()).days if period else None,
    }


@login_required
def month(request, slug: str):
    """本月待填报: every project in the user's scope with its state for the month (the open one
    by default), the due date and days left; for reviewers, the queue to approve or return."""
    plan = plan_for_user(request.user, slug)
    listing = month_listing(request, plan, lambda chosen: month_rows_visible_to(
        request.user, plan=plan, month=chosen))
    context = {"plan": plan, **listing}
    if listing["month"] is None:
        return render(request, "projects/month.html", context)
    period = listing["period"]
    may_review_any = may_review_reports(request.user, plan)
    late = (late_owners(request.user, plan=plan, month=listing["month"],
                        today=timezone.localdate(), rows=listing["all_rows"])
            if may_review_any and period is not None and period.state == PeriodState.OPEN
            else [])
    page = Paginator(listing["rows"], MONTH_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "projects/month.html", {
        **context, "rows": page.object_list, "page": page,
        "has_submitted": listing["count_of"][FilingState.SUBMITTED] > 0,
        "may_review_any": may_review_any, "late": late, "review_form": ReviewForm(),
    })


def month_param(request, *, default: int | None) -> int | None:
    """``?month=6`` of a month page; 404 for anything but a month 1–12."""
    raw = request.GET.get("month", "")
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise Http404(_("No such month.")) from exc
    if not 1 <= value <= 12:
        raise Http404(_("No such month."))
    return value


@login_required
@require_POST
def month_review(request, slug: str, month: int):
    """Approve the ticked reports, or return them with one comment, in one go."""
    plan = plan_for_user(request.user, slug, require=may_review_reports)
    form = ReviewForm(request.POST)
    form.is_valid()
    action = request.POST.get("do")
    ids = request.POST.getlist("filing")
    done, failed = 0, []
    for filing in ReportFiling.objects.filter(project__plan=plan, month=month, pk__in=[
            i for i in ids if i.isdigit()]).select_related("project", "project__plan"):
        project = project_for_user(request.user, filing.project_id, require=may_review_report)
        try:
            filing_review(filing=filing, action=action, user=request.user,
                          comment=form.cleaned_data.get("comment", ""))
        except InputError as exc:
            failed.append(f"{project.name}: {exc.message} {exc.hint}".strip())
        else:
            done += 1
    if done:
        messages.success(request, _("%(count)s reports done.") % {"count": done})
    for text in failed:
        messages.error(request, text)
    if not done and not failed:
        messages.error(request, _("Tick the reports to approve or return."))
    return redirect(reverse("projects:month", args=[plan.slug]) + f"?month={month}")


@login_required
@require_POST
def month_remind(request, slug: str, month: int):
    """催报: remind the late owners in the user's scope (once a day each)."""
    plan = plan_for_user(request.user, slug, require=may_review_reports)
    result = remind_late(request.user, plan=plan, month=month, user=request.user)
    if result.reminded:
        messages.success(request, _("Reminded %(count)s owners (%(emails)s e-mails).") % {
            "count": len(result.reminded), "emails": result.emails})
    if result.skipped:
        messages.info(request, _("%(count)s owners were already reminded today.") % {
            "count": len(result.skipped)})
    if result.unreachable:
        messages.warning(request, _(
            "%(count)s late owners have no account in tuijin and were not reminded: call "
            "them, or create their accounts.") % {"count": len(result.unreachable)})
    if not result.reminded and not result.skipped and not result.unreachable:
        messages.info(request, _("Nobody is late."))
    return redirect(reverse("projects:month", args=[plan.slug]) + f"?month={month}")


@login_required
def notices(request):
    """The user's in-app notices; opening the page marks them read."""
    shown = notices_for(request.user)
    notices_mark_read(request.user)
    return render(request, "projects/notices.html", {"notices": shown})


# --------------------------------------------------------------------- one project's month


@login_required
def filing(request, pk: int, month: int):
    """One project's report for a month: the owner fills and submits it (a draft is kept),
    the reviewer approves or returns it, the city office reopens it after the lock."""
    project = project_for_user(request.user, pk)
    if not 1 <= month <= 12:
        raise Http404
    plan = project.plan
    current = ReportFiling.objects.filter(project=project, month=month).first()
    counted = MonthlyReport.objects.filter(project=project, month=month).first()
    previous = (MonthlyReport.objects.filter(project=project, month__lt=month)
                .order_by("-month").first())
    period_state = period_state_of(plan, month)
    may_file = may_file_report(request.user, project)
    editable = bool(may_file and (
        (period_state == PeriodState.OPEN or (current and current.is_reopened))
        and (current is None or current.state in (FilingState.DRAFT, FilingState.RETURNED))))
    source = current or counted
    form = FilingForm(request.POST or None, initial={
        **{name: getattr(source, name) for name in FilingInput.__dataclass_fields__
           if source is not None},
        "version": current.version if current else None,
    })
    # 需要协调: submitting with the box ticked raises the blockers as a problem, in the same
    # transaction (problems.services.filing_save_raising).
    coordination = CoordinationForm(request.POST or None, prefix="coordination")
    if request.method == "POST":
        deny_unless(may_file)
        if form.is_valid() and coordination.is_valid():
            data = form.cleaned_data
            wanted = coordination.cleaned_data
            try:
                saved, problem = filing_save_raising(
                    project=project, month=month, user=request.user,
                    submit=request.POST.get("do") == "submit", version=data.get("version"),
                    data=FilingInput(**{name: data.get(name) if name.endswith("_wan")
                                        else data.get(name) or ""
                                        for name in FilingInput.__dataclass_fields__}),
                    needs_coordination=wanted["needs_coordination"],
                    category_id=(wanted["coordination_category"].pk
                                 if wanted["coordination_category"] else None))
            except InputError as exc:
                form.add_input_error(exc)
            else:
                messages.success(request, _("Report for month %(month)s: %(state)s.") % {
                    "month": month, "state": saved.get_state_display()})
                if problem is not None:
                    messages.success(request, _("Its problems are raised for coordination; "
                                                "the district or the city office accepts "
                                                "them."))
                return redirect("projects:filing", pk=project.pk, month=month)
    state = current.state if current else (FilingState.APPROVED if counted else None)
    return render(request, "projects/filing.html", {
        "project": project, "plan": plan, "month": month, "form": form,
        "coordination": coordination if may_raise_problem(request.user, project) else None,
        "filing": current, "counted": counted, "previous": previous, "state": state,
        "state_label": state_label(state), "period_state": period_state,
        "editable": editable,
        "may_review": (current is not None and current.state == FilingState.SUBMITTED
                       and may_review_report(request.user, project)),
        "may_reopen": (period_state == PeriodState.LOCKED and state is not None
                       and may_reopen_report(request.user, project)),
        "review_form": ReviewForm(initial={"version": current.version if current else None}),
        "reason_form": ReasonForm(),
        # The month's steps with the figures each changed, its counted figures and photos.
        "history": project_history_for(request.user, project.pk, month=month).entries,
    })


@login_required
@require_POST
def filing_review_page(request, pk: int, month: int):
    project = project_for_user(request.user, pk, require=may_review_report)
    current = ReportFiling.objects.filter(project=project, month=month).first()
    if current is None:
        raise Http404
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        filing_review(filing=current, action=request.POST.get("do", ""), user=request.user,
                      comment=form.cleaned_data.get("comment", ""),
                      version=form.cleaned_data.get("version"))
    except InputError as exc:
        messages.error(request, f"{exc.message} {exc.hint}".strip())
    else:
        messages.success(request, _("Review saved."))
    return redirect("projects:filing", pk=project.pk, month=month)


@login_required
@require_POST
def filing_reopen_page(request, pk: int, month: int):
    project = project_for_user(request.user, pk, require=may_reopen_report)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the report is reopened."))
        return redirect("projects:filing", pk=project.pk, month=month)
    try:
        filing_reopen_for(project=project, month=month, user=request.user,
                          reason=form.cleaned_data["reason"])
    except InputError as exc:
        messages.error(request, f"{exc.message} {exc.hint}".strip())
    else:
        messages.success(request, _("The report is reopened; its owner can correct it."))
    return redirect("projects:filing", pk=project.pk, month=month)
