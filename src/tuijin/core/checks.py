"""System checks for a production start (docs/reference/operations.md).

Production serves static files from the manifest ``collectstatic`` writes (hashed names).
Without it every page that links a stylesheet fails with a 500, and Django's own
``check --deploy`` does not notice. ``static_manifest_missing`` runs as a deploy check and
again when the WSGI application loads (tuijin.wsgi), so a worker refuses to start instead.
"""

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core import checks
from django.core.files.storage import storages

MANIFEST_MISSING = "tuijin.E001"


def static_manifest_missing() -> str | None:
    """Why the manifest the static storage needs is missing, or None when all is well."""
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return None
    if storage.read_manifest() is not None:
        return None
    return (f"The static files manifest ({storage.manifest_name}) is missing from STATIC_ROOT "
            f"({settings.STATIC_ROOT}): run `tuijin collectstatic --noinput` with these "
            "settings before serving; every page would answer 500 without it.")


@checks.register(checks.Tags.staticfiles, deploy=True)
def check_static_manifest(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    problem = static_manifest_missing()
    return [checks.Error(problem, id=MANIFEST_MISSING)] if problem else []
