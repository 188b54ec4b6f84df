"""Plan pages: the overview of a year's plan (key works, indicators, domains, 8232) and the
plan's settings for the year (city office)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tuijin.accounts.permissions import lands_on_the_month, may_change_plan_settings
from tuijin.core.errors import InputError
from tuijin.plans.forms import PlanSettingsForm
from tuijin.plans.selectors import plan_for_user, plan_overview, plans_visible_to
from tuijin.plans.services import plan_settings_update


@login_required
def home(request):
    """The latest plan the user may see; a page saying there is none yet otherwise."""
    plan = plans_visible_to(request.user).order_by("-year", "slug").first()
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
