"""SQLite: a new report's completion and plan are rewritten only when the writer did not
supply them right.

An AFTER trigger cannot change the row being inserted, so 0009's trigger rewrote every new
report and its index entries: bulk report writes took twice as long. The bulk writers (the
demo loader, the report import) now supply both values, computed as the trigger computes them
(``projects.rules.completion_share``); the trigger checks them and corrects only what differs,
so any other writer still ends right. PostgreSQL's BEFORE trigger sets the values whatever the
writer supplied.
"""

from importlib import import_module

from django.db import migrations

REPORT = "projects_monthlyreport"
PROJECT = "projects_project"
previous = import_module("tuijin.projects.migrations.0009_report_planned_for_lagging_order")

# One trigger for both jobs: each trigger a row fires costs SQLite a program run of its own.
SQLITE_CREATE = [
    f"""CREATE TRIGGER report_inserted AFTER INSERT ON {REPORT} BEGIN
        UPDATE {REPORT} SET completion = {previous.NEW_COMPLETION},
            planned_wan = {previous.NEW_PLAN}
            WHERE id = NEW.id AND (NEW.completion IS NOT {previous.NEW_COMPLETION}
                                   OR NEW.planned_wan IS NOT {previous.NEW_PLAN});
        UPDATE {PROJECT} SET reported_months = reported_months | (1 << NEW.month)
            WHERE id = NEW.project_id;
    END""",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS report_inserted")
        for statement in SQLITE_CREATE:
            cursor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS report_inserted")
        cursor.execute(previous.SQLITE_CREATE[0])


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0010_report_sync_after_concurrent_plan_change'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
