"""Files as real office software writes them: LibreOffice converts our builders' output to
.xls (BIFF8) and .xlsx. These tests fail, never skip, when LibreOffice is missing."""

from decimal import Decimal

import pytest

from tests.projects.spreadsheets import builders
from tuijin.accounts.scopes import Scope
from tuijin.projects.models import MonthlyReport, Project
from tuijin.projects.spreadsheets.imports import projects_import, reports_import

pytestmark = pytest.mark.django_db

# These tests import as the command line does: for the whole city.
CITY = Scope.city_wide_for_system()


@pytest.fixture(scope="module")
def office_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("office")
    source = builders.merged_title_two_header_rows(
        folder / "merged_title_two_header_rows.xlsx", engine="openpyxl")
    return {"xls": builders.soffice_convert(source, "xls"),
            "xlsx": builders.soffice_convert(source, "xlsx")}


@pytest.mark.parametrize("kind", ["xls", "xlsx"])
def test_libreoffice_written_progress_sheet_imports_projects_and_reports(plan, office_files,
                                                                          kind):
    path = office_files[kind]
    result = projects_import(plan=plan, source=path, user=CITY)
    assert result.errors == [], [str(e) for e in result.errors]
    assert result.counts["new"] == 3
    vanadium = Project.objects.get(name="杞县全钒液流电池储能项目")
    assert vanadium.annual_plan_wan == Decimal("12500.5")
    assert vanadium.domain.code == "manufacturing"
    reports = reports_import(plan=plan, source=path, user=CITY)
    assert reports.errors == []
    assert reports.month == 6
    assert MonthlyReport.objects.get(project__name="开封智慧岛二期").cumulative_wan == Decimal(
        "9000.25")
    assert projects_import(plan=plan, source=path, user=CITY).counts["unchanged"] == 3
