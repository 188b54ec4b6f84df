"""Export, then import the same file: zero changes (issue 3)."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from tests.factories import make_owner, make_project, make_report
from tuijin.accounts.scopes import Scope
from tuijin.core.periods import Period
from tuijin.projects.models import MonthlyReport, Project
from tuijin.projects.spreadsheets.exports import projects_export, reports_export, template_export
from tuijin.projects.spreadsheets.imports import projects_import, reports_import
from tuijin.projects.spreadsheets.reader import read_workbook

pytestmark = pytest.mark.django_db

# These tests import as the command line does: for the whole city.
CITY = Scope.city_wide_for_system()


@pytest.fixture
def library(plan):
    owner = make_owner()
    graphite = make_project(plan, name="开封石墨负极材料项目", code="2023-410202-30-03-000001",
                            owner=owner, is_industrial=True, annual_plan_wan="30000.1234",
                            description="年产5万吨负极材料", planned_started_on=date(2023, 3, 1),
                            actual_started_on=date(2023, 3, 18))
    storage = make_project(plan, name="杞县全钒液流电池储能项目", district="410221",
                           domain="innovation", nature=Project.Nature.CONTINUING,
                           annual_plan_wan="12500.5")
    make_project(plan, name="示范区城市更新项目", district="Z410201", domain="urban-renewal")
    make_report(graphite, 5, "8000", "8000")
    make_report(graphite, 6, "4000.25", "12000.25")
    make_report(storage, 6, "300", "300")
    MonthlyReport.objects.filter(project=storage).update(progress_text="主体完工",
                                                         blockers="用地指标不足")
    return plan


def test_exported_project_library_reimports_with_zero_changes(library, tmp_path):
    path = tmp_path / "projects.xlsx"
    assert projects_export(plan=library, target=path, user=CITY) == 3
    result = projects_import(plan=library, source=path, user=CITY)
    assert result.errors == [] and result.warnings == []
    assert result.counts == {"new": 0, "changed": 0, "unchanged": 3, "skipped": 0}


def test_exported_months_reports_reimport_with_zero_changes(library, tmp_path):
    path = tmp_path / "reports.xlsx"
    reports_export(plan=library, period=Period(2023, 6), target=path, user=CITY)
    result = reports_import(plan=library, source=path, user=CITY)
    assert result.errors == [] and result.warnings == []
    assert result.month == 6
    assert result.counts == {"new": 0, "changed": 0, "unchanged": 2, "skipped": 1}
    assert projects_import(plan=library, source=path, user=CITY).counts["unchanged"] == 3


def test_export_looks_hand_made(library, tmp_path):
    path = tmp_path / "reports.xlsx"
    reports_export(plan=library, period=Period(2023, 6), target=path, user=CITY)
    [sheet] = read_workbook(path)
    assert sheet.rows[0][0].endswith("6月份进展情况")
    assert sheet.rows[1][0] == "单位：万元"
    assert sheet.rows[2][7] == "2023年" and sheet.rows[3][8] == "1-6月完成投资"
    assert ((0, 0), (0, 14)) in sheet.merged
    assert sheet.rows[2][14] == "系统编号"  # last, so that a re-import matches by it
    assert sheet.rows[4][0] == "一" and sheet.rows[4][2].endswith("（1个）")
    assert sheet.rows[-1][0] == "合计"
    assert sheet.rows[-1][8] == pytest.approx(12300.25)


def test_filled_in_template_imports_the_months_reports(library, tmp_path):
    import openpyxl

    path = tmp_path / "template.xlsx"
    template_export(plan=library, period=Period(2023, 7), target=path, user=CITY)
    workbook = openpyxl.load_workbook(path)
    ws = workbook.active
    for row in ws.iter_rows(min_row=6):
        if row[2].value == "开封石墨负极材料项目":
            row[4].value = "13,000.25"
            row[6].value = "设备安装"
    workbook.save(path)
    result = reports_import(plan=library, source=path, period=Period(2023, 7), user=CITY)
    assert result.errors == []
    assert result.counts == {"new": 1, "changed": 0, "unchanged": 0, "skipped": 2}
    july = MonthlyReport.objects.get(month=7)
    assert (str(july.investment_month_wan), july.progress_text) == ("1000.0000", "设备安装")


def test_export_command_writes_the_file(library, tmp_path):
    out = StringIO()
    path = tmp_path / "p.xlsx"
    call_command("export", "reports", "--plan", library.slug, "--month", "2023-06", "-o",
                 str(path), stdout=out)
    assert "3 projects" in out.getvalue()
    assert path.stat().st_size > 0


def test_export_command_says_it_exports_the_whole_city(library, tmp_path):
    err = StringIO()
    call_command("export", "projects", "--plan", library.slug, "-o", str(tmp_path / "p.xlsx"),
                 stdout=StringIO(), stderr=err)
    assert "whole city" in err.getvalue()
