"""Target status (目标状态): met / on track / behind / no data, for every indicator.

Rules (DESIGN.md §3 and the plan JSON format in HELPERS.md):

- 确保 (must) is a hard floor: a must target that is behind is red. 力争 (strive) is a
  stretch: behind is yellow, a warning rather than a failure.
- ≥ on a level: met once the actual reaches the value; before that, on track while
  actual / value keeps within the yellow band of time progress (the traffic-light rule), so
  a year total of 3000亿元 needs about 1500亿元 by June; not reached in December is behind.
- ≈ (左右): the band is value × tolerance (the target's own, else the plan's
  approx_tolerance, default 10 %). A count that accumulates over the year (三个一批) is met
  once it reaches the lower edge of the band; above the upper edge it is met and flagged
  "above the band".
- ≤ and = on a level, and every growth target (basis growth: the actual is the year-on-year
  change to date in %, as statistics bureaus report it; 下降3% is ≤ -3): they cannot be
  judged before the year ends, so a satisfied comparator is "on track" until December and
  "met" in December.
- multiple (倍增 = 2): the goal is baseline × value; without a baseline there is no data.
- qualitative targets, and any target without an actual, have no data.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

from tuijin.core.money import plain_amount
from tuijin.core.periods import Period
from tuijin.progress.lights import Light, explained_percent


class Status(StrEnum):
    MET = "met"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class TargetSpec:
    comparator: str  # gte | lte | approx | eq
    value: Decimal | None
    commitment: str = "plain"  # must | strive | plain
    basis: str = "level"  # level | growth | multiple | qualitative
    unit: str = ""
    tolerance: Decimal | None = None
    baseline_value: Decimal | None = None
    wording: str = ""


@dataclass(frozen=True)
class TargetStatus:
    status: Status
    light: Light
    actual: Decimal | None
    goal: Decimal | None  # the level the actual is compared with
    expected_now: Decimal | None  # the pro-rata level for this month, where it applies
    explanation: str
    is_above_band: bool = False


def _light(status: Status, commitment: str, *, lagging: bool = False) -> Light:
    if status == Status.NO_DATA:
        return Light.NONE
    if status == Status.BEHIND:
        return Light.RED if commitment == "must" else Light.YELLOW
    return Light.YELLOW if lagging else Light.GREEN


def _fmt(value: Decimal | None) -> str:
    """A figure in an explanation: two places at most, no separators (1443.1, not 1,443.10)."""
    if value is None:
        return "—"
    return plain_amount(Decimal(value).quantize(Decimal("0.01")), grouping_from=None)


def target_status(*, target: TargetSpec, actual: Decimal | None, period: Period,
                  yellow_band: Decimal, approx_tolerance: Decimal) -> TargetStatus:
    """Judge one target at the end of ``period``; see the module docstring for the rules."""

    def result(status, *, goal=None, expected=None, why="", lagging=False, above=False):
        return TargetStatus(status=status, light=_light(status, target.commitment,
                                                        lagging=lagging),
                            actual=actual, goal=goal, expected_now=expected,
                            explanation=why, is_above_band=above)

    if target.basis == "qualitative" or target.value is None:
        return result(Status.NO_DATA, why=_("Qualitative target: judged from the work "
                                            "reports, not from a figure."))
    if actual is None:
        return result(Status.NO_DATA, why=_("No actual value has been reported yet."))
    is_year_end = period.month == 12
    tp = period.time_progress
    tolerance = target.tolerance if target.tolerance is not None else approx_tolerance
    values = {"actual": _fmt(actual), "value": _fmt(target.value), "unit": target.unit}

    if target.basis == "growth":
        goal = target.value
        satisfied = _compare(target.comparator, actual, goal, abs(goal) * tolerance)
        values["goal"] = _fmt(goal)
        if satisfied:
            status = Status.MET if is_year_end else Status.ON_TRACK
            return result(status, goal=goal, why=_(
                "Growth to date %(actual)s%% satisfies the target %(goal)s%%; judged final "
                "in December.") % values)
        return result(Status.BEHIND, goal=goal, why=_(
            "Growth to date %(actual)s%% does not satisfy the target %(goal)s%%.") % values)

    goal = target.value
    if target.basis == "multiple":
        if target.baseline_value is None:
            return result(Status.NO_DATA, why=_("No baseline: a multiple of the baseline "
                                                "cannot be judged."))
        goal = target.baseline_value * target.value
    values["goal"] = _fmt(goal)

    if target.comparator in ("gte", "approx"):
        low = goal * (1 - tolerance) if target.comparator == "approx" else goal
        high = goal * (1 + tolerance) if target.comparator == "approx" else None
        values.update(low=_fmt(low), high=_fmt(high))
        if actual >= low:
            above = high is not None and actual > high
            if above:
                why = _("%(actual)s is above the band %(low)s–%(high)s of “about %(goal)s”: "
                        "met, and exceeded.") % values
            elif high is not None:
                why = _("%(actual)s is within or past the lower edge %(low)s of “about "
                        "%(goal)s”: met.") % values
            else:
                why = _("%(actual)s ≥ %(goal)s: met.") % values
            return result(Status.MET, goal=goal, why=why, above=above)
        expected = low * tp
        share = actual / low if low else Decimal(1)
        values.update(expected=_fmt(expected), share=explained_percent(share),
                      tp=explained_percent(tp), floor=explained_percent(tp - yellow_band))
        if share >= tp - yellow_band and not is_year_end:
            return result(Status.ON_TRACK, goal=goal, expected=expected, lagging=share < tp,
                          why=_("%(actual)s is %(share)s of %(low)s; time progress is %(tp)s, "
                                "floor %(floor)s: on track.") % values)
        return result(Status.BEHIND, goal=goal, expected=expected, why=_(
            "%(actual)s is %(share)s of %(low)s, below the floor %(floor)s of time progress "
            "%(tp)s: behind.") % values)

    band = abs(goal) * tolerance if target.comparator == "eq" and target.tolerance else 0
    if _compare(target.comparator, actual, goal, band):
        status = Status.MET if is_year_end else Status.ON_TRACK
        return result(status, goal=goal, why=_(
            "%(actual)s satisfies %(goal)s so far; judged final in December.") % values)
    return result(Status.BEHIND, goal=goal, why=_(
        "%(actual)s does not satisfy the target %(goal)s.") % values)


def pro_rata_path(target: TargetSpec, *, periods: Iterable[Period]) -> list[Decimal]:
    """Where a level target to reach (≥) or to come near (≈) stands pro rata at the end of
    each period: value × M / 12, the line a month's actual is read against (as time progress
    is for investment). Any other target has no such path: an empty list."""
    if target.basis != "level" or target.comparator not in ("gte", "approx") \
            or target.value is None:
        return []
    return [target.value * period.time_progress for period in periods]


def _compare(comparator: str, actual: Decimal, goal: Decimal, band: Decimal) -> bool:
    if comparator == "gte":
        return actual >= goal
    if comparator == "lte":
        return actual <= goal
    return abs(actual - goal) <= band
