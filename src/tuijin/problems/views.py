"""Pages of problems (督办): the list with its filters, one problem with its steps and the
steps the user may take, and the form that raises one (prefilled from a report's blockers).

Each view resolves the problem or project through the scoped selectors with a rule of
accounts.permissions, validates a form, calls one service of problems.services and
redirects; a refusal (InputError) is shown on the field it names.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tuijin.accounts.models import User
from tuijin.accounts.permissions import (
    deny_unless,
    may_manage_problem_categories,
    may_raise_problem,
    may_take_problem_step,
    may_view_problem_attachment,
)
from tuijin.core.errors import InputError
from tuijin.plans.selectors import current_plan, plan_for_user
from tuijin.problems.attachments import attachment_limits
from tuijin.problems.days import day_count, deadline_text
from tuijin.problems.forms import CategoryForm, FilterForm, ProblemForm, StepForm
from tuijin.problems.models import ProblemAttachment, ProblemCategory
from tuijin.problems.rules import (
    FINISHED,
    Action,
    Level,
    Light,
    allowed_actions,
    assign_is_next,
    deadline_light,
)
from tuijin.problems.selectors import (
    ProblemFilters,
    list_filters_for,
    my_problems,
    problem_for_user,
    problem_rows,
    problems_filtered,
    problems_visible_to,
)
from tuijin.problems.services import (
    CategoryInput,
    ProblemInput,
    Upload,
    category_delete,
    category_save,
    problem_raise,
    problem_step,
)
from tuijin.projects.models import MonthlyReport, ReportFiling
from tuijin.projects.selectors import project_for_user


@login_required
def home(request):
    """The problems of the latest plan the user may see."""
    plan = current_plan(request)
    if plan is None:
        return redirect("plans:home")
    # A bureau's users open on their own list (to sign for, to answer, overdue); everyone
    # else on the problems they oversee.
    if request.user.role == User.Role.BUREAU:
        return redirect("problems:mine", slug=plan.slug)
    return redirect("problems:list", slug=plan.slug)


@login_required
def problem_mine(request, slug: str):
    """The unit's own list: to sign for, to answer, overdue, waiting for the check."""
    plan = plan_for_user(request.user, slug)
    today = timezone.localdate()
    return render(request, "problems/mine.html", {
        "plan": plan, "mine": my_problems(request.user, plan=plan, today=today),
        "today": today})


@login_required
def problem_list(request, slug: str):
    plan = plan_for_user(request.user, slug)
    visible = problems_visible_to(request.user, plan=plan)
    offered = list_filters_for(request.user, visible=visible,
                               asked=[name for name, value in request.GET.items() if value])
    form = FilterForm(request.GET or None, districts=offered.districts, units=offered.units,
                      has_mine=offered.mine)
    form.is_valid()
    data = form.cleaned_data if form.is_bound else {}
    today = timezone.localdate()
    filters = ProblemFilters(state=data.get("state", ""), overdue=data.get("overdue", False),
                             district=data.get("district", ""),
                             category=data.get("category", ""), mine=data.get("mine", False),
                             unit=data.get("unit", ""), project=data.get("project"))
    found = problems_filtered(visible, user=request.user, filters=filters, today=today)
    rows = problem_rows(found[:LIST_LIMIT], today=today)
    return render(request, "problems/list.html", {
        "plan": plan, "form": form, "rows": rows, "today": today,
        "more": len(rows) == LIST_LIMIT, "limit": LIST_LIMIT,
        "has_mine": offered.mine,
        "may_manage_categories": may_manage_problem_categories(request.user)})


# The list shows this many problems at most; the filters narrow it.
LIST_LIMIT = 200


@login_required
def problem_raise_page(request, pk: int):
    """Raise a problem of a project; ``?month=`` prefills it from that month's report."""
    project = project_for_user(request.user, pk, require=may_raise_problem)
    initial = _from_report(project, request.GET.get("month", ""))
    form = ProblemForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _check_upload_size(request)
            problem = problem_raise(project=project, user=request.user, data=ProblemInput(
                category_id=data["category"].pk if data["category"] else None,
                description=data["description"], help_requested=data["help_requested"],
                source_month=data["source_month"]), files=_uploads(request, form))
        except InputError as exc:
            form.add_input_error(exc)
        else:
            messages.success(request, _("The problem is raised; the district or the city "
                                        "office accepts it."))
            return redirect(problem)
    month = initial.get("source_month")
    return render(request, "problems/raise.html", {
        "project": project, "plan": project.plan, "form": form, "month": month,
        # Raised from this report already and not finished: said, so it is not raised twice
        # by mistake (a second, different problem of the same report stays possible).
        "raised_already": (problems_visible_to(request.user, plan=project.plan)
                           .filter(project=project, source_filing__month=month)
                           .exclude(state__in=FINISHED).order_by("pk")
                           if month else [])})


def _from_report(project, raw_month: str) -> dict:
    """The report's blockers and help requested, to start the problem from."""
    if not raw_month.isdigit() or not 1 <= int(raw_month) <= 12:
        return {}
    month = int(raw_month)
    report = (ReportFiling.objects.filter(project=project, month=month).first()
              or MonthlyReport.objects.filter(project=project, month=month).first())
    if report is None:
        return {}
    return {"description": report.blockers, "help_requested": report.help_requested,
            "source_month": month}


def _step_forms(user, problem, *, today, bound: StepForm | None = None) -> list[StepForm]:
    """A form for each step the rules allow now and the user may take. Assigning a problem
    that is assigned already is offered as a correction, folded away and filled with the
    current unit and deadline (not as a blank 交办 form left on the page)."""
    forms = []
    for action in allowed_actions(problem.state):
        if not may_take_problem_step(user, problem, action):
            continue
        if action == Action.ESCALATE and (
                problem.level != Level.DISTRICT
                or deadline_light(problem.deadline, today=today, state=problem.state)
                != Light.RED):
            continue
        initial = {"version": problem.version}
        is_reassign = action == Action.ASSIGN and not assign_is_next(
            state=problem.state, assigned_at=problem.assigned_at,
            escalated_at=problem.escalated_at)
        if is_reassign:
            initial |= {"unit": problem.assigned_unit_id, "deadline": problem.deadline}
        if bound is not None and bound.action == action:
            form = bound
        else:
            form = StepForm(action=action, project=problem.project, initial=initial)
        form.is_reassign = is_reassign
        forms.append(form)
    return forms


def _detail(request, problem, *, bound: StepForm | None = None, status: int = 200):
    today = timezone.localdate()
    step_forms = _step_forms(request.user, problem, today=today, bound=bound)
    if bound is not None and bound not in step_forms:
        # A step the page no longer offers (its state moved on): say why on top of the page.
        for errors in bound.errors.values():
            for error in errors:
                messages.error(request, error)
    count = day_count()
    light = deadline_light(problem.deadline, today=today, state=problem.state,
                           count=count).value
    return render(request, "problems/detail.html", {
        "problem": problem, "plan": problem.project.plan, "project": problem.project,
        "light": light,
        # The days left count only while the unit owes the answer; else the date alone.
        "deadline_text": (deadline_text(problem.deadline, today=today, count=count)
                          if problem.deadline and light != "none" else None),
        "events": problem.events.select_related("by", "unit").prefetch_related("attachments"),
        "step_forms": step_forms,
    }, status=status)


@login_required
def problem_detail(request, pk: int):
    return _detail(request, problem_for_user(request.user, pk))


@login_required
@require_POST
def problem_step_page(request, pk: int, action: str):
    if action not in Action.values or action == Action.RAISE:
        raise Http404
    problem = problem_for_user(request.user, pk,
                               require=lambda user, p: may_take_problem_step(user, p, action))
    form = StepForm(request.POST, request.FILES or None, action=action,
                    project=problem.project)
    if form.is_valid():
        data = form.cleaned_data
        try:
            _check_upload_size(request)
            problem_step(problem=problem, action=action, user=request.user,
                         version=data["version"], comment=data["comment"],
                         unit_id=data["unit"].pk if data.get("unit") else None,
                         deadline=data.get("deadline"), days=data.get("days"),
                         files=_uploads(request, form) if form.has_files else ())
        except InputError as exc:
            form.add_input_error(exc)
        else:
            messages.success(request, _("Done: %(step)s.") % {"step": Action(action).label})
            return redirect(problem)
    return _detail(request, problem, bound=form)


# ------------------------------------------------------------------------------ files

# What a form adds to the files it carries (the CSRF token, the texts, the boundaries).
FORM_OVERHEAD_BYTES = 1024 * 1024


def _check_upload_size(request) -> None:
    """A request larger than a step's files can weigh is refused before its files are read
    by the service (Django has spooled it; nothing is stored)."""
    limits = attachment_limits()
    try:
        size = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        size = 0
    if size > limits.per_step * limits.max_bytes + FORM_OVERHEAD_BYTES:
        raise InputError(_("The upload is larger than %(count)s files of %(limit)s MB.")
                         % {"count": limits.per_step, "limit": limits.max_mb},
                         hint=_("Send fewer or smaller files."), field="attachments")


def _uploads(request, form) -> list[Upload]:
    return [Upload(name=f.name or "", file=f, size=f.size)
            for f in request.FILES.getlist(form.add_prefix("attachments"))]


@login_required
@require_GET
def attachment_file(request, pk: int, attachment: int):
    """A problem's file, to whoever may see the problem (404 to anybody else), as a download
    that runs nothing in the browser."""
    problem = problem_for_user(request.user, pk)
    deny_unless(may_view_problem_attachment(request.user, problem))
    item = get_object_or_404(ProblemAttachment, pk=attachment, problem=problem)
    try:
        handle = item.file.storage.open(item.file.name, "rb")
    except OSError as exc:  # gone from the storage: as if there were no file
        raise Http404 from exc
    response = FileResponse(handle, content_type=item.content_type, as_attachment=True,
                            filename=item.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# ------------------------------------------------------------------------------ categories


@login_required
def category_list(request):
    """The city office's list of problem categories: add, rename, reorder, deactivate; delete
    one no problem uses."""
    deny_unless(may_manage_problem_categories(request.user))
    categories = list(ProblemCategory.objects.all())
    forms = {c.pk: CategoryForm(prefix=f"c{c.pk}", initial={
        "name": c.name, "order": c.order, "is_active": c.is_active}) for c in categories}
    new = CategoryForm(prefix="new", initial={"order": (max((c.order for c in categories),
                                                             default=0) + 10),
                                              "is_active": True})
    if request.method == "POST":
        target = request.POST.get("category", "")
        category = (get_object_or_404(ProblemCategory, pk=target) if target.isdigit()
                    else None)
        form = CategoryForm(request.POST, prefix=f"c{category.pk}" if category else "new")
        if category is not None and request.POST.get("delete"):
            try:
                category_delete(category=category)
            except InputError as exc:
                messages.error(request, f"{exc.message} {exc.hint}".strip())
            else:
                messages.success(request, _("Category %(name)s deleted.")
                                 % {"name": category.name})
            return redirect("problems:categories")
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = category_save(category=category, data=CategoryInput(
                    name=data["name"], order=data["order"], is_active=data["is_active"]))
            except InputError as exc:
                form.add_input_error(exc)
            else:
                messages.success(request, _("Category %(name)s saved.") % {"name": saved.name})
                return redirect("problems:categories")
        if category is None:
            new = form
        else:
            forms[category.pk] = form
    in_use = dict(ProblemCategory.objects.filter(problems__isnull=False)
                  .values_list("pk").annotate(n=Count("problems")))
    return render(request, "problems/categories.html", {
        "rows": [(c, forms[c.pk], in_use.get(c.pk, 0)) for c in categories], "new": new,
    })
