from decimal import Decimal as D

from django.utils.translation import override

from tuijin.core.periods import Period
from tuijin.progress.lights import Light
from tuijin.progress.targets import Status, TargetSpec, target_status

JUNE, DECEMBER = Period(2023, 6), Period(2023, 12)
BAND, APPROX = D("0.10"), D("0.10")
INVESTMENT = TargetSpec("gte", D(3000), commitment="must", unit="亿元")  # 确保3000亿元
ABOUT_150 = TargetSpec("approx", D(150), commitment="plain", tolerance=D("0.10"))


def judge(target, actual, period=JUNE):
    return target_status(target=target, actual=actual, period=period, yellow_band=BAND,
                         approx_tolerance=APPROX)


def test_gte_met_once_reached():
    assert judge(INVESTMENT, D(3001)).status == Status.MET


def test_gte_on_track_when_pro_rata_within_band():
    result = judge(INVESTMENT, D(1500))
    assert result.status == Status.ON_TRACK and result.light == Light.GREEN
    assert result.expected_now == D(1500)
    lagging = judge(INVESTMENT, D(1200))  # 40 % in June: within the 10-point band
    assert lagging.status == Status.ON_TRACK and lagging.light == Light.YELLOW


def test_must_target_behind_is_red():
    result = judge(INVESTMENT, D(1100))
    assert result.status == Status.BEHIND and result.light == Light.RED


def test_strive_target_behind_is_only_yellow():
    strive = TargetSpec("gte", D(3000), commitment="strive")
    assert judge(strive, D(1100)).light == Light.YELLOW


def test_about_is_met_at_the_lower_edge_of_its_tolerance():
    assert judge(ABOUT_150, D(135), DECEMBER).status == Status.MET
    assert judge(ABOUT_150, D(134), DECEMBER).status == Status.BEHIND


def test_about_above_the_band_is_met_and_flagged():
    result = judge(ABOUT_150, D(170), DECEMBER)
    assert result.status == Status.MET and result.is_above_band


def test_about_uses_plan_tolerance_when_target_has_none():
    target = TargetSpec("approx", D(150))
    result = target_status(target=target, actual=D(120), period=DECEMBER, yellow_band=BAND,
                           approx_tolerance=D("0.20"))
    assert result.status == Status.MET


def test_lte_can_only_be_on_track_before_december():
    target = TargetSpec("lte", D(-3), basis="growth", commitment="must")  # 下降3%
    assert judge(target, D(-4)).status == Status.ON_TRACK
    assert judge(target, D(-4), DECEMBER).status == Status.MET
    assert judge(target, D(-2)).status == Status.BEHIND


def test_growth_target_compares_growth_to_date():
    target = TargetSpec("gte", D(30), basis="growth", commitment="strive")  # +30 %以上
    assert judge(target, D(35)).status == Status.ON_TRACK
    assert judge(target, D(25)).light == Light.YELLOW


def test_approx_growth_band_is_relative_to_the_rate():
    target = TargetSpec("approx", D("6.5"), basis="growth")  # 增长6.5%左右
    assert judge(target, D("6.0"), DECEMBER).status == Status.MET
    assert judge(target, D("5.8"), DECEMBER).status == Status.BEHIND


def test_multiple_without_baseline_is_no_data():
    target = TargetSpec("gte", D(2), basis="multiple")  # 倍增
    with override("en"):
        result = judge(target, D(300))
    assert result.status == Status.NO_DATA and "baseline" in result.explanation


def test_multiple_with_baseline_doubles_it():
    target = TargetSpec("gte", D(2), basis="multiple", baseline_value=D(150))
    assert judge(target, D(300)).status == Status.MET
    assert judge(target, D(300)).goal == D(300)


def test_no_actual_is_no_data():
    result = judge(INVESTMENT, None)
    assert result.status == Status.NO_DATA and result.light == Light.NONE


def test_qualitative_is_no_data():
    assert judge(TargetSpec("eq", None, basis="qualitative"), D(1)).status == Status.NO_DATA


def test_zero_goal_does_not_divide_by_zero():
    assert judge(TargetSpec("gte", D(0)), D(0)).status == Status.MET
    assert judge(TargetSpec("approx", D(0)), D(0), DECEMBER).status == Status.MET


def test_pro_rata_path_of_a_level_target_is_value_times_m_over_12():
    from tuijin.progress.targets import pro_rata_path

    periods = [Period(2023, 3), Period(2023, 6), Period(2023, 12)]
    assert pro_rata_path(TargetSpec("gte", D(3000)), periods=periods) == [750, 1500, 3000]
    assert pro_rata_path(TargetSpec("approx", D(120)), periods=periods[:1]) == [30]


def test_targets_not_to_reach_or_approach_a_level_have_no_path():
    from tuijin.progress.targets import pro_rata_path

    june = [Period(2023, 6)]
    assert pro_rata_path(TargetSpec("lte", D(5)), periods=june) == []
    assert pro_rata_path(TargetSpec("gte", D("6.5"), basis="growth"), periods=june) == []
    assert pro_rata_path(TargetSpec("gte", None, basis="level"), periods=june) == []
