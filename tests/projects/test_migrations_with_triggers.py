"""Schema changes to the tables whose derived columns the database keeps (migrations 0005,
0009-0011: ``MonthlyReport.completion``/``planned_wan``, ``Project.reported_months``).

On SQLite, adding a NOT NULL column with a default rebuilds the table; the triggers must come
through it, as they were, without the migration's author doing anything
(docs/reference/derived-columns.md). PostgreSQL alters in place; the same tests hold there.
"""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection, migrations, models
from django.db.migrations.executor import MigrationExecutor

from tests.factories import make_plan, make_project, make_report
from tests.projects.test_triggers import assert_kept
from tuijin.projects.models import MonthlyReport, Project

SUBMITTED = datetime(2023, 3, 20, tzinfo=ZoneInfo("Asia/Shanghai"))


def user_triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}


def kept_figures(project) -> tuple:
    """(reported_months, [(month, completion, planned_wan)]) as the database holds them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reported_months FROM projects_project WHERE id = %s", [project.pk])
        [months] = cursor.fetchone()
        cursor.execute("SELECT month, completion, planned_wan FROM projects_monthlyreport "
                       "WHERE project_id = %s ORDER BY month", [project.pk])
        return months, [(m, c, Decimal(p)) for m, c, p in cursor.fetchall()]


def state_field(*, db_default=models.NOT_PROVIDED) -> models.Field:
    """A NOT NULL column with a default, as the reporting cycle's report state will be: SQLite
    cannot add it in place, so the table is rebuilt."""
    field = models.CharField(max_length=16, default="draft", db_default=db_default)
    field.set_attributes_from_name("throwaway_state")
    field.model = MonthlyReport
    return field


def round_field(*, db_default=models.NOT_PROVIDED) -> models.Field:
    field = models.PositiveSmallIntegerField(default=1, db_default=db_default)
    field.set_attributes_from_name("throwaway_round")
    field.model = Project
    return field


def test_adding_fields_that_rebuild_both_tables_keeps_every_trigger(reference_divisions):
    project = make_project(make_plan(), annual_plan_wan="1000")
    make_report(project, 1, "100", "100")
    before = user_triggers()
    # db_default: rows written through today's models (which lack the column) get it too.
    state, round_ = state_field(db_default="draft"), round_field(db_default=1)
    with connection.schema_editor() as editor:
        editor.add_field(MonthlyReport, state)
        editor.add_field(Project, round_)
    try:
        assert user_triggers() == before
        make_report(project, 2, "150", "250")
        stale = Project.objects.get(pk=project.pk)
        Project.objects.filter(pk=project.pk).update(annual_plan_wan=500)
        stale.name = "renamed"
        stale.save()  # writes back the months and the plan it loaded
        MonthlyReport.objects.filter(project=project, month=1).update(cumulative_wan=50,
                                                                      investment_month_wan=50)
        assert kept_figures(project) == (
            (1 << 1) | (1 << 2), [(1, 0.05, Decimal(1000)), (2, 0.25, Decimal(1000))])
        Project.objects.filter(pk=project.pk).update(annual_plan_wan=1000)
        MonthlyReport.objects.filter(project=project, month=2).delete()
        assert kept_figures(project) == (1 << 1, [(1, 0.05, Decimal(1000))])
    finally:
        with connection.schema_editor() as editor:
            editor.remove_field(MonthlyReport, state)
            editor.remove_field(Project, round_)
    assert user_triggers() == before
    make_report(project, 2, "100", "150")
    assert_kept()


def throwaway_migration(leaf: tuple[str, str]) -> migrations.Migration:
    migration = migrations.Migration("9999_throwaway_report_state", "projects")
    migration.dependencies = [leaf]
    migration.operations = [
        migrations.AddField("monthlyreport", "throwaway_state",
                            models.CharField(max_length=16, default="draft")),
        migrations.AddField("project", "throwaway_round",
                            models.PositiveSmallIntegerField(default=1)),
    ]
    return migration


def executor_with(migration: migrations.Migration) -> MigrationExecutor:
    """``migrate``'s own executor, with the throw-away migration as the newest of projects."""
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    key = (migration.app_label, migration.name)
    graph.add_node(key, migration)
    for parent in migration.dependencies:
        graph.add_dependency(migration, key, parent)
    if key in executor.recorder.applied_migrations():
        executor.loader.applied_migrations[key] = migration
    return executor


def test_a_migration_adding_report_fields_goes_forward_and_back(reference_divisions):
    project = make_project(make_plan(), annual_plan_wan="1000")
    make_report(project, 1, "100", "100")
    before = user_triggers()
    [leaf] = MigrationExecutor(connection).loader.graph.leaf_nodes("projects")
    migration = throwaway_migration(leaf)
    key = (migration.app_label, migration.name)

    executor = executor_with(migration)
    state = executor.migrate([key])
    try:
        assert user_triggers() == before
        # Written as a data migration would, through the historical models that have the field.
        Report = state.apps.get_model("projects", "MonthlyReport")
        HistoricalProject = state.apps.get_model("projects", "Project")
        assert Report.objects.get(project_id=project.pk, month=1).throwaway_state == "draft"
        Report.objects.create(project_id=project.pk, month=2, investment_month_wan=150,
                              cumulative_wan=250, submitted_at=SUBMITTED,
                              throwaway_state="submitted")
        HistoricalProject.objects.filter(pk=project.pk).update(annual_plan_wan=500,
                                                               throwaway_round=2)
        assert kept_figures(project) == (
            (1 << 1) | (1 << 2), [(1, 0.2, Decimal(500)), (2, 0.5, Decimal(500))])
    finally:
        executor_with(migration).migrate([leaf])
    assert key not in MigrationExecutor(connection).recorder.applied_migrations()
    assert user_triggers() == before
    columns = {c.name for c in connection.introspection.get_table_description(
        connection.cursor(), "projects_monthlyreport")}
    assert "throwaway_state" not in columns
    make_report(project, 3, "0", "250")
    Project.objects.filter(pk=project.pk).update(annual_plan_wan=1000)
    assert_kept()

