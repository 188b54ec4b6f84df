"""No selector or service runs without a scope (STYLE.md §3): called with no user they raise,
instead of reading or writing the whole city. Code that acts for the whole city says so with
``Scope.city_wide_for_system()``. Also the paths that used to fail open: an import or an export
with no user, and an import by a read-only role."""

import importlib
import inspect
import pkgutil
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

import tuijin
from tests.factories import make_project, make_report
from tests.projects.spreadsheets import builders
from tuijin.accounts.scopes import Scope
from tuijin.bulletins import selectors as bulletin_selectors
from tuijin.bulletins.models import Bulletin
from tuijin.core.periods import Period
from tuijin.plans import selectors as plan_selectors
from tuijin.problems import selectors as problem_selectors
from tuijin.progress import map_selectors
from tuijin.progress import selectors as progress_selectors
from tuijin.projects import (
    bureau_selectors,
    cycle_selectors,
    evidence_selectors,
    history_selectors,
)
from tuijin.projects import selectors as project_selectors
from tuijin.projects.models import Project
from tuijin.projects.spreadsheets import exports, imports, mappings

pytestmark = pytest.mark.django_db


@pytest.fixture
def progress_file(tmp_path):
    return builders.merged_title_two_header_rows(tmp_path / "merged_title_two_header_rows.xlsx")


def _cases(plan, tmp_path, progress_file):
    """Each scoped read or write, called with everything it needs but the user (None)."""
    target = tmp_path / "out.xlsx"
    return {
        plan_selectors.plans_visible_to: lambda: plan_selectors.plans_visible_to(None),
        plan_selectors.plan_for_user: lambda: plan_selectors.plan_for_user(None, plan.slug),
        plan_selectors.plan_overview: lambda: plan_selectors.plan_overview(plan, user=None),
        project_selectors.projects_visible_to:
            lambda: project_selectors.projects_visible_to(None, plan=plan),
        project_selectors.project_for_user: lambda: project_selectors.project_for_user(None, 1),
        project_selectors.districts_offered_to:
            lambda: project_selectors.districts_offered_to(None, plan=plan),
        progress_selectors.programme_for: lambda: progress_selectors.programme_for(None,
                                                                                  plan=plan),
        progress_selectors.projects_in_scope:
            lambda: progress_selectors.projects_in_scope(None, plan=plan),
        progress_selectors.dashboard_for:
            lambda: progress_selectors.dashboard_for(None, plan=plan, period=Period(2023, 6)),
        progress_selectors.month_shown: lambda: progress_selectors.month_shown(
            None, plan=plan, asked="2023-06", today=date(2023, 7, 1)),
        progress_selectors.months_offered_to: lambda: progress_selectors.months_offered_to(
            None, plan=plan, shown=Period(2023, 6), today=date(2023, 7, 1)),
        progress_selectors.month_status: lambda: progress_selectors.month_status(
            None, plan=plan, period=Period(2023, 6)),
        progress_selectors.district_for_user:
            lambda: progress_selectors.district_for_user(None, plan=plan, code="410202"),
        progress_selectors.projects_behind:
            lambda: progress_selectors.projects_behind(None, plan=plan, period=Period(2023, 6)),
        progress_selectors.curve_figures:
            lambda: progress_selectors.curve_figures(None, plan=plan, period=Period(2023, 6)),
        evidence_selectors.flagged_reports_by_district:
            lambda: evidence_selectors.flagged_reports_by_district(None, plan=plan, month=6),
        map_selectors.map_points: lambda: map_selectors.map_points(
            None, plan=plan, period=Period(2023, 6), filters={}),
        map_selectors.map_data_for: lambda: map_selectors.map_data_for(
            None, plan=plan, period=Period(2023, 6), filters={}),
        exports.projects_export: lambda: exports.projects_export(plan=plan, target=target,
                                                                 user=None),
        exports.reports_export: lambda: exports.reports_export(
            plan=plan, period=Period(2023, 6), target=target, user=None),
        exports.template_export: lambda: exports.template_export(plan=plan, target=target,
                                                                 user=None),
        imports.projects_import: lambda: imports.projects_import(plan=plan, source=progress_file,
                                                                 user=None),
        imports.reports_import: lambda: imports.reports_import(plan=plan, source=progress_file,
                                                               user=None),
        mappings.mapping_save: lambda: mappings.mapping_save(
            plan=plan, kind="projects", name="m", columns={"名称": "name"}, user=None),
        cycle_selectors.month_rows_visible_to:
            lambda: cycle_selectors.month_rows_visible_to(None, plan=plan, month=6),
        cycle_selectors.filings_visible_to:
            lambda: cycle_selectors.filings_visible_to(None, plan=plan),
        history_selectors.project_history_for:
            lambda: history_selectors.project_history_for(None, 1),
        bureau_selectors.bureau_rows_visible_to:
            lambda: bureau_selectors.bureau_rows_visible_to(None, plan=plan, month=6),
        bureau_selectors.bureau_item_for_user: lambda: bureau_selectors.bureau_item_for_user(
            None, plan=plan, subject="indicator", pk=1),
        problem_selectors.problems_visible_to:
            lambda: problem_selectors.problems_visible_to(None, plan=plan),
        problem_selectors.problem_for_user: lambda: problem_selectors.problem_for_user(None, 1),
        problem_selectors.problems_filtered: lambda: problem_selectors.problems_filtered(
            Project.objects.none(), user=None, filters=problem_selectors.ProblemFilters(),
            today=date(2023, 7, 1)),
        problem_selectors.my_problems: lambda: problem_selectors.my_problems(
            None, plan=plan, today=date(2023, 7, 1)),
        problem_selectors.problem_counts: lambda: problem_selectors.problem_counts(
            None, plan=plan, project_ids=[1], today=date(2023, 7, 1)),
        problem_selectors.list_filters_for: lambda: problem_selectors.list_filters_for(
            None, visible=problem_selectors.Problem.objects.none()),
        bulletin_selectors.bulletins_visible_to:
            lambda: bulletin_selectors.bulletins_visible_to(None, plan=plan),
        bulletin_selectors.bulletin_for_user:
            lambda: bulletin_selectors.bulletin_for_user(None, plan=plan, month=6),
        bulletin_selectors.bulletin_content: lambda: bulletin_selectors.bulletin_content(
            None, plan=plan, period=Period(2023, 6), header=None, next_steps=""),
        bulletin_selectors.bulletin_document: lambda: bulletin_selectors.bulletin_document(
            None, Bulletin(plan=plan, month=6, number=1), today=date(2023, 7, 1)),
        bulletin_selectors.live_document: lambda: bulletin_selectors.live_document(
            None, plan=plan, month=6, today=date(2023, 7, 1)),
        bulletin_selectors.office_document: lambda: bulletin_selectors.office_document(
            None, plan=plan, month=6, today=date(2023, 7, 1)),
        bulletin_selectors.corrected_since_publishing:
            lambda: bulletin_selectors.corrected_since_publishing(
                None, Bulletin(plan=plan, month=6, number=1), today=date(2023, 7, 1)),
    }


def _scoped_functions() -> set:
    """Every public function of tuijin's selectors and spreadsheet services that takes a user."""
    found = set()
    modules = [m.name for m in pkgutil.walk_packages(tuijin.__path__, "tuijin.")
               if m.name.endswith(("selectors", ".exports", ".imports", ".mappings"))]
    for name in modules:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if (inspect.isfunction(value) and value.__module__ == name
                    and not attr.startswith("_")
                    and "user" in inspect.signature(value).parameters):
                found.add(value)
    return found


def test_every_scoped_selector_and_service_is_checked_here(plan, tmp_path, progress_file):
    """A new selector taking a user gets a case in ``_cases`` (and so the check below)."""
    missing = _scoped_functions() - set(_cases(plan, tmp_path, progress_file))
    assert {f"{f.__module__}.{f.__name__}" for f in missing} == set()


def test_no_selector_or_service_runs_without_a_scope(plan, tmp_path, progress_file):
    make_project(plan)
    for function, call in _cases(plan, tmp_path, progress_file).items():
        with pytest.raises(TypeError, match="city_wide_for_system"):
            call()
        assert Project.objects.count() == 1, function.__name__  # nothing imported


def test_import_with_no_user_writes_nothing(plan, progress_file):
    """It used to import every district's rows, as if the city office had."""
    with pytest.raises(TypeError):
        imports.projects_import(plan=plan, source=progress_file, user=None)
    with pytest.raises(TypeError):
        imports.reports_import(plan=plan, source=progress_file, user=None)
    assert not Project.objects.exists()


def test_export_with_no_user_exports_nothing(plan, tmp_path):
    """It used to export the whole city."""
    make_project(plan, district="410221")
    target = tmp_path / "projects.xlsx"
    with pytest.raises(TypeError):
        exports.projects_export(plan=plan, target=target, user=None)
    assert not target.exists()


def test_export_for_a_district_user_holds_only_their_district(plan, cast, tmp_path):
    make_project(plan, name="龙亭甲", district="410202")
    make_project(plan, name="杞县甲", district="410221")
    assert exports.projects_export(plan=plan, target=tmp_path / "l.xlsx",
                                   user=cast["longting"]) == 1
    assert exports.projects_export(plan=plan, target=tmp_path / "c.xlsx",
                                   user=Scope.city_wide_for_system()) == 2


@pytest.mark.parametrize("role", ["leader", "bureau", "owner"])
def test_a_role_that_may_not_import_is_refused_by_the_import_itself(plan, cast, progress_file,
                                                                     role):
    """A leader's scope is city-wide; the import used to write every district's rows for them
    when called other than through the page."""
    with pytest.raises(PermissionDenied):
        imports.projects_import(plan=plan, source=progress_file, user=cast[role])
    assert not Project.objects.exists()


def test_reports_import_by_a_leader_is_refused(plan, cast, progress_file):
    imports.projects_import(plan=plan, source=progress_file, user=Scope.city_wide_for_system())
    with pytest.raises(PermissionDenied):
        imports.reports_import(plan=plan, source=progress_file, user=cast["leader"])


def test_saving_a_column_mapping_is_the_city_offices(plan, cast):
    with pytest.raises(PermissionDenied):
        mappings.mapping_save(plan=plan, kind="projects", name="m", columns={"名称": "name"},
                              user=cast["leader"])
    assert mappings.mapping_save(plan=plan, kind="projects", name="m",
                                 columns={"名称": "name"}, user=cast["admin"]).created_by \
        == cast["admin"]


def test_a_read_only_role_gets_403_not_404_for_a_project_it_sees(plan, cast):
    from django.http import Http404

    from tuijin.accounts.permissions import may_report_on

    project = make_project(plan, district="410202")
    make_report(project, 1, "10", "10")
    with pytest.raises(PermissionDenied):
        project_selectors.project_for_user(cast["leader"], project.pk, require=may_report_on)
    with pytest.raises(Http404):
        project_selectors.project_for_user(cast["qixian"], project.pk, require=may_report_on)
    assert project_selectors.project_for_user(cast["longting"], project.pk,
                                              require=may_report_on) == project
