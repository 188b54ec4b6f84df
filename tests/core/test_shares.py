"""Shares read as percentages (core/shares.py)."""

from decimal import ROUND_HALF_EVEN, Decimal

from tuijin.core.shares import percent


def test_percent_of_a_share_with_one_place_by_default():
    assert percent(Decimal("0.4331")) == "43.3%"
    assert percent(Decimal("1")) == "100.0%"
    assert percent(Decimal("0.5"), 0) == "50%"


def test_no_share_reads_as_a_dash_not_zero():
    assert percent(None) == percent("") == "—"


def test_percent_rounds_half_up_unless_told():
    assert percent(Decimal("0.4325")) == "43.3%"
    assert percent(Decimal("0.4325"), rounding=ROUND_HALF_EVEN) == "43.2%"
