"""Traffic lights (红黄绿灯), DESIGN.md §3.

Green where completion ≥ time progress; yellow where it lags by up to the plan's yellow band
(default 10 points); red beyond that, or where the month's report is missing. The rule lives
here once: the aggregate queries apply the same bounds through ``light_bounds``.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

from tuijin.core.periods import Period
from tuijin.core.shares import percent


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    NONE = "none"  # no data: nothing to judge (no plan amount, no projects)


@dataclass(frozen=True)
class LightVerdict:
    """A light with the figures and the rule that set it, so every light explains itself."""

    light: Light
    completion: Decimal | None
    time_progress: Decimal
    yellow_band: Decimal
    is_missing: bool = False

    @property
    def lag(self) -> Decimal | None:
        """Points behind time progress (negative when ahead)."""
        if self.completion is None:
            return None
        return self.time_progress - self.completion

    @property
    def rule(self) -> str:
        tp = explained_percent(self.time_progress)
        band = explained_percent(self.yellow_band)
        if self.is_missing:
            return _("Red: the report for this month is missing.")
        if self.light == Light.NONE:
            return _("No data: nothing is planned, so there is nothing to compare.")
        floor = max(self.time_progress - self.yellow_band, Decimal(0))
        values = {"completion": explained_percent(self.completion), "tp": tp, "band": band,
                  "floor": explained_percent(floor)}
        if self.light == Light.GREEN:
            return _("Green: completion %(completion)s ≥ time progress %(tp)s.") % values
        if self.light == Light.YELLOW:
            return _(
                "Yellow: completion %(completion)s is below time progress %(tp)s by no more "
                "than %(band)s (floor %(floor)s)."
            ) % values
        return _(
            "Red: completion %(completion)s is below time progress %(tp)s by more than "
            "%(band)s (floor %(floor)s)."
        ) % values


def explained_percent(share: Decimal | None) -> str:
    """A share in the explanation of a light or a target status: 0.4331 → "43.3%"."""
    # Explanations round half to even (43.25 → 43.2%) where the pages' |pct rounds half up
    # (43.3%); kept as it was while the code moved. TODO(issue 9): settle on one rounding.
    return percent(share, rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True)
class LightBounds:
    """Completion shares at which a project turns green and yellow, for one month.

    ``*_twelfths`` are the same bounds × 12, exact (M and M − 12 × band): the queries compare
    cumulative × 12 with plan × them, since M / 12 has no exact decimal (a project exactly on
    the bound, 100 of 600 in February, would otherwise turn on the rounding of 2/12).
    """

    green_from: Decimal
    yellow_from: Decimal
    green_from_twelfths: Decimal
    yellow_from_twelfths: Decimal


def light_bounds(*, period: Period, yellow_band: Decimal) -> LightBounds:
    month = Decimal(period.month)
    return LightBounds(green_from=period.time_progress,
                       yellow_from=period.time_progress - yellow_band,
                       green_from_twelfths=month, yellow_from_twelfths=month - 12 * yellow_band)


def light_for(*, completion: Decimal | None, period: Period, yellow_band: Decimal,
              is_missing: bool = False) -> LightVerdict:
    """The light of a completion rate (a share, 0.42 = 42 %) at the end of ``period``.

    ``completion`` None means nothing was planned: no data, not green and not red.
    """
    bounds = light_bounds(period=period, yellow_band=yellow_band)
    if is_missing:
        light = Light.RED
    elif completion is None:
        light = Light.NONE
    elif completion >= bounds.green_from:
        light = Light.GREEN
    elif completion >= bounds.yellow_from:
        light = Light.YELLOW
    else:
        light = Light.RED
    return LightVerdict(light=light, completion=completion, time_progress=period.time_progress,
                        yellow_band=yellow_band, is_missing=is_missing)


def project_light(*, cumulative_wan: Decimal | None, annual_plan_wan: Decimal, period: Period,
                  yellow_band: Decimal) -> LightVerdict:
    """A project's light: ``cumulative_wan`` None means the month's report is missing (red).

    A reported project with nothing planned this year lags nothing, so it is green (the
    aggregate queries count it the same way: cumulative ≥ share × 0).
    """
    from tuijin.progress.completion import completion_rate

    if cumulative_wan is None:
        return light_for(completion=None, period=period, yellow_band=yellow_band,
                         is_missing=True)
    completion = completion_rate(cumulative_wan=cumulative_wan, planned_wan=annual_plan_wan)
    if completion is None:
        completion = Decimal(1)
    return light_for(completion=completion, period=period, yellow_band=yellow_band)


def lights_by_month(*, cumulatives: Mapping[int, Decimal], annual_plan_wan: Decimal, year: int,
                    yellow_band: Decimal) -> list[tuple[Period, LightVerdict]]:
    """A project's light at the end of each month from January to its last report (January
    alone before its first): a month without a report is red, its report missing.
    ``cumulatives``: the reported cumulative by month."""
    last = max(cumulatives, default=0)
    lights = []
    for month in range(1, max(last, 1) + 1):
        period = Period(year, month)
        lights.append((period, project_light(cumulative_wan=cumulatives.get(month),
                                             annual_plan_wan=annual_plan_wan, period=period,
                                             yellow_band=yellow_band)))
    return lights
