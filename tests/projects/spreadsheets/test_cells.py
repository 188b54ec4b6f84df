"""The column-at-a-time parsers of an import read every cell exactly as the cell parsers do."""

from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from tuijin.core.codes import division_is_within, parse_project_code
from tuijin.core.errors import InputError
from tuijin.core.money import parse_amount
from tuijin.core.periods import parse_date
from tuijin.projects.spreadsheets.cells import (
    ABSENT,
    ProjectCodes,
    amount_column,
    date_column,
    text_column,
)


def _same(value):
    """Decimals by their digits too: 1.0 and 1.0000 are equal but not the same cell."""
    if isinstance(value, Decimal):
        return ("decimal", str(value))
    if isinstance(value, InputError):
        return ("error", value.message, value.hint, value.value)
    return value


def _cell_by_cell(parse, cells):
    out = []
    for cell in cells:
        try:
            out.append(_same(parse(cell)))
        except InputError as exc:
            out.append(_same(exc))
    return out


def _by_column(values, bad):
    errors = dict(bad)
    assert all(values[pos] is ABSENT for pos in errors)
    return [_same(errors[pos]) if pos in errors else _same(value)
            for pos, value in enumerate(values)]


AMOUNT_CELLS = st.lists(st.one_of(
    # (Beyond 10**18 parse_amount itself fails on the precision of Decimal.)
    st.floats(), st.integers(min_value=-10**18, max_value=10**18),
    st.decimals(min_value=-10**15, max_value=10**15, places=3),
    st.sampled_from(["", "12.5", " 1.2亿 ", "-3", "1,234.5", "12,5", "300万元", "x", "—",
                     "１２.５"]),
    st.booleans(),
), max_size=25)


@given(cells=AMOUNT_CELLS, unit=st.sampled_from([None, "万元", "亿元", "元", "万", "斤"]))
def test_amount_column_reads_each_cell_as_parse_amount(cells, unit):
    values, bad = amount_column(cells, unit=unit)
    expected = _cell_by_cell(lambda c: None if c == "" else parse_amount(c, unit=unit), cells)
    assert _by_column(values, bad) == expected


DATE_CELLS = st.lists(st.one_of(
    st.dates(), st.datetimes(min_value=datetime(1990, 1, 1)),
    st.floats(min_value=1900, max_value=2100), st.integers(min_value=0, max_value=3000),
    st.sampled_from(["", "2023年3月", "2023.03", "2023-3", "3月", "3月15日", "2023-02-30",
                     "x", "-", "２０２３年３月"]),
), max_size=25)


@given(cells=DATE_CELLS)
def test_date_column_reads_each_cell_as_parse_date(cells):
    values, bad = date_column(cells, year=2023)
    assert _by_column(values, bad) == _cell_by_cell(lambda c: parse_date(c, year=2023), cells)


@given(cells=st.lists(st.one_of(st.text(max_size=8), st.floats(), st.integers()), max_size=20),
       limit=st.sampled_from([None, 3, 200]))
def test_text_column_strips_and_limits_each_cell(cells, limit):
    values, bad = text_column(cells, limit=limit)
    assert [pos for pos, _exc in bad] == [
        pos for pos, value in enumerate(values) if limit is not None and len(value) > limit]
    for cell, value in zip(cells, values, strict=True):
        assert value == (cell.strip() if isinstance(cell, str) else value)


CODES = st.one_of(
    st.builds(
        lambda year, division, dash, serial, pad: f"{pad}{year}{dash}{division}-30-03-{serial}",
        st.sampled_from(["1999", "2000", "2023", "2100", "2101", "２０２３"]),
        st.sampled_from(["410200", "410202", "410000", "420100", "990100", "410300"]),
        st.sampled_from(["-", "—", "－"]),
        st.from_regex(r"\A[0-9]{6}\Z"), st.sampled_from(["", " "]),
    ),
    st.text(max_size=26),
)


@given(text=CODES)
def test_code_fast_path_agrees_with_the_full_parse(text):
    region = SimpleNamespace(code="410200", __str__=lambda self: "开封市")
    codes = ProjectCodes(region)

    def full(text):
        parsed = parse_project_code(text)
        if not division_is_within(parsed.division, region.code):
            raise InputError("outside", value=text)
        return str(parsed)

    try:
        expected = ("ok", full(text))
    except InputError:
        expected = ("error",)
    try:
        got = ("ok", codes.parse(text))
    except InputError:
        got = ("error",)
    assert got == expected


def test_date_column_keeps_real_dates():
    values, bad = date_column([date(2023, 3, 1), datetime(2023, 4, 2, 8, 30), ""], year=2023)
    assert values == [date(2023, 3, 1), date(2023, 4, 2), None]
    assert bad == []
