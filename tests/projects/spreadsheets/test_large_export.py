"""Large exports (issue 11, item 6: 202,000 projects timed out on the web after taking 1.5 GB):
the export reads the projects a chunk at a time and writes each row out as it goes, and the
web view streams the finished file. No timings here: bench/export_bench.py measures 200,000
projects through gunicorn (docs/reference/operations.md, "Large exports")."""

import io
import tracemalloc

import openpyxl
import pytest
from django.urls import reverse

from tuijin.accounts.scopes import Scope
from tuijin.core.periods import Period
from tuijin.demo.loader import demo_load
from tuijin.projects.identity import SYSTEM_NUMBER
from tuijin.projects.models import MonthlyReport, Project
from tuijin.projects.spreadsheets import exports

pytestmark = pytest.mark.django_db

CITY = Scope.city_wide_for_system()


def _data_rows(body: bytes) -> list[tuple]:
    """The project rows of an exported sheet: numbered rows, neither section nor 合计."""
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if SYSTEM_NUMBER in r)
    # Two header rows: a grouped column is named in the second, the others span both.
    header = [low or high for high, low in zip(rows[top], rows[top + 1], strict=True)]
    return [dict(zip(header, r, strict=True)) for r in rows[top + 2:] if isinstance(r[0], int)]


def test_the_export_view_streams_a_complete_workbook(client, plan, cast, monkeypatch):
    # Small chunks, so that 700 projects cross many of them and several domain sections.
    monkeypatch.setattr(exports, "CHUNK", 64)
    demo_load(plan, projects=700, months=6, seed=5)
    client.force_login(cast["admin"])
    response = client.get(reverse("spreadsheets:export", args=[plan.slug, "reports"]),
                          {"month": "2023-06"})
    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content)
    assert int(response["Content-Length"]) == len(body)
    assert "reports-2023-06.xlsx" in response["Content-Disposition"]
    rows = _data_rows(body)
    assert [r["序号"] for r in rows] == list(range(1, 701))
    assert {r[SYSTEM_NUMBER] for r in rows} == set(Project.objects.values_list("id", flat=True))
    june = {r.project_id: r for r in MonthlyReport.objects.filter(month=6)}
    for row in rows:
        report = june.get(row[SYSTEM_NUMBER])
        cumulative = row["1-6月完成投资"]
        assert (cumulative is None) == (report is None)
        if report is not None:
            assert cumulative == pytest.approx(float(report.cumulative_wan))


def test_each_domain_section_counts_its_projects_across_chunks(plan, monkeypatch, tmp_path):
    monkeypatch.setattr(exports, "CHUNK", 50)
    demo_load(plan, projects=400, months=1, seed=6)
    path = tmp_path / "library.xlsx"
    assert exports.projects_export(plan=plan, target=path, user=CITY) == 400
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    sections = [r for r in sheet.iter_rows(values_only=True) if isinstance(r[0], str)
                and r[0] in "一二三四五六七八"]
    announced = {r[2].split("（")[0]: int(r[2].split("（")[1].rstrip("个）")) for r in sections}
    counted = {}
    for project in Project.objects.select_related("domain"):
        counted[project.domain.name] = counted.get(project.domain.name, 0) + 1
    assert announced == counted
    # Each domain once, in the domains' order, numbered 一, 二, …
    assert [r[0] for r in sections] == list("一二三四五六七八")[:len(sections)]


def _peak_bytes(action) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_projects(plan, monkeypatch, tmp_path):
    """The export's peak memory stays far below what merely holding every project takes,
    which is what it did before (and the workbook besides, in memory)."""
    monkeypatch.setattr(exports, "CHUNK", 100)
    demo_load(plan, projects=3000, months=6, seed=7)
    export_peak = _peak_bytes(lambda: exports.reports_export(
        plan=plan, period=Period(2023, 6), target=tmp_path / "june.xlsx", user=CITY))
    holding_peak = _peak_bytes(lambda: list(
        Project.objects.filter(plan=plan).select_related("domain", "district", "owner")))
    assert export_peak < holding_peak / 2, (export_peak, holding_peak)
    assert len(_data_rows((tmp_path / "june.xlsx").read_bytes())) == 3000
