"""Planner statistics after bulk writes: SQLite gets them from us, PostgreSQL from autovacuum."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tuijin.core.statistics import refresh_after_bulk_write
from tuijin.demo.loader import demo_load


def test_a_bulk_load_leaves_statistics_for_the_planner(plan):
    demo_load(plan, projects=30, months=2, seed=1)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
            analysed = {row[0] for row in cursor.fetchall()}
        assert {"projects_project", "projects_monthlyreport"} <= analysed
    else:
        with CaptureQueriesContext(connection) as queries:
            refresh_after_bulk_write()
        assert len(queries) == 0  # PostgreSQL's autovacuum keeps its statistics
