"""Production settings: hardened, and refuses to start without what it needs.

Run with DJANGO_SETTINGS_MODULE=tuijin.settings.production behind a TLS-terminating proxy.
"""

from django.core.exceptions import ImproperlyConfigured

from tuijin.core.env import env_bool, env_int, env_list, env_str
from tuijin.settings import *  # noqa: F403
from tuijin.settings import DATABASES, STORAGES

# Never Django's debug page in production: it shows settings, source and data to whoever
# hits an error. Refuse to start rather than silently ignore a DEBUG=true left in the
# environment; debug with the development settings on a copy instead.
if env_bool("DEBUG", False):
    raise ImproperlyConfigured("DEBUG must be off with tuijin.settings.production: unset the "
                               "environment variable DEBUG (or set it to false).")
DEBUG = False
DEBUG_PROPAGATE_EXCEPTIONS = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set the environment variable ALLOWED_HOSTS (comma-separated).")
env_str("DATABASE_URL", required=True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)

WHITENOISE_USE_FINDERS = False
for database in DATABASES.values():  # the primary, and the replica when there is one
    database["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
