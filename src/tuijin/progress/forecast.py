"""Year-end forecast (年末预测) of investment, with the at-risk flag it implies.

Method (stated on the pages): the year-end amount is the cumulative to date divided by the
share of a year's investment that the programme's seasonal curve says is usually done by
that month: forecast = cumulative(M) / S(M). S is the programme's own curve when it has a
previous full year of reports, else the reference curve below, the typical cumulative
profile of fixed-asset investment in China (slow January–February around the Spring
Festival, a push before the half-year and the year end). A project or domain is at risk when
its forecast falls short of its annual plan by more than the plan's yellow band.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

# Cumulative share of the year's investment done by the end of each month (Jan..Dec).
REFERENCE_CURVE: tuple[Decimal, ...] = tuple(Decimal(x) for x in (
    "0.05", "0.11", "0.19", "0.27", "0.36", "0.47", "0.55", "0.63", "0.72", "0.81", "0.90",
    "1.00",
))


def seasonal_curve(monthly_amounts: Sequence[Decimal] | None) -> tuple[Decimal, ...]:
    """A cumulative curve from a full year of monthly amounts, else the reference curve."""
    if not monthly_amounts or len(monthly_amounts) != 12:
        return REFERENCE_CURVE
    total = sum(monthly_amounts, Decimal(0))
    if total <= 0:
        return REFERENCE_CURVE
    running = Decimal(0)
    curve = []
    for amount in monthly_amounts:
        running += amount
        curve.append(running / total)
    return tuple(curve)


@dataclass(frozen=True)
class Forecast:
    year_end_wan: Decimal | None
    planned_wan: Decimal
    seasonal_share: Decimal
    is_at_risk: bool

    @property
    def completion(self) -> Decimal | None:
        if self.year_end_wan is None or not self.planned_wan:
            return None
        return self.year_end_wan / self.planned_wan


def forecast_year_end(*, cumulative_wan: Decimal | None, planned_wan: Decimal, month: int,
                      yellow_band: Decimal, curve: Sequence[Decimal] = REFERENCE_CURVE
                      ) -> Forecast:
    """Forecast from the cumulative to ``month``; None (and not at risk) without data."""
    share = curve[month - 1]
    if cumulative_wan is None or share <= 0:
        return Forecast(None, planned_wan, share, False)
    year_end = cumulative_wan / share
    at_risk = bool(planned_wan) and year_end < planned_wan * (1 - yellow_band)
    return Forecast(year_end, planned_wan, share, at_risk)
