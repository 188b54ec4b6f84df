"""A plan's projects as an OC4IDS 0.9.5 project package (open data, issue 14).

The mapping (docs/reference/api.md#open-data-oc4ids) is a set of plain functions from one
project's values to one OC4IDS project; ``package_chunks`` reads the plan a batch of projects at
a time and yields the package as JSON text, so memory stays bounded whatever the plan's size
(the same generator feeds ``tuijin export oc4ids`` and the public download).

Only what a city would publish: the project's identity, place, budget, dates and the monthly
investment the dashboards count. Blockers, help asked for, photos, people and review comments
never leave tuijin this way.
"""

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tuijin.accounts.scopes import Scope
from tuijin.core.periods import Period
from tuijin.projects import geo
from tuijin.projects.models import MonthlyReport, Project
from tuijin.projects.selectors import projects_visible_to

VERSION = "0.9"  # the package's schema version, major.minor (0.9.5 is a patch of 0.9)
# OC4IDS's registered prefix is "oc4ids-" and six lowercase letters or digits; the default is
# a placeholder a deployment replaces once it has registered its own (TUIJIN_OC4IDS_PREFIX).
PREFIX_PATTERN = re.compile(r"^oc4ids-[a-z0-9]{6}-$")
PLACEHOLDER_PREFIX = "oc4ids-xxxxxx-"
# The scheme of the national investment project code (投资项目在线审批监管平台 项目代码) among a
# project's identifiers, and of GB/T 2260 division codes as a location's gazetteer. Neither is
# in OC4IDS's open codelists, so both are named after the issuing standard.
PROJECT_CODE_SCHEME = "CN-TZXMSPJG"
GAZETTEER_SCHEME = "CN-GBT2260"
BATCH = 200  # projects read per query: bounds memory at any plan size

# Our investment domains (DESIGN.md §2, "8232") → OC4IDS projectSector codes. A domain not
# listed here (a plan with its own domains) maps to "economy".
SECTORS = {
    "innovation": ["communications"],            # 创新驱动及新基建: 5G, data centres, platforms
    "manufacturing": ["economy"],                # 先进制造业
    "agriculture": ["economy"],                  # 现代农业
    "services": ["economy"],                     # 现代服务业
    "livelihood": ["education", "health"],       # 民生社会事业: schools, hospitals
    "infrastructure": ["transport"],             # 重大基础设施: roads, rail, airports
    "ecology": ["waterAndWaste", "naturalResources"],  # 生态环保
    "urban-renewal": ["socialHousing", "transport.urban"],  # 城市更新
}
DEFAULT_SECTOR = ["economy"]

# The project's nature → OC4IDS projectType (closed codelist). Both a new and a continuing
# project build a new asset; tuijin does not record rehabilitation or expansion.
TYPES = {Project.Nature.NEW: "construction", Project.Nature.CONTINUING: "construction"}

# 三个一批 (DESIGN.md §3) → OC4IDS milestones: (id, type, code, planned field, actual field).
MILESTONES = (
    ("signed", "approval", "projectApproval", "planned_signed_on", "actual_signed_on"),
    ("started", "delivery", "commencement", "planned_started_on", "actual_started_on"),
    ("in-production", "delivery", "completion", "planned_in_production_on",
     "actual_in_production_on"),
)


@dataclass(frozen=True)
class PublicationSettings:
    """What a deployment sets for its open data (settings TUIJIN_OC4IDS_*)."""

    prefix: str
    publisher: str
    license: str
    publication_policy: str | None
    base_url: str


def publication_settings() -> PublicationSettings:
    prefix = settings.TUIJIN_OC4IDS_PREFIX
    if not PREFIX_PATTERN.match(prefix):
        raise ImproperlyConfigured(
            f"TUIJIN_OC4IDS_PREFIX {prefix!r} is not an OC4IDS prefix: write 'oc4ids-' and "
            "the six lowercase letters or digits registered for you, then '-', such as "
            "oc4ids-abc123-.")
    return PublicationSettings(
        prefix=prefix, publisher=settings.TUIJIN_OC4IDS_PUBLISHER,
        license=settings.TUIJIN_OC4IDS_LICENSE,
        publication_policy=settings.TUIJIN_OC4IDS_PUBLICATION_POLICY or None,
        base_url=settings.TUIJIN_PUBLIC_URL.rstrip("/"))


# ------------------------------------------------------------------------------ pure mapping


def yuan(amount_wan: Decimal | None) -> int | float | None:
    """万元 → CNY as a JSON number: a whole number of yuan when it is one (4 decimals of 万元
    are exactly yuan), never a float of an inexact 万元 figure."""
    if amount_wan is None:
        return None
    value = amount_wan * 10000
    return int(value) if value == value.to_integral_value() else float(value)


def iso_datetime(day: date | datetime | None, *, tz: str) -> str | None:
    """A date as the start of that day in the deployment's time zone, in RFC 3339."""
    if day is None:
        return None
    if not isinstance(day, datetime):
        day = datetime.combine(day, time(0), tzinfo=ZoneInfo(tz))
    return day.isoformat()


def project_status(*, started_on: date | None, in_production_on: date | None,
                   nature: str) -> str:
    """OC4IDS projectStatus (closed codelist): completion once the project is in production
    (投产/竣工), implementation once started (开工) or when continuing from last year,
    otherwise preparation (signed or planned, not started)."""
    if in_production_on is not None:
        return "completion"
    if started_on is not None or nature == Project.Nature.CONTINUING:
        return "implementation"
    return "preparation"


def milestone_status(*, due: date | None, met: date | None, today: date) -> str | None:
    if met is not None:
        return "met"
    if due is None:
        return None
    return "notMet" if due < today else "scheduled"


def month_observation(*, year: int, month: int, cumulative_wan: Decimal,
                      planned_wan: Decimal | None, tz: str) -> dict:
    """One month of the financialProgress metric: the year's cumulative investment up to the
    month's end (CNY), and what share of the year's planned investment that is (per cent)."""
    period = Period(year, month)
    end = date(year + (month == 12), month % 12 + 1, 1)
    observation = {
        "id": str(period),
        "period": {"startDate": iso_datetime(date(year, month, 1), tz=tz),
                   "endDate": iso_datetime(end, tz=tz)},
        "value": {"amount": yuan(cumulative_wan), "currency": "CNY"},
        "notes": "Investment completed since 1 January, cumulative to the end of the month.",
    }
    if planned_wan:
        share = (cumulative_wan / planned_wan * 100).quantize(Decimal("0.01"))
        observation["measure"] = float(share)
        observation["unit"] = {"name": "percent of the year's planned investment"}
    return observation


def project_record(project: Project, reports: Iterable[MonthlyReport], *,
                   publication: PublicationSettings, city: dict, today: date,
                   point: tuple[float, float] | None, tz: str) -> dict:
    """One OC4IDS project. ``city`` is the public authority as a party ({"id", "name"});
    ``point`` is the project's WGS-84 point as (longitude, latitude), if it has one."""
    record: dict = {
        "id": f"{publication.prefix}{project.pk}",
        "updated": project.updated_at.astimezone(UTC).isoformat(),
        "language": "zh",
        "title": project.name,
    }
    if project.code:
        record["identifiers"] = [{"id": project.code, "scheme": PROJECT_CODE_SCHEME}]
    if project.description:
        record["description"] = project.description
    record["status"] = project_status(started_on=project.actual_started_on,
                                      in_production_on=project.actual_in_production_on,
                                      nature=project.nature)
    record["type"] = TYPES.get(project.nature, "construction")
    record["sector"] = list(SECTORS.get(project.domain.code, DEFAULT_SECTOR))
    district = project.district
    location = {
        "id": "1",
        "description": district.name,
        "gazetteer": {"scheme": GAZETTEER_SCHEME, "identifiers": [district.code]},
        "address": {"region": district.name, "countryName": "中国"},
    }
    if point is not None:
        location["geometry"] = {"type": "Point", "coordinates": [point[0], point[1]]}
    record["locations"] = [location]
    if project.total_investment_wan is not None:
        record["budget"] = {"amount": {"amount": yuan(project.total_investment_wan),
                                       "currency": "CNY"}}
    start = project.actual_started_on or project.planned_started_on
    end = project.actual_in_production_on or project.planned_in_production_on
    period = {k: v for k, v in (("startDate", iso_datetime(start, tz=tz)),
                                ("endDate", iso_datetime(end, tz=tz))) if v}
    if period:
        record["period"] = period
    record["publicAuthority"] = dict(city)
    parties = [{**city, "roles": ["publicAuthority"]}]
    if project.owner_id:
        owner = {"id": f"org-{project.owner_id}", "name": project.owner.name}
        parties.append({**owner, "roles": ["funder"]})
    record["parties"] = parties
    milestones = []
    for ident, kind, code, planned, actual in MILESTONES:
        due, met = getattr(project, planned), getattr(project, actual)
        if due is None and met is None:
            continue
        milestone = {"id": ident, "type": kind, "code": code,
                     "status": milestone_status(due=due, met=met, today=today)}
        if due is not None:
            milestone["dueDate"] = iso_datetime(due, tz=tz)
        if met is not None:
            milestone["dateMet"] = iso_datetime(met, tz=tz)
        milestones.append(milestone)
    if milestones:
        record["milestones"] = milestones
    observations = [
        month_observation(year=project.plan.year, month=r.month, cumulative_wan=r.cumulative_wan,
                          planned_wan=project.annual_plan_wan, tz=tz)
        for r in sorted(reports, key=lambda r: r.month) if r.cumulative_wan is not None]
    if observations:
        record["metrics"] = [{"id": "financialProgress", "observations": observations}]
    return record


# ------------------------------------------------------------------------------ reading


def project_point_wgs84(project: Project) -> tuple[float, float] | None:
    """The project's point in WGS-84 as (longitude, latitude), or None (projects.geo, which
    converts a point stored in GCJ-02 or BD-09)."""
    return geo.project_point_wgs84(project)


def _projects(plan) -> Iterator[tuple[Project, list[MonthlyReport]]]:
    """The plan's projects with their counted monthly reports, read BATCH projects at a time
    (keyset on id, so each query is cheap and nothing grows with the plan)."""
    # Open data is the whole plan, as the city office publishes it: the system's city scope.
    projects = (projects_visible_to(Scope.city_wide_for_system(), plan=plan)
                .select_related("plan", "domain", "district", "owner").order_by("pk"))
    last = 0
    while True:
        batch = list(projects.filter(pk__gt=last)[:BATCH])
        if not batch:
            return
        reports: dict[int, list[MonthlyReport]] = {}
        for report in (MonthlyReport.objects.filter(project__in=batch)
                       .only("project_id", "month", "cumulative_wan")):
            reports.setdefault(report.project_id, []).append(report)
        for project in batch:
            yield project, reports.get(project.pk, [])
        last = batch[-1].pk


def published_date(plan) -> datetime:
    """When the package's contents last changed (the schema asks for that of a package made on
    demand): the latest change to a project or a counted report, or the plan's start."""
    from django.db.models import Max

    times = [
        Project.objects.filter(plan=plan).aggregate(t=Max("updated_at"))["t"],
        MonthlyReport.objects.filter(project__plan=plan).aggregate(t=Max("submitted_at"))["t"],
    ]
    times = [t for t in times if t is not None]
    return max(times) if times else datetime(plan.year, 1, 1, tzinfo=UTC)


def package_head(plan, *, publication: PublicationSettings, base_url: str | None = None) -> dict:
    base = base_url or publication.base_url
    head = {
        "uri": f"{base}/open-data/{plan.slug}/oc4ids.json",
        "publishedDate": published_date(plan).astimezone(UTC).isoformat(),
        "version": VERSION,
        "publisher": {"name": publication.publisher or plan.region.name},
        "license": publication.license,
    }
    if publication.publication_policy:
        head["publicationPolicy"] = publication.publication_policy
    return head


def package_chunks(plan, *, today: date, base_url: str | None = None) -> Iterator[str]:
    """The plan's OC4IDS project package as JSON text, one project at a time. ``base_url`` is
    the site's address for the package's uri (default: TUIJIN_PUBLIC_URL)."""
    publication = publication_settings()
    tz = settings.TIME_ZONE
    region = plan.region
    city = {"id": f"gov-{region.code}", "name": f"{region.name}人民政府"}
    head = package_head(plan, publication=publication, base_url=base_url)
    text = json.dumps(head, ensure_ascii=False, indent=None)
    yield text[:-1] + ', "projects": ['
    first = True
    for project, reports in _projects(plan):
        record = project_record(project, reports, publication=publication, city=city,
                                today=today, point=project_point_wgs84(project), tz=tz)
        yield ("" if first else ",") + "\n" + json.dumps(record, ensure_ascii=False)
        first = False
    yield "\n]}\n"
