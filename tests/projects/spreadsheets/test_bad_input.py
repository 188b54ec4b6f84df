"""Bad input (issue 3): a clear message for each, naming the row and column, nothing written."""

from decimal import Decimal

import pytest

from tests.projects.spreadsheets import builders
from tuijin.accounts.models import User
from tuijin.accounts.scopes import Scope
from tuijin.core.models import Organisation
from tuijin.projects.models import Project
from tuijin.projects.spreadsheets.imports import projects_import

pytestmark = pytest.mark.django_db

# These tests import as the command line does: for the whole city.
CITY = Scope.city_wide_for_system()

GOOD = ["1", "", "开封石墨项目", "龙亭区", "先进制造业", "开封碳素", "1000", "500"]


def _import(plan, tmp_path, rows, name="sheet.xlsx", **kw):
    path = builders.project_list(tmp_path / name, rows, **kw)
    return projects_import(plan=plan, source=path, user=CITY)


def _only_error(result):
    assert not result.written
    assert Project.objects.count() == 0
    assert len(result.errors) == 1, [str(e) for e in result.errors]
    return result.errors[0]


def test_a_file_that_is_not_a_spreadsheet_is_refused(plan, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("项目名称,县区\n", encoding="utf-8")
    error = _only_error(projects_import(plan=plan, source=path, user=CITY))
    assert "not a spreadsheet" in error.message
    assert error.hint


def test_an_empty_sheet_is_refused(plan, tmp_path):
    path = builders.write_xlsx(tmp_path / "empty.xlsx", [])
    error = _only_error(projects_import(plan=plan, source=path, user=CITY))
    assert "empty" in error.message


def test_a_sheet_without_a_recognisable_header_is_refused(plan, tmp_path):
    path = builders.write_xlsx(tmp_path / "no_header.xlsx", [["甲", "乙"], [1, 2]])
    error = _only_error(projects_import(plan=plan, source=path, user=CITY))
    assert "No header row" in error.message
    assert "项目名称" in error.hint


def test_a_missing_required_column_is_named(plan, tmp_path):
    header = ["序号", "项目名称", "县区", "领域", "总投资"]
    error = _only_error(_import(plan, tmp_path, [GOOD[:1] + GOOD[2:5] + ["1"]], header=header))
    assert error.column == "年度计划投资"
    assert error.row == 3
    assert "计划投资" in error.hint


def test_an_amount_with_no_unit_anywhere_is_refused(plan, tmp_path):
    result = _import(plan, tmp_path, [GOOD], unit_line=None)
    assert [(e.row, e.column) for e in result.errors] == [(4, "总投资"), (4, "年度计划投资")]
    assert "unit" in result.errors[0].message
    assert "万元" in result.errors[0].hint
    assert Project.objects.count() == 0


def test_a_unit_in_the_header_wins_over_the_unit_line(plan, tmp_path):
    header = ["序号", "项目代码", "项目名称", "县区", "领域", "建设单位", "总投资（亿元）",
              "年度计划投资"]
    result = _import(plan, tmp_path, [[*GOOD[:6], "1.2", "500"]], header=header)
    assert result.errors == []
    project = Project.objects.get()
    assert project.total_investment_wan == Decimal("12000")
    assert project.annual_plan_wan == Decimal("500")


def test_an_amount_with_its_own_unit_wins_for_that_cell(plan, tmp_path):
    result = _import(plan, tmp_path, [[*GOOD[:6], "1.2亿", "300万元"]])
    assert result.errors == []
    assert Project.objects.get().total_investment_wan == Decimal("12000")


def test_a_negative_amount_is_refused_naming_the_cell(plan, tmp_path):
    error = _only_error(_import(plan, tmp_path, [[*GOOD[:6], "-5", "500"]]))
    assert (error.row, error.column, error.value) == (4, "总投资", "-5")
    assert "negative" in error.message


def test_a_duplicate_project_code_in_the_file_names_both_rows(plan, tmp_path):
    code = "2023-410202-30-03-000001"
    rows = [["1", code, "甲项目", *GOOD[3:]], ["2", code, "乙项目", *GOOD[3:]]]
    error = _only_error(_import(plan, tmp_path, rows))
    assert error.row == 5
    assert "row 4" in error.message or "4" in error.message


def test_a_code_issued_outside_the_plans_region_is_refused(plan, tmp_path):
    rows = [["1", "2023-410100-30-03-000001", *GOOD[2:]]]
    error = _only_error(_import(plan, tmp_path, rows))
    assert error.column == "项目代码"
    assert "410100" in error.message


def test_a_district_outside_the_plans_region_is_refused(plan, tmp_path):
    error = _only_error(_import(plan, tmp_path, [[*GOOD[:3], "金水区", *GOOD[4:]]]))
    assert error.column == "县区"
    assert "龙亭区" in error.hint


def test_an_unknown_domain_is_an_error_not_created(plan, tmp_path):
    error = _only_error(_import(plan, tmp_path, [[*GOOD[:4], "航天", *GOOD[5:]]]))
    assert error.column == "领域"
    assert plan.domains.count() == 8


def test_every_bad_cell_is_reported_at_once(plan, tmp_path):
    rows = [[*GOOD[:6], "12,5", "500"], [*GOOD[:3], "火星区", *GOOD[4:6], "1", "x"]]
    result = _import(plan, tmp_path, rows)
    assert [(e.row, e.column) for e in result.errors] == [
        (4, "总投资"), (5, "县区"), (5, "年度计划投资")]
    assert Organisation.objects.filter(kind="owner").count() == 0


def test_a_district_user_may_not_import_another_districts_rows(plan, cast, tmp_path):
    path = builders.project_list(tmp_path / "two.xlsx", [GOOD, ["2", "", "杞县项目", "杞县",
                                                               *GOOD[4:]]])
    result = projects_import(plan=plan, source=path, user=cast["longting"])
    [error] = result.errors
    assert (error.row, error.column) == (5, "县区")
    assert Project.objects.count() == 0
    assert projects_import(plan=plan, source=path, user=cast["admin"]).written
    assert User.objects.count() == 6
