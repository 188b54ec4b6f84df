"""Drop three project indexes no query uses, to make imports and loads cheaper.

Every query by domain or district is within a plan and uses project_plan_domain or
project_plan_district; nothing looks projects up by (plan, name).

The foreign keys' indexes are dropped by name rather than by AlterField: on SQLite AlterField
rebuilds the table, and a rebuilt table loses the triggers of migration 0005.
"""

from django.db import migrations, models

INDEXES = {
    "projects_project_district_id_e91f2f34": "district_id",
    "projects_project_domain_id_7694cf2b": "domain_id",
}


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0006_report_month_index_with_completion'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='project',
            name='project_plan_name',
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='project',
                    name='district',
                    field=models.ForeignKey(db_index=False, on_delete=models.deletion.PROTECT, related_name='projects', to='core.division', verbose_name='district'),
                ),
                migrations.AlterField(
                    model_name='project',
                    name='domain',
                    field=models.ForeignKey(db_index=False, on_delete=models.deletion.PROTECT, related_name='projects', to='plans.domain', verbose_name='domain'),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    sql=f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "projects_project" ("{column}")',
                )
                for name, column in INDEXES.items()
            ],
        ),
    ]
