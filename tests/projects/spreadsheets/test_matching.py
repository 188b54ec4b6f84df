"""Which project a row is about (issue 9): 系统编号 first, then project code, then name and
district; twins are never computed against one another, and the import makes no new ones."""

from decimal import Decimal

import pytest

from tests.factories import make_project, make_report
from tests.projects.spreadsheets import builders
from tuijin.accounts.scopes import Scope
from tuijin.core.periods import Period
from tuijin.projects.models import MonthlyReport, Project
from tuijin.projects.spreadsheets.exports import reports_export
from tuijin.projects.spreadsheets.imports import projects_import, reports_import
from tuijin.projects.spreadsheets.matching import ProjectMatcher

pytestmark = pytest.mark.django_db

CITY = Scope.city_wide_for_system()
JUNE = Period(2023, 6)
CODE = "2023-410202-30-03-000001"
LIBRARY = ["序号", "系统编号", "项目代码", "项目名称", "县区", "领域", "建设单位", "总投资",
           "年度计划投资"]


@pytest.fixture
def twins(plan):
    """Two projects called alike in 龙亭区 without codes, from before the rule refused them."""
    first = make_project(plan, name="龙亭储能项目", annual_plan_wan="1000")
    second = make_project(plan, name="龙亭储能项目", annual_plan_wan="2000")
    make_report(first, 5, "100", "100")
    make_report(second, 5, "900", "900")
    return first, second


def _progress_sheet(tmp_path, rows, header=("序号", "项目名称", "县区", "1-6月完成投资")):
    return builders.write_xlsx(tmp_path / "june.xlsx", [["进度表"], ["单位：万元"], list(header),
                                                         *rows])


def _library(tmp_path, rows, header=LIBRARY):
    return builders.project_list(tmp_path / "library.xlsx", rows, header=header)


def test_a_sheet_that_cannot_tell_twins_apart_names_both_rows_and_both_candidates(
        plan, twins, tmp_path):
    first, second = twins
    path = _progress_sheet(tmp_path, [["1", "龙亭储能项目", "龙亭区", "150"],
                                      ["2", "龙亭储能项目", "龙亭区", "1000"]])
    result = reports_import(plan=plan, source=path, period=JUNE, user=CITY)
    assert not result.written
    assert [(e.row, e.column) for e in result.errors] == [(4, "项目名称"), (5, "项目名称")]
    for error in result.errors:
        assert f"系统编号 {first.pk}" in error.message
        assert f"系统编号 {second.pk}" in error.message
        assert "4, 5" in error.message
        assert "系统编号" in error.hint
    assert MonthlyReport.objects.filter(month=6).count() == 0


def test_the_system_number_tells_twins_apart(plan, twins, tmp_path):
    first, second = twins
    path = _progress_sheet(tmp_path, [["1", second.pk, "龙亭储能项目", "龙亭区", "1000"],
                                      ["2", first.pk, "龙亭储能项目", "龙亭区", "150"]],
                           header=("序号", "系统编号", "项目名称", "县区", "1-6月完成投资"))
    result = reports_import(plan=plan, source=path, period=JUNE, user=CITY)
    assert result.errors == []
    june = {r.project_id: r.investment_month_wan for r in MonthlyReport.objects.filter(month=6)}
    assert june == {first.pk: Decimal("50"), second.pk: Decimal("100")}


def test_an_exported_progress_sheet_of_twins_reimports_unchanged(plan, twins, tmp_path):
    for project, cumulative in zip(twins, ("150", "1000"), strict=True):
        make_report(project, 6, str(Decimal(cumulative) - project.reports.get().cumulative_wan),
                    cumulative)
    path = tmp_path / "june.xlsx"
    reports_export(plan=plan, period=JUNE, target=path, user=CITY)
    result = reports_import(plan=plan, source=path, user=CITY)
    assert result.errors == []
    assert result.counts["unchanged"] == 2


def test_a_system_number_of_no_project_is_refused_on_its_cell(plan, twins, tmp_path):
    path = _progress_sheet(tmp_path, [["1", 99999, "龙亭储能项目", "龙亭区", "150"]],
                           header=("序号", "系统编号", "项目名称", "县区", "1-6月完成投资"))
    [error] = reports_import(plan=plan, source=path, period=JUNE, user=CITY).errors
    assert (error.row, error.column, error.value) == (4, "系统编号", 99999)
    assert "99999" in error.message and "clear the cell" in error.hint


def test_a_system_number_that_is_not_a_whole_number_is_refused(plan, twins, tmp_path):
    path = _progress_sheet(tmp_path, [["1", "12a", "龙亭储能项目", "龙亭区", "150"]],
                           header=("序号", "系统编号", "项目名称", "县区", "1-6月完成投资"))
    result = reports_import(plan=plan, source=path, period=JUNE, user=CITY)
    first = result.errors[0]
    assert (first.row, first.column, first.value) == (4, "系统编号", "12a")
    assert not result.written


def test_a_system_number_and_a_code_of_two_projects_are_refused(plan, tmp_path):
    coded = make_project(plan, name="石墨项目", code=CODE)
    other = make_project(plan, name="储能项目")
    path = _progress_sheet(tmp_path, [["1", other.pk, CODE, "储能项目", "150"]],
                           header=("序号", "系统编号", "项目代码", "项目名称", "1-6月完成投资"))
    [error] = reports_import(plan=plan, source=path, period=JUNE, user=CITY).errors
    assert error.column == "项目代码"
    assert f"系统编号 {other.pk}" in error.message and f"系统编号 {coded.pk}" in error.message


def test_two_rows_of_one_system_number_are_refused_naming_the_first(plan, twins, tmp_path):
    first, _second = twins
    path = _progress_sheet(tmp_path, [["1", first.pk, "龙亭储能项目", "150"],
                                      ["2", first.pk, "龙亭储能项目", "160"]],
                           header=("序号", "系统编号", "项目名称", "1-6月完成投资"))
    [error] = reports_import(plan=plan, source=path, period=JUNE, user=CITY).errors
    assert error.row == 5 and "row 4" in error.message


def test_the_library_import_renames_a_project_matched_by_its_system_number(plan, tmp_path):
    project = make_project(plan, name="龙亭储能项目")
    path = _library(tmp_path, [["1", project.pk, "", "龙亭储能项目（一期）", "龙亭区", "先进制造业",
                                "", "50000", "10000"]])
    result = projects_import(plan=plan, source=path, user=CITY)
    assert result.errors == []
    assert result.count("changed") == 1
    project.refresh_from_db()
    assert project.name == "龙亭储能项目（一期）"
    assert Project.objects.count() == 1


def test_the_library_import_refuses_a_rename_into_a_twin(plan, tmp_path):
    alone = make_project(plan, name="龙亭储能项目")
    other = make_project(plan, name="龙亭光伏项目")
    path = _library(tmp_path, [["1", other.pk, "", "龙亭储能项目", "龙亭区", "先进制造业", "",
                                "50000", "10000"]])
    result = projects_import(plan=plan, source=path, user=CITY)
    [error] = result.errors
    assert (error.row, error.column) == (4, "项目名称")
    assert f"系统编号 {alone.pk}" in error.message
    other.refresh_from_db()
    assert other.name == "龙亭光伏项目"


def test_the_library_import_creates_no_twin_of_an_uncoded_project(plan, tmp_path):
    existing = make_project(plan, name="龙亭储能项目")
    path = _library(tmp_path, [["1", "", "", "龙亭储能项目", "龙亭区", "先进制造业", "", "50000",
                                "20000"]])
    result = projects_import(plan=plan, source=path, user=CITY)
    assert result.errors == [] and result.count("changed") == 1
    assert list(Project.objects.values_list("pk", flat=True)) == [existing.pk]


def test_the_library_import_refuses_a_sheet_that_cannot_tell_twins_apart(plan, twins, tmp_path):
    path = _library(tmp_path, [["1", "", "", "龙亭储能项目", "龙亭区", "先进制造业", "", "50000",
                                "3000"]])
    result = projects_import(plan=plan, source=path, user=CITY)
    [error] = result.errors
    assert all(f"系统编号 {p.pk}" in error.message for p in twins)
    assert sorted(Project.objects.values_list("annual_plan_wan", flat=True)) == [1000, 2000]


def test_a_district_user_cannot_reach_another_districts_project_by_its_number(
        plan, cast, tmp_path):
    elsewhere = make_project(plan, name="杞县储能项目", district="410221")
    path = _library(tmp_path, [["1", elsewhere.pk, "", "杞县储能项目", "龙亭区", "先进制造业",
                                "", "50000", "10000"]])
    result = projects_import(plan=plan, source=path, user=cast["longting"])
    [error] = result.errors
    assert "another district" in error.message and not result.written
    elsewhere.refresh_from_db()
    assert elsewhere.district.code == "410221"


def test_the_library_import_refuses_two_new_rows_that_would_be_twins(plan, tmp_path):
    path = _library(tmp_path, [
        ["1", "", CODE, "龙亭储能项目", "龙亭区", "先进制造业", "", "50000", "10000"],
        ["2", "", "", "龙亭储能项目", "龙亭区", "先进制造业", "", "50000", "10000"]])
    result = projects_import(plan=plan, source=path, user=CITY)
    assert sorted((e.row, e.column) for e in result.errors) == [(4, "项目名称"), (5, "项目名称")]
    assert "row 4" in next(e for e in result.errors if e.row == 5).message
    assert not Project.objects.exists()


def test_the_matcher_requires_a_scope():
    """No scope is not the whole city (issue 9 §5): a command passes
    Scope.city_wide_for_system()."""
    with pytest.raises(TypeError):
        ProjectMatcher([], rows=[], columns={})
