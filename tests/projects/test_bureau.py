"""projects/bureau.py: the plain rules of a bureau's report, without a database."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuijin.core.errors import InputError
from tuijin.projects.bureau import (
    check_for_submission,
    check_note,
    entry_unit,
    parse_reported_value,
)


def test_a_growth_target_is_reported_in_per_cent():
    assert entry_unit(unit="万人次", bases=["growth"]) == "%"


@pytest.mark.parametrize("bases", [[], ["level"], ["multiple"], ["growth", "level"]])
def test_any_other_target_is_reported_in_the_indicators_unit(bases):
    assert entry_unit(unit="家", bases=bases) == "家"


@pytest.mark.parametrize(("raw", "expected"), [
    ("2345.6", Decimal("2345.6")),
    ("2,345.6", Decimal("2345.6")),
    ("２，３４５．６", Decimal("2345.6")),
    (" 35 ", Decimal("35")),
    ("3500万人次", Decimal("3500")),
    ("0.0001", Decimal("0.0001")),
])
def test_values_are_read_exactly(raw, expected):
    assert parse_reported_value(raw, unit="万人次") == expected


@pytest.mark.parametrize("raw", ["", None, "-", "—"])
def test_an_empty_value_is_none(raw):
    assert parse_reported_value(raw, unit="万人次") is None


def test_a_growth_rate_may_fall():
    assert parse_reported_value("-3%", unit="%", allow_negative=True) == Decimal("-3")


@pytest.mark.parametrize(("raw", "words"), [
    ("很多", "not a number"),
    ("120亿元", "reported in %"),
    ("12,5", "thousands separators"),
    ("-3", "negative"),
    ("1.23456", "four decimal places"),
    ("1" + "0" * 16, "too large"),
])
def test_bad_values_are_refused_on_the_value_field(raw, words):
    unit = "%" if "亿元" in raw else "万人次"
    with pytest.raises(InputError) as error:
        parse_reported_value(raw, unit=unit)
    assert words in error.value.message
    assert error.value.field == "value" and error.value.hint


@given(st.decimals(min_value=Decimal("-999999999"), max_value=Decimal("999999999"),
                   places=4, allow_nan=False, allow_infinity=False))
def test_any_value_within_the_column_reads_back_unchanged(value):
    assert parse_reported_value(f"{value:f}", unit="%", allow_negative=True) == value


def test_a_submission_needs_the_value_of_an_indicator_or_the_status_of_a_work():
    with pytest.raises(InputError) as error:
        check_for_submission(subject="indicator", value=None, status="")
    assert error.value.field == "value"
    with pytest.raises(InputError) as error:
        check_for_submission(subject="measure", value=None, status="")
    assert error.value.field == "status"
    check_for_submission(subject="key-task", value=None, status="done")
    check_for_submission(subject="indicator", value=Decimal(0), status="")


def test_a_note_is_kept_short():
    check_note("进展顺利" * 500)
    with pytest.raises(InputError) as error:
        check_note("进展顺利" * 501)
    assert error.value.field == "note"
