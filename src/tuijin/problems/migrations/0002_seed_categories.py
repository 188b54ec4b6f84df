"""The categories every install starts with (issue 12); the city office edits the list."""

from django.db import migrations

CATEGORIES = ["用地", "资金", "手续审批", "征迁", "环评能评", "水电气配套", "施工条件", "其他"]


def seed(apps, schema_editor):
    category = apps.get_model("problems", "ProblemCategory")
    for order, name in enumerate(CATEGORIES, start=1):
        category.objects.get_or_create(name=name, defaults={"order": order * 10})


def unseed(apps, schema_editor):
    # Only the seeded names that no problem uses; a category in use stays with its problems.
    category = apps.get_model("problems", "ProblemCategory")
    category.objects.filter(name__in=CATEGORIES, problems__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("problems", "0001_add_problems")]
    operations = [migrations.RunPython(seed, unseed)]
