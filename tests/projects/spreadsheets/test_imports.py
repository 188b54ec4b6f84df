from decimal import Decimal

import pytest

from tests.factories import make_report
from tests.projects.spreadsheets import builders
from tests.projects.test_triggers import assert_kept
from tuijin.accounts.scopes import Scope
from tuijin.core.models import Organisation
from tuijin.projects.cycle_services import period_lock, period_open
from tuijin.projects.models import MonthlyReport, Project, ReportFiling
from tuijin.projects.spreadsheets.imports import projects_import, reports_import

pytestmark = pytest.mark.django_db

# These tests import as the command line does: for the whole city.
CITY = Scope.city_wide_for_system()


def test_progress_sheet_imports_projects_with_section_domain_and_units(plan, progress_file):
    result = projects_import(plan=plan, source=progress_file, user=CITY)
    assert result.errors == []
    assert result.counts == {"new": 3, "changed": 0, "unchanged": 0, "skipped": 0}
    assert result.written
    graphite = Project.objects.get(code="2023-410202-30-03-000001")
    assert graphite.domain.code == "manufacturing"
    assert graphite.district.code == "410202"
    assert graphite.total_investment_wan == Decimal("120000")
    assert graphite.planned_started_on.isoformat() == "2023-03-01"
    assert graphite.owner.name == "开封碳素有限公司"
    vanadium = Project.objects.get(name="杞县全钒液流电池储能项目")
    assert vanadium.code is None
    assert vanadium.total_investment_wan == Decimal("50000")
    assert vanadium.annual_plan_wan == Decimal("12500.5")
    assert vanadium.planned_started_on.isoformat() == "2023-04-01"
    assert Project.objects.get(name="开封智慧岛二期").district.name == "龙亭区"
    assert graphite.history.count() == 1


def test_importing_the_same_file_twice_changes_nothing(plan, progress_file):
    projects_import(plan=plan, source=progress_file, user=CITY)
    again = projects_import(plan=plan, source=progress_file, user=CITY)
    assert again.errors == []
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 3, "skipped": 0}
    assert Project.objects.count() == 3
    assert Organisation.objects.filter(kind="owner").count() == 3


def test_progress_sheet_imports_as_the_months_reports(plan, progress_file):
    projects_import(plan=plan, source=progress_file, user=CITY)
    result = reports_import(plan=plan, source=progress_file, user=CITY)
    assert result.errors == []
    assert result.month == 6
    assert result.counts["new"] == 3
    report = MonthlyReport.objects.get(project__code="2023-410202-30-03-000001", month=6)
    assert report.cumulative_wan == Decimal("15000")
    assert report.investment_month_wan == Decimal("15000")
    assert report.history.count() == 1
    again = reports_import(plan=plan, source=progress_file, user=CITY)
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 3, "skipped": 0}
    assert_kept()  # the database kept the progress pages' columns for the bulk writes too


def test_months_own_figure_is_derived_from_the_previous_report(plan, progress_file):
    projects_import(plan=plan, source=progress_file, user=CITY)
    graphite = Project.objects.get(code="2023-410202-30-03-000001")
    make_report(graphite, 4, "8000", "8000")
    make_report(graphite, 5, "4000", "12000")
    reports_import(plan=plan, source=progress_file, user=CITY)
    june = MonthlyReport.objects.get(project=graphite, month=6)
    assert (june.investment_month_wan, june.cumulative_wan) == (Decimal(3000), Decimal(15000))


def test_cumulative_below_the_previous_month_is_an_error_naming_the_row(plan, progress_file):
    projects_import(plan=plan, source=progress_file, user=CITY)
    graphite = Project.objects.get(code="2023-410202-30-03-000001")
    make_report(graphite, 5, "16000", "16000")
    result = reports_import(plan=plan, source=progress_file, user=CITY)
    assert not result.written
    [error] = result.errors
    assert error.row == 6
    assert error.column == "2023年 / 1-6月完成投资"
    assert "16,000" in error.message
    assert MonthlyReport.objects.filter(month=6).count() == 0


def test_total_row_mismatch_is_a_warning(plan, tmp_path):
    path = builders.merged_title_two_header_rows(tmp_path / "total_mismatch.xlsx", total=1)
    projects_import(plan=plan, source=path, user=CITY)
    result = reports_import(plan=plan, source=path, user=CITY)
    assert result.errors == []
    [warning] = result.warnings
    assert warning.row == 9
    assert "30000.25" in warning.message


def test_month_in_header_must_match_the_month_asked_for(plan, progress_file):
    from tuijin.core.periods import Period

    projects_import(plan=plan, source=progress_file, user=CITY)
    result = reports_import(plan=plan, source=progress_file, period=Period(2023, 7), user=CITY)
    [error] = result.errors
    assert error.column == "2023年 / 1-6月完成投资"


def test_district_user_reports_only_their_districts_rows(plan, cast, progress_file):
    projects_import(plan=plan, source=progress_file, user=CITY)
    period_open(plan=plan, month=6, user=cast["admin"])
    result = reports_import(plan=plan, source=progress_file, user=cast["qixian"])
    assert [(e.row, e.column) for e in result.errors] == [(6, "县区"), (8, "县区")]
    assert MonthlyReport.objects.count() == 0


def test_a_correction_moves_the_later_months_and_says_so(plan, progress_file):
    projects_import(plan=plan, source=progress_file, user=CITY)
    graphite = Project.objects.get(code="2023-410202-30-03-000001")
    make_report(graphite, 7, "1000", "14000")  # implies 13000 up to June
    dry = reports_import(plan=plan, source=progress_file, user=CITY, dry_run=True)
    assert not dry.errors
    [warning] = [w for w in dry.warnings if w.row == 6]
    assert warning.message == "The cumulative of month 7 will change by +2,000万元."
    assert graphite.reports.get(month=7).cumulative_wan == 14000  # a dry run writes nothing
    result = reports_import(plan=plan, source=progress_file, user=CITY)
    assert result.written and not result.errors
    july = graphite.reports.get(month=7)
    assert (july.investment_month_wan, july.cumulative_wan) == (1000, 16000)
    assert july.history.latest().history_change_reason == "tuijin.import.reports.moved"
    assert_kept()


def test_a_saved_mapping_names_a_header_the_synonyms_miss(plan, tmp_path):
    from tuijin.projects.spreadsheets.mappings import mapping_for, mapping_save

    path = builders.project_list(tmp_path / "odd_headers.xlsx", [
        ["1", "工程甲", "龙亭区", "先进制造业", "10", "5"]],
        header=["序号", "工程名称", "县区", "领域", "总投资", "年度计划投资"])
    assert "No header row" in projects_import(plan=plan, source=path, user=CITY).errors[0].message
    mapping_save(plan=plan, kind="projects", name="工程表", columns={"工程名称": "name"},
                 user=CITY)
    result = projects_import(plan=plan, source=path, user=CITY,
                             mapping=mapping_for(plan=plan, kind="projects", name="工程表"))
    assert result.errors == []
    assert Project.objects.get().name == "工程甲"


def test_dry_run_of_reports_lists_the_derived_month_in_wan(plan, progress_file):
    projects_import(plan=plan, source=progress_file, user=CITY)
    result = reports_import(plan=plan, source=progress_file, dry_run=True, user=CITY)
    row = next(r for r in result.rows if r["project"] == "2023-410200-30-03-000003")
    assert (row["cumulative_wan"], row["investment_month_wan"]) == ("9000.25", "9000.25")
    assert MonthlyReport.objects.count() == 0


def test_changes_are_written_with_a_history_record_each(plan, progress_file, tmp_path):
    projects_import(plan=plan, source=progress_file, user=CITY)
    reports_import(plan=plan, source=progress_file, user=CITY)
    first = builders.PROJECTS[0]
    changed = builders.merged_title_two_header_rows(
        tmp_path / "changed.xlsx",
        projects=[(*first[:3], "杞县", "新建设单位", "130000", first[6], "16000", first[8]),
                  *builders.PROJECTS[1:]])
    result = projects_import(plan=plan, source=changed, user=CITY)
    [change] = [c for c in result.changes if c.status == "changed"]
    assert set(change.fields) == {"district", "owner", "total_investment_wan"}
    assert change.fields["district"] == ("龙亭区", "杞县")
    graphite = Project.objects.get(code=first[1])
    assert (graphite.district.code, graphite.owner.name, graphite.total_investment_wan) == (
        "410221", "新建设单位", Decimal("130000"))
    assert [h.history_type for h in graphite.history.order_by("history_id")] == ["+", "~"]
    assert graphite.history.latest("history_id").total_investment_wan == Decimal("130000")
    result = reports_import(plan=plan, source=changed, user=CITY)
    assert result.counts["changed"] == 1
    report = MonthlyReport.objects.get(project=graphite, month=6)
    assert report.cumulative_wan == Decimal("16000")
    assert [h.cumulative_wan for h in report.history.order_by("history_id")] == [
        Decimal("15000"), Decimal("16000")]
    assert report.history.latest("history_id").history_change_reason == "tuijin.import.reports"


def test_section_rows_in_other_shapes_give_the_domain(plan, tmp_path):
    header = ["序号", "项目名称", "县区", "总投资", "年度计划投资"]
    rows = [["单位：万元"], header,
            ["一、现代农业（1个）"], ["1", "农业项目", "兰考", "10", "5"],
            ["（二）", "城市更新"], ["1", "更新项目", "示范区", "20", "6"],
            ["小计", None, None, "20", "6"]]
    path = builders.write_xlsx(tmp_path / "sections_merged_and_bracketed.xlsx", rows,
                               merges=[(2, 0, 2, 4)])
    result = projects_import(plan=plan, source=path, user=CITY)
    assert result.errors == [], [str(e) for e in result.errors]
    assert dict(Project.objects.values_list("name", "domain__code")) == {
        "农业项目": "agriculture", "更新项目": "urban-renewal"}
    assert Project.objects.get(name="更新项目").district.code == "Z410201"


def test_footer_lines_are_skipped_and_a_bare_unit_in_the_header_counts(plan, tmp_path):
    rows = [["项目名称", "县区", "领域", "总投资亿元", "年度计划投资万元"],
            ["甲项目", "龙亭区", "先进制造业", "1.5", "300"],
            ["填报单位：开封市发改委", None, "填报人：张三"],
            ["注：本表由各县区于每月20日前报送。"]]
    path = builders.write_xlsx(tmp_path / "footer_lines_bare_units.xlsx", rows)
    result = projects_import(plan=plan, source=path, user=CITY)
    assert result.errors == [] and result.warnings == []
    project = Project.objects.get()
    assert (project.total_investment_wan, project.annual_plan_wan) == (Decimal(15000),
                                                                       Decimal(300))


# The reporting cycle (issue 10 §10): a district's sheet comes in as submitted reports of the
# open month, the city office's as approved ones; a locked month refuses the sheet.

def test_a_districts_sheet_is_submitted_for_review_into_the_open_month(plan, cast, tmp_path):
    from tests.factories import make_project

    project = make_project(plan, name="龙亭项目")
    path = builders.write_xlsx(tmp_path / "june.xlsx", [
        ["单位：万元"], ["项目名称", "县区", "1-6月完成投资"], ["龙亭项目", "龙亭区", "80"]])
    refused = reports_import(plan=plan, source=path, user=cast["longting"])
    assert "Month 6 is not open" in refused.errors[0].message
    period_open(plan=plan, month=6, user=cast["admin"])
    result = reports_import(plan=plan, source=path, user=cast["longting"])
    assert result.written
    filing = ReportFiling.objects.get(project=project, month=6)
    assert (filing.state, filing.cumulative_wan) == ("submitted", 80)
    assert filing.events.get().action == "submit"
    assert MonthlyReport.objects.get(project=project, month=6).cumulative_wan == 80
    again = reports_import(plan=plan, source=path, user=cast["admin"])
    assert again.counts["unchanged"] == 1
    period_lock(plan=plan, month=6, user=cast["admin"])
    locked = reports_import(plan=plan, source=path, user=cast["admin"])
    assert "Month 6 is locked" in locked.errors[0].message and not locked.written


def test_the_city_offices_sheet_is_approved(plan, cast, tmp_path):
    from tests.factories import make_project

    project = make_project(plan, name="龙亭项目")
    period_open(plan=plan, month=6, user=cast["admin"])
    path = builders.write_xlsx(tmp_path / "june.xlsx", [
        ["单位：万元"], ["项目名称", "县区", "1-6月完成投资"], ["龙亭项目", "龙亭区", "80"]])
    reports_import(plan=plan, source=path, user=cast["admin"])
    assert ReportFiling.objects.get(project=project, month=6).state == "approved"
