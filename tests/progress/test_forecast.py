from decimal import Decimal as D

from tuijin.progress.forecast import REFERENCE_CURVE, forecast_year_end, seasonal_curve


def test_forecast_divides_cumulative_by_the_seasonal_share():
    f = forecast_year_end(cumulative_wan=D(470), planned_wan=D(1000), month=6,
                          yellow_band=D("0.10"))
    assert f.year_end_wan == D(1000)
    assert not f.is_at_risk


def test_at_risk_when_forecast_short_of_plan_beyond_the_band():
    f = forecast_year_end(cumulative_wan=D(376), planned_wan=D(1000), month=6,
                          yellow_band=D("0.10"))
    assert f.year_end_wan == D(800)
    assert f.is_at_risk


def test_no_report_gives_no_forecast_and_no_flag():
    f = forecast_year_end(cumulative_wan=None, planned_wan=D(1000), month=6,
                          yellow_band=D("0.10"))
    assert f.year_end_wan is None and not f.is_at_risk and f.completion is None


def test_curve_from_a_full_year_else_reference():
    assert seasonal_curve(None) == REFERENCE_CURVE
    curve = seasonal_curve([D(1)] * 12)
    assert curve[5] == D(6) / D(12) and curve[11] == 1
    assert REFERENCE_CURVE[11] == 1
    assert list(REFERENCE_CURVE) == sorted(REFERENCE_CURVE)
