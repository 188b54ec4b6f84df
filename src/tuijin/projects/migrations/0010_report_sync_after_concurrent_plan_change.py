"""PostgreSQL: a report written while another transaction changes its project's annual plan.

The report's BEFORE trigger reads the plan committed when the statement began. If another
transaction is changing that plan, its own trigger cannot see the new report either, so the
report would keep the old plan's completion. The statement triggers already take each written
report's project row lock (to recount its months), which waits for such a transaction to end;
after it, they now recompute the reports whose plan no longer matches. Found in review.

SQLite has one writer at a time, so there the plan change and the report cannot interleave.
"""

from django.db import migrations

REPORT = "projects_monthlyreport"
PROJECT = "projects_project"


def touch_function(name: str, project_ids: str, *, with_sync: bool) -> str:
    # A statement trigger fires even when its statement changed no row: the guard ends the
    # chain (the recompute is itself an UPDATE of reports).
    sync = f"""
    UPDATE {REPORT} r SET completion = NULL FROM {PROJECT} p
        WHERE r.id IN (SELECT id FROM changed) AND p.id = r.project_id
          AND r.planned_wan IS DISTINCT FROM p.annual_plan_wan;""" if with_sync else ""
    guard = "IF NOT EXISTS (SELECT 1 FROM changed) THEN RETURN NULL; END IF;" if with_sync else ""
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {guard}
    UPDATE {PROJECT} SET reported_months = 0 WHERE id IN ({project_ids});{sync}
    RETURN NULL;
END $$;
"""


INSERTED_OR_DELETED = "SELECT project_id FROM changed"
MOVED = "SELECT project_id FROM changed UNION SELECT project_id FROM changed_before"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(touch_function("tuijin_report_touch_projects", INSERTED_OR_DELETED,
                                      with_sync=True))
        cursor.execute(touch_function("tuijin_report_touch_moved_projects", MOVED,
                                      with_sync=True))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(touch_function("tuijin_report_touch_projects", INSERTED_OR_DELETED,
                                      with_sync=False))
        cursor.execute(touch_function("tuijin_report_touch_moved_projects", MOVED,
                                      with_sync=False))


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0009_report_planned_for_lagging_order'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
