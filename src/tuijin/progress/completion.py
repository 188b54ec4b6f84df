"""Investment completion (投资完成率), DESIGN.md §3.

Completion = cumulative investment January–M / annual planned investment. A project whose
report for month M is missing contributes nothing to the cumulative but keeps its planned
amount in the denominator, and is counted in ``missing`` so that pages say so plainly
instead of silently treating it as zero.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal(0)


def completion_rate(*, cumulative_wan: Decimal | None, planned_wan: Decimal | None
                    ) -> Decimal | None:
    """The completion share, or None when nothing is planned (no division by zero)."""
    if cumulative_wan is None or not planned_wan:
        return None
    return Decimal(cumulative_wan) / Decimal(planned_wan)


@dataclass
class Totals:
    """Sums over a group of projects for one month (a domain, a district, the plan...)."""

    projects: int = 0
    planned_wan: Decimal = ZERO
    reported: int = 0
    cumulative_wan: Decimal = ZERO
    green: int = 0
    yellow: int = 0
    red: int = 0  # red by lag, reported
    missing: int = 0  # no report this month: red as well, listed apart
    under_way: int = 0
    signed: int = 0
    started: int = 0
    in_production: int = 0
    planned_of_missing_wan: Decimal = field(default=ZERO)

    @property
    def completion(self) -> Decimal | None:
        return completion_rate(cumulative_wan=self.cumulative_wan, planned_wan=self.planned_wan)

    @property
    def red_total(self) -> int:
        return self.red + self.missing

    @property
    def report_rate(self) -> Decimal | None:
        return Decimal(self.reported) / Decimal(self.projects) if self.projects else None

    def add(self, other: "Totals") -> "Totals":
        for name in ("projects", "planned_wan", "reported", "cumulative_wan", "green", "yellow",
                     "red", "missing", "under_way", "signed", "started", "in_production",
                     "planned_of_missing_wan"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


def totals_by(rows: Iterable[tuple[object, Totals]]) -> dict[object, Totals]:
    """Roll group rows up by key: [(key, Totals)] → {key: summed Totals}."""
    result: dict[object, Totals] = {}
    for key, totals in rows:
        result.setdefault(key, Totals()).add(totals)
    return result


def totals_sum(items: Iterable[Totals]) -> Totals:
    total = Totals()
    for item in items:
        total.add(item)
    return total
