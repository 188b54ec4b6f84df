"""The WSGI application a production server runs (gunicorn tuijin.wsgi).

It defaults to the production settings, which refuse to start without SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL: a bare ``gunicorn tuijin.wsgi`` must not serve with DEBUG on
and the development key. ``tuijin runserver`` (``make run``) sets the development settings
before it loads this module, so it keeps them. A worker also refuses to start when the
static files manifest is missing (tuijin.core.checks). docs/reference/operations.md.
"""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuijin.settings.production")
application = get_wsgi_application()


def _refuse_without_static_manifest() -> None:
    from tuijin.core.checks import static_manifest_missing

    problem = static_manifest_missing()
    if problem:
        raise ImproperlyConfigured(problem)


_refuse_without_static_manifest()
