import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.projects.spreadsheets import builders
from tuijin.projects.models import MonthlyReport, Project

pytestmark = pytest.mark.django_db


def _run(*args):
    out, err = StringIO(), StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_projects_prints_one_summary_line(plan, progress_file):
    out, _err = _run("projects", str(progress_file), "--plan", plan.slug)
    assert "3 new, 0 changed, 0 unchanged, 0 skipped" in out
    assert Project.objects.count() == 3


def test_dry_run_json_lists_parsed_rows_in_wan_and_writes_nothing(plan, progress_file):
    out, _err = _run("projects", str(progress_file), "--plan", plan.slug, "--dry-run", "--json")
    data = json.loads(out)
    assert data["counts"]["new"] == 3
    assert data["written"] is False
    vanadium = next(r for r in data["rows"] if r["name"] == "杞县全钒液流电池储能项目")
    assert vanadium["annual_plan_wan"] == "12500.5"
    assert vanadium["district"] == "410221"
    assert Project.objects.count() == 0


def test_reports_for_a_month_from_the_progress_sheet(plan, progress_file):
    _run("projects", str(progress_file), "--plan", plan.slug)
    out, _err = _run("reports", str(progress_file), "--plan", plan.slug, "--month", "2023-06")
    assert "3 new" in out
    assert MonthlyReport.objects.filter(month=6).count() == 3


def test_errors_go_to_stderr_and_the_command_fails(plan, tmp_path):
    path = builders.project_list(tmp_path / "bad.xlsx", [
        ["1", "", "甲项目", "火星区", "先进制造业", "", "10", "5"]])
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import", "projects", str(path), "--plan", plan.slug, stderr=err,
                     stdout=StringIO())
    assert "row 4" in err.getvalue() and "县区" in err.getvalue()


def test_json_result_carries_every_error_with_its_location(plan, tmp_path):
    path = builders.project_list(tmp_path / "bad.xlsx", [
        ["1", "", "甲项目", "火星区", "先进制造业", "", "10", "5"]])
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import", "projects", str(path), "--plan", plan.slug, "--json", stdout=out,
                     stderr=StringIO())
    [error] = json.loads(out.getvalue())["errors"]
    assert (error["sheet"], error["row"], error["column"], error["value"]) == (
        "Sheet1", 4, "县区", "火星区")
    assert error["message"] and error["hint"]


def test_unknown_plan_names_the_known_ones(plan, progress_file):
    with pytest.raises(CommandError, match=plan.slug):
        _run("projects", str(progress_file), "--plan", "nope")


def test_a_long_file_imports_with_the_progress_bar(plan, tmp_path):
    rows = [[str(i), "", f"项目{i}", "龙亭区", "先进制造业", "", "10", "5"] for i in range(2500)]
    path = builders.project_list(tmp_path / "long.xlsx", rows)
    out, _err = _run("projects", str(path), "--plan", plan.slug)
    assert "2500 new" in out
    assert Project.objects.count() == 2500


def test_the_command_says_it_imports_for_the_whole_city(plan, progress_file):
    _out, err = _run("projects", str(progress_file), "--plan", plan.slug)
    assert "whole city" in err
    # Rows of two districts, both written: the command is not limited to one district.
    assert set(Project.objects.values_list("district__code", flat=True)) == {"410202", "410221"}
