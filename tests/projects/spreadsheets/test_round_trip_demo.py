"""A 2,000-project demo programme re-imports its own spreadsheets with zero errors and zero
changes (issue 9): the project library, a month's progress sheet and the blank template filled
in with the month's figures. Each export carries the 系统编号, so projects of the same name in
the same district (the demo has had such twins) are matched each to itself."""

import openpyxl
import pytest

from tuijin.accounts.scopes import Scope
from tuijin.core.periods import Period
from tuijin.demo.loader import demo_load
from tuijin.projects.models import MonthlyReport, Project
from tuijin.projects.spreadsheets.exports import projects_export, reports_export, template_export
from tuijin.projects.spreadsheets.imports import projects_import, reports_import

pytestmark = pytest.mark.django_db

CITY = Scope.city_wide_for_system()
JUNE = Period(2023, 6)


def _history_rows() -> int:
    return Project.history.count() + MonthlyReport.history.count()


def _no_changes(result) -> dict[str, int]:
    assert [str(e) for e in result.errors] == []
    assert [str(w) for w in result.warnings] == []
    assert result.written
    assert result.count("new") == 0 and result.count("changed") == 0
    return result.counts


def test_a_2000_project_demo_reimports_its_own_spreadsheets_unchanged(plan, tmp_path):
    # One demo load for the three files: it is the slow part.
    demo_load(plan, projects=2000, months=6, seed=1)
    library_reimports_with_no_errors_and_no_changes(plan, tmp_path)
    progress_sheet_reimports_with_no_errors_and_no_changes(plan, tmp_path)
    blank_template_filled_with_the_months_figures_reimports_unchanged(plan, tmp_path)


def library_reimports_with_no_errors_and_no_changes(programme, tmp_path):
    path = tmp_path / "library.xlsx"
    projects_export(plan=programme, target=path, user=CITY)
    before = _history_rows()
    counts = _no_changes(projects_import(plan=programme, source=path, user=CITY))
    assert counts["unchanged"] == 2000
    assert _history_rows() == before


def progress_sheet_reimports_with_no_errors_and_no_changes(programme, tmp_path):
    path = tmp_path / "june.xlsx"
    reports_export(plan=programme, period=JUNE, target=path, user=CITY)
    before = _history_rows()
    counts = _no_changes(reports_import(plan=programme, source=path, user=CITY))
    reported = MonthlyReport.objects.filter(month=6).count()
    assert counts["unchanged"] == reported
    assert counts["skipped"] == 2000 - reported  # the projects with no June report
    assert _history_rows() == before


def blank_template_filled_with_the_months_figures_reimports_unchanged(programme, tmp_path):
    path = tmp_path / "template.xlsx"
    template_export(plan=programme, period=JUNE, target=path, user=CITY)
    june = {r.project_id: r for r in MonthlyReport.objects.filter(month=6)}
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    header = [cell.value for cell in sheet[4]]  # under the title, unit line and note
    at = {name: header.index(name) for name in
          ("1-6月完成投资", "6月完成投资", "形象进度", "存在问题", "需协调解决的问题", "系统编号")}
    filled = 0
    for row in sheet.iter_rows(min_row=6):
        number = row[at["系统编号"]].value
        report = june.get(number)
        if report is None:
            continue
        row[at["1-6月完成投资"]].value = float(report.cumulative_wan)
        row[at["6月完成投资"]].value = float(report.investment_month_wan)
        row[at["形象进度"]].value = report.progress_text
        row[at["存在问题"]].value = report.blockers
        row[at["需协调解决的问题"]].value = report.help_requested
        filled += 1
    workbook.save(path)
    assert filled == len(june)
    counts = _no_changes(reports_import(plan=programme, source=path, period=JUNE, user=CITY))
    assert counts["unchanged"] == len(june)
