"""The project map (项目一张图, issue 16): the page, its data and the division outlines.

Every role sees its own scope's projects, with the project list's filters and the month of
the dashboards; nothing is fetched from outside the server (no tiles, no CDN: ECharts from
node_modules as the dashboards load it, the outlines from the file TUIJIN_MAP_GEOJSON names).
"""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tuijin.plans.selectors import plan_for_user
from tuijin.progress.map_selectors import map_data_for
from tuijin.progress.views import _bad_month_is_404, _months, _period
from tuijin.projects.forms import ProjectFilterForm
from tuijin.projects.locations import division_outlines
from tuijin.projects.selectors import districts_offered_to


@login_required
@_bad_month_is_404
def project_map(request, slug: str):
    plan = plan_for_user(request.user, slug)
    period = _period(request, plan)
    form = ProjectFilterForm(request.GET or None, plan=plan,
                             districts=districts_offered_to(request.user, plan=plan))
    outlines = division_outlines()
    return render(request, "progress/map.html", {
        "plan": plan, "period": period, "months": _months(request, plan, period), "form": form,
        "is_schematic": bool(outlines.get("schematic")),
    })


@login_required
@require_GET
@_bad_month_is_404
def project_map_data(request, slug: str):
    plan = plan_for_user(request.user, slug)
    period = _period(request, plan)
    # Only drawn for its filters: the district list is the page's business.
    form = ProjectFilterForm(request.GET or None, plan=plan, districts=[])
    return JsonResponse(map_data_for(request.user, plan=plan, period=period,
                                     filters=form.filters()),
                        json_dumps_params={"separators": (",", ":")})


@login_required
@require_GET
def map_outlines(request):
    """The division outlines as GeoJSON; the same for everyone (they are not project data)."""
    response = JsonResponse(division_outlines(), json_dumps_params={
        "separators": (",", ":"), "ensure_ascii": False})
    response["Cache-Control"] = "private, max-age=3600"
    return response
