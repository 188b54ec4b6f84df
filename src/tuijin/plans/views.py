"""Plan pages: the overview of a year's plan (key works, indicators, domains, 8232)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from tuijin.accounts.permissions import lands_on_the_month
from tuijin.plans.selectors import plan_for_user, plan_overview, plans_visible_to


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
    return render(request, "plans/detail.html", {"plan": plan, "overview": overview})
