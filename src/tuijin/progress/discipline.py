"""Reporting discipline (填报纪律): report rate (填报率), on-time rate (按时率) and, in the
reporting cycle, return rate (退回率: reports returned at least once / reports submitted).

Report rate = reports received / reports due (one per project per month). On-time rate =
reports submitted by the plan's due day of their month / reports due. Both are given for the
month and for the year so far (January to the month). A report counts as on time when it
was submitted before the end of the due day (DESIGN.md §3: due by e.g. the 25th).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from tuijin.core.periods import Period
from tuijin.progress.rankings import rank_by_rate

REPORTING_TZ = ZoneInfo("Asia/Shanghai")


def due_before(period: Period, due_day: int) -> datetime:
    """The instant by which the report for ``period`` must be in (end of the due day)."""
    day = datetime.combine(period.first_day.replace(day=due_day), time.min, REPORTING_TZ)
    return day + timedelta(days=1)


@dataclass(frozen=True)
class Discipline:
    due: int
    received: int
    on_time: int
    # The reporting cycle's reviews: reports submitted, and returned at least once (退回率).
    submitted: int = 0
    returned: int = 0

    @property
    def return_rate(self) -> Decimal | None:
        return Decimal(self.returned) / Decimal(self.submitted) if self.submitted else None

    @property
    def report_rate(self) -> Decimal | None:
        return Decimal(self.received) / Decimal(self.due) if self.due else None

    @property
    def on_time_rate(self) -> Decimal | None:
        return Decimal(self.on_time) / Decimal(self.due) if self.due else None

    @property
    def late(self) -> int:
        return self.received - self.on_time

    @property
    def missing(self) -> int:
        return max(self.due - self.received, 0)


def discipline(*, projects: int, months: int, received: int, on_time: int,
               submitted: int = 0, returned: int = 0) -> Discipline:
    """Discipline of ``projects`` projects over ``months`` months (1 for the month alone)."""
    return Discipline(due=projects * months, received=received, on_time=on_time,
                      submitted=submitted, returned=returned)


def discipline_table(counts: Iterable[Mapping], *, key: str, months: int, names: Mapping,
                     codes: Mapping, worst_first: bool = False,
                     returns: Mapping | None = None) -> list[dict]:
    """Rank groups (districts or owners) by their on-time rate for the year so far.

    ``counts`` are rows of ``selectors.discipline_counts`` grouped by ``key``; ``months`` is
    the period's month (reports due per project so far). Each row gives the group's name and
    code, its projects, its ``Discipline`` for the month and for the year, and its rank
    (shared on ties, as ``rankings.rank_by_rate``). Counts of the month alone (no
    ``year_received``) give ``year`` None and rank by the month's on-time rate.
    ``worst_first`` lists from the bottom of the ranking up (groups without data first), so a
    page cut to the first rows shows who needs chasing.
    """
    rows = []
    returns = returns or {}
    for row in counts:
        back = returns.get(row[key], {})
        year = None
        if "year_received" in row:
            year = discipline(projects=row["n_projects"], months=months,
                              received=row["year_received"], on_time=row["year_on_time"],
                              submitted=back.get("year_submitted", 0),
                              returned=back.get("year_returned", 0))
        rows.append({
            "name": names.get(row[key]) or _("(no owner)"),
            "code": codes.get(row[key], ""),
            "projects": row["n_projects"],
            "month": discipline(projects=row["n_projects"], months=1,
                                received=row["month_received"], on_time=row["month_on_time"],
                                submitted=back.get("month_submitted", 0),
                                returned=back.get("month_returned", 0)),
            "year": year,
        })
    ranked = rank_by_rate(rows, rate=lambda r: (r["year"] or r["month"]).on_time_rate,
                          tie_key=lambda r: (r["code"], r["name"]))
    if worst_first:
        ranked.reverse()
    return [dict(entry.item, rank=entry.rank) for entry in ranked]
