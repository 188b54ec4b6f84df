"""Which database errors are "busy, try again" (core/db/busy.py): lock waits that timed out
and the transactions PostgreSQL ends to break a deadlock, and nothing else."""

import sqlite3

import psycopg
import pytest
from django.db import (
    DatabaseError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    connections,
    transaction,
)
from django.db.utils import ConnectionHandler

from tuijin.core.db.busy import is_busy, is_unavailable
from tuijin.core.models import Division


def wrapped(cause: BaseException, django_error=OperationalError) -> DatabaseError:
    """As Django raises it: its own error type, the driver's error as the cause."""
    error = django_error(str(cause))
    error.__cause__ = cause
    return error


def sqlite_error(message: str, code: int) -> sqlite3.Error:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize("cause", [
    sqlite_error("database is locked", 5),
    sqlite_error("database is locked", 5 | (2 << 8)),  # SQLITE_BUSY_SNAPSHOT
    sqlite_error("database table is locked", 6),
    psycopg.errors.SerializationFailure("could not serialize access"),
    psycopg.errors.DeadlockDetected("deadlock detected"),
    psycopg.errors.LockNotAvailable("canceling statement due to lock timeout"),
], ids=["sqlite-busy", "sqlite-busy-snapshot", "sqlite-locked", "pg-serialization",
        "pg-deadlock", "pg-lock-timeout"])
def test_lock_contention_is_busy(cause):
    assert is_busy(wrapped(cause))


@pytest.mark.parametrize("error", [
    wrapped(sqlite_error("no such table: projects_monthlyreport", 1)),
    wrapped(sqlite_error("disk I/O error", 10)),
    wrapped(psycopg.errors.UndefinedTable("relation does not exist")),
    wrapped(psycopg.errors.UniqueViolation("duplicate key"), IntegrityError),
    ValueError("database is locked"),
], ids=["sqlite-no-table", "sqlite-io", "pg-no-table", "pg-unique", "not-a-database-error"])
def test_other_errors_are_not_busy(error):
    assert not is_busy(error)


def test_a_real_lock_wait_that_times_out_is_busy(db, tmp_path, django_db_blocker):
    """On the database the run uses: another connection holds the lock longer than this one
    waits."""
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        holder = psycopg.connect(dbname=s["NAME"], user=s["USER"], password=s["PASSWORD"],
                                 host=s["HOST"], port=s["PORT"])
        holder.execute("LOCK TABLE core_division IN ACCESS EXCLUSIVE MODE")
        try:
            with pytest.raises(OperationalError) as caught, transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '200ms'")
                Division.objects.count()
        finally:
            holder.rollback()
            holder.close()
    else:
        # The test run's SQLite database is in memory, private to this connection: a file of
        # the test's own, opened as the settings open SQLite (IMMEDIATE), waiting 0.2 s.
        path = tmp_path / "locked.sqlite3"
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("CREATE TABLE t (x)")
        holder.execute("BEGIN IMMEDIATE")
        configured = ConnectionHandler({"default": {
            "ENGINE": "tuijin.core.db.sqlite3", "NAME": str(path),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 0.2}}})
        connections.settings["busy_check"] = configured.settings["default"]
        try:
            with django_db_blocker.unblock(), pytest.raises(OperationalError) as caught, \
                    transaction.atomic(using="busy_check"):
                connections["busy_check"].cursor().execute("SELECT count(*) FROM t")
        finally:
            connections["busy_check"].close()
            del connections["busy_check"]
            del connections.settings["busy_check"]
            holder.close()
    assert is_busy(caught.value)


@pytest.mark.parametrize("error", [
    wrapped(psycopg.errors.AdminShutdown("terminating connection due to administrator command")),
    wrapped(psycopg.errors.CannotConnectNow("the database system is starting up")),
    wrapped(psycopg.OperationalError("connection failed: Connection refused")),
    wrapped(psycopg.OperationalError("server closed the connection unexpectedly")),
    wrapped(psycopg.InterfaceError("the connection is closed"), InterfaceError),
    InterfaceError("connection already closed"),
], ids=["pg-admin-shutdown", "pg-starting-up", "pg-refused", "pg-dropped", "pg-closed",
        "django-closed"])
def test_a_server_gone_or_restarting_is_unavailable(error):
    assert is_unavailable(error)
    assert not is_busy(error)


@pytest.mark.parametrize("error", [
    wrapped(psycopg.errors.UndefinedTable("relation does not exist")),
    wrapped(psycopg.errors.LockNotAvailable("canceling statement due to lock timeout")),
    wrapped(sqlite_error("database is locked", 5)),
    wrapped(sqlite_error("unable to open database file", 14)),
    ValueError("server closed the connection unexpectedly"),
], ids=["pg-no-table", "pg-lock-timeout", "sqlite-busy", "sqlite-cantopen", "not-db"])
def test_other_errors_are_not_unavailable(error):
    assert not is_unavailable(error)
