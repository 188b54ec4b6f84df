"""Pages of problems (督办): the list with its filters, one problem with its steps and the
steps the user may take, and the form that raises one (prefilled from a report's blockers).

Each view resolves the problem or project through the scoped selectors with a rule of
accounts.permissions, validates a form, calls one service of problems.services and
redirects; a refusal (InputError) is shown on the field it names.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuijin.accounts.permissions import may_raise_problem, may_take_problem_step
from tuijin.core.errors import InputError
from tuijin.core.models import Division
from tuijin.plans.selectors import current_plan, plan_for_user
from tuijin.problems.forms import FilterForm, ProblemForm, StepForm
from tuijin.problems.rules import Action, Level, Light, allowed_actions, deadline_light
from tuijin.problems.selectors import (
    ProblemFilters,
    problem_for_user,
    problem_rows,
    problems_filtered,
    problems_visible_to,
)
from tuijin.problems.services import ProblemInput, problem_raise, problem_step
from tuijin.projects.models import MonthlyReport, ReportFiling
from tuijin.projects.selectors import project_for_user


@login_required
def home(request):
    """The problems of the latest plan the user may see."""
    plan = current_plan(request)
    if plan is None:
        return redirect("plans:home")
    return redirect("problems:list", slug=plan.slug)


@login_required
def problem_list(request, slug: str):
    plan = plan_for_user(request.user, slug)
    visible = problems_visible_to(request.user, plan=plan)
    districts = Division.objects.filter(
        pk__in=visible.values("project__district_id")).order_by("code")
    form = FilterForm(request.GET or None, districts=districts)
    form.is_valid()
    data = form.cleaned_data if form.is_bound else {}
    today = timezone.localdate()
    filters = ProblemFilters(state=data.get("state", ""), overdue=data.get("overdue", False),
                             district=data.get("district", ""),
                             category=data.get("category", ""), mine=data.get("mine", False))
    rows = problem_rows(problems_filtered(visible, user=request.user, filters=filters,
                                          today=today)[:200], today=today)
    return render(request, "problems/list.html", {
        "plan": plan, "form": form, "rows": rows, "today": today})


@login_required
def problem_raise_page(request, pk: int):
    """Raise a problem of a project; ``?month=`` prefills it from that month's report."""
    project = project_for_user(request.user, pk, require=may_raise_problem)
    initial = _from_report(project, request.GET.get("month", ""))
    form = ProblemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            problem = problem_raise(project=project, user=request.user, data=ProblemInput(
                category_id=data["category"].pk if data["category"] else None,
                description=data["description"], help_requested=data["help_requested"],
                source_month=data["source_month"]))
        except InputError as exc:
            form.add_input_error(exc)
        else:
            messages.success(request, _("The problem is raised; the district or the city "
                                        "office accepts it."))
            return redirect(problem)
    return render(request, "problems/raise.html", {
        "project": project, "plan": project.plan, "form": form,
        "month": initial.get("source_month")})


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
    """A form for each step the rules allow now and the user may take."""
    forms = []
    for action in allowed_actions(problem.state):
        if not may_take_problem_step(user, problem, action):
            continue
        if action == Action.ESCALATE and (
                problem.level != Level.DISTRICT
                or deadline_light(problem.deadline, today=today, state=problem.state)
                != Light.RED):
            continue
        if bound is not None and bound.action == action:
            forms.append(bound)
        else:
            forms.append(StepForm(action=action, project=problem.project,
                                  initial={"version": problem.version}))
    return forms


def _detail(request, problem, *, bound: StepForm | None = None, status: int = 200):
    today = timezone.localdate()
    step_forms = _step_forms(request.user, problem, today=today, bound=bound)
    if bound is not None and bound not in step_forms:
        # A step the page no longer offers (its state moved on): say why on top of the page.
        for errors in bound.errors.values():
            for error in errors:
                messages.error(request, error)
    days_left = (problem.deadline - today).days if problem.deadline else None
    return render(request, "problems/detail.html", {
        "problem": problem, "plan": problem.project.plan, "project": problem.project,
        "light": deadline_light(problem.deadline, today=today, state=problem.state).value,
        "days_left": days_left, "days_overdue": -days_left if days_left else None,
        "events": problem.events.select_related("by", "unit"),
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
    form = StepForm(request.POST, action=action, project=problem.project)
    if form.is_valid():
        data = form.cleaned_data
        try:
            problem_step(problem=problem, action=action, user=request.user,
                         version=data["version"], comment=data["comment"],
                         unit_id=data["unit"].pk if data.get("unit") else None,
                         deadline=data.get("deadline"))
        except InputError as exc:
            form.add_input_error(exc)
        else:
            messages.success(request, _("Done: %(step)s.") % {"step": Action(action).label})
            return redirect(problem)
    return _detail(request, problem, bound=form)
