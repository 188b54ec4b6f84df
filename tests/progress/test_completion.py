from decimal import Decimal as D

from tuijin.progress.completion import Totals, completion_rate, totals_by, totals_sum


def test_completion_is_cumulative_over_annual_plan():
    assert completion_rate(cumulative_wan=D(1500), planned_wan=D(3000)) == D("0.5")


def test_no_plan_amount_gives_no_rate_not_a_division_by_zero():
    assert completion_rate(cumulative_wan=D(10), planned_wan=D(0)) is None
    assert Totals().completion is None


def test_missing_report_keeps_its_plan_in_the_denominator_and_is_counted():
    reported = Totals(projects=1, planned_wan=D(100), reported=1, cumulative_wan=D(60))
    missing = Totals(projects=1, planned_wan=D(100), missing=1, planned_of_missing_wan=D(100))
    total = totals_sum([reported, missing])
    assert total.completion == D("0.3")
    assert total.missing == 1
    assert total.red_total == 1
    assert total.report_rate == D("0.5")


def test_totals_roll_up_by_key():
    rolled = totals_by([("a", Totals(projects=1, planned_wan=D(10))),
                        ("b", Totals(projects=2, planned_wan=D(5))),
                        ("a", Totals(projects=3, planned_wan=D(1)))])
    assert rolled["a"].projects == 4 and rolled["a"].planned_wan == D(11)
    assert rolled["b"].projects == 2
