"""Traffic lights (红黄绿灯), DESIGN.md §3 "Traffic lights" and "Light schemes differ by city".

A plan judges completion against time progress by one of two schemes, with its own bounds:

- **gap** (差距, in percentage points): green while completion lags time progress by at most
  ``green_band``, yellow while the lag is above that and at most ``yellow_band``, red beyond.
  tuijin's default (Kaifeng) is green_band 0, yellow_band 10 points: green once completion
  reaches time progress, yellow up to 10 points behind. Yinchuan: green within 10 points,
  yellow 10–30, red beyond 30.
- **ratio** (比值, completion / time progress): green from ``ratio_yellow_below``, yellow below
  it down to ``ratio_red_below``, red below that. Wuhan: yellow below 80 %, red below 60 %.

Either way a missing report is red. The rule lives here once: the aggregate queries count
with the same bounds through ``light_bounds``, and both decide exactly at a bound (a
completion exactly on it takes the better light).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum
from fractions import Fraction

from django.utils.translation import gettext as _

from tuijin.core.periods import Period
from tuijin.core.shares import percent


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    NONE = "none"  # no data: nothing to judge (no plan amount, no projects)


class Scheme(StrEnum):
    GAP = "gap"
    RATIO = "ratio"


@dataclass(frozen=True)
class LightScheme:
    """A plan's light scheme and its bounds, all shares (0.10 = 10 points or 10 %).

    Only the bounds of ``kind`` are read; the others are kept so that a plan switching
    schemes back finds its bounds again. The default is tuijin's (Kaifeng's) rule.
    """

    kind: Scheme = Scheme.GAP
    green_band: Decimal = Decimal(0)
    yellow_band: Decimal = Decimal("0.10")
    ratio_yellow_below: Decimal = Decimal("0.80")
    ratio_red_below: Decimal = Decimal("0.60")

    def twelfths(self, month: int) -> tuple[Decimal, Decimal]:
        """(green from, yellow from) as completion × 12 at the end of ``month``, exact: M − 12 ×
        band for a gap, M × ratio for a ratio (M / 12 itself has no exact decimal)."""
        m = Decimal(month)
        if self.kind == Scheme.RATIO:
            return m * self.ratio_yellow_below, m * self.ratio_red_below
        return m - 12 * self.green_band, m - 12 * self.yellow_band

    @property
    def short(self) -> str:
        """The scheme in a few words, next to a figure: "yellow within 10 points"."""
        values = {"green": bound_text(self.green_band), "yellow": bound_text(self.yellow_band),
                  "ratio_yellow": bound_text(self.ratio_yellow_below),
                  "ratio_red": bound_text(self.ratio_red_below)}
        if self.kind == Scheme.RATIO:
            return _("yellow below %(ratio_yellow)s%% of time progress, red below "
                     "%(ratio_red)s%%") % values
        if not self.green_band:
            return _("yellow within %(yellow)s points") % values
        return _("yellow %(green)s–%(yellow)s points behind, red beyond %(yellow)s") % values

    @property
    def summary(self) -> str:
        """The scheme in one sentence, for the pages that show lights."""
        values = {"green": bound_text(self.green_band), "yellow": bound_text(self.yellow_band),
                  "ratio_yellow": bound_text(self.ratio_yellow_below),
                  "ratio_red": bound_text(self.ratio_red_below)}
        if self.kind == Scheme.RATIO:
            return _("Ratio to time progress: green when completion is at least "
                     "%(ratio_yellow)s%% of time progress; yellow below %(ratio_yellow)s%%; "
                     "red below %(ratio_red)s%%, or when the month's report is missing.") % values
        if not self.green_band:
            return _("Gap to time progress: green when completion reaches time progress; "
                     "yellow when behind by up to %(yellow)s points; red when behind by more, "
                     "or when the month's report is missing.") % values
        return _("Gap to time progress: green when behind by up to %(green)s points; yellow "
                 "when behind by more than %(green)s and up to %(yellow)s points; red when "
                 "behind by more, or when the month's report is missing.") % values


DEFAULT_SCHEME = LightScheme()


@dataclass(frozen=True)
class LightVerdict:
    """A light with the figures and the rule that set it, so every light explains itself."""

    light: Light
    completion: Decimal | None
    time_progress: Decimal
    scheme: LightScheme = DEFAULT_SCHEME
    is_missing: bool = False

    @property
    def lag(self) -> Decimal | None:
        """Points behind time progress (negative when ahead)."""
        if self.completion is None:
            return None
        return self.time_progress - self.completion

    @property
    def ratio(self) -> Decimal | None:
        """Completion as a share of time progress (1 = on time)."""
        if self.completion is None:
            return None
        return self.completion / self.time_progress

    @property
    def rule(self) -> str:
        if self.is_missing:
            return _("Red: the report for this month is missing.")
        if self.light == Light.NONE:
            return _("No data: nothing is planned, so there is nothing to compare.")
        scheme = self.scheme
        values = {"completion": explained_percent(self.completion),
                  "tp": explained_percent(self.time_progress),
                  "lag": explained_points(self.lag), "ratio": explained_percent(self.ratio),
                  "green": bound_text(scheme.green_band),
                  "yellow": bound_text(scheme.yellow_band),
                  "ratio_yellow": bound_text(scheme.ratio_yellow_below),
                  "ratio_red": bound_text(scheme.ratio_red_below)}
        if scheme.kind == Scheme.RATIO:
            return {
                Light.GREEN: _("Green: completion %(completion)s is %(ratio)s of time progress "
                               "%(tp)s, not below %(ratio_yellow)s%%."),
                Light.YELLOW: _("Yellow: completion %(completion)s is %(ratio)s of time "
                                "progress %(tp)s, below %(ratio_yellow)s%% and not below "
                                "%(ratio_red)s%%."),
                Light.RED: _("Red: completion %(completion)s is %(ratio)s of time progress "
                             "%(tp)s, below %(ratio_red)s%%."),
            }[self.light] % values
        if self.light == Light.GREEN:
            if self.lag <= 0 or not scheme.green_band:
                return _("Green: completion %(completion)s ≥ time progress %(tp)s.") % values
            return _("Green: completion %(completion)s is %(lag)s points behind time progress "
                     "%(tp)s, within the green bound of %(green)s points.") % values
        if self.light == Light.YELLOW:
            if not scheme.green_band:
                return _("Yellow: completion %(completion)s is %(lag)s points behind time "
                         "progress %(tp)s, within the yellow bound of %(yellow)s points."
                         ) % values
            return _("Yellow: completion %(completion)s is %(lag)s points behind time progress "
                     "%(tp)s, more than %(green)s and at most %(yellow)s points.") % values
        return _("Red: completion %(completion)s is %(lag)s points behind time progress "
                 "%(tp)s, more than the yellow bound of %(yellow)s points.") % values


def explained_percent(share: Decimal | None) -> str:
    """A share in the explanation of a light or a target status: 0.4331 → "43.3%"."""
    # Explanations round half to even (43.25 → 43.2%) where the pages' |pct rounds half up
    # (43.3%); kept as it was while the code moved. TODO(issue 9): settle on one rounding.
    return percent(share, rounding=ROUND_HALF_EVEN)


def explained_points(share: Decimal | None) -> str:
    """A lag in percentage points, as explained_percent rounds it: 0.1234 → "12.3"."""
    return explained_percent(share).removesuffix("%")


def bound_text(share: Decimal) -> str:
    """A scheme's bound in points or per cent, without needless places: 0.10 → "10",
    0.125 → "12.5"."""
    return f"{(Decimal(share) * 100).normalize():f}"


@dataclass(frozen=True)
class LightBounds:
    """Completion shares from which a project is green and yellow, for one month.

    ``*_twelfths`` are the same bounds × 12, exact (``LightScheme.twelfths``): the queries
    compare cumulative × 12 with plan × them and the pure rule compares exact fractions, so a
    project exactly on a bound (100 of 600 in February) gets the same light from both.
    """

    green_from: Decimal
    yellow_from: Decimal
    green_from_twelfths: Decimal
    yellow_from_twelfths: Decimal


def light_bounds(*, period: Period, scheme: LightScheme) -> LightBounds:
    green, yellow = scheme.twelfths(period.month)
    return LightBounds(green_from=green / 12, yellow_from=yellow / 12,
                       green_from_twelfths=green, yellow_from_twelfths=yellow)


def _judge(share: Fraction, bounds: LightBounds) -> Light:
    if share * 12 >= Fraction(bounds.green_from_twelfths):
        return Light.GREEN
    if share * 12 >= Fraction(bounds.yellow_from_twelfths):
        return Light.YELLOW
    return Light.RED


def light_for(*, completion: Decimal | None, period: Period, scheme: LightScheme,
              is_missing: bool = False, exact: Fraction | None = None) -> LightVerdict:
    """The light of a completion rate (a share, 0.42 = 42 %) at the end of ``period``.

    ``completion`` None means nothing was planned: no data, not green and not red. ``exact``,
    when given, is the completion as an exact fraction (cumulative / plan), judged in place of
    the rounded ``completion``.
    """
    if is_missing:
        light = Light.RED
    elif completion is None:
        light = Light.NONE
    else:
        share = exact if exact is not None else Fraction(completion)
        light = _judge(share, light_bounds(period=period, scheme=scheme))
    return LightVerdict(light=light, completion=completion, time_progress=period.time_progress,
                        scheme=scheme, is_missing=is_missing)


def project_light(*, cumulative_wan: Decimal | None, annual_plan_wan: Decimal, period: Period,
                  scheme: LightScheme) -> LightVerdict:
    """A project's light: ``cumulative_wan`` None means the month's report is missing (red).

    A reported project with nothing planned this year lags nothing, so it is green (the
    aggregate queries count it the same way: cumulative ≥ share × 0).
    """
    from tuijin.progress.completion import completion_rate

    if cumulative_wan is None:
        return light_for(completion=None, period=period, scheme=scheme, is_missing=True)
    completion = completion_rate(cumulative_wan=cumulative_wan, planned_wan=annual_plan_wan)
    if completion is None:
        return light_for(completion=Decimal(1), period=period, scheme=scheme,
                         exact=Fraction(1))
    return light_for(completion=completion, period=period, scheme=scheme,
                     exact=Fraction(cumulative_wan) / Fraction(annual_plan_wan))


def lights_by_month(*, cumulatives: Mapping[int, Decimal], annual_plan_wan: Decimal, year: int,
                    scheme: LightScheme) -> list[tuple[Period, LightVerdict]]:
    """A project's light at the end of each month from January to its last report (January
    alone before its first): a month without a report is red, its report missing.
    ``cumulatives``: the reported cumulative by month."""
    last = max(cumulatives, default=0)
    lights = []
    for month in range(1, max(last, 1) + 1):
        period = Period(year, month)
        lights.append((period, project_light(cumulative_wan=cumulatives.get(month),
                                             annual_plan_wan=annual_plan_wan, period=period,
                                             scheme=scheme)))
    return lights
