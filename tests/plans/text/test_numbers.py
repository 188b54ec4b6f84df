"""Numbers as plans write them."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tuijin.plans.text.numbers import format_decimal, parse_number, split_chinese_magnitude


def test_arabic_numbers_with_thousands_separators():
    assert parse_number("3,000") == Decimal("3000")
    assert parse_number("6.5") == Decimal("6.5")


def test_chinese_numerals_are_exact():
    assert parse_number("一百五十") == Decimal("150")
    assert parse_number("两千") == Decimal("2000")
    assert parse_number("六点五") == Decimal("6.5")
    assert parse_number("一万亿") == Decimal("1000000000000")


def test_not_a_number_is_none():
    assert parse_number("万") is None
    assert parse_number("") is None


def test_magnitude_moves_into_the_money_unit():
    assert split_chinese_magnitude("三千亿", "元") == ("三千", "亿元")
    assert split_chinese_magnitude("3000", "亿元") == ("3000", "亿元")


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_format_decimal_round_trips(value):
    assert Decimal(format_decimal(value)) == value
