"""The API as an installed app: only so that ``migrate`` also makes the table of the "api"
cache (the write counts of the rate limit, tuijin/api/ratelimit.py), as every deployment
runs ``tuijin migrate`` and nothing else would remind it to run ``createcachetable``."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _make_cache_table(sender, **kwargs):
    from django.core.management import call_command

    # Idempotent: an existing table is left alone.
    call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)


class ApiConfig(AppConfig):
    name = "tuijin.api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        post_migrate.connect(_make_cache_table, sender=self,
                             dispatch_uid="tuijin.api.cache_table")
