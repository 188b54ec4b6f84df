"""The writers of tests/core/db/test_concurrent_writers.py, each run as its own process:

    python -m tests.core.db.writers ROLE WORKDIR [START]

with DATABASE_URL naming the shared database. ``setup`` makes the plan, a city admin and the
projects; ``saves``, ``reports`` and ``projects`` wait until the epoch time START, then write
(report saves through the report service; the two spreadsheet imports through ``tuijin
import``); ``check`` prints what the database holds as JSON.
"""

import json
import sys
import time
from decimal import Decimal
from pathlib import Path

PLAN = "concurrency-2023"
MONTHS = (1, 2, 3)
PROJECTS = 8  # of each kind: saved one by one, reported by import, added by import
DISTRICT = "龙亭区"


def saved_name(i: int) -> str:
    return f"并发填报项目{i}"


def imported_name(i: int) -> str:
    return f"并发导入月报项目{i}"


def added_name(round_: int, i: int) -> str:
    return f"并发导入新项目{round_}-{i}"


def month_cumulative(month: int) -> Decimal:
    return Decimal(10 * month)


def setup(workdir: Path) -> None:
    from tests.factories import make_plan, make_project
    from tuijin.accounts.models import User
    from tuijin.core.divisions import divisions_sync
    from tuijin.core.models import Division

    divisions_sync(Division)
    plan = make_plan(slug=PLAN)
    User.objects.create_user(username="concurrency-admin", password="-", role=User.Role.CITY_ADMIN)
    for i in range(PROJECTS):
        make_project(plan, name=saved_name(i), annual_plan_wan="100")
        make_project(plan, name=imported_name(i), annual_plan_wan="100")


def saves(workdir: Path) -> None:
    from tuijin.accounts.models import User
    from tuijin.projects.models import Project
    from tuijin.projects.services import report_save

    admin = User.objects.get(username="concurrency-admin")
    projects = [Project.objects.get(plan__slug=PLAN, name=saved_name(i)) for i in range(PROJECTS)]
    for month in MONTHS:
        for project in projects:
            report_save(project=project, month=month, investment_month_wan=Decimal(10),
                        cumulative_wan=month_cumulative(month), user=admin)


def reports(workdir: Path) -> None:
    from django.core.management import call_command

    for month in MONTHS:
        call_command("import", "reports", str(workdir / f"reports-{month}.xlsx"), "--plan", PLAN,
                     "--month", f"2023-{month:02d}")


def projects(workdir: Path) -> None:
    from django.core.management import call_command

    for round_ in MONTHS:
        call_command("import", "projects", str(workdir / f"projects-{round_}.xlsx"),
                     "--plan", PLAN)


def check(workdir: Path) -> None:
    from tuijin.projects.models import MonthlyReport, Project

    result = {
        "projects": sorted(Project.objects.filter(plan__slug=PLAN).values_list("name", flat=True)),
        "reported_months": dict(Project.objects.filter(plan__slug=PLAN)
                                .values_list("name", "reported_months")),
        "reports": sorted(
            [name, month, str(cumulative), completion]
            for name, month, cumulative, completion in MonthlyReport.objects.filter(
                project__plan__slug=PLAN).values_list("project__name", "month", "cumulative_wan",
                                                      "completion")),
    }
    print(json.dumps(result, ensure_ascii=False))


def main(role: str, workdir: str, start: str = "0") -> None:
    import django

    django.setup()
    # Every writer starts at the same moment, after the slow part (starting Django).
    time.sleep(max(0.0, float(start) - time.time()))
    {"setup": setup, "saves": saves, "reports": reports, "projects": projects,
     "check": check}[role](Path(workdir))


if __name__ == "__main__":
    main(*sys.argv[1:])
