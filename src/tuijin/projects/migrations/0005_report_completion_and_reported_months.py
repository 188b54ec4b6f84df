"""Two figures the progress pages read in order from an index, kept by the database itself.

- ``MonthlyReport.completion``: cumulative ÷ the project's annual plan (NULL when nothing is
  planned), so the month's lagging list is the first rows of an index on (month, completion)
  instead of a second pass over every project joined to its report.
- ``Project.reported_months``: bit m set when the project has a report for month m, so the
  month's missing reports are found from the projects alone.

Triggers keep both, whatever writes the rows: the report service, the imports, the demo
loader, the admin or raw SQL. A stale model instance saved later cannot overwrite them either:
the triggers recompute on every update. SQLite cannot change the row being written in a
BEFORE trigger, so there the triggers correct the row just written; PostgreSQL sets the report
before it is written and counts a statement's reports once per statement.
"""

from django.conf import settings
from django.db import migrations, models

REPORT = "projects_monthlyreport"
PROJECT = "projects_project"

# --- PostgreSQL -----------------------------------------------------------------------------

POSTGRESQL_REPORT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION tuijin_report_completion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.completion := (
        SELECT CASE WHEN p.annual_plan_wan > 0
                    THEN NEW.cumulative_wan::float8 / p.annual_plan_wan::float8 END
        FROM {PROJECT} p WHERE p.id = NEW.project_id);
    RETURN NEW;
END $$;
"""

POSTGRESQL_CREATE = POSTGRESQL_REPORT_FUNCTION + f"""
CREATE TRIGGER report_completion BEFORE INSERT OR UPDATE ON {REPORT}
    FOR EACH ROW EXECUTE FUNCTION tuijin_report_completion();

CREATE FUNCTION tuijin_project_reported_months() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reported_months := COALESCE(
        (SELECT bit_or(1 << r.month) FROM {REPORT} r WHERE r.project_id = NEW.id), 0);
    RETURN NEW;
END $$;
CREATE TRIGGER project_reported_months BEFORE UPDATE ON {PROJECT}
    FOR EACH ROW EXECUTE FUNCTION tuijin_project_reported_months();

-- After reports are written, touch their projects once per statement: the trigger above
-- recounts each project's months.
CREATE FUNCTION tuijin_report_touch_projects() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {PROJECT} SET reported_months = 0 WHERE id IN (SELECT project_id FROM changed);
    RETURN NULL;
END $$;
CREATE FUNCTION tuijin_report_touch_moved_projects() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {PROJECT} SET reported_months = 0 WHERE id IN (
        SELECT project_id FROM changed UNION SELECT project_id FROM changed_before);
    RETURN NULL;
END $$;
CREATE TRIGGER report_inserted AFTER INSERT ON {REPORT} REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION tuijin_report_touch_projects();
CREATE TRIGGER report_deleted AFTER DELETE ON {REPORT} REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION tuijin_report_touch_projects();
CREATE TRIGGER report_updated AFTER UPDATE ON {REPORT}
    REFERENCING OLD TABLE AS changed_before NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION tuijin_report_touch_moved_projects();

-- A new annual plan: its reports' completion is recomputed by the report trigger.
CREATE FUNCTION tuijin_project_plan_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {REPORT} SET completion = NULL WHERE project_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER project_plan_changed AFTER UPDATE OF annual_plan_wan ON {PROJECT}
    FOR EACH ROW WHEN (OLD.annual_plan_wan IS DISTINCT FROM NEW.annual_plan_wan)
    EXECUTE FUNCTION tuijin_project_plan_changed();
"""

POSTGRESQL_DROP = f"""
DROP TRIGGER IF EXISTS project_plan_changed ON {PROJECT};
DROP TRIGGER IF EXISTS report_updated ON {REPORT};
DROP TRIGGER IF EXISTS report_deleted ON {REPORT};
DROP TRIGGER IF EXISTS report_inserted ON {REPORT};
DROP TRIGGER IF EXISTS project_reported_months ON {PROJECT};
DROP TRIGGER IF EXISTS report_completion ON {REPORT};
DROP FUNCTION IF EXISTS tuijin_project_plan_changed();
DROP FUNCTION IF EXISTS tuijin_report_touch_moved_projects();
DROP FUNCTION IF EXISTS tuijin_report_touch_projects();
DROP FUNCTION IF EXISTS tuijin_project_reported_months();
DROP FUNCTION IF EXISTS tuijin_report_completion();
"""

# --- SQLite ---------------------------------------------------------------------------------

# SUM of distinct powers of two is their bitwise OR: a project has one report per month.
SQLITE_MONTHS = f"COALESCE((SELECT SUM(1 << r.month) FROM {REPORT} r WHERE r.project_id = {{}}), 0)"
SQLITE_COMPLETION = (
    f"(SELECT CASE WHEN p.annual_plan_wan > 0 THEN CAST({{cumulative}} AS REAL) / "
    f"CAST(p.annual_plan_wan AS REAL) END FROM {PROJECT} p WHERE p.id = {{project}})"
)
NEW_COMPLETION = SQLITE_COMPLETION.format(cumulative="NEW.cumulative_wan",
                                          project="NEW.project_id")

SQLITE_CREATE = [
    f"""CREATE TRIGGER report_inserted AFTER INSERT ON {REPORT} BEGIN
        UPDATE {REPORT} SET completion = {NEW_COMPLETION} WHERE id = NEW.id;
        UPDATE {PROJECT} SET reported_months = reported_months | (1 << NEW.month)
            WHERE id = NEW.project_id;
    END""",
    f"""CREATE TRIGGER report_updated AFTER UPDATE ON {REPORT}
        WHEN NEW.completion IS NOT {NEW_COMPLETION} BEGIN
        UPDATE {REPORT} SET completion = {NEW_COMPLETION} WHERE id = NEW.id;
    END""",
    f"""CREATE TRIGGER report_moved AFTER UPDATE OF month, project_id ON {REPORT}
        WHEN OLD.month IS NOT NEW.month OR OLD.project_id IS NOT NEW.project_id BEGIN
        UPDATE {PROJECT} SET reported_months = {SQLITE_MONTHS.format(f"{PROJECT}.id")}
            WHERE id IN (OLD.project_id, NEW.project_id);
    END""",
    f"""CREATE TRIGGER report_deleted AFTER DELETE ON {REPORT} BEGIN
        UPDATE {PROJECT} SET reported_months = {SQLITE_MONTHS.format("OLD.project_id")}
            WHERE id = OLD.project_id;
    END""",
    # A saved project writes back whatever reported_months it was loaded with.
    f"""CREATE TRIGGER project_reported_months AFTER UPDATE ON {PROJECT}
        WHEN NEW.reported_months IS NOT {SQLITE_MONTHS.format("NEW.id")} BEGIN
        UPDATE {PROJECT} SET reported_months = {SQLITE_MONTHS.format("NEW.id")}
            WHERE id = NEW.id;
    END""",
    f"""CREATE TRIGGER project_plan_changed AFTER UPDATE OF annual_plan_wan ON {PROJECT}
        WHEN OLD.annual_plan_wan IS NOT NEW.annual_plan_wan BEGIN
        UPDATE {REPORT} SET completion = {SQLITE_COMPLETION.format(
            cumulative=f"{REPORT}.cumulative_wan", project="NEW.id")}
            WHERE project_id = NEW.id;
    END""",
]
SQLITE_TRIGGERS = ("report_inserted", "report_updated", "report_moved", "report_deleted",
                   "project_reported_months", "project_plan_changed")


def backfill_and_create_triggers(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"""
                UPDATE {REPORT} r SET completion = CASE WHEN p.annual_plan_wan > 0
                    THEN r.cumulative_wan::float8 / p.annual_plan_wan::float8 END
                FROM {PROJECT} p WHERE p.id = r.project_id""")
            cursor.execute(f"""
                UPDATE {PROJECT} p SET reported_months = m.bits
                FROM (SELECT project_id, bit_or(1 << month) AS bits FROM {REPORT}
                      GROUP BY project_id) m WHERE m.project_id = p.id""")
            cursor.execute(POSTGRESQL_CREATE)
        elif connection.vendor == "sqlite":
            cursor.execute(f"""
                UPDATE {REPORT} SET completion = {SQLITE_COMPLETION.format(
                    cumulative=f"{REPORT}.cumulative_wan", project=f"{REPORT}.project_id")}""")
            cursor.execute(f"""
                UPDATE {PROJECT} SET reported_months = {SQLITE_MONTHS.format(f"{PROJECT}.id")}""")
            for statement in SQLITE_CREATE:
                cursor.execute(statement)
        else:
            raise NotImplementedError(f"No triggers written for {connection.vendor}.")


def drop_triggers(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL_DROP)
        else:
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_load_divisions'),
        ('plans', '0002_indicator_actual_history'),
        ('projects', '0004_project_indexes_without_redundant_ones'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='monthlyreport',
            name='completion',
            field=models.FloatField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='project',
            name='reported_months',
            field=models.PositiveIntegerField(db_default=0, editable=False),
        ),
        migrations.RunPython(backfill_and_create_triggers, drop_triggers),
        migrations.AddIndex(
            model_name='monthlyreport',
            index=models.Index(fields=['month', 'completion'], include=('project', 'cumulative_wan'), name='report_month_completion'),
        ),
        migrations.AddIndex(
            model_name='project',
            index=models.Index(fields=['plan', '-annual_plan_wan', 'id'], include=('reported_months',), name='project_plan_planned'),
        ),
    ]
