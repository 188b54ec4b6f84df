"""Reporting discipline (填报纪律): report rate (填报率) and on-time rate.

Report rate = reports received / reports due (one per project per month). On-time rate =
reports submitted by the plan's due day of their month / reports due. Both are given for the
month and for the year so far (January to the month). A report counts as on time when it
was submitted before the end of the due day (DESIGN.md §3: due by e.g. the 25th).
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from tuijin.core.periods import Period

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


def discipline(*, projects: int, months: int, received: int, on_time: int) -> Discipline:
    """Discipline of ``projects`` projects over ``months`` months (1 for the month alone)."""
    return Discipline(due=projects * months, received=received, on_time=on_time)
