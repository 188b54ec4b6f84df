"""Plan pages: the overview of a year's plan (key works, indicators, domains, 8232), the
plan's settings for the year (city office), and the list of plans to switch between, where
the city office activates, closes and deletes them (plans.lifecycle)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuijin.accounts.permissions import (
    lands_on_the_month,
    may_change_plan_settings,
    may_change_plan_status,
    may_manage_plan,
)
from tuijin.core.errors import InputError
from tuijin.plans.forms import PlanSettingsForm
from tuijin.plans.lifecycle import actions_from, lifecycle_errors
from tuijin.plans.lifecycle_services import plan_has_reports, plan_lifecycle_step
from tuijin.plans.selectors import (
    CHOSEN_PLAN_SESSION_KEY,
    current_plan,
    plan_for_user,
    plan_overview,
    plans_visible_to,
)
from tuijin.plans.services import plan_settings_update


@login_required
def home(request):
    """The latest plan the user may see; a page saying there is none yet otherwise."""
    plan = current_plan(request)
    if plan is None:
        return render(request, "plans/none.html")
    if lands_on_the_month(request.user):
        return redirect("projects:month", slug=plan.slug)
    return redirect(plan)


@login_required
def detail(request, slug: str):
    plan = plan_for_user(request.user, slug)
    overview = plan_overview(plan, user=request.user)
    return render(request, "plans/detail.html", {
        "plan": plan, "overview": overview,
        "may_change_settings": may_change_plan_settings(request.user, plan)})


@login_required
def settings(request, slug: str):
    """The plan's settings for the year: due day, counted report states, light scheme."""
    plan = plan_for_user(request.user, slug, require=may_change_plan_settings)
    form = PlanSettingsForm.for_plan(plan, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            changed = plan_settings_update(plan=plan, settings=form.settings, user=request.user)
        except InputError as error:
            form.add_error(error.field if error.field in form.fields else None,
                           f"{error.message} {error.hint}".strip())
        else:
            messages.success(request, _("The plan's settings are saved.") if changed
                             else _("Nothing changed."))
            return redirect("plans:settings", slug=plan.slug)
    return render(request, "plans/settings.html", {"plan": plan, "form": form})


@login_required
def plan_list(request):
    """The plans the user may see, to switch between (this year, last year); for the city
    office also the drafts, with the actions each plan's state allows."""
    manages = may_manage_plan(request.user)
    current = current_plan(request)
    plans = list(plans_visible_to(request.user).select_related("region")
                 .order_by("-year", "status", "slug"))
    rows = [{"plan": plan, "is_current": current is not None and plan.pk == current.pk,
             "actions": actions_from(plan.status) if manages else ()} for plan in plans]
    return render(request, "plans/list.html", {"rows": rows, "plan": current,
                                               "manages": manages})


@login_required
@require_POST
def choose(request, slug: str):
    """Make a plan the one the slug-less pages open, for this session."""
    plan = plan_for_user(request.user, slug)
    request.session[CHOSEN_PLAN_SESSION_KEY] = plan.slug
    messages.success(request, _("You are now working in %(plan)s.") % {"plan": plan.name})
    return redirect("plans:home")


@login_required
@require_POST
def change_status(request, slug: str):
    """Activate or close a plan (city office)."""
    plan = plan_for_user(request.user, slug, require=may_change_plan_status)
    action = request.POST.get("action", "")
    if action not in ("activate", "close"):
        # Deleting has its own page, which says what goes with the plan.
        messages.error(request, "{} {}".format(
            _("Unknown action %(action)s.") % {"action": action[:40] or "—"},
            _("Use the Activate or Close button on the plans page.")))
        return redirect("plans:list")
    try:
        plan = plan_lifecycle_step(plan=plan, action=action, user=request.user)
    except InputError as error:
        messages.error(request, f"{error.message} {error.hint}".strip())
    else:
        messages.success(request, _("%(plan)s is now %(status)s.")
                         % {"plan": plan.name, "status": plan.get_status_display()})
    return redirect("plans:list")


@login_required
def delete(request, slug: str):
    """Delete a draft, after a confirmation page that says what goes with it."""
    plan = plan_for_user(request.user, slug, require=may_change_plan_status)
    if request.method == "POST":
        name = plan.name
        try:
            plan_lifecycle_step(plan=plan, action="delete", user=request.user)
        except InputError as error:
            messages.error(request, f"{error.message} {error.hint}".strip())
            return redirect("plans:list")
        if request.session.get(CHOSEN_PLAN_SESSION_KEY) == slug:
            del request.session[CHOSEN_PLAN_SESSION_KEY]
        messages.success(request, _("The draft %(plan)s is deleted.") % {"plan": name})
        return redirect("plans:list")
    # The page says why a plan cannot go in the words the delete step itself would refuse with.
    refusal = next(iter(lifecycle_errors("delete", plan.status, other_active=None,
                                         has_reports=plan_has_reports(plan))), None)
    return render(request, "plans/delete.html", {
        "plan": plan, "refusal": refusal,
        "projects": plan.projects.count(), "works": plan.key_tasks.count(),
        "targets": plan.indicators.count()})
