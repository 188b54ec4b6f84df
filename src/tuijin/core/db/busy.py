"""Which database errors mean "busy, try again", on each supported database.

A write that could not get its locks in time changed nothing (its transaction was rolled
back), so the user can simply send it again: the interfaces answer 503 with that advice
(core/middleware.py) instead of a 500. docs/reference/concurrency.md.
"""

from django.db import DatabaseError, InterfaceError, OperationalError

# SQLite result codes (primary code in the low byte): the write lock is held by another
# connection past the timeout, or a table is locked within a shared cache.
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_BUSY_MESSAGES = ("database is locked", "database table is locked")

# PostgreSQL SQLSTATEs: serialization_failure, deadlock_detected (the transaction chosen to
# end a deadlock), lock_not_available (lock_timeout, or NOWAIT).
POSTGRESQL_BUSY_STATES = frozenset({"40001", "40P01", "55P03"})


def is_busy(error: BaseException) -> bool:
    """True for a Django database error caused by lock contention that a retry can clear."""
    if not isinstance(error, DatabaseError):
        return False
    cause = error.__cause__ or error
    code = getattr(cause, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)
    state = getattr(cause, "sqlstate", None)
    if state is not None:
        return state in POSTGRESQL_BUSY_STATES
    return str(error).startswith(SQLITE_BUSY_MESSAGES)


# PostgreSQL SQLSTATEs of a server going away or not there yet: the connection_exception class
# (08…), admin_shutdown (a restart ended the session), crash_shutdown, cannot_connect_now
# (starting up or shutting down).
POSTGRESQL_UNAVAILABLE_STATES = frozenset({"57P01", "57P02", "57P03"})


def is_unavailable(error: BaseException) -> bool:
    """True when PostgreSQL could not be reached or dropped the connection (a restart, a
    failover): the transaction did not commit, and the next request reconnects by itself
    (connections are health-checked before reuse). docs/reference/operations.md."""
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    cause = error.__cause__ or error
    if not type(cause).__module__.startswith("psycopg"):
        # Django's own "connection already closed" after the server went away.
        return isinstance(error, InterfaceError) and "closed" in str(error)
    state = getattr(cause, "sqlstate", None)
    # psycopg reports a refused or dropped connection without a SQLSTATE.
    return state is None or state.startswith("08") or state in POSTGRESQL_UNAVAILABLE_STATES
