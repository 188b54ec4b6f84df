from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuijin.core.errors import InputError
from tuijin.core.money import (
    EXACT_DIGITS,
    EXACT_LIMIT,
    MAX_WAN,
    format_wan,
    parse_amount,
    to_wan,
    wan_to,
)


@pytest.mark.parametrize(
    ("raw", "unit", "expected"),
    [
        ("12.5", "万元", Decimal("12.5")),
        ("1,234.5", "万元", Decimal("1234.5")),
        ("１２.５", "万元", Decimal("12.5")),
        ("1.2亿", None, Decimal("12000")),
        ("1.2亿", "万元", Decimal("12000")),  # the cell's own unit wins over the column's
        ("300万元", "亿元", Decimal("300")),
        ("3000", "亿元", Decimal("30000000")),
        ("5000", "元", Decimal("0.5")),
        (12.3, "万元", Decimal("12.3")),
        (7, "万元", Decimal("7")),
    ],
)
def test_amounts_are_read_into_wan(raw, unit, expected):
    assert parse_amount(raw, unit=unit) == expected


@pytest.mark.parametrize("raw", [None, "", "  ", "-", "—", "无"])
def test_empty_amounts_are_none(raw):
    assert parse_amount(raw, unit="万元") is None


def test_amount_without_any_unit_is_refused_not_guessed():
    with pytest.raises(InputError) as exc:
        parse_amount("120")
    assert "unit" in exc.value.message.lower()
    assert "万元" in exc.value.hint


def test_negative_amount_is_refused_with_a_hint():
    with pytest.raises(InputError) as exc:
        parse_amount("-5", unit="万元")
    assert "negative" in exc.value.message
    assert parse_amount("-5", unit="万元", allow_negative=True) == Decimal("-5")


@pytest.mark.parametrize("raw", ["12,5", "abc", "1.2.3", "12万美元", "True"])
def test_malformed_amounts_name_the_value(raw):
    with pytest.raises(InputError) as exc:
        parse_amount(raw, unit="万元")
    assert raw in exc.value.message


@pytest.mark.parametrize(("raw", "unit"), [
    ("1" + "0" * 20, "元"), ("1" + "0" * 20, "亿元"), ("1" + "0" * 40, "万元"),
    (10**30, "亿元"),
])
def test_absurdly_large_amount_is_refused_as_too_large(raw, unit):
    with pytest.raises(InputError) as exc:
        parse_amount(raw, unit=unit)
    assert "too large" in exc.value.message


def test_the_bound_is_what_a_double_keeps_exactly_with_four_places():
    # SQLite stores a decimal column as a double: 15 significant digits survive.
    assert Decimal("99999999999.9999") == MAX_WAN
    assert len(MAX_WAN.as_tuple().digits) == EXACT_DIGITS == 15
    assert Decimal(repr(float(MAX_WAN))) == MAX_WAN
    assert MAX_WAN + Decimal("0.0001") == EXACT_LIMIT


@pytest.mark.parametrize(("raw", "unit"), [
    ("99999999999.9999", "万元"), ("9999999.99999999", "亿元"), ("999999999999999", "元"),
    ("99,999,999,999.9999万元", None), (float("99999999999.9999"), "万元"),
])
def test_the_largest_amount_is_accepted_in_every_unit(raw, unit):
    assert parse_amount(raw, unit=unit) == MAX_WAN


@pytest.mark.parametrize(("raw", "unit"), [
    ("100000000000", "万元"), ("99999999999.99995", "万元"), ("1000000000000000", "元"),
    ("10000000", "亿元"), ("-100000000000", "万元"), (10**11, "万元"), (1e11, "万元"),
])
def test_an_amount_past_the_bound_is_refused_stating_it(raw, unit):
    with pytest.raises(InputError) as exc:
        parse_amount(raw, unit=unit, allow_negative=True)
    assert "too large" in exc.value.message
    assert "99,999,999,999.9999万元" in exc.value.hint


@given(st.decimals(min_value=0, max_value=10**9, places=4))
def test_wan_round_trips_through_every_unit(amount):
    for unit in ("元", "万元", "亿元"):
        assert to_wan(wan_to(amount, unit), unit) == amount


@given(st.integers(min_value=0, max_value=10**11 - 1))
def test_thousands_separated_text_equals_plain_number(n):
    assert parse_amount(f"{n:,}", unit="万元") == parse_amount(str(n), unit="万元") == n


def test_format_wan_in_yi():
    assert format_wan(Decimal("30000000"), "亿元") == "3,000.00亿元"
    assert format_wan(None) == "—"


def test_plain_amount_drops_padding_but_keeps_every_digit():
    from tuijin.core.money import plain_amount

    assert plain_amount(Decimal("3000.0000")) == "3,000"
    assert plain_amount(Decimal("1500.5000")) == "1,500.5"
    assert plain_amount(Decimal("0.0001")) == "0.0001"
    assert plain_amount(Decimal("0")) == "0"


def test_plain_amount_groups_from_the_given_magnitude():
    # A plan's figures: 3000亿元 as a Chinese reader writes it, but 25,000万元.
    from tuijin.core.money import plain_amount

    assert plain_amount(Decimal("3000.0000"), grouping_from=10000) == "3000"
    assert plain_amount(Decimal("25000.5"), grouping_from=10000) == "25,000.5"
    assert plain_amount(Decimal("0.1000"), grouping_from=10000) == "0.1"
    assert plain_amount(Decimal("25000.5"), grouping_from=None) == "25000.5"


def test_grouped_amount_keeps_fixed_places_with_separators():
    from tuijin.core.money import grouped_amount

    assert grouped_amount(Decimal("12345.6789")) == "12,345.68"
    assert grouped_amount(Decimal("0.005")) == "0.01"  # half up, as a reader rounds
    assert grouped_amount(Decimal("7"), 0) == "7"
    assert grouped_amount(None) == grouped_amount("") == "—"


@given(st.decimals(min_value=-10**9, max_value=10**9, places=4))
def test_format_wan_is_the_grouped_amount_with_its_unit(amount):
    from tuijin.core.money import grouped_amount

    assert format_wan(amount) == grouped_amount(amount) + "万元"
    assert format_wan(amount, "亿") == grouped_amount(amount / 10000) + "亿元"
