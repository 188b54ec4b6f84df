"""Helpers for the benches that time tuijin's own code on a generated demo programme
(bench/dashboard_bench.py, bench/bulletin_bench.py): point Django at the bench's database
(SQLite under var/bench/, or a PostgreSQL database of its own), generate the programme once
(reused with --reuse), and time functions in turn.
"""

import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PLAN = "kaifeng-2023"


def point_django_at(*, db: str, database_url: str, name: str, sqlite_file: str,
                    reuse: bool) -> str:
    """Point Django at the bench's database before it is set up: ``var/bench/<sqlite_file>``
    on SQLite, else the database ``name`` on the PostgreSQL server ``database_url`` names
    (dropped and made anew unless ``reuse``). Returns the file or the database name."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuijin.settings")
    if db == "sqlite":
        folder = ROOT / "var" / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / sqlite_file
        if not reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        return str(path)
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("--db postgres needs DATABASE_URL or --database-url, e.g. "
                 "postgresql://user:password@127.0.0.1:5432/postgres")
    parts = urlsplit(database_url)
    create_database(urlunsplit(parts._replace(path="/postgres")), name, reuse=reuse)
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    return name


def demo_arguments(parser, *, database: str, repeat: int) -> None:
    """The options every bench on a generated demo programme takes: its scale, the database
    (SQLite, or ``database`` on the server --database-url names), months of reports, timed
    runs (``repeat`` by default), reuse of a generated database, and the seed."""
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""),
                        help="PostgreSQL server URL for --db postgres (default: DATABASE_URL); "
                             f"its database name is replaced by {database}.")
    parser.add_argument("--months", type=int, default=12, help="Months of reports (12).")
    parser.add_argument("--repeat", type=int, default=repeat,
                        help=f"Timed runs of each ({repeat}).")
    parser.add_argument("--reuse", action="store_true",
                        help="Reuse this bench's database of this scale when it is generated.")
    parser.add_argument("--seed", type=int, default=2023)


def create_database(server_url: str, name: str, *, reuse: bool) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                    [name]).fetchone()
        if exists and reuse:
            return
        if exists:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def generate(*, projects: int, months: int, seed: int) -> None:
    """Migrate, then load the Kaifeng plan with a demo programme of ``projects`` projects and
    ``months`` months of reports — unless the database holds that many already."""
    from django.core.management import call_command
    from django.db import connection

    from tuijin.core.statistics import refresh_after_bulk_write
    from tuijin.demo.loader import demo_load
    from tuijin.plans.models import Plan
    from tuijin.plans.services import plan_load_builtin
    from tuijin.projects.models import Project

    call_command("migrate", verbosity=0)
    plan = Plan.objects.filter(slug=PLAN).first()
    if plan is not None and Project.objects.filter(plan=plan).count() == projects:
        print(f"reusing {projects:,} projects")
    else:
        plan = plan_load_builtin(PLAN)
        started = time.perf_counter()
        counts = demo_load(plan, projects=projects, months=months, seed=seed,
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


def median_ms(functions, repeat: int) -> list[float]:
    """The median time of each function, run in turn so that a shared machine's load falls
    on all of them alike; each runs once first to warm the caches (pages, statistics, fonts,
    LibreOffice's first start)."""
    for function in functions:
        function()
    times = [[] for _ in functions]
    for _ in range(repeat):
        for function, spent in zip(functions, times, strict=True):
            started = time.perf_counter()
            function()
            spent.append((time.perf_counter() - started) * 1000)
    return [statistics.median(spent) for spent in times]
