"""Benchmark: importing a 30,000-row, 20-column project list (.xlsx), end to end.

Usage:
    .venv/bin/python bench/import_bench.py [--rows 30000] [--db sqlite|postgres] [--repeat 3]

In one run it generates the file, then times, ``--repeat`` times in turn (so that the load of
a shared machine falls on all alike), each in a fresh child process:
  (a) tuijin's full import — read, validate, write (with history) — into a fresh database;
  (b) the baseline a data analyst would use: pandas.read_excel with its default engine and
      DataFrame.to_sql into a fresh SQLite database;
  (c) the floor, what any importer must do (issue 11, item 12): the bare read of the sheet
      with python-calamine, tuijin's reader, plus one bare ``executemany`` per table of the
      very rows (a) wrote — the projects, their history rows and the owner organisations it
      created — into the same tables of a fresh database prepared as (a)'s was, and the
      commit. The rows are taken from (a)'s first run, so the floor neither parses, checks
      nor matches anything.
It prints the medians and ends with two JSON lines: ``…_vs_pandas`` (tuijin's rows/s against
(b)'s; goal ≥ 5×, higher is better) and ``…_vs_floor`` (tuijin's seconds against (c)'s; goal
≤ 1.5×, lower is better).

``--db postgres`` uses DATABASE_URL if it names PostgreSQL (the import goes into a fresh
database test_<name> beside it, created and dropped by the run), else starts a throwaway cluster
with the local PostgreSQL binaries (initdb/pg_ctl) in a temporary folder and stops it after.
"""

import argparse
import json
import os
import pickle
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

HEADER = ["序号", "项目代码", "项目名称", "县区", "领域", "建设单位", "产业项目", "建设性质",
          "建设内容", "总投资", "年度计划投资", "计划签约时间", "计划开工时间", "计划投产时间",
          "实际签约时间", "实际开工时间", "实际投产时间", "形象进度", "存在问题", "备注"]
DISTRICTS = ["龙亭区", "顺河回族区", "鼓楼区", "禹王台区", "祥符区", "杞县", "通许县", "尉氏县",
             "兰考县", "示范区"]
DOMAINS = [("innovation", "创新驱动及新基建"), ("manufacturing", "先进制造业"),
           ("agriculture", "现代农业"), ("services", "现代服务业"),
           ("livelihood", "民生社会事业"), ("infrastructure", "重大基础设施"),
           ("ecology", "生态环保"), ("urban-renewal", "城市更新")]


def generate(path: Path, rows: int) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = workbook.add_worksheet("重点项目")
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    money = workbook.add_format({"num_format": "#,##0.00"})
    ws.write(0, 0, "开封市2023年重点项目库")
    ws.write(1, 0, "单位：万元")
    ws.write_row(2, 0, HEADER)
    start = date(2023, 1, 1)
    for i in range(1, rows + 1):
        r = i + 2
        ws.write_number(r, 0, i)
        ws.write_string(r, 1, f"2023-410200-{10 + i % 80:02d}-0{1 + i % 3}-{i:06d}")
        ws.write_string(r, 2, f"开封市重点项目第{i}号")
        ws.write_string(r, 3, DISTRICTS[i % len(DISTRICTS)])
        ws.write_string(r, 4, DOMAINS[i % len(DOMAINS)][1])
        ws.write_string(r, 5, f"开封建设单位{i % 997}有限公司")
        ws.write_string(r, 6, "是" if i % 3 else "否")
        ws.write_string(r, 7, "续建" if i % 4 == 0 else "新建")
        ws.write_string(r, 8, f"建设厂房及配套设施{i % 50}万平方米")
        ws.write_number(r, 9, 10000 + (i * 37) % 900000 + 0.25, money)
        ws.write_number(r, 10, 1000 + (i * 13) % 90000 + 0.5, money)
        for k in range(6):
            ws.write_datetime(r, 11 + k, start + timedelta(days=(i + 17 * k) % 360), date_format)
        ws.write_string(r, 17, "主体施工")
        ws.write_string(r, 18, "" if i % 5 else "用地手续待办")
        ws.write_string(r, 19, "")
    workbook.close()


def baseline(path: Path, workdir: Path) -> dict:
    """pandas.read_excel (default engine) + DataFrame.to_sql into a fresh SQLite file."""
    import pandas

    database = workdir / "baseline.sqlite3"
    database.unlink(missing_ok=True)  # a fresh database every run
    started = time.perf_counter()
    frame = pandas.read_excel(path, header=2)
    with sqlite3.connect(database) as connection:
        frame.to_sql("projects", connection, index=False)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": len(frame)}


def start_postgres(workdir: Path) -> tuple[str, callable]:
    binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    initdb = shutil.which("initdb") or (str(binaries[-1] / "initdb") if binaries else None)
    pg_ctl = shutil.which("pg_ctl") or (str(binaries[-1] / "pg_ctl") if binaries else None)
    if not initdb or not pg_ctl:
        sys.exit("PostgreSQL binaries (initdb, pg_ctl) not found; set DATABASE_URL instead.")
    data = workdir / "pgdata"
    socket_dir = workdir / "pgsock"
    socket_dir.mkdir()
    env = dict(os.environ)
    run_as = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: use the postgres account
        shutil.chown(workdir, "postgres")
        shutil.chown(socket_dir, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*run_as, initdb, "-D", str(data), "-U", "bench", "--auth=trust",
                    "-E", "UTF8", "--locale=C"], check=True, capture_output=True, env=env)
    subprocess.run([*run_as, pg_ctl, "-D", str(data), "-l", str(workdir / "pg.log"), "-w",
                    "-o", f"-k {socket_dir} -c listen_addresses='' -c fsync=on", "start"],
                   check=True, capture_output=True, env=env)

    def stop():
        subprocess.run([*run_as, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True)

    subprocess.run([*run_as, "psql" if shutil.which("psql") else str(binaries[-1] / "psql"),
                    "-h", str(socket_dir), "-U", "bench", "-d", "postgres", "-c",
                    "CREATE DATABASE tuijin_bench"], check=True, capture_output=True)
    return f"postgres://bench@/tuijin_bench?host={socket_dir}", stop


def _fresh_database():
    """Django set up on a fresh, migrated database holding the bench's plan and domains, made
    the same way (so with the same ids) for tuijin's import and for the floor."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    original_name = connection.settings_dict["NAME"]
    if connection.vendor == "postgresql":
        # A fresh database every run, next to the one DATABASE_URL names (as the tests make
        # theirs: test_<name>), so runs neither collide nor touch that database's data.
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    else:
        call_command("migrate", verbosity=0)
    from tuijin.core.models import Division
    from tuijin.plans.models import Domain, Plan

    plan = Plan.objects.create(slug="bench-2023", name="开封市2023年重点项目",
                               region=Division.objects.get(code="410200"), year=2023)
    for number, (code, name) in enumerate(DOMAINS, start=1):
        Domain.objects.create(plan=plan, code=code, name=name, number=number)
    plan = Plan.objects.select_related("region").get(pk=plan.pk)

    def drop():
        if connection.vendor == "postgresql":
            connection.creation.destroy_test_db(original_name, verbosity=0)

    return plan, connection, drop


def _bare_read(path: Path) -> None:
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    workbook.close()


def _table_rows(connection) -> dict[str, tuple[list[str], list[tuple]]]:
    with connection.cursor() as cursor:
        tables = {}
        for table in connection.introspection.table_names(cursor):
            if table.startswith("sqlite_"):  # the planner statistics an import's ANALYZE keeps
                continue
            cursor.execute(f'SELECT * FROM "{table}"')
            tables[table] = ([c[0] for c in cursor.description], cursor.fetchall())
    return tables


def tuijin_run(path: Path, rows: int, dump: Path | None) -> dict:
    plan, connection, drop = _fresh_database()
    from tuijin.accounts.scopes import Scope
    from tuijin.projects.models import Project
    from tuijin.projects.spreadsheets.imports import projects_import

    before = _table_rows(connection) if dump else {}
    started = time.perf_counter()
    _bare_read(path)
    read_seconds = time.perf_counter() - started

    started = time.perf_counter()
    result = projects_import(plan=plan, source=path, user=Scope.city_wide_for_system())
    seconds = time.perf_counter() - started
    if result.errors:
        sys.exit("tuijin import failed: " + "; ".join(str(e) for e in result.errors[:5]))
    written = Project.objects.filter(plan=plan).count()
    assert written == rows, (written, rows)
    assert Project.history.count() == rows
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if dump:
        # Every row the import added, table by table: what the floor writes.
        added = {}
        for table, (columns, after) in _table_rows(connection).items():
            old = set(before.get(table, ([], []))[1])
            new = [row for row in after if row not in old]
            if new:
                added[table] = (columns, new)
        dump.write_bytes(pickle.dumps(added))
    drop()
    return {"seconds": seconds, "read_seconds": read_seconds, "rows": written,
            "peak_mib": peak_mib}


def floor_run(path: Path, dump: Path) -> dict:
    """The bare read, then the rows tuijin's import wrote, by one executemany per table, in
    one transaction."""
    _plan, connection, drop = _fresh_database()
    from django.db import transaction

    added = pickle.loads(dump.read_bytes())
    if connection.vendor == "postgresql":
        from psycopg.types.json import Jsonb

        for table, (columns, rows) in added.items():
            added[table] = (columns, [tuple(Jsonb(v) if isinstance(v, dict | list) else v
                                            for v in row) for row in rows])
    mark = "%s"
    started = time.perf_counter()
    _bare_read(path)
    with transaction.atomic(), connection.cursor() as cursor:
        for table, (columns, rows) in added.items():
            names = ", ".join(f'"{c}"' for c in columns)
            cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES '
                               f'({", ".join([mark] * len(columns))})', rows)
    seconds = time.perf_counter() - started
    counts = {table: len(rows) for table, (_columns, rows) in added.items()}
    drop()
    return {"seconds": seconds, "tables": counts}


def _child(*arguments: str, env: dict | None = None) -> dict:
    """Run this script in a fresh process for one timed run; its last line is JSON."""
    done = subprocess.run([sys.executable, __file__, *arguments],
                          capture_output=True, text=True, env=env)
    if done.returncode:
        sys.exit(f"{' '.join(arguments[:1])} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=3,
                        help="Timed runs of each, in turn; medians are reported (3).")
    parser.add_argument("--baseline-only", help=argparse.SUPPRESS)
    parser.add_argument("--tuijin-only", help=argparse.SUPPRESS)
    parser.add_argument("--floor-only", help=argparse.SUPPRESS)
    parser.add_argument("--dump", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline_only:
        path = Path(args.baseline_only)
        print(json.dumps(baseline(path, path.parent)))
        return
    if args.tuijin_only:
        print(json.dumps(tuijin_run(Path(args.tuijin_only), args.rows,
                                    Path(args.dump) if args.dump else None)))
        return
    if args.floor_only:
        print(json.dumps(floor_run(Path(args.floor_only), Path(args.dump))))
        return

    workdir = Path(tempfile.mkdtemp(prefix="tuijin-bench-"))
    stop = None
    try:
        path = workdir / f"projects-{args.rows}.xlsx"
        generate(path, args.rows)
        print(f"generated {path.name}: {args.rows} rows x {len(HEADER)} columns, "
              f"{path.stat().st_size / 1e6:.1f} MB")
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="tuijin.settings",
                   DEBUG="0",  # as in production: no SQL logging
                   TUIJIN_VAR_DIR=str(workdir))
        if args.db == "postgres":
            url = os.environ.get("DATABASE_URL", "")
            if not url.startswith("postgres"):
                url, stop = start_postgres(workdir)
            env["DATABASE_URL"] = url
        bases, ours, floors = [], [], []
        dump = workdir / "written.pickle"
        for attempt in range(args.repeat):
            bases.append(_child("--baseline-only", str(path)))
            if args.db == "sqlite":
                env["DATABASE_URL"] = f"sqlite:///{workdir / f'tuijin-{attempt}.sqlite3'}"
            ours.append(_child("--tuijin-only", str(path), "--rows", str(args.rows),
                               *(["--dump", str(dump)] if attempt == 0 else []), env=env))
            if args.db == "sqlite":
                env["DATABASE_URL"] = f"sqlite:///{workdir / f'floor-{attempt}.sqlite3'}"
            floors.append(_child("--floor-only", str(path), "--dump", str(dump), env=env))
    finally:
        if stop:
            stop()
        shutil.rmtree(workdir, ignore_errors=True)

    seconds = statistics.median(run["seconds"] for run in ours)
    read_seconds = statistics.median(run["read_seconds"] for run in ours)
    floor_seconds = statistics.median(run["seconds"] for run in floors)
    base_seconds = statistics.median(run["seconds"] for run in bases)
    peak_mib = max(run["peak_mib"] for run in ours)
    ours_rate = args.rows / seconds
    base_rate = args.rows / base_seconds
    ratio = ours_rate / base_rate
    def listed(runs):
        return ", ".join(f"{run['seconds']:.2f}" for run in runs)

    print(f"runs (s): tuijin {listed(ours)}; baseline {listed(bases)}; floor {listed(floors)}")
    print(f"tuijin import ({args.db}): {seconds:.2f} s, {ours_rate:,.0f} rows/s, "
          f"peak memory {peak_mib:.0f} MiB (median of {args.repeat})")
    print(f"baseline pandas.read_excel + to_sql (sqlite): {base_seconds:.2f} s, "
          f"{base_rate:,.0f} rows/s")
    print(f"ratio: {ratio:.1f}x the baseline (goal >= 5x)")
    print(f"floor: bare calamine read ({read_seconds:.2f} s) + bare executemany of the same "
          f"rows {floors[0]['tables']}: {floor_seconds:.2f} s; tuijin takes "
          f"{seconds / floor_seconds:.2f}x the floor (goal <= 1.5x)")
    # The closing lines (medians of interleaved runs): against pandas, and against the floor.
    print(json.dumps({
        "bench": f"import_projects_xlsx_{args.db}_vs_pandas", "value": round(ours_rate, 1),
        "unit": "rows/s", "baseline": round(base_rate, 1), "ratio": round(ratio, 2),
        "goal": ">= 5", "better": "higher", "runs": args.repeat,
    }))
    print(json.dumps({
        "bench": f"import_projects_xlsx_{args.db}_vs_floor", "value": round(seconds, 3),
        "unit": "s", "floor": round(floor_seconds, 3), "ratio": round(seconds / floor_seconds, 2),
        "goal": "<= 1.5", "better": "lower", "runs": args.repeat,
    }))


if __name__ == "__main__":
    main()
