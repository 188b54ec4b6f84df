"""Benchmark: the full city dashboard against the bare SQL aggregate it must at least do.

    python bench/dashboard_bench.py --scale city|province|national --db sqlite|postgres

Generates the data with the demo generator (``tuijin.demo.loader.demo_load``) into a
fresh database: SQLite in ./var/bench/<scale>.sqlite3, or, for --db postgres, a database
``tuijin_bench_<scale>`` created on the server that DATABASE_URL (or --database-url) points
to (the role needs CREATEDB). Then it times, in the same run:

- the dashboard: ``progress.selectors.dashboard_for`` for the whole city at the last reported
  month, i.e. every number on the city dashboard (headline, 三个一批, by domain and district,
  lights, target statuses, rankings, lagging and missing lists, the monthly curve);
- the floor: one bare SQL aggregate over the same rows, the sum of the month's cumulative
  investment by domain and district, which any dashboard must at least do.

Each is run once to warm the caches, then ``--repeat`` times, the two in turn (so that the
load of a shared machine falls on both alike); the median is reported. It prints both times
and their ratio, and ends with one JSON line:
{"bench": ..., "value": dashboard ms, "unit": "ms", "baseline": floor ms, "ratio": ...,
 "better": "lower"}. ``--reuse`` keeps a database already generated at that scale.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
SCALES = {"city": 2_000, "province": 40_000, "national": 600_000}
PLAN = "kaifeng-2023"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=SCALES, default="city")
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""),
                        help="PostgreSQL server URL for --db postgres (default: DATABASE_URL); "
                             "its database name is replaced by tuijin_bench_<scale>.")
    parser.add_argument("--months", type=int, default=12, help="Months of reports (12).")
    parser.add_argument("--repeat", type=int, default=7, help="Timed runs of each (7).")
    parser.add_argument("--reuse", action="store_true",
                        help="Reuse the database of this scale when it is already generated.")
    parser.add_argument("--seed", type=int, default=2023)
    return parser.parse_args()


def _prepare_environment(args) -> str:
    """Point Django at the bench database before it is set up; return its name."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuijin.settings")
    name = f"tuijin_bench_{args.scale}"
    if args.db == "sqlite":
        folder = ROOT / "var" / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{args.scale}.sqlite3"
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        return str(path)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("--db postgres needs DATABASE_URL or --database-url, e.g. "
                 "postgresql://user:password@127.0.0.1:5432/postgres")
    parts = urlsplit(args.database_url)
    _create_database(urlunsplit(parts._replace(path="/postgres")), name, reuse=args.reuse)
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    return name


def _create_database(server_url: str, name: str, *, reuse: bool) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                    [name]).fetchone()
        if exists and reuse:
            return
        if exists:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _generate(args) -> None:
    from django.core.management import call_command
    from django.db import connection

    from tuijin.core.statistics import refresh_after_bulk_write
    from tuijin.demo.loader import demo_load
    from tuijin.plans.models import Plan
    from tuijin.plans.services import plan_load_builtin
    from tuijin.projects.models import Project

    call_command("migrate", verbosity=0)
    plan = Plan.objects.filter(slug=PLAN).first()
    wanted = SCALES[args.scale]
    if plan is not None and Project.objects.filter(plan=plan).count() == wanted:
        print(f"reusing {wanted:,} projects")
    else:
        plan = plan_load_builtin(PLAN)
        started = time.perf_counter()
        counts = demo_load(plan, projects=wanted, months=args.months, seed=args.seed,
                           progress=sys.stderr.isatty(), replace=True)
        print(f"generated {counts['projects']:,} projects and {counts['reports']:,} reports "
              f"in {time.perf_counter() - started:.0f} s")
    # Fresh statistics for the planner, also for a reused database that migrations have
    # given new indexes since (stale ones send SQLite down the wrong index): on SQLite the
    # sampled ANALYZE an import or demo load ends with, on PostgreSQL what autovacuum does.
    if connection.vendor == "sqlite":
        refresh_after_bulk_write()
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _median_ms(functions, repeat: int) -> list[float]:
    """The median time of each function, run in turn so that a shared machine's load falls
    on all of them alike."""
    for function in functions:
        function()  # warm the caches (pages, statistics, prepared plans)
    times = [[] for _ in functions]
    for _ in range(repeat):
        for function, spent in zip(functions, times, strict=True):
            started = time.perf_counter()
            function()
            spent.append((time.perf_counter() - started) * 1000)
    return [statistics.median(spent) for spent in times]


def main() -> None:
    args = _arguments()
    database = _prepare_environment(args)
    import django

    django.setup()
    from django.db import connection

    from tuijin.accounts.scopes import Scope
    from tuijin.core.periods import Period
    from tuijin.plans.models import Plan
    from tuijin.progress.selectors import dashboard_for, latest_reported_month, programme_for
    from tuijin.projects.models import MonthlyReport, Project

    print(f"database: {args.db} {database}")
    _generate(args)
    plan = Plan.objects.get(slug=PLAN)
    city = Scope.city_wide_for_system()
    month = latest_reported_month(programme_for(city, plan=plan)) or 1
    period = Period(plan.year, month)
    floor_sql = (
        f"SELECT p.domain_id, p.district_id, SUM(r.cumulative_wan) "
        f"FROM {MonthlyReport._meta.db_table} r "
        f"JOIN {Project._meta.db_table} p ON p.id = r.project_id "
        f"WHERE p.plan_id = %s AND r.month = %s GROUP BY p.domain_id, p.district_id"
    )

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(floor_sql, [plan.pk, month])
            return cursor.fetchall()

    def dashboard():
        return dashboard_for(city, plan=plan, period=period)

    d = dashboard()
    assert d.total.totals.projects == SCALES[args.scale], d.total.totals.projects
    floor_ms, dashboard_ms = _median_ms([floor, dashboard], args.repeat)
    ratio = dashboard_ms / floor_ms if floor_ms else float("inf")
    reports = MonthlyReport.objects.filter(project__plan=plan).count()
    print(f"scale {args.scale}: {d.total.totals.projects:,} projects, {reports:,} reports, "
          f"month {period}")
    print(f"dashboard (all city dashboard figures): {dashboard_ms:.1f} ms (median of "
          f"{args.repeat})")
    print(f"floor (bare SQL sum by domain and district): {floor_ms:.1f} ms")
    print(f"ratio: {ratio:.2f}")
    print(json.dumps({"bench": f"dashboard-{args.scale}-{args.db}",
                      "value": round(dashboard_ms, 2), "unit": "ms",
                      "baseline": round(floor_ms, 2), "ratio": round(ratio, 3),
                      "better": "lower"}))


if __name__ == "__main__":
    main()
