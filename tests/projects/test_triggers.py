"""The columns the database keeps for the progress pages (projects migration 0005):
``MonthlyReport.completion`` and ``Project.reported_months``, whoever writes the rows."""

from decimal import Decimal

import pytest
from django.db import connection

from tests.factories import make_project, make_report
from tuijin.demo.loader import demo_load
from tuijin.projects.models import MonthlyReport, Project
from tuijin.projects.services import report_save


def assert_kept(projects=None):
    """Every report's completion and every project's months, as read back from the database,
    equal what the rows themselves say."""
    projects = Project.objects.all() if projects is None else projects
    for project in projects:
        reports = list(MonthlyReport.objects.filter(project=project.pk))
        expected_bits = sum(1 << report.month for report in reports)
        assert Project.objects.get(pk=project.pk).reported_months == expected_bits, project
        plan = Project.objects.get(pk=project.pk).annual_plan_wan
        for report in reports:
            assert report.planned_wan == plan
            if plan > 0:
                assert report.completion == pytest.approx(float(report.cumulative_wan / plan))
            else:
                assert report.completion is None


def test_a_new_report_sets_its_completion_and_its_projects_month(plan):
    project = make_project(plan, annual_plan_wan="1000")
    assert Project.objects.get(pk=project.pk).reported_months == 0
    make_report(project, 3, "250", "250")
    make_report(project, 4, "0", "250")
    assert MonthlyReport.objects.get(project=project, month=3).completion == 0.25
    assert Project.objects.get(pk=project.pk).reported_months == (1 << 3) | (1 << 4)


def test_nothing_planned_leaves_completion_empty(plan):
    project = make_project(plan, annual_plan_wan="0")
    make_report(project, 1, "10", "10")
    assert MonthlyReport.objects.get(project=project).completion is None


def test_a_new_annual_plan_recomputes_every_report(plan):
    project = make_project(plan, annual_plan_wan="1000")
    make_report(project, 1, "100", "100")
    make_report(project, 2, "100", "200")
    project.annual_plan_wan = Decimal("400")
    project.save()
    assert sorted(project.reports.values_list("completion", flat=True)) == [0.25, 0.5]
    assert set(project.reports.values_list("planned_wan", flat=True)) == {Decimal(400)}
    Project.objects.filter(pk=project.pk).update(annual_plan_wan=0)
    assert list(project.reports.values_list("completion", flat=True)) == [None, None]


def test_a_corrected_report_recomputes_its_completion(plan, cast):
    project = make_project(plan, annual_plan_wan="1000")
    report_save(project=project, month=1, investment_month_wan=Decimal(100),
                cumulative_wan=Decimal(100), user=cast["admin"])
    report_save(project=project, month=1, investment_month_wan=Decimal(300),
                cumulative_wan=Decimal(300), user=cast["admin"], allow_overwrite=True)
    assert MonthlyReport.objects.get(project=project).completion == 0.3


def test_stale_instances_cannot_overwrite_the_kept_columns(plan):
    project = make_project(plan, annual_plan_wan="1000")
    stale_project = Project.objects.get(pk=project.pk)
    report = make_report(project, 5, "500", "500")
    stale_report = MonthlyReport.objects.get(pk=report.pk)
    make_report(project, 6, "0", "500")
    Project.objects.filter(pk=project.pk).update(annual_plan_wan=2000)

    stale_project.name = "renamed"
    stale_project.annual_plan_wan = Decimal("2000")
    stale_project.save()  # writes back reported_months as loaded: 0
    stale_report.progress_text = "edited"
    stale_report.save()  # writes back completion as loaded: 0.5
    assert Project.objects.get(pk=project.pk).reported_months == (1 << 5) | (1 << 6)
    assert MonthlyReport.objects.get(pk=report.pk).completion == 0.25
    assert MonthlyReport.objects.get(pk=report.pk).planned_wan == Decimal(2000)


def test_deleted_and_moved_reports_update_the_projects_months(plan):
    first = make_project(plan, name="一", annual_plan_wan="1000")
    second = make_project(plan, name="二", annual_plan_wan="500")
    make_report(first, 1, "10", "10")
    moved = make_report(first, 2, "10", "20")
    MonthlyReport.objects.filter(pk=moved.pk).update(project=second, month=7)
    assert Project.objects.get(pk=first.pk).reported_months == 1 << 1
    assert Project.objects.get(pk=second.pk).reported_months == 1 << 7
    assert MonthlyReport.objects.get(pk=moved.pk).completion == 0.04
    MonthlyReport.objects.filter(project=first).delete()
    assert Project.objects.get(pk=first.pk).reported_months == 0


def test_the_demo_loader_writes_in_bulk_and_the_columns_are_kept(plan):
    demo_load(plan, projects=40, months=5, seed=9, chunk_size=15)
    assert MonthlyReport.objects.count() > 100
    assert_kept()


def test_every_trigger_survives_the_migrations(db):
    """A later migration that rebuilds a table (SQLite's AlterField does) would drop its
    triggers silently; the test database is built by every migration, so this notices."""
    from importlib import import_module

    triggers = import_module(
        "tuijin.projects.migrations.0005_report_completion_and_reported_months")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            expected = {"report_completion", "project_reported_months", "report_inserted",
                        "report_deleted", "report_updated", "project_plan_changed"}
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            expected = set(triggers.SQLITE_TRIGGERS)
        assert {row[0] for row in cursor.fetchall()} >= expected


def test_a_report_written_while_its_plan_changes_gets_the_new_plan(reference_divisions):
    """PostgreSQL: another transaction changes the plan and commits only after the report's
    insert has begun; the report must end with the new plan (migration 0010). SQLite has one
    writer at a time, so there the change commits before the insert: the same outcome."""
    import threading
    import time

    import psycopg

    from tests.factories import make_plan

    project = make_project(make_plan(), annual_plan_wan="1000")
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        other = psycopg.connect(dbname=settings["NAME"], user=settings["USER"],
                                password=settings["PASSWORD"], host=settings["HOST"],
                                port=settings["PORT"])
        other.execute("UPDATE projects_project SET annual_plan_wan = 2000 WHERE id = %s",
                      [project.pk])
        errors = []

        def insert():
            from django.db import connection as thread_connection
            try:
                make_report(project, 3, "500", "500")
            except Exception as exc:  # reported below, in the test's thread
                errors.append(exc)
            finally:
                thread_connection.close()

        writer = threading.Thread(target=insert)
        writer.start()
        time.sleep(0.5)  # the insert is now waiting for the project's row lock
        other.commit()
        other.close()
        writer.join(10)
        assert not errors
    else:
        Project.objects.filter(pk=project.pk).update(annual_plan_wan=2000)
        make_report(project, 3, "500", "500")
    report = MonthlyReport.objects.get(project=project)
    assert (report.completion, report.planned_wan) == (0.25, Decimal(2000))


def test_values_a_writer_supplies_wrong_are_corrected(plan):
    from django.utils import timezone

    from tuijin.projects import bulk

    project = make_project(plan, annual_plan_wan="1000")
    bulk.insert(MonthlyReport, ["project_id", "month", "investment_month_wan",
                                "cumulative_wan", "progress_text", "blockers",
                                "help_requested", "submitted_at", "completion",
                                "planned_wan"],
                [[project.pk, 2, Decimal(250), Decimal(250), "", "", "", timezone.now(),
                  0.99, Decimal(7)]])
    report = MonthlyReport.objects.get(project=project)
    assert (report.completion, report.planned_wan) == (0.25, Decimal(1000))
    assert Project.objects.get(pk=project.pk).reported_months == 1 << 2
