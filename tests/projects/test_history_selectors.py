"""projects.history_selectors: a project's history as the reporting cycle leaves it — every
step and every figure change, old → new, with who and why, newest first; scoped like the
project itself."""

from decimal import Decimal

import pytest
from django.http import Http404

from tests.factories import make_project, make_report
from tuijin.projects.cycle_services import (
    FilingInput,
    filing_reopen_for,
    filing_review,
    filing_save,
    period_lock,
    period_open,
)
from tuijin.projects.history_selectors import project_history_for
from tuijin.projects.services import report_save

D = Decimal


def a_month_of_the_cycle(plan, cast, owner_org):
    """May loaded before the cycle (100); June: the owner's draft (50) → submit → the district
    returns it → the owner corrects it (60) → the district approves → the city office corrects
    May to 120 with a reason, which moves June's counted cumulative from 160 to 180."""
    project = make_project(plan, district="410202", owner=owner_org)
    make_report(project, 5, "100", "100")
    period_open(plan=plan, month=6, user=cast["admin"])
    filing = filing_save(project=project, month=6, data=FilingInput(D("50")),
                         user=cast["owner"])
    filing = filing_save(project=project, month=6, data=FilingInput(D("50")),
                         user=cast["owner"], submit=True, version=filing.version)
    filing = filing_review(filing=filing, action="return", user=cast["longting"],
                           comment="投资额与台账不符")
    filing = filing_save(project=project, month=6,
                         data=FilingInput(D("60"), progress_text="主体结构封顶"),
                         user=cast["owner"], submit=True, version=filing.version)
    filing_review(filing=filing, action="approve", user=cast["longting"])
    report_save(project=project, month=5, investment_month_wan=D("120"), cumulative_wan=None,
                user=cast["admin"], reason="审计调整", allow_overwrite=True)
    return project


def lines(entries):
    return [(e.kind, e.who, e.what, e.month, [(c.label, c.old, c.new) for c in e.changes],
             e.reason) for e in entries]


def test_every_step_and_figure_change_with_who_and_why_newest_first(plan, cast, owner_org):
    project = a_month_of_the_cycle(plan, cast, owner_org)
    history = project_history_for(cast["admin"], project.pk, month=6)
    assert list(reversed(lines(history.entries))) == [
        ("step", "owner-demo", "Draft saved", 6,
         [("Investment this month (万元)", "—", "50.00"),
          ("Cumulative investment this year (万元)", "—", "150.00")], ""),
        ("step", "owner-demo", "Submitted", 6, [], ""),
        ("report", "owner-demo", "Counted figures of month 6 entered", 6,
         [("Investment this month (万元)", "—", "50.00"),
          ("Cumulative investment this year (万元)", "—", "150.00")], "Submitted"),
        ("step", "district-longting", "Returned", 6, [], "投资额与台账不符"),
        ("report", "district-longting", "Counted figures of month 6 withdrawn", 6,
         [("Investment this month (万元)", "50.00", "—"),
          ("Cumulative investment this year (万元)", "150.00", "—")], "投资额与台账不符"),
        ("step", "owner-demo", "Submitted", 6,
         [("Investment this month (万元)", "50.00", "60.00"),
          ("Cumulative investment this year (万元)", "150.00", "160.00"),
          ("Physical progress", "—", "主体结构封顶")], ""),
        ("report", "owner-demo", "Counted figures of month 6 entered", 6,
         [("Investment this month (万元)", "—", "60.00"),
          ("Cumulative investment this year (万元)", "—", "160.00"),
          ("Physical progress", "—", "主体结构封顶")], "Submitted"),
        ("step", "district-longting", "Approved", 6, [], ""),
        ("report", "admin", "Counted figures of month 6 changed", 6,
         [("Cumulative investment this year (万元)", "160.00", "180.00")],
         "Moved by the correction of month 5: 审计调整"),
    ]
    return_step = history.entries[5]
    assert return_step.states == ("Submitted", "Returned")


def test_the_whole_project_holds_every_month_and_the_project_itself(plan, cast, owner_org):
    project = a_month_of_the_cycle(plan, cast, owner_org)
    entries = project_history_for(cast["admin"], project.pk).entries
    may = [e for e in entries if e.month == 5]
    assert [(e.what, e.who, e.reason) for e in may] == [
        ("Counted figures of month 5 changed", "admin", "审计调整"),
        ("Counted figures of month 5 entered", "System", "")]
    assert [(c.old, c.new) for c in may[0].changes] == [("100.00", "120.00"),
                                                          ("100.00", "120.00")]
    assert entries[-1].kind == "project" and entries[-1].what == "Project created"
    assert ("Project name", "—", project.name) in [
        (c.label, c.old, c.new) for c in entries[-1].changes]


def test_a_project_change_names_the_related_rows_not_their_ids(plan, cast, owner_org):
    from tuijin.core.models import Division

    project = make_project(plan, district="410202", owner=owner_org)
    project.district = Division.objects.get(code="410221")
    project.annual_plan_wan = D("12345.5")
    project._change_reason = "划转杞县"
    project.save()
    change = project_history_for(cast["admin"], project.pk).entries[0]
    assert change.what == "Project changed" and change.reason == "划转杞县"
    shown = {c.label: (c.old, c.new) for c in change.changes}
    assert shown["District"] == ("龙亭区", "杞县")
    assert shown["Planned investment this year (万元)"][1] == "12,345.50"


def test_a_reopened_report_shows_the_reason_and_its_photos(plan, cast, owner_org, settings,
                                                           tmp_path):
    from io import BytesIO

    from tests.projects.photo_builders import png
    from tuijin.projects.photo_services import PhotoUpload, photo_add

    settings.MEDIA_ROOT = tmp_path
    project = make_project(plan, district="410202", owner=owner_org)
    period_open(plan=plan, month=6, user=cast["admin"])
    photo_add(project=project, month=6, user=cast["owner"],
              uploads=[PhotoUpload("工地.png", BytesIO(png()))])
    filing = filing_save(project=project, month=6, data=FilingInput(D("5")),
                         user=cast["owner"], submit=True)
    filing_review(filing=filing, action="approve", user=cast["longting"])
    period_lock(plan=plan, month=6, user=cast["admin"])
    filing_reopen_for(project=project, month=6, user=cast["admin"], reason="补充现场照片")
    entries = project_history_for(cast["leader"], project.pk, month=6).entries
    assert (entries[0].what, entries[0].who, entries[0].reason, entries[0].states) == (
        "Reopened", "admin", "补充现场照片", ("Approved", "Returned"))
    photo = next(e for e in entries if e.kind == "photo")
    assert [(c.label, c.old, c.new) for c in photo.changes] == [("Photo", "—", "工地.png")]


def test_an_imported_month_reads_as_imported(plan, cast, owner_org):
    project = make_project(plan, district="410202", owner=owner_org)
    report = make_report(project, 3, "10", "10")
    report._change_reason = "tuijin.import.reports"
    report.cumulative_wan = D("11")
    report.save()
    assert project_history_for(cast["admin"], project.pk, month=3).entries[0].reason == \
        "Imported from a spreadsheet"


@pytest.mark.parametrize("role", ["admin", "leader", "bureau", "longting", "owner"])
def test_whoever_sees_the_project_reads_its_history(plan, cast, owner_org, role):
    project = a_month_of_the_cycle(plan, cast, owner_org)
    assert project_history_for(cast[role], project.pk, month=6).entries


def test_another_districts_user_learns_nothing(plan, cast, owner_org):
    project = a_month_of_the_cycle(plan, cast, owner_org)
    with pytest.raises(Http404):
        project_history_for(cast["qixian"], project.pk)


def test_a_long_reason_is_kept_whole(plan, cast, owner_org):
    """The forms take reasons of up to 500 characters; PostgreSQL used to refuse any over 100
    with an error, in the middle of a correction."""
    project = make_project(plan, district="410202", owner=owner_org)
    make_report(project, 5, "100", "100")
    make_report(project, 6, "10", "110")
    reason = "审计调整：" + "按审计报告核减重复计列的设备购置款" * 20
    report_save(project=project, month=5, investment_month_wan=D("90"), cumulative_wan=None,
                user=cast["admin"], reason=reason, allow_overwrite=True)
    entries = project_history_for(cast["admin"], project.pk).entries
    assert entries[0].reason == reason and len(reason) > 300
    assert entries[1].reason == "Moved by the correction of month 5: " + reason


def test_an_imported_report_shows_its_figures_on_the_import_not_on_the_next_step(plan, cast,
                                                                                 owner_org):
    from django.utils import timezone

    from tuijin.projects.cycle_services import filings_record_import
    from tuijin.projects.models import ReportFiling

    project = make_project(plan, district="410202", owner=owner_org)
    period_open(plan=plan, month=6, user=cast["admin"])
    report = make_report(project, 6, "10", "10")
    filings_record_import(plan=plan, month=6, reports=[report], state="submitted",
                          user=cast["longting"], now=timezone.now())
    filing_review(filing=ReportFiling.objects.get(project=project, month=6), action="approve",
                  user=cast["admin"])
    steps = [e for e in project_history_for(cast["admin"], project.pk, month=6).entries
             if e.kind == "step"]
    assert [(e.what, e.who, e.reason, [(c.old, c.new) for c in e.changes]) for e in steps] == [
        ("Approved", "admin", "", []),
        ("Submitted", "district-longting", "Imported from a spreadsheet",
         [("—", "10.00"), ("—", "10.00")])]
