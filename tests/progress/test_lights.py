from decimal import Decimal as D

from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from tuijin.core.periods import Period
from tuijin.progress.lights import Light, light_for, project_light

JUNE = Period(2023, 6)
BAND = D("0.10")


def test_green_when_completion_reaches_time_progress():
    assert light_for(completion=D("0.50"), period=JUNE, yellow_band=BAND).light == Light.GREEN


def test_yellow_when_lag_within_band():
    verdict = light_for(completion=D("0.40"), period=JUNE, yellow_band=BAND)
    assert verdict.light == Light.YELLOW
    assert verdict.lag == D("0.10")


def test_red_when_lag_beyond_band():
    assert light_for(completion=D("0.3999"), period=JUNE, yellow_band=BAND).light == Light.RED


def test_band_comes_from_the_plan():
    verdict = light_for(completion=D("0.3999"), period=JUNE, yellow_band=D("0.20"))
    assert verdict.light == Light.YELLOW


def test_missing_report_is_red_and_says_so():
    verdict = project_light(cumulative_wan=None, annual_plan_wan=D(1000), period=JUNE,
                            yellow_band=BAND)
    assert verdict.light == Light.RED
    assert verdict.is_missing
    with override("en"):
        assert "missing" in verdict.rule


def test_project_light_from_cumulative_and_plan():
    verdict = project_light(cumulative_wan=D(450), annual_plan_wan=D(1000), period=JUNE,
                            yellow_band=BAND)
    assert verdict.light == Light.YELLOW
    assert verdict.completion == D("0.45")


def test_reported_project_with_nothing_planned_is_green():
    verdict = project_light(cumulative_wan=D(0), annual_plan_wan=D(0), period=JUNE,
                            yellow_band=BAND)
    assert verdict.light == Light.GREEN


def test_no_plan_amount_is_no_data_not_red():
    assert light_for(completion=None, period=JUNE, yellow_band=BAND).light == Light.NONE


def test_rule_states_figures_and_threshold():
    with override("en"):
        rule = light_for(completion=D("0.30"), period=JUNE, yellow_band=BAND).rule
    assert "30.0%" in rule and "50.0%" in rule and "10.0%" in rule


@given(st.decimals(min_value=0, max_value=2, places=4), st.integers(1, 12))
def test_more_completion_never_gives_a_worse_light(completion, month):
    order = {Light.RED: 0, Light.YELLOW: 1, Light.GREEN: 2}
    period = Period(2023, month)
    low = light_for(completion=completion, period=period, yellow_band=BAND).light
    high = light_for(completion=completion + D("0.01"), period=period, yellow_band=BAND).light
    assert order[high] >= order[low]


def test_lights_by_month_run_from_january_to_the_last_report():
    from tuijin.progress.lights import lights_by_month

    lights = lights_by_month(cumulatives={2: D(200), 4: D(400)}, annual_plan_wan=D(1200),
                             year=2023, yellow_band=D("0.1"))
    assert [(period.month, verdict.light) for period, verdict in lights] == [
        (1, Light.RED), (2, Light.GREEN), (3, Light.RED), (4, Light.GREEN)]
    assert lights[0][1].is_missing and lights[2][1].is_missing


def test_a_project_without_reports_shows_january_missing():
    from tuijin.progress.lights import lights_by_month

    lights = lights_by_month(cumulatives={}, annual_plan_wan=D(1200), year=2023,
                             yellow_band=D("0.1"))
    assert [(period, verdict.is_missing) for period, verdict in lights] == [(Period(2023, 1), True)]
