"""docs/reference/access.md shows the roles × rules table of accounts/permissions.py; this test
computes the table from the rules themselves and fails, printing the right table, when the
document and the code disagree."""

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import make_project
from tuijin.accounts import permissions as p
from tuijin.accounts.scopes import Scope
from tuijin.core.models import Division

DOC = Path(__file__).resolve().parents[2] / "docs" / "reference" / "access.md"
START, END = "<!-- access-table -->", "<!-- /access-table -->"

COLUMNS = [
    ("admin", "city admin<br>市级管理员"),
    ("leader", "leader<br>领导"),
    ("bureau", "bureau<br>责任单位"),
    ("longting", "龙亭区 user<br>县区用户"),
    ("qixian", "杞县 user<br>县区用户"),
    ("owner", "owner<br>项目单位"),
    ("anonymous", "anonymous<br>未登录"),
    ("system", "command line<br>`city_wide_for_system()`"),
]


def _rows(plan, project, longting):
    """(question, rule) pairs; ``project`` is in 龙亭区 and belongs to the owner's organisation."""
    return [
        ("sees the whole city's figures (`sees_whole_city`)", p.sees_whole_city),
        ("sees the project (`may_view_project`)", lambda a: p.may_view_project(a, project)),
        ("opens the 龙亭区 dashboard (`may_view_district`)",
         lambda a: p.may_view_district(a, longting)),
        ("manages the plan: targets, plan from text (`may_manage_plan`, `may_use_plan_text`)",
         lambda a: p.may_manage_plan(a) and p.may_use_plan_text(a)),
        ("adds a project (`may_add_project`)", lambda a: p.may_add_project(a, plan)),
        ("edits the project (`may_edit_project`)", lambda a: p.may_edit_project(a, project)),
        ("files the project's monthly report (`may_report_on`)",
         lambda a: p.may_report_on(a, project)),
        ("corrects or withdraws its past report, month open (`may_correct_past_report`)",
         lambda a: p.may_correct_past_report(a, project)),
        ("… once the month is locked (`may_correct_past_report(…, is_month_locked=True)`)",
         lambda a: p.may_correct_past_report(a, project, is_month_locked=True)),
        ("imports the project library (`may_import_projects`)",
         lambda a: p.may_import_projects(a, plan)),
        ("imports a month's reports (`may_import_reports`)",
         lambda a: p.may_import_reports(a, plan)),
        ("writes 龙亭区 rows in an import (`may_import_rows_of`)",
         lambda a: p.may_import_rows_of(a, longting.pk)),
        ("exports the spreadsheets (`may_export`)", lambda a: p.may_export(a, plan)),
        ("saves a column mapping (`may_map_columns`)", lambda a: p.may_map_columns(a, plan)),
        ("manages users: creates, changes, deactivates, resets passwords (`may_manage_users`)",
         p.may_manage_users),
        ("activates, closes and deletes draft plans (`may_change_plan_status`)",
         lambda a: p.may_change_plan_status(a, plan)),
        ("edits the list of problem categories (`may_manage_problem_categories`)",
         p.may_manage_problem_categories),
        ("changes the plan's settings: due day, counted states, lights "
         "(`may_change_plan_settings`)", lambda a: p.may_change_plan_settings(a, plan)),
        ("opens, locks and reopens months (`may_manage_periods`)",
         lambda a: p.may_manage_periods(a, plan)),
        ("fills and submits the project's month (`may_file_report`)",
         lambda a: p.may_file_report(a, project)),
        ("adds photos to it (`may_add_photo`)", lambda a: p.may_add_photo(a, project)),
        ("sees its photos (`may_view_photo`)", lambda a: p.may_view_photo(a, project)),
        ("sees its photos' evidence flags (`may_see_photo_checks`)",
         lambda a: p.may_see_photo_checks(a, project)),
        ("approves or returns it (`may_review_report`)",
         lambda a: p.may_review_report(a, project)),
        ("is offered the review queue and 催报 (`may_review_reports`)",
         lambda a: p.may_review_reports(a, plan)),
        ("reopens it after the lock (`may_reopen_report`)",
         lambda a: p.may_reopen_report(a, project)),
        ("reviews the bureaus' reports (`may_review_bureau_reports`)",
         lambda a: p.may_review_bureau_reports(a, plan)),
        ("raises the project's blockers as a problem (`may_raise_problem`)",
         lambda a: p.may_raise_problem(a, project)),
        ("makes and publishes the bulletin (`may_manage_bulletins`)",
         lambda a: p.may_manage_bulletins(a, plan)),
        ("reads published bulletins (`may_read_bulletins`)",
         lambda a: p.may_read_bulletins(a, plan)),
        ("reads their own district's version of the bulletin (`may_read_district_bulletin`)",
         lambda a: p.may_read_district_bulletin(a, plan)),
    ]


def _table(actors, plan, project, longting) -> str:
    lines = ["| | " + " | ".join(label for _key, label in COLUMNS) + " |",
             "|---|" + "---|" * len(COLUMNS)]
    for question, rule in _rows(plan, project, longting):
        cells = ["yes" if rule(actors[key]) else "—" for key, _label in COLUMNS]
        lines.append(f"| {question} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


@pytest.mark.django_db
def test_the_access_reference_shows_what_the_rules_decide(cast, plan, owner_org):
    actors = {**cast, "anonymous": AnonymousUser(), "system": Scope.city_wide_for_system()}
    project = make_project(plan, district="410202", owner=owner_org)
    expected = _table(actors, plan, project, Division.objects.get(code="410202"))
    text = DOC.read_text(encoding="utf-8")
    written = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert written == expected, (
        f"docs/reference/access.md disagrees with accounts/permissions.py; the table between "
        f"{START} and {END} should read:\n\n{expected}\n"
    )
