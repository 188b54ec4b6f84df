"""progress/lights.py: the traffic-light rule and its schemes (DESIGN.md §3, "Light schemes
differ by city"): tuijin's default (Kaifeng: yellow within 10 points), Yinchuan (gap: yellow
10–30 points, red beyond 30) and Wuhan (ratio: yellow below 80 %, red below 60 %)."""

from decimal import Decimal as D
from fractions import Fraction

from django.utils.translation import override
from hypothesis import assume, given
from hypothesis import strategies as st

from tuijin.core.periods import Period
from tuijin.progress.lights import (
    Light,
    LightScheme,
    Scheme,
    light_bounds,
    light_for,
    lights_by_month,
    project_light,
)

JUNE = Period(2023, 6)
KAIFENG = LightScheme()  # tuijin's default: gap, green 0, yellow up to 10 points
YINCHUAN = LightScheme(green_band=D("0.10"), yellow_band=D("0.30"))
WUHAN = LightScheme(kind=Scheme.RATIO, ratio_yellow_below=D("0.80"), ratio_red_below=D("0.60"))
ORDER = {Light.RED: 0, Light.YELLOW: 1, Light.GREEN: 2}


def light(completion, scheme, period=JUNE):
    return light_for(completion=D(completion), period=period, scheme=scheme).light


def rule(completion, scheme, period=JUNE, language="en"):
    with override(language):
        return light_for(completion=D(completion), period=period, scheme=scheme).rule


# --- tuijin's default (Kaifeng): gap, yellow within 10 points -----------------------------


def test_default_is_the_gap_scheme_yellow_within_10_points():
    assert (KAIFENG.kind, KAIFENG.green_band, KAIFENG.yellow_band) == (
        Scheme.GAP, D(0), D("0.10"))


def test_green_when_completion_reaches_time_progress():
    assert light("0.50", KAIFENG) == Light.GREEN


def test_yellow_when_lag_within_band():
    verdict = light_for(completion=D("0.40"), period=JUNE, scheme=KAIFENG)
    assert verdict.light == Light.YELLOW
    assert verdict.lag == D("0.10")


def test_red_when_lag_beyond_band():
    assert light("0.3999", KAIFENG) == Light.RED


def test_band_comes_from_the_plan():
    assert light("0.3999", LightScheme(yellow_band=D("0.20"))) == Light.YELLOW


def test_default_rules_name_the_figures_and_the_bound():
    assert rule("0.50", KAIFENG) == "Green: completion 50.0% ≥ time progress 50.0%."
    assert rule("0.42", KAIFENG) == ("Yellow: completion 42.0% is 8.0 points behind time "
                                     "progress 50.0%, within the yellow bound of 10 points.")
    assert rule("0.38", KAIFENG) == ("Red: completion 38.0% is 12.0 points behind time "
                                     "progress 50.0%, more than the yellow bound of 10 points.")


def test_default_rule_in_chinese():
    assert rule("0.38", KAIFENG, language="zh-hans") == (
        "红灯：完成率 38.0% 比时间进度 50.0% 慢 12.0 个百分点，超过黄灯界限 10 个百分点。")


# --- Yinchuan: gap, green within 10 points, yellow 10–30, red beyond 30 -------------------


def test_yinchuan_is_green_within_10_points():
    assert light("0.40", YINCHUAN) == Light.GREEN  # exactly 10 points behind
    assert light("0.45", YINCHUAN) == Light.GREEN


def test_yinchuan_is_yellow_from_10_to_30_points():
    assert light("0.3999", YINCHUAN) == Light.YELLOW
    assert light("0.20", YINCHUAN) == Light.YELLOW  # exactly 30 points behind


def test_yinchuan_is_red_beyond_30_points():
    assert light("0.1999", YINCHUAN) == Light.RED


def test_yinchuan_rules_name_both_bounds():
    assert rule("0.45", YINCHUAN) == ("Green: completion 45.0% is 5.0 points behind time "
                                      "progress 50.0%, within the green bound of 10 points.")
    assert rule("0.35", YINCHUAN) == ("Yellow: completion 35.0% is 15.0 points behind time "
                                      "progress 50.0%, more than 10 and at most 30 points.")
    assert rule("0.15", YINCHUAN) == ("Red: completion 15.0% is 35.0 points behind time "
                                      "progress 50.0%, more than the yellow bound of 30 points.")


# --- Wuhan: ratio, yellow below 80 %, red below 60 % ---------------------------------------


def test_wuhan_is_green_from_80_percent_of_time_progress():
    assert light("0.40", WUHAN) == Light.GREEN  # 40 / 50 = exactly 80 %
    assert light("0.60", WUHAN) == Light.GREEN  # ahead


def test_wuhan_is_yellow_below_80_percent():
    assert light("0.3999", WUHAN) == Light.YELLOW
    assert light("0.30", WUHAN) == Light.YELLOW  # exactly 60 %: not below it


def test_wuhan_is_red_below_60_percent():
    assert light("0.2999", WUHAN) == Light.RED


def test_wuhan_rules_name_the_ratio_and_the_bound():
    assert rule("0.45", WUHAN) == ("Green: completion 45.0% is 90.0% of time progress 50.0%, "
                                   "not below 80%.")
    assert rule("0.38", WUHAN) == ("Yellow: completion 38.0% is 76.0% of time progress 50.0%, "
                                   "below 80% and not below 60%.")
    assert rule("0.25", WUHAN) == ("Red: completion 25.0% is 50.0% of time progress 50.0%, "
                                   "below 60%.")
    assert rule("0.38", WUHAN, language="zh-hans") == (
        "黄灯：完成率 38.0% 为时间进度 50.0% 的 76.0%，低于 80%，不低于 60%。")


def test_the_ratio_is_read_against_each_months_time_progress():
    march = Period(2023, 3)  # time progress 25 %: green from 20 %, red below 15 %
    assert [light(c, WUHAN, march) for c in ("0.20", "0.1999", "0.15", "0.1499")] == [
        Light.GREEN, Light.YELLOW, Light.YELLOW, Light.RED]


# --- whatever the scheme ---------------------------------------------------------------------


def test_missing_report_is_red_and_says_so():
    for scheme in (KAIFENG, YINCHUAN, WUHAN):
        verdict = project_light(cumulative_wan=None, annual_plan_wan=D(1000), period=JUNE,
                                scheme=scheme)
        assert verdict.light == Light.RED
        assert verdict.is_missing
        with override("en"):
            assert "missing" in verdict.rule


def test_project_light_from_cumulative_and_plan():
    verdict = project_light(cumulative_wan=D(450), annual_plan_wan=D(1000), period=JUNE,
                            scheme=KAIFENG)
    assert verdict.light == Light.YELLOW
    assert verdict.completion == D("0.45")


def test_reported_project_with_nothing_planned_is_green():
    for scheme in (KAIFENG, YINCHUAN, WUHAN):
        verdict = project_light(cumulative_wan=D(0), annual_plan_wan=D(0), period=JUNE,
                                scheme=scheme)
        assert verdict.light == Light.GREEN


def test_no_plan_amount_is_no_data_not_red():
    assert light_for(completion=None, period=JUNE, scheme=WUHAN).light == Light.NONE


def test_a_project_exactly_on_a_bound_that_has_no_exact_decimal_takes_the_better_light():
    """February's time progress is 2/12: 100 of 600 is exactly on it, and 7/12 × 80 % is
    exactly Wuhan's bound in July; the rule compares exact fractions, as the queries do."""
    assert project_light(cumulative_wan=D(100), annual_plan_wan=D(600),
                         period=Period(2023, 2), scheme=KAIFENG).light == Light.GREEN
    assert project_light(cumulative_wan=D(560), annual_plan_wan=D(1200),
                         period=Period(2023, 7), scheme=WUHAN).light == Light.GREEN
    assert project_light(cumulative_wan=D("559.9999"), annual_plan_wan=D(1200),
                         period=Period(2023, 7), scheme=WUHAN).light == Light.YELLOW


def test_schemes_summarise_themselves():
    with override("en"):
        assert "10 points" in KAIFENG.summary and "10 points" in KAIFENG.short
        assert "30 points" in YINCHUAN.summary and "10–30" in YINCHUAN.short
        assert "80%" in WUHAN.summary and "60%" in WUHAN.short


def test_lights_by_month_run_from_january_to_the_last_report():
    lights = lights_by_month(cumulatives={2: D(200), 4: D(400)}, annual_plan_wan=D(1200),
                             year=2023, scheme=KAIFENG)
    assert [(period.month, verdict.light) for period, verdict in lights] == [
        (1, Light.RED), (2, Light.GREEN), (3, Light.RED), (4, Light.GREEN)]
    assert lights[0][1].is_missing and lights[2][1].is_missing


def test_a_project_without_reports_shows_january_missing():
    lights = lights_by_month(cumulatives={}, annual_plan_wan=D(1200), year=2023,
                             scheme=KAIFENG)
    assert [(period, verdict.is_missing) for period, verdict in lights] == [(Period(2023, 1), True)]


# --- invariants, for any scheme and bounds ------------------------------------------------

shares = st.decimals(min_value=0, max_value=1, places=4)


@st.composite
def schemes(draw):
    low, high = sorted([draw(shares), draw(shares)])
    if draw(st.booleans()):
        return LightScheme(kind=Scheme.GAP, green_band=low, yellow_band=high)
    return LightScheme(kind=Scheme.RATIO, ratio_yellow_below=high, ratio_red_below=low)


@given(schemes(), st.decimals(min_value=0, max_value=2, places=4),
       st.decimals(min_value=0, max_value=1, places=4), st.integers(1, 12))
def test_more_completion_never_gives_a_worse_light(scheme, completion, more, month):
    period = Period(2023, month)
    low = light(completion, scheme, period)
    high = light(completion + more, scheme, period)
    assert ORDER[high] >= ORDER[low]


@given(schemes(), st.integers(1, 12))
def test_exact_at_the_bounds(scheme, month):
    """On the green bound: green. On the yellow bound: yellow (green if both bounds are one).
    The smallest step below the yellow bound: red. Decided on exact fractions."""
    period = Period(2023, month)
    bounds = light_bounds(period=period, scheme=scheme)
    green_at, yellow_at = (Fraction(bounds.green_from_twelfths) / 12,
                           Fraction(bounds.yellow_from_twelfths) / 12)
    assume(yellow_at > 0)

    def judged(share: Fraction) -> Light:
        return light_for(completion=D(float(share)), period=period, scheme=scheme,
                         exact=share).light

    assert judged(green_at) == Light.GREEN
    assert judged(yellow_at) == (Light.GREEN if yellow_at == green_at else Light.YELLOW)
    assert judged(yellow_at - Fraction(1, 10**12)) == Light.RED
    if green_at > yellow_at:
        assert judged(green_at - Fraction(1, 10**12)) == Light.YELLOW


@given(schemes(), st.integers(1, 12), st.decimals(min_value=0, max_value=10**6, places=4),
       st.integers(1, 10**6))
def test_project_light_agrees_with_the_bounds_in_twelfths(scheme, month, cumulative, planned):
    """What the queries compare (cumulative × 12 against plan × the bound in twelfths)."""
    period = Period(2023, month)
    bounds = light_bounds(period=period, scheme=scheme)
    got = project_light(cumulative_wan=cumulative, annual_plan_wan=D(planned), period=period,
                        scheme=scheme).light
    if cumulative * 12 >= planned * bounds.green_from_twelfths:
        assert got == Light.GREEN
    elif cumulative * 12 >= planned * bounds.yellow_from_twelfths:
        assert got == Light.YELLOW
    else:
        assert got == Light.RED
