"""Benchmark: the 200,000-project export from the web (issue 11, item 6).

Usage:
    .venv/bin/python bench/export_bench.py [--projects 200000] [--database-url URL]

Loads the demo programme (``--projects`` × 6 months) into a SQLite file under var/bench/
(kept and reused), or uses the database ``--database-url`` names as it is (it must hold the
demo plan already), serves tuijin with gunicorn (4 sync workers, ``--timeout`` 300 s: a sync
worker is killed when one request outlasts it, and 200,000 rows take longer than gunicorn's
default 30 s; docs/reference/operations.md) on 127.0.0.1, logs in as a city administrator
and downloads the project library and June's progress sheet. For each it prints the time to
the first byte and to the last, the size, the serving worker's peak memory, and checks the
file: it opens, and holds one numbered row per project. One JSON line per export.
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import PASSWORD, ROOT, Gunicorn, bench_env, log_in, peak_rss_mib, tuijin

ADMIN = "bench-export-admin"
MAKE_ADMIN = f"""
from tuijin.accounts.models import User
user, _ = User.objects.get_or_create(username={ADMIN!r}, defaults={{"role": User.Role.CITY_ADMIN}})
user.role = User.Role.CITY_ADMIN
user.set_password({PASSWORD!r})
user.save()
from tuijin.plans.models import Plan
print(Plan.objects.get(slug="kaifeng-2023").projects.count())
"""


def prepare(args) -> str:
    if args.database_url:
        return args.database_url
    path = ROOT / "var" / "bench" / f"export-{args.projects}.sqlite3"
    url = f"sqlite:///{path}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        env = bench_env(url)
        tuijin(env, "migrate", "--noinput", "-v", "0")
        tuijin(env, "plan", "load", "kaifeng-2023")
        print(f"loading {args.projects} demo projects into {path} …", flush=True)
        tuijin(env, "demo", "--projects", str(args.projects), "--months", "6", "--seed", "1")
    return url


def data_rows(path: Path) -> int:
    import openpyxl

    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    return sum(1 for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int))


def download(server: Gunicorn, session, path: str, target: Path) -> dict:
    started = time.perf_counter()
    first = None
    with session.get(f"{server.url}{path}", stream=True, timeout=600) as response:
        status = response.status_code
        with open(target, "wb") as fh:
            for block in response.iter_content(1 << 16):
                first = first or time.perf_counter()
                fh.write(block)
    ended = time.perf_counter()
    return {"status": status, "first_byte_s": round((first or ended) - started, 2),
            "seconds": round(ended - started, 2),
            "mib": round(target.stat().st_size / 2**20, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=200_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--timeout", type=int, default=300,
                        help="gunicorn's worker timeout in seconds (default 300)")
    args = parser.parse_args()
    url = prepare(args)
    env = bench_env(url)
    count = int(tuijin(env, "shell", "--no-imports", "-c", MAKE_ADMIN).strip())
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        server = Gunicorn(env, workers=4, timeout=args.timeout, log=work / "gunicorn.log")
        try:
            session = log_in(server.url, ADMIN)
            for kind, query in (("projects", ""), ("reports", "?month=2023-06")):
                target = work / f"{kind}.xlsx"
                result = download(server, session,
                                  f"/spreadsheets/kaifeng-2023/export/{kind}/{query}", target)
                rows = data_rows(target) if result["status"] == 200 else 0
                print(json.dumps({
                    "bench": f"export_{kind}_web", "projects": count, **result,
                    "rows": rows, "complete": rows == count,
                    "worker_peak_mib": round(max(peak_rss_mib(p) for p in server.workers()), 1),
                }), flush=True)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
