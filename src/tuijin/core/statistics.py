"""The query planner's statistics after a bulk write.

SQLite keeps no statistics unless asked: after an import of tens of thousands of rows its
planner guesses, and at a province's scale it guessed a dashboard twice as slow as with
statistics (121 against 251 ms, bench/dashboard_bench.py). ``ANALYZE`` with an analysis limit
samples a bounded number of rows per index, so it takes milliseconds even on millions of rows.
PostgreSQL's autovacuum keeps its own statistics.
"""

from django.db import connection

# Rows sampled per index: enough to tell a selective index from a poor one.
SQLITE_ANALYSIS_LIMIT = 1000


def refresh_after_bulk_write() -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
            cursor.execute("ANALYZE")
