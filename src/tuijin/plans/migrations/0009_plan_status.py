"""Plans get a life: draft → active → closed (issue 15). Plans that exist already are in use,
so they become active; a plan created from now on starts as a draft."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0008_plan_is_open_data"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalplan",
            name="status",
            field=models.CharField(
                choices=[("draft", "Draft"), ("active", "Active"), ("closed", "Closed")],
                default="active", max_length=8, verbose_name="status"),
        ),
        migrations.AddField(
            model_name="plan",
            name="status",
            field=models.CharField(
                choices=[("draft", "Draft"), ("active", "Active"), ("closed", "Closed")],
                default="active", max_length=8, verbose_name="status"),
        ),
        migrations.AlterField(
            model_name="historicalplan",
            name="status",
            field=models.CharField(
                choices=[("draft", "Draft"), ("active", "Active"), ("closed", "Closed")],
                default="draft", max_length=8, verbose_name="status"),
        ),
        migrations.AlterField(
            model_name="plan",
            name="status",
            field=models.CharField(
                choices=[("draft", "Draft"), ("active", "Active"), ("closed", "Closed")],
                default="draft", max_length=8, verbose_name="status"),
        ),
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.CheckConstraint(
                condition=models.Q(status__in=["draft", "active", "closed"]),
                name="plan_status_known"),
        ),
    ]
