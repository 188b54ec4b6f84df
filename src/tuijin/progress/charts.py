"""What the progress pages' charts draw: the JSON their script reads, and where each bar,
slice and headline figure leads (the projects behind it).

Pure functions of a built dashboard or of selector results: no query runs here. Shares become
percentages as floats with two places (the chart library's numbers); the labels are
translated here, as the page's language asks.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from tuijin.core.periods import Period
from tuijin.progress.completion import completion_rate
from tuijin.progress.dashboard import Dashboard, IndicatorLine
from tuijin.progress.targets import pro_rata_path

# The projects list filter behind each headline figure (``HeadlineItem.source``).
EVENT_FILTERS = {"project_count": "event=under_way", "investment": "",
                 "industrial_investment": "industrial=1", "signed": "event=signed",
                 "started": "event=started", "in_production": "event=in_production"}


def month_label(month: int) -> str:
    """A month on a chart axis: "M6" in English, "6月" in Chinese."""
    return _("M%(month)s") % {"month": month}


def pct_float(share: Decimal | None) -> float | None:
    return None if share is None else round(float(share * 100), 2)


def _projects_url(plan_slug: str) -> str:
    return reverse("progress:projects", args=[plan_slug])


def dashboard_chart(dashboard: Dashboard, *, plan_slug: str, district_code: str = "",
                    domain_code: str = "") -> dict:
    """The city, district or domain dashboard's charts: completion by domain and by district,
    the lights, each linking to its projects within the same narrowing."""
    base = _projects_url(plan_slug)
    month = f"month={dashboard.period}"
    narrowing = f"&district={district_code}" if district_code else ""
    narrowing += f"&domain={domain_code}" if domain_code else ""
    return {
        "timeProgress": float(dashboard.time_progress * 100),
        "yellowBand": float(dashboard.yellow_band * 100),
        "domains": [{"name": line.ref.name,
                     "value": pct_float(line.totals.completion),
                     "url": f"{base}?{month}&domain={line.ref.code}{narrowing}"}
                    for line in dashboard.by_domain],
        "districts": [{"name": line.ref.name,
                       "value": pct_float(line.totals.completion),
                       "url": f"{base}?{month}&district={line.ref.code}"
                              + (f"&domain={domain_code}" if domain_code else "")}
                      for line in dashboard.by_district],
        "lights": [{"key": key, "value": value,
                    "url": f"{base}?{month}&light={key}{narrowing}"}
                   for key, value in dashboard.lights.items()],
        "curveUrl": reverse("progress:curve", args=[plan_slug]) + f"?{month}{narrowing}",
        "labels": {"completion": _("Completion"), "timeProgress": _("Time progress"),
                   "green": _("green"), "yellow": _("yellow"), "red": _("red"),
                   "missing": _("missing report")},
    }


def link_headline(dashboard: Dashboard, *, plan_slug: str) -> None:
    """Each headline figure links to the projects behind it (sets ``item.link``)."""
    base = _projects_url(plan_slug)
    for item in [*dashboard.headline, *dashboard.campaign]:
        extra = EVENT_FILTERS[item.source]
        item.link = f"{base}?month={dashboard.period}" + (f"&{extra}" if extra else "")


def completion_curve(points: Mapping[int, Mapping], *, planned_wan: Decimal,
                     period: Period) -> list[dict]:
    """Completion against time progress from January to ``period``; a month without reports
    has no completion point (``points``: ``selectors.monthly_curve``)."""
    return [
        {"month": month, "label": month_label(month),
         "timeProgress": float(Period(period.year, month).time_progress * 100),
         "completion": pct_float(completion_rate(
             cumulative_wan=points[month]["cumulative"], planned_wan=planned_wan))
         if month in points else None}
        for month in range(1, period.month + 1)
    ]


def indicator_charts(indicators: Iterable[IndicatorLine], *, year: int) -> dict[str, dict]:
    """Per indicator code, its monthly values and, for a level target of a computed
    indicator, the pro-rata path to read the line against."""
    charts = {}
    for ind in indicators:
        points = [{"month": m, "label": month_label(m), "value": float(v)}
                  for m, v in sorted(ind.history.items())]
        target = ind.targets[0][0] if ind.targets else None
        path = []
        if target is not None and ind.source != "manual":
            path = [float(value) for value in pro_rata_path(
                target, periods=[Period(year, p["month"]) for p in points])]
        charts[ind.code] = {"points": points, "path": path,
                            "labels": {"actual": _("Actual"), "path": _("Pro-rata target")}}
    return charts


def project_chart(months: Iterable) -> dict:
    """One project's completion against time progress, month by month
    (``months``: ``selectors.ProjectYear.months``)."""
    points = [
        {"month": m.period.month, "label": month_label(m.period.month),
         "completion": None if m.verdict.is_missing else pct_float(m.verdict.completion),
         "timeProgress": float(m.period.time_progress * 100)}
        for m in months
    ]
    labels = {"completion": _("Completion"), "timeProgress": _("Time progress")}
    return {"labels": labels, "points": points}
