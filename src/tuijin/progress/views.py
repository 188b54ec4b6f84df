"""Progress pages: city, district and domain dashboards, indicators, lights of projects.

Each view resolves the plan and the month, calls one selector inside the user's scope, and
renders. A month outside the plan's year is a 404 that says so; a district outside the
user's scope is a 404 like any other object they may not see.
"""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.accounts.permissions import landing_district_id, may_view_district, sees_whole_city
from tuijin.core.errors import InputError
from tuijin.core.models import Division
from tuijin.core.periods import Period
from tuijin.plans.models import Domain
from tuijin.plans.selectors import plan_for_user, plans_visible_to
from tuijin.progress import selectors
from tuijin.progress.completion import completion_rate
from tuijin.progress.discipline import discipline
from tuijin.progress.forecast import REFERENCE_CURVE, forecast_year_end
from tuijin.progress.lights import project_light
from tuijin.progress.rankings import rank_by_rate
from tuijin.progress.time import default_month, month_in_plan
from tuijin.projects.selectors import project_for_user


class MonthNotInPlan(Exception):
    def __init__(self, error: InputError):
        self.error = error


def _period(request, plan, programme=None) -> Period:
    raw = request.GET.get("month", "").strip()
    if raw:
        try:
            return month_in_plan(raw, year=plan.year)
        except InputError as exc:
            raise MonthNotInPlan(exc) from exc
    latest = selectors.latest_reported_month(
        programme if programme is not None else selectors.programme_for(request.user,
                                                                        plan=plan))
    return default_month(year=plan.year, latest_reported=latest, today=timezone.localdate())


def _bad_month(request, plan, error: InputError):
    return render(request, "progress/bad_month.html",
                  {"plan": plan, "error": error, "hint": error.hint}, status=404)


def _months(plan) -> list[Period]:
    return [Period(plan.year, month) for month in range(1, 13)]


def _chart_data(dashboard, plan, *, district=None, domain=None) -> dict:
    base = reverse("progress:projects", args=[plan.slug])
    month = f"month={dashboard.period}"
    narrowing = f"&district={district.code}" if district else ""
    narrowing += f"&domain={domain.code}" if domain else ""
    return {
        "timeProgress": float(dashboard.time_progress * 100),
        "yellowBand": float(dashboard.yellow_band * 100),
        "domains": [{"name": line.ref.name,
                     "value": _pct_float(line.totals.completion),
                     "url": f"{base}?{month}&domain={line.ref.code}{narrowing}"}
                    for line in dashboard.by_domain],
        "districts": [{"name": line.ref.name,
                       "value": _pct_float(line.totals.completion),
                       "url": f"{base}?{month}&district={line.ref.code}"
                              + (f"&domain={domain.code}" if domain else "")}
                      for line in dashboard.by_district],
        "lights": [{"key": key, "value": value,
                    "url": f"{base}?{month}&light={key}{narrowing}"}
                   for key, value in dashboard.lights.items()],
        "curveUrl": reverse("progress:curve", args=[plan.slug]) + f"?{month}{narrowing}",
        "labels": {"completion": _("Completion"), "timeProgress": _("Time progress"),
                   "green": _("green"), "yellow": _("yellow"), "red": _("red"),
                   "missing": _("missing report")},
    }


def _month_label(month: int) -> str:
    """A month on a chart axis: "M6" in English, "6月" in Chinese."""
    return _("M%(month)s") % {"month": month}


def _pct_float(share: Decimal | None) -> float | None:
    return None if share is None else round(float(share * 100), 2)


EVENT_FILTERS = {"project_count": "event=under_way", "investment": "",
                 "industrial_investment": "industrial=1", "signed": "event=signed",
                 "started": "event=started", "in_production": "event=in_production"}


def _link_headline(dashboard, plan) -> None:
    """Each headline figure links to the projects behind it."""
    base = reverse("progress:projects", args=[plan.slug])
    for item in [*dashboard.headline, *dashboard.campaign]:
        extra = EVENT_FILTERS[item.source]
        item.link = f"{base}?month={dashboard.period}" + (f"&{extra}" if extra else "")


@login_required
def index(request):
    plan = plans_visible_to(request.user).order_by("-year", "slug").first()
    if plan is None:
        return render(request, "plans/none.html")
    return redirect("progress:city", slug=plan.slug)


@login_required
def city(request, slug: str):
    plan = plan_for_user(request.user, slug)
    landing = landing_district_id(request.user)
    if landing is not None:
        code = Division.objects.get(pk=landing).code
        url = reverse("progress:district", args=[plan.slug, code])
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url)
    try:
        period = _period(request, plan)
    except MonthNotInPlan as exc:
        return _bad_month(request, plan, exc.error)
    dashboard = selectors.dashboard_for(request.user, plan=plan, period=period)
    _link_headline(dashboard, plan)
    return render(request, "progress/city.html", {
        "plan": plan, "period": period, "months": _months(plan), "d": dashboard,
        "chart_data": _chart_data(dashboard, plan), "forecast_curve": REFERENCE_CURVE,
        "is_city_wide": sees_whole_city(request.user),
    })


def _district_for(user, plan, code: str) -> Division:
    division = Division.objects.filter(code=code, parent=plan.region_id).first()
    if division is None or not may_view_district(user, division):
        raise Http404(_("No such district in this plan."))
    return division


@login_required
def district(request, slug: str, code: str):
    plan = plan_for_user(request.user, slug)
    division = _district_for(request.user, plan, code)
    programme = selectors.programme_for(request.user, plan=plan, district=division)
    try:
        period = _period(request, plan, programme)
    except MonthNotInPlan as exc:
        return _bad_month(request, plan, exc.error)
    dashboard = selectors.dashboard_for(request.user, plan=plan, period=period,
                                        district=division)
    owners = _discipline_rows(programme.projects, plan=plan, period=period, by="owner_id")
    return render(request, "progress/district.html", {
        "plan": plan, "period": period, "months": _months(plan), "d": dashboard,
        "division": division, "owners": owners[:50], "owner_count": len(owners),
        "chart_data": _chart_data(dashboard, plan, district=division),
    })


@login_required
def domain(request, slug: str, code: str):
    plan = plan_for_user(request.user, slug)
    domain = Domain.objects.filter(plan=plan, code=code).first()
    if domain is None:
        raise Http404(_("No such domain in this plan."))
    try:
        period = _period(request, plan)
    except MonthNotInPlan as exc:
        return _bad_month(request, plan, exc.error)
    dashboard = selectors.dashboard_for(request.user, plan=plan, period=period, domain=domain)
    return render(request, "progress/domain.html", {
        "plan": plan, "period": period, "months": _months(plan), "d": dashboard,
        "domain": domain, "chart_data": _chart_data(dashboard, plan, domain=domain),
    })


@login_required
def curve(request, slug: str):
    """The month-by-month completion curve of a dashboard, fetched after the page.

    It reads every report of the year so far, so the page does not wait for it.
    """
    plan = plan_for_user(request.user, slug)
    district = _district_for(request.user, plan, request.GET["district"]) \
        if request.GET.get("district") else None
    domain = Domain.objects.filter(plan=plan, code=request.GET.get("domain", "")).first() \
        if request.GET.get("domain") else None
    try:
        period = _period(request, plan)
    except MonthNotInPlan as exc:
        return JsonResponse(exc.error.as_dict(), status=404)
    programme = selectors.programme_for(request.user, plan=plan, district=district,
                                        domain=domain)
    points = selectors.monthly_curve(programme, period=period)
    planned = selectors.planned_total(programme)
    return JsonResponse({"curve": [
        {"month": month, "label": _month_label(month),
         "timeProgress": float(Period(plan.year, month).time_progress * 100),
         "completion": _pct_float(completion_rate(
             cumulative_wan=points[month]["cumulative"], planned_wan=planned))
         if month in points else None}
        for month in range(1, period.month + 1)
    ]})


@login_required
def indicators(request, slug: str):
    plan = plan_for_user(request.user, slug)
    try:
        period = _period(request, plan)
    except MonthNotInPlan as exc:
        return _bad_month(request, plan, exc.error)
    dashboard = selectors.dashboard_for(request.user, plan=plan, period=period,
                                        lagging_limit=0, with_history=True)
    history = {}
    for ind in dashboard.indicators:
        points = [{"month": m, "label": _month_label(m), "value": float(v)}
                  for m, v in sorted(ind.history.items())]
        # The pro-rata path of a level target (goal × M / 12), to read the line against.
        path = []
        target = ind.targets[0][0] if ind.targets else None
        if target and target.basis == "level" and target.comparator in ("gte", "approx") \
                and target.value is not None and ind.source != "manual":
            path = [float(target.value * Period(plan.year, p["month"]).time_progress)
                    for p in points]
        history[ind.code] = {"points": points, "path": path,
                             "labels": {"actual": _("Actual"), "path": _("Pro-rata target")}}
    return render(request, "progress/indicators.html", {
        "plan": plan, "period": period, "months": _months(plan), "d": dashboard,
        "history": history,
    })


@login_required
def projects(request, slug: str):
    """The projects behind a dashboard number: filtered by domain, district, industrial, light."""
    plan = plan_for_user(request.user, slug)
    try:
        period = _period(request, plan)
    except MonthNotInPlan as exc:
        return _bad_month(request, plan, exc.error)
    filters = {key: request.GET.get(key, "") for key in ("domain", "district", "industrial",
                                                            "light", "event")}
    queryset = selectors.projects_in_scope(request.user, plan=plan)
    if filters["domain"]:
        queryset = queryset.filter(domain__code=filters["domain"])
    if filters["district"]:
        queryset = queryset.filter(district__code=filters["district"])
    if filters["industrial"] in ("1", "0"):
        queryset = queryset.filter(is_industrial=filters["industrial"] == "1")
    queryset = selectors.project_list(queryset, period=period, yellow_band=plan.yellow_band,
                                      light=filters["light"], event=filters["event"])
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    rows = [(project, project_light(cumulative_wan=project.month_cumulative,
                                    annual_plan_wan=project.annual_plan_wan, period=period,
                                    yellow_band=plan.yellow_band))
            for project in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "progress/projects.html", {
        "plan": plan, "period": period, "months": _months(plan), "page": page, "rows": rows,
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
    reports = {report.month: report for report in selectors.project_reports(item)}
    last = max(reports) if reports else 0
    months = []
    for month in range(1, max(last, 1) + 1):
        report = reports.get(month)
        period = Period(plan.year, month)
        months.append({"period": period, "report": report, "verdict": project_light(
            cumulative_wan=report.cumulative_wan if report else None,
            annual_plan_wan=item.annual_plan_wan, period=period,
            yellow_band=plan.yellow_band)})
    forecast = None
    if reports:
        forecast = forecast_year_end(cumulative_wan=reports[last].cumulative_wan,
                                     planned_wan=item.annual_plan_wan, month=last,
                                     yellow_band=plan.yellow_band)
    points = [
        {"month": m["period"].month, "label": _month_label(m["period"].month),
         "completion": None if m["verdict"].is_missing else _pct_float(m["verdict"].completion),
         "timeProgress": float(m["period"].time_progress * 100)}
        for m in months
    ]
    labels = {"completion": _("Completion"), "timeProgress": _("Time progress")}
    return render(request, "progress/project.html", {
        "plan": plan, "project": item, "months": months, "forecast": forecast,
        "chart_data": {"labels": labels, "points": points},
    })


def _discipline_rows(projects, *, plan, period, by: str) -> list[dict]:
    rows = selectors.discipline_counts(projects, period=period, due_day=plan.report_due_day,
                                       by=by)
    if by == "owner_id":
        from tuijin.core.models import Organisation

        names = dict(Organisation.objects.filter(
            pk__in=[r[by] for r in rows if r[by]]).values_list("pk", "name"))
    else:
        names = {d.pk: d.display_name for d in Division.objects.filter(
            pk__in=[r[by] for r in rows])}
    codes = {}
    if by == "district_id":
        codes = dict(Division.objects.filter(pk__in=[r[by] for r in rows])
                     .values_list("pk", "code"))
    result = []
    for row in rows:
        month = discipline(projects=row["n_projects"], months=1,
                           received=row["month_received"], on_time=row["month_on_time"])
        year = discipline(projects=row["n_projects"], months=period.month,
                          received=row["year_received"], on_time=row["year_on_time"])
        result.append({"name": names.get(row[by]) or _("(no owner)"),
                       "code": codes.get(row[by], ""), "projects": row["n_projects"],
                       "month": month, "year": year})
    ranked = rank_by_rate(result, rate=lambda r: r["year"].on_time_rate,
                          tie_key=lambda r: (r["code"], r["name"]))
    return [dict(entry.item, rank=entry.rank) for entry in reversed(ranked)] if by == \
        "owner_id" else [dict(entry.item, rank=entry.rank) for entry in ranked]


@login_required
def discipline_page(request, slug: str):
    """Report rate and on-time rate per district and per owner, month and year so far."""
    plan = plan_for_user(request.user, slug)
    programme = selectors.programme_for(request.user, plan=plan)
    projects = programme.projects
    try:
        period = _period(request, plan, programme)
    except MonthNotInPlan as exc:
        return _bad_month(request, plan, exc.error)
    districts = _discipline_rows(projects, plan=plan, period=period, by="district_id")
    owners = _discipline_rows(programme.projects, plan=plan, period=period, by="owner_id")
    return render(request, "progress/discipline.html", {
        "plan": plan, "period": period, "months": _months(plan), "districts": districts,
        "owners": owners[:50], "owner_count": len(owners),
    })
