"""Open data in OC4IDS 0.9.5 (docs/reference/api.md#open-data-oc4ids): the demo programme's
package validates against the standard's own schema and codelists, offline; the mapping of one
project; the command; memory stays bounded at 2,000 projects."""

import csv
import io
import json
import tracemalloc
from datetime import date
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tests.factories import make_project, make_report
from tuijin.api import oc4ids
from tuijin.demo.loader import demo_load

# The standard's files sit beside the repository (../shared in CI and on the machines); they are
# required: a missing copy fails the test rather than skipping the check.
REPO = Path(__file__).resolve().parents[2]
STANDARD = REPO.parent / "shared" / "oc4ids" / "0.9.5"
# Codes outside OC4IDS's open codelists that tuijin uses on purpose (documented in api.md):
# GB/T 2260 as a location's gazetteer.
EXTENSION_CODES = {"gazetteer.scheme": {oc4ids.GAZETTEER_SCHEME}}


def _schema_validator():
    assert (STANDARD / "project-package-schema.json").is_file(), (
        f"OC4IDS 0.9.5 schema not found at {STANDARD}: the checkout needs ../shared/oc4ids")
    package = json.loads((STANDARD / "project-package-schema.json").read_text())
    project = json.loads((STANDARD / "project-schema.json").read_text())
    # Offline: the package schema's $ref to the project schema's URL resolves to the local copy.
    registry = Registry().with_resources([
        (project["id"], Resource.from_contents(project, default_specification=DRAFT4)),
        (package["id"], Resource.from_contents(package, default_specification=DRAFT4)),
    ])
    return jsonschema.Draft4Validator(package, registry=registry,
                                      format_checker=jsonschema.FormatChecker())


def _codelist(name: str) -> set[str]:
    with open(STANDARD / "codelists" / name, encoding="utf-8") as handle:
        return {row["Code"] for row in csv.DictReader(handle)}


def codelist_errors(package: dict) -> list[str]:
    """Codes of open codelists that are neither in the codelist nor a documented extension
    (the closed ones are enums in the schema)."""
    checks = {
        "sector": ("projectSector.csv", lambda p: p.get("sector", [])),
        "parties.roles": ("partyRole.csv",
                          lambda p: [r for party in p.get("parties", []) for r in party["roles"]]),
        "milestones.type": ("milestoneType.csv",
                            lambda p: [m["type"] for m in p.get("milestones", [])]),
        "milestones.code": ("milestoneCode.csv",
                            lambda p: [m["code"] for m in p.get("milestones", [])]),
        "metrics.id": ("metricID.csv", lambda p: [m["id"] for m in p.get("metrics", [])]),
        "gazetteer.scheme": ("locationGazetteers.csv",
                             lambda p: [loc["gazetteer"]["scheme"]
                                        for loc in p.get("locations", []) if "gazetteer" in loc]),
    }
    errors = []
    for path, (name, values) in checks.items():
        known = _codelist(name) | EXTENSION_CODES.get(path, set())
        for project in package["projects"]:
            errors += [f"{project['id']} {path}: {v}" for v in values(project) if v not in known]
    return errors


def _package(plan) -> dict:
    return json.loads("".join(oc4ids.package_chunks(plan, today=date(2023, 10, 15))))


@pytest.mark.django_db
def test_the_demo_programmes_package_validates_with_zero_errors_in_bounded_memory(plan):
    demo_load(plan, projects=2000, months=9, seed=2023)
    package = _package(plan)  # once before measuring: imports and caches are not the package's

    def peak_while_streaming(projects: int) -> tuple[int, int]:
        tracemalloc.start()
        size = 0
        for i, chunk in enumerate(oc4ids.package_chunks(plan, today=date(2023, 10, 15))):
            size += len(chunk.encode())
            if i == projects:
                break
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak, size

    peak_400, _ = peak_while_streaming(400)
    peak_all, size = peak_while_streaming(2000)
    # Streamed a batch of projects at a time: the peak does not grow with the projects
    # written, and is a small part of the package.
    assert size > 5_000_000
    assert peak_all < peak_400 * 1.3, (peak_400, peak_all)
    assert peak_all < size / 2, (peak_all, size)

    errors = sorted(_schema_validator().iter_errors(package), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors[:10]] == []
    assert codelist_errors(package) == []
    assert len(package["projects"]) == 2000
    assert len({p["id"] for p in package["projects"]}) == 2000
    # Nine months of counted reports become nine observations of financial progress.
    months = {len(p["metrics"][0]["observations"]) for p in package["projects"]
              if "metrics" in p}
    assert max(months) == 9


@pytest.mark.django_db
def test_a_project_maps_to_oc4ids(plan, owner_org, settings):
    settings.TUIJIN_OC4IDS_PREFIX = "oc4ids-kf2023-"
    project = make_project(
        plan, district="410202", domain="infrastructure", owner=owner_org, name="开封东站扩建",
        code="2023-410202-48-01-000123", description="新建站房2万平方米",
        total_investment_wan="123456.7891", annual_plan_wan="20000", nature="continuing",
        planned_started_on=date(2023, 3, 1), actual_started_on=date(2023, 3, 18),
        planned_in_production_on=date(2024, 6, 30))
    make_report(project, 1, "1000", "1000")
    make_report(project, 2, "4000", "5000")
    record = _package(plan)["projects"][0]
    assert record["id"] == f"oc4ids-kf2023-{project.pk}"
    assert record["identifiers"] == [{"id": "2023-410202-48-01-000123",
                                      "scheme": "CN-TZXMSPJG"}]
    assert record["title"] == "开封东站扩建"
    assert record["description"] == "新建站房2万平方米"
    assert record["status"] == "implementation"
    assert record["type"] == "construction"
    assert record["sector"] == ["transport"]
    assert record["budget"] == {"amount": {"amount": 1234567891, "currency": "CNY"}}
    assert record["period"] == {"startDate": "2023-03-18T00:00:00+08:00",
                                "endDate": "2024-06-30T00:00:00+08:00"}
    location = record["locations"][0]
    assert location["gazetteer"] == {"scheme": "CN-GBT2260", "identifiers": ["410202"]}
    assert record["publicAuthority"] == {"id": "gov-410200", "name": "开封市人民政府"}
    assert [(p["name"], p["roles"]) for p in record["parties"]] == [
        ("开封市人民政府", ["publicAuthority"]), (owner_org.name, ["funder"])]
    started = next(m for m in record["milestones"] if m["id"] == "started")
    assert (started["code"], started["status"]) == ("commencement", "met")
    finished = next(m for m in record["milestones"] if m["id"] == "in-production")
    assert (finished["code"], finished["status"]) == ("completion", "scheduled")
    [metric] = record["metrics"]
    assert metric["id"] == "financialProgress"
    assert [(o["id"], o["value"]["amount"], o["measure"]) for o in metric["observations"]] == [
        ("2023-01", 10_000_000, 5.0), ("2023-02", 50_000_000, 25.0)]
    # Nothing a report says beside its figures is published.
    assert "blockers" not in json.dumps(record)


def test_status_follows_the_three_batches_dates():
    assert oc4ids.project_status(started_on=None, in_production_on=None,
                                 nature="new") == "preparation"
    assert oc4ids.project_status(started_on=None, in_production_on=None,
                                 nature="continuing") == "implementation"
    assert oc4ids.project_status(started_on=date(2023, 4, 1), in_production_on=None,
                                 nature="new") == "implementation"
    assert oc4ids.project_status(started_on=date(2023, 4, 1),
                                 in_production_on=date(2023, 9, 1), nature="new") == "completion"


def test_amounts_are_exact_yuan():
    assert oc4ids.yuan(Decimal("0.0001")) == 1
    assert oc4ids.yuan(Decimal("300000")) == 3_000_000_000
    assert oc4ids.yuan(None) is None


def test_a_point_is_longitude_first(plan, owner_org, monkeypatch):
    project = make_project(plan, owner=owner_org)
    monkeypatch.setattr(oc4ids, "project_point_wgs84", lambda p: (114.3075, 34.7972))
    record = _package(plan)["projects"][0]
    assert record["locations"][0]["geometry"] == {"type": "Point",
                                                  "coordinates": [114.3075, 34.7972]}
    assert record["id"].endswith(f"-{project.pk}")


@pytest.mark.django_db
def test_a_prefix_not_registered_in_form_is_refused(plan, settings):
    settings.TUIJIN_OC4IDS_PREFIX = "kaifeng-"
    with pytest.raises(CommandError, match="oc4ids-"):
        call_command("export", "oc4ids", "--plan", plan.slug, stdout=io.StringIO())


@pytest.mark.django_db
def test_the_command_writes_the_package_to_stdout_or_a_file(plan, owner_org, tmp_path, settings):
    settings.TUIJIN_OC4IDS_LICENSE = "https://opendatacommons.org/licenses/by/1-0/"
    settings.TUIJIN_OC4IDS_PUBLICATION_POLICY = "https://kf.example.gov.cn/open-data/policy"
    make_project(plan, owner=owner_org)
    out = io.StringIO()
    call_command("export", "oc4ids", "--plan", plan.slug, stdout=out, stderr=io.StringIO())
    package = json.loads(out.getvalue())
    assert package["version"] == "0.9"
    assert package["license"] == "https://opendatacommons.org/licenses/by/1-0/"
    assert package["publicationPolicy"] == "https://kf.example.gov.cn/open-data/policy"
    assert package["uri"].endswith(f"/open-data/{plan.slug}/oc4ids.json")
    target = tmp_path / "kf.json"
    call_command("export", "oc4ids", "--plan", plan.slug, "-o", str(target),
                 stdout=io.StringIO(), stderr=io.StringIO())
    assert json.loads(target.read_text(encoding="utf-8"))["projects"] == package["projects"]


@pytest.mark.django_db
def test_the_public_download_is_off_until_the_plan_is_published(client, plan, owner_org):
    make_project(plan, owner=owner_org)
    url = f"/open-data/{plan.slug}/oc4ids.json"
    assert client.get(url).status_code == 404
    plan.is_open_data = True
    plan.save(update_fields=["is_open_data"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    package = json.loads(b"".join(response.streaming_content))
    assert package["uri"] == f"http://testserver{url}"
    assert len(package["projects"]) == 1
    assert timezone.now().year >= 2023
    assert client.get("/open-data/nowhere-1999/oc4ids.json").status_code == 404


SETTINGS_FORM = {"report_due_day": "25", "counted_report_states": ["submitted", "approved"],
                 "light_scheme": "gap", "green_band": "0", "yellow_band": "10",
                 "ratio_yellow_below": "80", "ratio_red_below": "60"}


@pytest.mark.django_db
def test_the_city_office_publishes_on_the_plans_settings_page_and_withdraws(client, plan, cast,
                                                                             owner_org):
    make_project(plan, owner=owner_org)
    download = f"/open-data/{plan.slug}/oc4ids.json"
    settings_page = f"/plans/{plan.slug}/settings/"
    client.force_login(cast["admin"])
    page = client.get(settings_page, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="is_open_data"' in page and "Not published" in page
    response = client.post(settings_page, {**SETTINGS_FORM, "is_open_data": "on"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.is_open_data
    # Kept in the plan's history with who switched it on.
    assert plan.history.first().history_user == cast["admin"]
    assert download in client.get(settings_page).content.decode()
    client.logout()
    assert client.get(download).status_code == 200
    client.force_login(cast["admin"])
    client.post(settings_page, SETTINGS_FORM)  # an unticked box: withdrawn
    client.logout()
    assert client.get(download).status_code == 404


def test_a_malformed_prefix_stops_the_server_and_the_placeholder_is_noted(settings):
    from tuijin.api.apps import deployment_check, open_data_prefix_check

    assert open_data_prefix_check(None) == []
    assert [m.id for m in deployment_check(None)] == ["tuijin.api.I001"]
    settings.TUIJIN_OC4IDS_PREFIX = "oc4ids-KF-"
    assert [m.id for m in open_data_prefix_check(None)] == ["tuijin.api.E001"]
    settings.CACHES = {**settings.CACHES, "api": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert "tuijin.api.W002" in [m.id for m in deployment_check(None)]
