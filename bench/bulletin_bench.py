"""Benchmark: the monthly bulletin (通报) in each format against the bare progress computation
of the same month.

    python bench/bulletin_bench.py --scale city|province [--db sqlite|postgres] [--reuse]
                                   [--formats docx,xlsx,pdf]

Generates the demo programme (``tuijin.demo.loader.demo_load``, as bench/dashboard_bench.py
does) into a database of its own: SQLite in ./var/bench/bulletin-<scale>.sqlite3, or, for
--db postgres, ``tuijin_bench_bulletin_<scale>`` on the server DATABASE_URL points to (the role
needs CREATEDB). A database of its own, so that running it never deletes the database another
bench is reading. The month reported last is locked (a bulletin is of a locked month).

Then it times, in turn, so that a shared machine's load falls on all alike:

- the floor: ``progress.selectors.dashboard_for`` for the whole city at that month, the
  progress computation most figures of the bulletin come from;
- the figures' floor: the dashboard and the reporting discipline by unit for the month
  (``discipline_by(..., month_only=True)``, section 六), the two progress computations the
  bulletin's figures come from — printed beside, as ``figures_floor`` and ``figures_ratio``;
- each format: the whole bulletin as the download builds it, ``bulletins.selectors.
  bulletin_content`` (the dashboard, reporting discipline by unit, total investment, the
  problems summary, the city ranking) and the renderer (.docx with its two charts, .xlsx, .pdf
  through LibreOffice).

Each is run once to warm the caches, then ``--repeat`` times; the median is reported, as
one JSON line per measure: {"bench": "bulletin-<format>-<scale>-<db>", "value": ms,
"unit": "ms", "baseline": floor ms, "ratio": value / baseline, "better": "lower",
"figures_floor": ms, "figures_ratio": value / figures_floor}.
Goal (issue 13): .docx and .xlsx under 3 s at city scale and within 3x the floor at
province scale; .pdf under 15 s at city scale.
"""

import argparse
import json
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from demo_db import PLAN, demo_arguments, generate, median_ms, point_django_at

SCALES = {"city": 2_000, "province": 40_000}
FORMATS = ("docx", "xlsx", "pdf")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=SCALES, default="city")
    demo_arguments(parser, database="tuijin_bench_bulletin_<scale>", repeat=5)
    parser.add_argument("--formats", default=",".join(FORMATS),
                        help="Comma-separated formats to time (docx,xlsx,pdf).")
    args = parser.parse_args()
    args.formats = [f for f in args.formats.split(",") if f]
    unknown = set(args.formats) - set(FORMATS)
    if unknown:
        parser.error(f"unknown formats {sorted(unknown)}; choose from {', '.join(FORMATS)}")
    return args


def _lock(plan, month: int) -> None:
    """The bench's own database: the month is locked directly, as the reporting cycle would."""
    from django.utils import timezone

    from tuijin.projects.cycle import PeriodState
    from tuijin.projects.models import ReportingPeriod

    now = timezone.now()
    ReportingPeriod.objects.update_or_create(
        plan=plan, month=month,
        defaults={"state": PeriodState.LOCKED, "due_on": date(plan.year, month, 25),
                  "opened_at": now, "locked_at": now})


def main() -> None:
    args = _arguments()
    database = point_django_at(db=args.db, database_url=args.database_url,
                               name=f"tuijin_bench_bulletin_{args.scale}",
                               sqlite_file=f"bulletin-{args.scale}.sqlite3", reuse=args.reuse)
    import django

    django.setup()
    from tuijin.accounts.scopes import Scope
    from tuijin.bulletins import selectors
    from tuijin.bulletins.formats import FORMATS as RENDERERS
    from tuijin.core.periods import Period
    from tuijin.plans.models import Plan
    from tuijin.progress.selectors import (
        dashboard_for,
        discipline_by,
        latest_reported_month,
        programme_for,
    )

    print(f"database: {args.db} {database}")
    generate(projects=SCALES[args.scale], months=args.months, seed=args.seed)
    plan = Plan.objects.get(slug=PLAN)
    city = Scope.city_wide_for_system()
    month = latest_reported_month(programme_for(city, plan=plan)) or 1
    _lock(plan, month)
    period = Period(plan.year, month)
    today = date(plan.year, month, 28)

    def floor():
        return dashboard_for(city, plan=plan, period=period)

    def figures():
        return (dashboard_for(city, plan=plan, period=period),
                discipline_by(programme_for(city, plan=plan).projects, plan=plan, period=period,
                              by="owner_id", month_only=True))

    def bulletin(fmt):
        def run():
            content = selectors.bulletin_content(
                city, plan=plan, period=period,
                header=selectors.header_for(plan, month, today=today), next_steps="")
            return RENDERERS[fmt].render(content)
        return run

    sizes = {fmt: len(bulletin(fmt)()) for fmt in args.formats}
    timed = median_ms([floor, figures, *(bulletin(fmt) for fmt in args.formats)], args.repeat)
    floor_ms, figures_ms, format_ms = timed[0], timed[1], timed[2:]
    projects = floor().total.totals.projects
    print(f"scale {args.scale}: {projects:,} projects, month {period}; floor "
          f"(dashboard_for, the whole city): {floor_ms:.1f} ms, with the discipline by unit "
          f"{figures_ms:.1f} ms (median of {args.repeat})")
    lines = []
    for fmt, ms in zip(args.formats, format_ms, strict=True):
        ratio = ms / floor_ms if floor_ms else float("inf")
        print(f"  .{fmt}: {ms:.1f} ms, {ratio:.2f}x the floor, {ms / figures_ms:.2f}x the "
              f"figures' floor, {sizes[fmt] / 1024:.0f} KiB")
        lines.append({"bench": f"bulletin-{fmt}-{args.scale}-{args.db}",
                      "value": round(ms, 2), "unit": "ms", "baseline": round(floor_ms, 2),
                      "ratio": round(ratio, 3), "better": "lower",
                      "figures_floor": round(figures_ms, 2),
                      "figures_ratio": round(ms / figures_ms, 3)})
    for line in lines:
        print(json.dumps(line))


if __name__ == "__main__":
    main()
