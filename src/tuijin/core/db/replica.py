"""A read replica for the heavy read-only pages (issue 11; docs/reference/operations.md).

With ``DATABASE_REPLICA_URL`` set (a PostgreSQL streaming replica of ``DATABASE_URL``), the
dashboards and rankings, the project lists, the exports and the API's reads query the replica;
everything else, and every write, goes to the primary. Replication is asynchronous, so a user
who has just saved could read their page from a replica a moment behind and think the save was
lost: any request that may write (POST, PUT, PATCH, DELETE) pins that browser to the primary for
``TUIJIN_REPLICA_PIN_SECONDS`` with a cookie, read-your-writes. Without the setting nothing
changes: there is no router and this middleware does nothing.
"""

import contextvars
import time

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PIN_COOKIE = "tuijin_primary"
SAFE_METHODS = frozenset({"GET", "HEAD"})
# The pages read from the replica: URL namespaces whose every GET is a read-only page, and
# single views by "namespace:name".
REPLICA_NAMESPACES = frozenset({"progress", "api"})
REPLICA_VIEWS = frozenset({"projects:list", "spreadsheets:export"})
# Who is logged in, their session and lock-outs are always read where they were written: a
# session made a moment ago may not have reached the replica yet.
PRIMARY_APPS = frozenset({"sessions", "auth", "accounts", "axes", "api", "contenttypes"})

_use_replica = contextvars.ContextVar("tuijin_use_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def is_replica_page(namespace: str, view_name: str) -> bool:
    return namespace in REPLICA_NAMESPACES or view_name in REPLICA_VIEWS


def is_pinned(cookie: str | None, *, now: float) -> bool:
    """Whether a pin cookie (the time it runs out, in seconds) still holds."""
    try:
        return float(cookie) > now
    except (TypeError, ValueError):
        return False


class ReplicaRouter:
    """Reads go to the replica while a replica page is being served; writes never do."""

    def db_for_read(self, model, **hints):
        if not _use_replica.get() or model._meta.app_label in PRIMARY_APPS:
            return "default"
        # Inside a transaction on the primary (a page that also writes), read what it sees.
        if connections["default"].in_atomic_block:
            return "default"
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class ReplicaMiddleware:
    """Serves the replica pages from the replica, unless this browser wrote a moment ago."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        try:
            response = self.get_response(request)
        finally:
            token = getattr(request, "_tuijin_replica_token", None)
            if token is not None:
                _use_replica.reset(token)
        if request.method not in SAFE_METHODS:
            seconds = settings.TUIJIN_REPLICA_PIN_SECONDS
            response.set_cookie(PIN_COOKIE, f"{time.time() + seconds:.0f}", max_age=seconds,
                                httponly=True, samesite="Lax",
                                secure=settings.SESSION_COOKIE_SECURE)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not replica_configured() or request.method not in SAFE_METHODS:
            return None
        match = request.resolver_match
        name = f"{match.namespace}:{match.url_name}"
        if not is_replica_page(match.namespace, name):
            return None
        if is_pinned(request.COOKIES.get(PIN_COOKIE), now=time.time()):
            return None
        request._tuijin_replica_token = _use_replica.set(True)
        return None
