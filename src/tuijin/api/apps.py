"""The API as an installed app: only so that ``migrate`` also makes the table of the "api"
cache (the write counts of the rate limit, tuijin/api/ratelimit.py), as every deployment
runs ``tuijin migrate`` and nothing else would remind it to run ``createcachetable``."""

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import Error, Info, Tags, Warning, register
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


@register()
def open_data_prefix_check(app_configs, **kwargs):
    """A malformed OC4IDS prefix would publish ids nobody can resolve: refuse to start."""
    from tuijin.api.oc4ids import PREFIX_PATTERN

    prefix = settings.TUIJIN_OC4IDS_PREFIX
    if not PREFIX_PATTERN.match(prefix or ""):
        return [Error(f"TUIJIN_OC4IDS_PREFIX {prefix!r} is not an OC4IDS prefix.",
                      hint="Write 'oc4ids-', the six lowercase letters or digits registered "
                           "for you, then '-', such as oc4ids-abc123-.", id="tuijin.api.E001")]
    return []


@register(Tags.security, deploy=True)
def deployment_check(app_configs, **kwargs):
    """`tuijin check --deploy`: the placeholder prefix, and a write limit counted per process."""
    from tuijin.api.oc4ids import PLACEHOLDER_PREFIX

    warnings = []
    if settings.TUIJIN_OC4IDS_PREFIX == PLACEHOLDER_PREFIX:
        # Only a note: a city that publishes no open data needs no prefix.
        warnings.append(Info(
            "TUIJIN_OC4IDS_PREFIX is the placeholder oc4ids-xxxxxx-.",
            hint="Register a prefix with OC4IDS before publishing open data, and set it.",
            id="tuijin.api.I001"))
    backend = settings.CACHES.get("api", {}).get("BACKEND", "")
    if backend.endswith(("LocMemCache", "DummyCache")):
        warnings.append(Warning(
            "The API's write limit is counted in a per-process cache.",
            hint="Each gunicorn worker would allow the whole limit: use the database cache "
                 "(the default) or Redis for CACHES['api'].", id="tuijin.api.W002"))
    return warnings
