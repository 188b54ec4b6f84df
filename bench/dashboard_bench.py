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
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from demo_db import PLAN, demo_arguments, generate, median_ms, point_django_at

SCALES = {"city": 2_000, "province": 40_000, "national": 600_000}


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=SCALES, default="city")
    demo_arguments(parser, database="tuijin_bench_<scale>", repeat=7)
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    database = point_django_at(db=args.db, database_url=args.database_url,
                               name=f"tuijin_bench_{args.scale}",
                               sqlite_file=f"{args.scale}.sqlite3", reuse=args.reuse)
    import django

    django.setup()
    from django.db import connection

    from tuijin.accounts.scopes import Scope
    from tuijin.core.periods import Period
    from tuijin.plans.models import Plan
    from tuijin.progress.selectors import dashboard_for, latest_reported_month, programme_for
    from tuijin.projects.models import MonthlyReport, Project

    print(f"database: {args.db} {database}")
    generate(projects=SCALES[args.scale], months=args.months, seed=args.seed)
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
    floor_ms, dashboard_ms = median_ms([floor, dashboard], args.repeat)
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
