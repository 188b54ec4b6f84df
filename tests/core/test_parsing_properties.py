"""Invariants of amount, unit, date and project-code parsing (hypothesis), as spreadsheet
import relies on them: whichever way a cell writes a value, it reads as the same value."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuijin.core.codes import parse_project_code
from tuijin.core.errors import InputError
from tuijin.core.money import parse_amount, to_wan
from tuijin.core.periods import Period, parse_date

UNITS = ["元", "万元", "亿元"]
FULLWIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")
# Up to the largest amount kept exactly in the largest unit (core.money.MAX_WAN in 亿元).
amounts = st.decimals(min_value=0, max_value=Decimal("9999999.9999"), places=4,
                      allow_nan=False, allow_infinity=False)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


def _grouped(number: Decimal) -> str:
    return f"{number:,f}"


@given(amounts, st.sampled_from(UNITS))
def test_amount_with_its_unit_in_the_cell_equals_the_column_unit(number, unit):
    assert parse_amount(f"{number}{unit}") == parse_amount(str(number), unit=unit)
    assert parse_amount(str(number), unit=unit) == to_wan(number, unit)


@given(amounts, st.sampled_from(UNITS))
def test_full_width_and_thousands_separators_read_the_same(number, unit):
    plain = parse_amount(str(number), unit=unit)
    assert parse_amount(str(number).translate(FULLWIDTH), unit=unit) == plain
    assert parse_amount(_grouped(number), unit=unit) == plain
    assert parse_amount(f" {_grouped(number)} ", unit=unit) == plain


@given(st.decimals(min_value=0, max_value=Decimal("99999999"), places=2, allow_nan=False))
def test_a_number_cell_reads_as_its_text(number):
    assert parse_amount(float(number), unit="万元") == parse_amount(str(number), unit="万元")


@given(amounts.filter(lambda n: n > 0), st.sampled_from(UNITS))
def test_negative_amounts_are_refused_whatever_the_spelling(number, unit):
    for raw in (f"-{number}", -float(number), f"－{number}{unit}"):
        with pytest.raises(InputError) as exc:
            parse_amount(raw, unit=unit)
        assert exc.value.hint


@given(amounts)
def test_an_amount_without_a_unit_is_never_guessed(number):
    with pytest.raises(InputError):
        parse_amount(str(number))


@given(st.sampled_from(["万", "万元", "（万元）", "(万元)", "亿", "亿元", "（亿元）", "元"]))
def test_unit_spellings_convert_like_their_canonical_unit(unit):
    canonical = {"万": "万元", "亿": "亿元"}.get(unit.strip("（）()"), unit.strip("（）()"))
    assert to_wan(Decimal("1.5"), unit) == to_wan(Decimal("1.5"), canonical)


@given(dates)
def test_dates_read_the_same_however_written(day):
    y, m, d = day.year, day.month, day.day
    for raw in (day, f"{y}-{m}-{d}", f"{y}-{m:02d}-{d:02d}", f"{y}年{m}月{d}日", f"{y}.{m}.{d}",
                f"{y}/{m:02d}/{d:02d}", f"{y}年{m}月{d}日".translate(FULLWIDTH)):
        assert parse_date(raw) == day, raw


@given(dates)
def test_a_month_alone_means_its_first_day(day):
    y, m = day.year, day.month
    for raw in (f"{y}年{m}月", f"{y}.{m:02d}", f"{y}-{m}", f"{y}/{m}"):
        assert parse_date(raw) == date(y, m, 1), raw
        assert Period.parse(raw) == Period(y, m)


@given(st.integers(min_value=2000, max_value=2100))
def test_year_dot_one_is_refused_as_ambiguous(year):
    with pytest.raises(InputError) as exc:
        parse_date(float(f"{year}.1"))
    assert "10" in exc.value.hint


@given(st.integers(2000, 2100), st.sampled_from(["410200", "410202", "410000", "110105"]),
       st.integers(0, 99), st.integers(0, 99), st.integers(0, 999999))
def test_project_codes_round_trip_also_in_full_width(year, division, industry, kind, serial):
    text = f"{year}-{division}-{industry:02d}-{kind:02d}-{serial:06d}"
    assert str(parse_project_code(text)) == text
    assert str(parse_project_code(text.translate(FULLWIDTH))) == text


@given(dates)
def test_a_date_without_its_year_takes_the_year_given(day):
    assert parse_date(f"{day.month}月{day.day}日", year=day.year) == day
    assert parse_date(f"{day.month}月", year=day.year) == date(day.year, day.month, 1)
    with pytest.raises(InputError):
        parse_date(f"{day.month}月")
