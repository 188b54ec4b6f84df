"""Each report also keeps its project's annual plan (``MonthlyReport.planned_wan``), by the
same triggers as its completion (migration 0005), so that the lagging list's whole order —
completion, then the largest plan, then the project — is an index's order.

Without it, projects tied on completion (every project not yet started is at 0 %, half the
programme early in the year) had to be looked up one by one to be ordered by their plan.
"""

from django.db import migrations, models

REPORT = "projects_monthlyreport"
PROJECT = "projects_project"

POSTGRESQL_REPORT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION tuijin_report_completion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.planned_wan := (SELECT p.annual_plan_wan FROM {PROJECT} p WHERE p.id = NEW.project_id);
    NEW.completion := CASE WHEN NEW.planned_wan > 0
                           THEN NEW.cumulative_wan::float8 / NEW.planned_wan::float8 END;
    RETURN NEW;
END $$;
"""
POSTGRESQL_REPORT_FUNCTION_BEFORE = f"""
CREATE OR REPLACE FUNCTION tuijin_report_completion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.completion := (
        SELECT CASE WHEN p.annual_plan_wan > 0
                    THEN NEW.cumulative_wan::float8 / p.annual_plan_wan::float8 END
        FROM {PROJECT} p WHERE p.id = NEW.project_id);
    RETURN NEW;
END $$;
"""

PLAN_OF = f"(SELECT p.annual_plan_wan FROM {PROJECT} p WHERE p.id = {{}})"
COMPLETION = (f"(SELECT CASE WHEN p.annual_plan_wan > 0 THEN CAST({{cumulative}} AS REAL) / "
              f"CAST(p.annual_plan_wan AS REAL) END FROM {PROJECT} p WHERE p.id = {{project}})")
NEW_PLAN = PLAN_OF.format("NEW.project_id")
NEW_COMPLETION = COMPLETION.format(cumulative="NEW.cumulative_wan", project="NEW.project_id")


def sqlite_triggers(*, with_plan: bool) -> list[str]:
    """The three SQLite triggers that write a report's kept columns: with the plan (this
    migration) or without it (migration 0005's, for going back)."""
    plan_set = f", planned_wan = {NEW_PLAN}" if with_plan else ""
    plan_differs = f" OR NEW.planned_wan IS NOT {NEW_PLAN}" if with_plan else ""
    project_plan_set = ", planned_wan = NEW.annual_plan_wan" if with_plan else ""
    return [
        f"""CREATE TRIGGER report_inserted AFTER INSERT ON {REPORT} BEGIN
            UPDATE {REPORT} SET completion = {NEW_COMPLETION}{plan_set} WHERE id = NEW.id;
            UPDATE {PROJECT} SET reported_months = reported_months | (1 << NEW.month)
                WHERE id = NEW.project_id;
        END""",
        f"""CREATE TRIGGER report_updated AFTER UPDATE ON {REPORT}
            WHEN NEW.completion IS NOT {NEW_COMPLETION}{plan_differs} BEGIN
            UPDATE {REPORT} SET completion = {NEW_COMPLETION}{plan_set} WHERE id = NEW.id;
        END""",
        f"""CREATE TRIGGER project_plan_changed AFTER UPDATE OF annual_plan_wan ON {PROJECT}
            WHEN OLD.annual_plan_wan IS NOT NEW.annual_plan_wan BEGIN
            UPDATE {REPORT} SET completion = {COMPLETION.format(
                cumulative=f"{REPORT}.cumulative_wan", project="NEW.id")}{project_plan_set}
                WHERE project_id = NEW.id;
        END""",
    ]


def _replace_sqlite_triggers(cursor, *, with_plan: bool) -> None:
    for name in ("report_inserted", "report_updated", "project_plan_changed"):
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in sqlite_triggers(with_plan=with_plan):
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
            _replace_sqlite_triggers(cursor, with_plan=True)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL_REPORT_FUNCTION_BEFORE)
        else:
            _replace_sqlite_triggers(cursor, with_plan=False)


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
