"""Development defaults: runs with no environment at all (SQLite, zh-hans, debug).

Production hardening lives in ``tuijin.settings.production``, which imports this module.
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from tuijin.core.env import env_bool, env_int, env_list, env_str
from tuijin.settings.storage import default_storage_config

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Runtime data (the SQLite file, uploads) lives outside the package, in ./var by default.
VAR_DIR = Path(env_str("TUIJIN_VAR_DIR", str(Path.cwd() / "var")))

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "axes",
    # For its packaged Swagger UI assets and template (the API's docs, no CDN).
    "ninja",
    "tuijin.core",
    "tuijin.accounts",
    "tuijin.plans",
    "tuijin.projects",
    "tuijin.progress",
    "tuijin.problems",
    "tuijin.bulletins",
    "tuijin.demo",
    "tuijin.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy on every response (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A write that timed out waiting for a lock answers 503 "busy, try again", not 500.
    "tuijin.core.middleware.DatabaseBusyMiddleware",
    # With DATABASE_REPLICA_URL: the heavy read-only pages read the replica (below).
    "tuijin.core.db.replica.ReplicaMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must be last: it inspects the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tuijin.urls"
WSGI_APPLICATION = "tuijin.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tuijin.accounts.context_processors.navigation",
                "tuijin.projects.context_processors.notices",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tuijin.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # A kept connection is checked before each request reuses it, so that after the
        # database restarts the next request reconnects instead of failing (issue 11).
        conn_health_checks=True,
    )
}
DATABASES["default"].setdefault("OPTIONS", {})
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dashboard read while a monthly import writes. A page cache of up to 64 MiB
    # (SQLite's default is 2 MiB) keeps an import's index pages in memory while it writes:
    # ~10 % off writing 30,000 projects (bench/import_bench.py). TUIJIN_SQLITE_CACHE is
    # SQLite's cache_size: negative KiB, positive pages.
    # A write transaction takes SQLite's write lock when it begins (IMMEDIATE), and a writer
    # that finds it taken waits up to `timeout` seconds for it. Django's default, DEFERRED,
    # reads first and asks for the lock at the first write, which SQLite refuses at once
    # ("database is locked") when another writer committed in between (issue 11). 20 s stays
    # under a web worker's 30 s timeout, so a write still waiting gets the busy page
    # (core/middleware.py) rather than a killed worker. docs/reference/concurrency.md.
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                         f"PRAGMA cache_size={env_int('TUIJIN_SQLITE_CACHE', -65536)};",
         "transaction_mode": "IMMEDIATE",
         "timeout": 20}
    )
    # Django's backend, plus a schema editor that keeps the derived-column triggers across
    # SQLite's table rebuilds (docs/reference/derived-columns.md).
    DATABASES["default"]["ENGINE"] = "tuijin.core.db.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": env_str("TUIJIN_TEST_DB")}
    # A fresh checkout should just run: make the folder for the SQLite file.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Covering indexes (INCLUDE) are a PostgreSQL speed-up; SQLite builds the same index
    # without the included column, which is all it needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The progress aggregates hash a month of reports at a time: with the default 4 MB of
    # work_mem they spill to disk at a province's scale. JIT compiling costs more than it saves
    # on queries of a second or less, as all of ours are. Both per connection; override with
    # TUIJIN_PG_WORK_MEM, or in the server's own configuration. A write waits for another's
    # row locks up to 20 s, as on SQLite, then answers "busy, try again" (core/middleware.py)
    # rather than holding a web worker until its own timeout kills it.
    DATABASES["default"]["OPTIONS"].setdefault(
        "options", f"-c work_mem={env_str('TUIJIN_PG_WORK_MEM', '64MB')} -c jit=off "
                   "-c lock_timeout=20s"
    )

# A PostgreSQL streaming replica of DATABASE_URL (issue 11): the dashboards, rankings, project
# lists, exports and the API's reads query it, everything else and every write the primary; a
# browser that has just written reads the primary for TUIJIN_REPLICA_PIN_SECONDS
# (core/db/replica.py, docs/reference/operations.md).
TUIJIN_REPLICA_PIN_SECONDS = env_int("TUIJIN_REPLICA_PIN_SECONDS", 30)
if env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env_str("DATABASE_REPLICA_URL"), conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True)
    DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"]["OPTIONS"])
    # Tests see the primary's test database through this alias, as a replica would.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["tuijin.core.db.replica.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# History is read per object (by id, then ordered by date): no index on history_date alone,
# which every imported row would maintain.
SIMPLE_HISTORY_DATE_INDEX = False
# Nobody edits or deletes history, the admin included (issue 10 §7): no revert button, no
# editing a past version (projects/admin.py also refuses such a POST whatever these say).
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_EDIT = False
# A reason is what a person wrote (a correction's, a reopening's: up to 500 characters on the
# forms), kept whole: a text column, not simple_history's 100-character one, which PostgreSQL
# refused with an error for a longer reason.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = 1  # hours
# A lock-out holds one user name at one address (a nested list means "both"): a stranger's
# typos for `admin` do not lock the real admin out, nor failures on other names at an office
# address lock out its users (docs/reference/login-lockout.md).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
# How many reverse proxies stand in front of tuijin (0: none, clients connect directly). Only
# then is the client's address read from X-Forwarded-For, the entry the nearest proxy added.
TUIJIN_PROXY_COUNT = env_int("TUIJIN_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "tuijin.accounts.lockouts.client_address"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "plans:home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# ECharts is installed from npm at set-up (never committed); served from node_modules.
NODE_MODULES_DIR = Path(env_str("TUIJIN_NODE_MODULES", str(Path.cwd() / "node_modules")))
if (NODE_MODULES_DIR / "echarts" / "dist").is_dir():
    STATICFILES_DIRS.append(("vendor/echarts", NODE_MODULES_DIR / "echarts" / "dist"))
STORAGES = {
    # Uploads: local disk under MEDIA_ROOT, or S3-compatible with TUIJIN_STORAGE=s3.
    "default": default_storage_config(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the apps and node_modules in development and tests (where
# DEBUG is off); production serves the collected, hashed copies instead.
WHITENOISE_USE_FINDERS = True
if STATIC_ROOT.is_relative_to(VAR_DIR):
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# No URL serves MEDIA_ROOT (nor should the web server): uploads are private, read only through
# views that check the reader may see the project (projects/photo_views.py).
MEDIA_URL = "media/"
# Photos of physical progress (docs/reference/photos.md): megabytes per photo, photos per
# report. An upload request is refused unread beyond what that many photos can weigh.
TUIJIN_PHOTO_MAX_MB = env_int("TUIJIN_PHOTO_MAX_MB", 10)
TUIJIN_PHOTOS_PER_REPORT = env_int("TUIJIN_PHOTOS_PER_REPORT", 9)
# Photo evidence checks (docs/reference/photos.md): a photo taken farther than this from its
# project's point, in km, is flagged for the reviewer.
TUIJIN_PHOTO_RADIUS_KM = env_int("TUIJIN_PHOTO_RADIUS_KM", 2)
# The project map's division outlines (docs/reference/map.md): a GeoJSON file of the plan
# region's divisions in WGS-84; empty for the simplified schematic shipped with tuijin
# (src/tuijin/projects/data/README.md). A deployment names its own approved file here.
TUIJIN_MAP_GEOJSON = env_str("TUIJIN_MAP_GEOJSON", "")
# Problems (docs/reference/problems.md): deadlines count "calendar" days (the default) or
# "working" days (holidays off, 调休 weekends on); attachments' megabytes each and count per step.
TUIJIN_PROBLEM_DAYS = env_str("TUIJIN_PROBLEM_DAYS", "calendar")
TUIJIN_PROBLEM_FILE_MAX_MB = env_int("TUIJIN_PROBLEM_FILE_MAX_MB", 20)
TUIJIN_PROBLEM_FILES_PER_STEP = env_int("TUIJIN_PROBLEM_FILES_PER_STEP", 5)
# The JSON API (docs/reference/api.md): writes per token (or per user, with the session) per
# minute; beyond that 429 with Retry-After. The counts live in the "api" cache, a table of the
# database (made by `tuijin migrate`, tuijin/api/apps.py), so every worker of every server
# shares them: a per-process cache would let N gunicorn workers allow N times the limit.
TUIJIN_API_WRITES_PER_MINUTE = env_int("TUIJIN_API_WRITES_PER_MINUTE", 60)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "api": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "tuijin_api_cache", "TIMEOUT": 120},
}
# Open data in OC4IDS 0.9.5 (docs/reference/api.md#open-data-oc4ids). The project id prefix is
# the one registered with OC4IDS (oc4ids- and six lowercase letters or digits, then -); the
# default is a placeholder to replace. TUIJIN_PUBLIC_URL is the site's address as the public
# reaches it, for the package's uri when it is written by `tuijin export oc4ids`.
TUIJIN_OC4IDS_PREFIX = env_str("TUIJIN_OC4IDS_PREFIX", "oc4ids-xxxxxx-")
TUIJIN_OC4IDS_PUBLISHER = env_str("TUIJIN_OC4IDS_PUBLISHER", "")
TUIJIN_OC4IDS_LICENSE = env_str("TUIJIN_OC4IDS_LICENSE",
                                "https://creativecommons.org/licenses/by/4.0/")
TUIJIN_OC4IDS_PUBLICATION_POLICY = env_str("TUIJIN_OC4IDS_PUBLICATION_POLICY", "")
TUIJIN_PUBLIC_URL = env_str("TUIJIN_PUBLIC_URL", "http://127.0.0.1:8000")

# Reminder e-mails (催报 and problems' notices) go through this SMTP server. Without EMAIL_HOST
# they are written to the console (the log), so a fresh install never tries a mail server it
# does not have; the in-app notices are sent either way.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                 else "django.core.mail.backends.console.EmailBackend")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "tuijin <noreply@localhost>")

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Only tuijin's own scripts run (issue 11): no inline <script> or on…= handlers (templates load
# static files); images also from data: and blob: URLs (ECharts' saved charts, photo
# previews); never framed. Inline styles stay allowed: the error pages carry their own (they
# must render when static files do not), bars set their width in style="", and no script
# can run through a style. docs/reference/operations.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
