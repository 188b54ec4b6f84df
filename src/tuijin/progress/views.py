"""Progress pages: city, district and domain dashboards, indicators, lights of projects.

Each view resolves the plan and the month, calls one selector inside the user's scope, and
renders; the charts' JSON comes from ``charts``. A month outside the plan's year is a 404 that
says so; a district outside the user's scope is a 404 like any other object they may not see.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.accounts.permissions import landing_district_id, sees_whole_city
from tuijin.core.errors import InputError
from tuijin.core.models import Division
from tuijin.core.periods import Period
from tuijin.plans.selectors import current_plan, plan_for_user
from tuijin.progress import charts, selectors
from tuijin.progress.forecast import REFERENCE_CURVE
from tuijin.projects.selectors import project_for_user


class MonthNotInPlan(Exception):
    def __init__(self, plan, error: InputError):
        self.plan = plan
        self.error = error


def _period(request, plan, programme=None) -> Period:
    """The month of ``?month=`` (or the default); a bad one raises MonthNotInPlan."""
    try:
        return selectors.month_shown(request.user, plan=plan, asked=request.GET.get("month"),
                                     today=timezone.localdate(), programme=programme)
    except InputError as exc:
        raise MonthNotInPlan(plan, exc) from exc


def _bad_month_is_404(view):
    """A page asked for a month that is not one of its plan's: a 404 page saying which months
    there are, for every page that reads ``?month=``."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except MonthNotInPlan as exc:
            return render(request, "progress/bad_month.html",
                          {"plan": exc.plan, "error": exc.error, "hint": exc.error.hint},
                          status=404)

    return wrapper


def _months(request, plan, period: Period, programme=None) -> list[Period]:
    """The month choice's months: never a month not yet opened (selectors.months_offered_to)."""
    return selectors.months_offered_to(request.user, plan=plan, shown=period,
                                       today=timezone.localdate(), programme=programme)


@login_required
def index(request):
    plan = current_plan(request)
    if plan is None:
        return render(request, "plans/none.html")
    return redirect("progress:city", slug=plan.slug)


@login_required
@_bad_month_is_404
def city(request, slug: str):
    plan = plan_for_user(request.user, slug)
    landing = landing_district_id(request.user)
    if landing is not None:
        code = Division.objects.get(pk=landing).code
        url = reverse("progress:district", args=[plan.slug, code])
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url)
    period = _period(request, plan)
    dashboard = selectors.dashboard_for(request.user, plan=plan, period=period)
    charts.link_headline(dashboard, plan_slug=plan.slug)
    return render(request, "progress/city.html", {
        "plan": plan, "period": period,
        "month_status": selectors.month_status(request.user, plan=plan, period=period),
        "months": _months(request, plan, period), "d": dashboard,
        "chart_data": charts.dashboard_chart(dashboard, plan_slug=plan.slug),
        "forecast_curve": REFERENCE_CURVE, "is_city_wide": sees_whole_city(request.user),
    })


@login_required
@_bad_month_is_404
def district(request, slug: str, code: str):
    plan = plan_for_user(request.user, slug)
    division = selectors.district_for_user(request.user, plan=plan, code=code)
    programme = selectors.programme_for(request.user, plan=plan, district=division)
    period = _period(request, plan, programme)
    dashboard = selectors.dashboard_for(request.user, plan=plan, period=period,
                                        district=division)
    owners = selectors.discipline_by(programme.projects, plan=plan, period=period, by="owner_id")
    return render(request, "progress/district.html", {
        "plan": plan, "period": period,
        "month_status": selectors.month_status(request.user, plan=plan, period=period),
        "months": _months(request, plan, period, programme), "d": dashboard,
        "division": division, "owners": owners[:50], "owner_count": len(owners),
        "chart_data": charts.dashboard_chart(dashboard, plan_slug=plan.slug,
                                             district_code=division.code),
    })


@login_required
@_bad_month_is_404
def domain(request, slug: str, code: str):
    plan = plan_for_user(request.user, slug)
    domain = selectors.domain_of(plan, code)
    if domain is None:
        raise Http404(_("No such domain in this plan."))
    period = _period(request, plan)
    dashboard = selectors.dashboard_for(request.user, plan=plan, period=period, domain=domain)
    return render(request, "progress/domain.html", {
        "plan": plan, "period": period,
        "month_status": selectors.month_status(request.user, plan=plan, period=period),
        "months": _months(request, plan, period), "d": dashboard,
        "domain": domain,
        "chart_data": charts.dashboard_chart(dashboard, plan_slug=plan.slug,
                                             domain_code=domain.code),
    })


@login_required
def curve(request, slug: str):
    """The month-by-month completion curve of a dashboard, fetched after the page.

    It reads every report of the year so far, so the page does not wait for it.
    """
    plan = plan_for_user(request.user, slug)
    district = selectors.district_for_user(request.user, plan=plan,
                                           code=request.GET["district"]) \
        if request.GET.get("district") else None
    domain = selectors.domain_of(plan, request.GET.get("domain", ""))
    try:
        period = _period(request, plan)
    except MonthNotInPlan as exc:
        return JsonResponse(exc.error.as_dict(), status=404)
    points, planned = selectors.curve_figures(request.user, plan=plan, period=period,
                                              district=district, domain=domain)
    return JsonResponse({"curve": charts.completion_curve(points, planned_wan=planned,
                                                          period=period)})


@login_required
@_bad_month_is_404
def indicators(request, slug: str):
    plan = plan_for_user(request.user, slug)
    period = _period(request, plan)
    dashboard = selectors.dashboard_for(request.user, plan=plan, period=period,
                                        lagging_limit=0, with_history=True)
    return render(request, "progress/indicators.html", {
        "plan": plan, "period": period,
        "month_status": selectors.month_status(request.user, plan=plan, period=period),
        "months": _months(request, plan, period), "d": dashboard,
        "history": charts.indicator_charts(dashboard.indicators, year=plan.year),
    })


PROJECT_FILTERS = ("domain", "district", "industrial", "light", "event")


@login_required
@_bad_month_is_404
def projects(request, slug: str):
    """The projects behind a dashboard number: filtered by domain, district, industrial, light."""
    plan = plan_for_user(request.user, slug)
    period = _period(request, plan)
    filters = {key: request.GET.get(key, "") for key in PROJECT_FILTERS}
    queryset = selectors.projects_behind(request.user, plan=plan, period=period, **filters)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "progress/projects.html", {
        "plan": plan, "period": period,
        "month_status": selectors.month_status(request.user, plan=plan, period=period),
        "months": _months(request, plan, period), "page": page,
        "rows": selectors.with_lights(page.object_list, period=period,
                                      scheme=selectors.light_scheme_of(plan)),
        "filters": filters, "query": query.urlencode(),
        "domains": selectors.domains_of(plan), "districts": selectors.districts_of(plan),
    })


@login_required
def project(request, slug: str, pk: int):
    """One project's lights month by month, each with the figures and rule that set it."""
    plan = plan_for_user(request.user, slug)
    item = project_for_user(request.user, pk)
    if item.plan_id != plan.pk:
        raise Http404
    year = selectors.project_year(item, plan=plan)
    return render(request, "progress/project.html", {
        "plan": plan, "project": item, "months": year.months, "forecast": year.forecast,
        "chart_data": charts.project_chart(year.months),
    })


@login_required
@_bad_month_is_404
def discipline_page(request, slug: str):
    """Report rate and on-time rate per district and per owner, month and year so far."""
    plan = plan_for_user(request.user, slug)
    programme = selectors.programme_for(request.user, plan=plan)
    period = _period(request, plan, programme)
    districts = selectors.discipline_by(programme.projects, plan=plan, period=period,
                                        by="district_id")
    owners = selectors.discipline_by(programme.projects, plan=plan, period=period, by="owner_id")
    return render(request, "progress/discipline.html", {
        "plan": plan, "period": period,
        "month_status": selectors.month_status(request.user, plan=plan, period=period),
        "months": _months(request, plan, period, programme), "districts": districts,
        "owners": owners[:50], "owner_count": len(owners),
    })
