"""Each report also keeps its project's annual plan (``MonthlyReport.planned_wan``), by the
same triggers as its completion (migration 0005), so that the lagging list's whole order —
completion, then the largest plan, then the project — is an index's order.

Without it, projects tied on completion (every project not yet started is at 0 %, half the
programme early in the year) had to be looked up one by one to be ordered by their plan.
"""

from importlib import import_module

from django.db import migrations, models

REPORT = "projects_monthlyreport"
PROJECT = "projects_project"
previous = import_module("tuijin.projects.migrations.0005_report_completion_and_reported_months")

POSTGRESQL_REPORT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION tuijin_report_completion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.planned_wan := (SELECT p.annual_plan_wan FROM {PROJECT} p WHERE p.id = NEW.project_id);
    NEW.completion := CASE WHEN NEW.planned_wan > 0
                           THEN NEW.cumulative_wan::float8 / NEW.planned_wan::float8 END;
    RETURN NEW;
END $$;
"""

PLAN_OF = f"(SELECT p.annual_plan_wan FROM {PROJECT} p WHERE p.id = {{}})"
NEW_PLAN = PLAN_OF.format("NEW.project_id")
NEW_COMPLETION = previous.NEW_COMPLETION

# The three SQLite triggers that write a report's kept columns, now with the plan.
REPLACED = ("report_inserted", "report_updated", "project_plan_changed")
SQLITE_CREATE = [
    f"""CREATE TRIGGER report_inserted AFTER INSERT ON {REPORT} BEGIN
        UPDATE {REPORT} SET completion = {NEW_COMPLETION}, planned_wan = {NEW_PLAN}
            WHERE id = NEW.id;
        UPDATE {PROJECT} SET reported_months = reported_months | (1 << NEW.month)
            WHERE id = NEW.project_id;
    END""",
    f"""CREATE TRIGGER report_updated AFTER UPDATE ON {REPORT}
        WHEN NEW.completion IS NOT {NEW_COMPLETION} OR NEW.planned_wan IS NOT {NEW_PLAN} BEGIN
        UPDATE {REPORT} SET completion = {NEW_COMPLETION}, planned_wan = {NEW_PLAN}
            WHERE id = NEW.id;
    END""",
    f"""CREATE TRIGGER project_plan_changed AFTER UPDATE OF annual_plan_wan ON {PROJECT}
        WHEN OLD.annual_plan_wan IS NOT NEW.annual_plan_wan BEGIN
        UPDATE {REPORT} SET completion = {previous.SQLITE_COMPLETION.format(
            cumulative=f"{REPORT}.cumulative_wan", project="NEW.id")},
            planned_wan = NEW.annual_plan_wan
            WHERE project_id = NEW.id;
    END""",
]


def _replace_sqlite_triggers(cursor, statements) -> None:
    for name in REPLACED:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in statements:
        cursor.execute(statement)


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The backfill changes neither completion nor months: without the triggers it does
            # not recompute them row by row and recount every project.
            cursor.execute(f"ALTER TABLE {REPORT} DISABLE TRIGGER USER")
            cursor.execute(f"""UPDATE {REPORT} r SET planned_wan = p.annual_plan_wan
                               FROM {PROJECT} p WHERE p.id = r.project_id""")
            cursor.execute(f"ALTER TABLE {REPORT} ENABLE TRIGGER USER")
            cursor.execute(POSTGRESQL_REPORT_FUNCTION)
        else:
            cursor.execute(f"""UPDATE {REPORT} SET planned_wan =
                               {PLAN_OF.format(f"{REPORT}.project_id")}""")
            _replace_sqlite_triggers(cursor, SQLITE_CREATE)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(previous.POSTGRESQL_REPORT_FUNCTION)
        else:
            before = dict(zip(previous.SQLITE_TRIGGERS, previous.SQLITE_CREATE, strict=True))
            _replace_sqlite_triggers(cursor, [before[name] for name in REPLACED])


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0008_history_date_without_index'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='monthlyreport',
            name='report_month_completion',
        ),
        migrations.AddField(
            model_name='monthlyreport',
            name='planned_wan',
            field=models.DecimalField(decimal_places=4, editable=False, max_digits=18, null=True),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AddIndex(
            model_name='monthlyreport',
            index=models.Index(fields=['month', 'completion', '-planned_wan', 'project'], include=('cumulative_wan',), name='report_month_completion'),
        ),
    ]
