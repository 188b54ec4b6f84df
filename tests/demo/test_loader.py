"""Loading a demo programme into the database: counts, refusal, replace, no history."""

from collections import defaultdict

import pytest

from tests.factories import make_project, make_report
from tuijin.core.errors import InputError
from tuijin.core.models import Organisation
from tuijin.demo.generator import DemoSpec, demo_owners, demo_projects
from tuijin.demo.loader import demo_load
from tuijin.projects.models import MonthlyReport, Project
from tuijin.projects.rules import MonthFigures, check_cumulative, report_write_plan


def generated(plan, *, projects, months, seed):
    domains = tuple(plan.domains.order_by("number").values_list("code", flat=True))
    return list(demo_projects(DemoSpec(plan.year, projects, months, seed, domains,
                                       plan.report_due_day)))


@pytest.fixture
def loaded(plan):
    return demo_load(plan, projects=300, months=6, seed=1, chunk_size=128)


def test_loads_projects_and_reports_in_chunks_with_matching_counts(plan, loaded):
    rows = generated(plan, projects=300, months=6, seed=1)
    assert loaded["projects"] == 300
    assert loaded["reports"] == sum(len(reports) for _, reports in rows)
    assert Project.objects.filter(plan=plan, is_demo=True).count() == 300
    assert MonthlyReport.objects.filter(project__plan=plan).count() == loaded["reports"]
    assert loaded["owners_created"] == Organisation.objects.filter(is_demo=True).count()


def test_loaded_rows_equal_the_generated_rows(plan, loaded):
    rows = generated(plan, projects=300, months=6, seed=1)
    projects = list(Project.objects.filter(plan=plan).select_related("domain", "district",
                                                                    "owner").order_by("pk"))
    for project, (row, reports) in zip(projects, rows, strict=True):
        assert (project.name, project.code, project.domain.code, project.district.code,
                project.owner.name, project.annual_plan_wan, project.actual_started_on) == (
            row.name, row.code, row.domain, row.district, row.owner, row.annual_plan_wan,
            row.actual_started_on)
        saved = list(project.reports.order_by("month"))
        assert [(r.month, r.investment_month_wan, r.cumulative_wan, r.blockers, r.submitted_at)
                for r in saved] == [
            (r.month, r.investment_month_wan, r.cumulative_wan, r.blockers, r.submitted_at)
            for r in reports]


def test_everything_the_fast_path_writes_passes_the_rules_of_the_report_form(plan):
    """The loader writes in bulk, past the report service (issue 9 §1); what it writes must
    still be what the one write path would accept: each month agrees with the latest earlier
    one, feeding the months in order through ``report_write_plan`` stores them unchanged and
    moves nothing, and the projects (milestone dates, amounts, codes) and a report of each
    pass the models' validation."""
    demo_load(plan, projects=120, months=12, seed=9)
    reports = defaultdict(list)
    for report in (MonthlyReport.objects.filter(project__plan=plan).select_related("project")
                   .order_by("project", "month")):
        reports[report.project_id].append(report)
    assert sum(12 - len(months) for months in reports.values()) > 0  # some months skipped
    for months in reports.values():
        previous, written = None, []
        for report in months:
            check_cumulative(previous_cumulative=previous,
                             investment_month=report.investment_month_wan,
                             cumulative=report.cumulative_wan)
            previous = report.cumulative_wan
            figures = MonthFigures(report.month, report.investment_month_wan,
                                   report.cumulative_wan)
            write = report_write_plan(month=report.month, cumulative=report.cumulative_wan,
                                      investment_month=report.investment_month_wan,
                                      reports=written)
            assert (write.figures, write.later) == (figures, ())
            written.append(figures)
        months[-1].full_clean()  # a sample: the checks against the database cost 6 ms a row

    projects = Project.objects.filter(plan=plan).select_related("plan__region", "district")
    assert any(project.actual_in_production_on for project in projects)
    for project in projects:
        project.full_clean()


def test_writes_no_history_rows(plan, loaded):
    assert Project.history.count() == 0
    assert MonthlyReport.history.count() == 0


def test_refuses_a_second_load_without_replace(plan, loaded):
    with pytest.raises(InputError) as error:
        demo_load(plan, projects=10, months=1, seed=2)
    assert error.value.field == "replace"
    assert "--replace" in error.value.hint
    assert Project.objects.filter(plan=plan).count() == 300


def test_replace_deletes_previous_demo_and_keeps_real_projects(plan, loaded):
    real = make_project(plan, name="真实项目")
    make_report(real, 1, "100", "100")
    counts = demo_load(plan, projects=40, months=3, seed=2, replace=True)
    assert counts["deleted_projects"] == 300
    assert counts["deleted_owners"] > 0
    new_pool = {owner.name for owner in demo_owners(DemoSpec(2023, 40, 3, 2, ()))}
    assert set(Organisation.objects.filter(is_demo=True).values_list("name", flat=True)) == (
        new_pool)
    assert Project.objects.filter(plan=plan, is_demo=True).count() == 40
    assert MonthlyReport.objects.filter(project__is_demo=True).count() == counts["reports"]
    assert real.reports.count() == 1
    assert Project.objects.filter(plan=plan, is_demo=False).get() == real


def test_a_real_project_code_is_not_reused_by_the_demo(plan):
    first = generated(plan, projects=20, months=0, seed=3)
    taken = next(row.code for row, _ in first if row.code)
    make_project(plan, name="真实项目", code=taken)
    demo_load(plan, projects=20, months=0, seed=3)
    assert Project.objects.filter(plan=plan, code=taken).count() == 1


@pytest.mark.parametrize(("field", "kwargs"), [
    ("projects", {"projects": 0, "months": 3}),
    ("months", {"projects": 10, "months": 13}),
])
def test_refuses_impossible_sizes_naming_the_field(plan, field, kwargs):
    with pytest.raises(InputError) as error:
        demo_load(plan, seed=1, **kwargs)
    assert error.value.field == field
    assert not Project.objects.exists()
