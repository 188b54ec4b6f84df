"""tuijin's URLs plus views that fail as a write does when the database stays locked, for
tests/core/test_middleware.py."""

import psycopg
from django.db import IntegrityError
from django.urls import path

from tests.core.db.test_busy import sqlite_error, wrapped
from tuijin.urls import urlpatterns as tuijin_urlpatterns


def locked(request):
    raise wrapped(sqlite_error("database is locked", 5))


def broken(request):
    raise wrapped(sqlite_error("no such table: projects_monthlyreport", 1))


def down(request):
    raise wrapped(psycopg.errors.AdminShutdown(
        "terminating connection due to administrator command"))


def duplicate(request):
    raise IntegrityError("UNIQUE constraint failed")


urlpatterns = [
    path("test-busy/locked/", locked),
    path("test-busy/broken/", broken),
    path("test-busy/duplicate/", duplicate),
    path("test-busy/down/", down),
    *tuijin_urlpatterns,
]
