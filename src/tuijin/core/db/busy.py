"""Which database errors mean "busy, try again", on each supported database.

A write that could not get its locks in time changed nothing (its transaction was rolled
back), so the user can simply send it again: the interfaces answer 503 with that advice
(core/middleware.py) instead of a 500. docs/reference/concurrency.md.
"""

from django.db import DatabaseError

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
