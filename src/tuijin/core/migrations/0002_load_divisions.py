"""Reference data every install needs: the GB/T 2260 divisions tuijin ships (STYLE.md §12)."""

from django.db import migrations


def load(apps, schema_editor):
    from tuijin.core.divisions import divisions_sync

    divisions_sync(apps.get_model("core", "Division"))


def unload(apps, schema_editor):
    # Divisions may be referenced by plans by then; leaving them is the safe reverse.
    pass


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
