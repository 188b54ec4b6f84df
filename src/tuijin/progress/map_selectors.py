"""Reads of the project map (issue 16), in the reader's scope: the month's district figures
from the dashboard's own selector, and the points of the projects the list's filters leave."""

from django.db.models import F

from tuijin.accounts.scopes import scope_for
from tuijin.core.models import Division
from tuijin.core.periods import Period
from tuijin.plans.models import Plan
from tuijin.progress.lights import project_light
from tuijin.progress.map import MapPoint, district_shading, encode_points
from tuijin.progress.selectors import (
    _with_month_report,
    dashboard_for,
    light_scheme_of,
    projects_in_scope,
)
from tuijin.projects.geo import to_wgs84
from tuijin.projects.locations import divisions_extent, region_extent
from tuijin.projects.selectors import project_list_filtered


def map_points(user, *, plan: Plan, period: Period, filters: dict) -> list[MapPoint]:
    """The projects with a point among those ``user`` may see, narrowed by the project list's
    ``filters``, each with its light for ``period`` (progress.lights.project_light). One
    query."""
    scheme = light_scheme_of(plan)
    rows = (_with_month_report(
        project_list_filtered(projects_in_scope(user, plan=plan), **filters)
        .filter(longitude__isnull=False, latitude__isnull=False), period)
        .annotate(month_cumulative=F("rep__cumulative_wan"))
        .order_by("id")
        .values_list("id", "name", "longitude", "latitude", "location_datum", "annual_plan_wan",
                     "month_cumulative"))
    points = []
    for pk, name, lng, lat, datum, planned, cumulative in rows.iterator(chunk_size=5000):
        verdict = project_light(cumulative_wan=cumulative, annual_plan_wan=planned,
                                period=period, scheme=scheme)
        wlng, wlat = to_wgs84(lng, lat, datum)
        points.append(MapPoint(pk, name, wlng, wlat,
                               "missing" if verdict.is_missing else verdict.light.value,
                               planned))
    return points


def map_data_for(user, *, plan: Plan, period: Period, filters: dict) -> dict:
    """Everything map.js draws for ``period``: the districts' completion
    (the dashboard's district lines) against time progress, and the points, packed
    (progress.map)."""
    dashboard = dashboard_for(user, plan=plan, period=period, lagging_limit=0)
    box = region_extent(plan.region.code)
    points = map_points(user, plan=plan, period=period, filters=filters)
    origin = (box.west, box.south) if box else (
        min((p.longitude for p in points), default=0.0),
        min((p.latitude for p in points), default=0.0))
    # A district user's map opens on their own districts, not the whole city (their points
    # would pile into a corner); the rest of the city stays there to pan to.
    scope = scope_for(user)
    focus = None if scope.is_city_wide else divisions_extent(
        Division.objects.filter(pk__in=scope.division_ids).values_list("code", flat=True))
    reported = dashboard.total.totals.reported
    return {"month": period.month,
            # Districts are shaded ahead of or behind time progress, as the bulletin's map
            # and charts colour them.
            "time_progress": float(dashboard.time_progress),
            # The month's reports in the reader's scope: none, and the page says so.
            "reported": reported,
            "districts": district_shading(dashboard.by_district, has_reports=reported > 0),
            "points": encode_points(points, origin=origin),
            "focus": [focus.west, focus.south, focus.east, focus.north] if focus else None}
