"""Benchmark: what the database triggers cost bulk report writes.

    .venv/bin/python bench/report_write_bench.py [--projects 20000] [--months 12] [--repeat 3]
    DATABASE_URL=postgresql://user:password@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/report_write_bench.py --db postgres

The triggers of projects migrations 0005-0011 keep each report's completion and plan and each
project's reported months. This measures their price on the bulk path the demo loader and the
report import use (``projects.bulk.insert``: executemany on SQLite, COPY on PostgreSQL, the
completion and plan supplied as the triggers compute them):

- ours: the month reports of a demo programme written into the empty reports table, with the
  triggers;
- the baseline: the same rows written the same way with the triggers switched off (dropped
  on SQLite, disabled on PostgreSQL), i.e. the bare insert into the same table and indexes.

The two run in turn, ``--repeat`` times, each in its own transaction; the medians are
reported, and the triggers' results are checked after each run of ours. It ends with one JSON
line: {"bench": ..., "value": reports/s with the triggers, "baseline": reports/s without, ...,
"better": "higher"}. SQLite goes into a fresh file under a temporary folder; PostgreSQL into a
fresh test_<name> database beside the one DATABASE_URL names, dropped after.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ["project_id", "month", "investment_month_wan", "cumulative_wan", "progress_text",
           "blockers", "help_requested", "submitted_at", "completion", "planned_wan"]


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--projects", type=int, default=20_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuijin.settings")
    os.environ["DEBUG"] = "0"
    workdir = Path(tempfile.mkdtemp(prefix="tuijin-bench-"))
    if args.db == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'reports.sqlite3'}"
    elif not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("--db postgres needs DATABASE_URL naming a PostgreSQL server.")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from tuijin.demo.loader import demo_load
    from tuijin.plans.services import plan_load_builtin
    from tuijin.projects import bulk
    from tuijin.projects.models import MonthlyReport, Project

    original_name = connection.settings_dict["NAME"]
    if connection.vendor == "postgresql":
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    else:
        call_command("migrate", verbosity=0)
    plan = plan_load_builtin("kaifeng-2023")
    demo_load(plan, projects=args.projects, months=args.months, seed=2023)
    # Adapted for the database once, as the demo loader does, so both runs time the write.
    ops = connection.ops
    rows = [
        [project_id, month, ops.adapt_decimalfield_value(month_wan, 18, 4),
         ops.adapt_decimalfield_value(cumulative, 18, 4), text, blockers, help_requested,
         ops.adapt_datetimefield_value(submitted_at), completion,
         ops.adapt_decimalfield_value(planned, 18, 4)]
        for (project_id, month, month_wan, cumulative, text, blockers, help_requested,
             submitted_at, completion, planned)
        in MonthlyReport.objects.order_by("id").values_list(*COLUMNS)
    ]
    expected = _kept(Project, MonthlyReport)
    print(f"database: {connection.vendor}; {len(rows):,} reports of "
          f"{args.projects:,} projects")

    table = connection.ops.quote_name(MonthlyReport._meta.db_table)
    triggers = _sqlite_triggers(connection) if connection.vendor == "sqlite" else []

    def empty() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")  # the delete triggers clear the months

    def write(*, with_triggers: bool) -> float:
        empty()
        if not with_triggers:
            with transaction.atomic(), connection.cursor() as cursor:
                _switch_off(cursor, connection, table, triggers)
        started = time.perf_counter()
        with transaction.atomic():
            bulk.insert(MonthlyReport, COLUMNS, rows, adapted=True)
        seconds = time.perf_counter() - started  # with the commit (deferred checks)
        if not with_triggers:
            with transaction.atomic(), connection.cursor() as cursor:
                _switch_on(cursor, connection, table, triggers)
        return seconds

    ours, bare = [], []
    for _ in range(args.repeat):
        ours.append(write(with_triggers=True))
        assert _kept(Project, MonthlyReport) == expected, "the triggers kept other values"
        bare.append(write(with_triggers=False))
    # Leave the table as the triggers keep it.
    write(with_triggers=True)
    if connection.vendor == "postgresql":
        connection.creation.destroy_test_db(original_name, verbosity=0)

    ours_rate = len(rows) / statistics.median(ours)
    bare_rate = len(rows) / statistics.median(bare)
    print(f"runs (s): with triggers {', '.join(f'{s:.2f}' for s in ours)}; "
          f"without {', '.join(f'{s:.2f}' for s in bare)}")
    print(f"with the triggers: {ours_rate:,.0f} reports/s; without: {bare_rate:,.0f} reports/s "
          f"({ours_rate / bare_rate:.2f}x)")
    print(json.dumps({"bench": f"report_write_{connection.vendor}", "value": round(ours_rate, 1),
                      "unit": "reports/s", "baseline": round(bare_rate, 1),
                      "ratio": round(ours_rate / bare_rate, 3), "better": "higher"}))


def _kept(Project, MonthlyReport) -> tuple[dict, dict]:
    """What the triggers keep, by project and by (project, month)."""
    return (dict(Project.objects.values_list("id", "reported_months")),
            {(p, m): (c, planned) for p, m, c, planned in MonthlyReport.objects.values_list(
                "project_id", "month", "completion", "planned_wan")})


def _sqlite_triggers(connection) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        return cursor.fetchall()


def _switch_off(cursor, connection, table: str, triggers) -> None:
    if connection.vendor == "postgresql":
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    for name, _sql in triggers:
        cursor.execute(f"DROP TRIGGER {name}")


def _switch_on(cursor, connection, table: str, triggers) -> None:
    if connection.vendor == "postgresql":
        cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
    for _name, sql in triggers:
        cursor.execute(sql)


if __name__ == "__main__":
    main()
