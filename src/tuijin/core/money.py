"""Money: exact decimals, always stored in 万元 (DESIGN.md §3).

Plans speak in 亿元, reports in 万元, and some sheets in 元. An amount is accepted only when its
unit is known (stated in the cell, or given by the caller from a column header or a unit line);
an amount whose unit cannot be known is refused rather than guessed.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from django.utils.translation import gettext as _

from tuijin.core.errors import InputError
from tuijin.core.text import to_halfwidth

# Factor from each unit to 万元.
UNIT_TO_WAN = {
    "元": Decimal("0.0001"),
    "万元": Decimal(1),
    "万": Decimal(1),
    "亿元": Decimal(10000),
    "亿": Decimal(10000),
}
CANONICAL_UNITS = ("元", "万元", "亿元")
WAN_PLACES = Decimal("0.0001")  # one yuan is the smallest amount we keep

# The largest figure every supported database keeps exactly. Every figure tuijin stores has
# four decimal places (amounts in 万元 to one yuan, indicator values, targets), and SQLite keeps
# a decimal column as a double, exact to 15 significant digits: 11 whole digits at most.
# PostgreSQL's NUMERIC would keep more, but a figure must read back the same wherever it is
# stored, or a month saved unchanged no longer agrees with itself (issue 11).
# docs/reference/operations.md states the bound.
EXACT_DIGITS = 15
FIGURE_PLACES = 4
EXACT_LIMIT = Decimal(10) ** (EXACT_DIGITS - FIGURE_PLACES)  # refused from here up
MAX_WAN = EXACT_LIMIT - WAN_PLACES  # 99,999,999,999.9999万元, just under 1,000万亿元

_AMOUNT_RE = re.compile(
    r"^(?P<sign>[-+]?)\s*(?P<number>\d[\d,]*(?:\.\d+)?|\.\d+)\s*(?P<unit>亿元|万元|元|亿|万)?$"
)


def normalise_unit(unit: str) -> str:
    """'万' → '万元', '亿' → '亿元'; refuse anything that is not a money unit."""
    cleaned = to_halfwidth(unit).strip().strip("()（）").replace("人民币", "")
    if cleaned in ("万", "万元"):
        return "万元"
    if cleaned in ("亿", "亿元"):
        return "亿元"
    if cleaned == "元":
        return "元"
    raise InputError(
        _("%(unit)s is not a money unit.") % {"unit": unit},
        hint=_("Use 元, 万元 or 亿元."),
        value=unit,
    )


@lru_cache(maxsize=64)
def _factor(unit: str) -> Decimal:
    # Imports convert every amount of a column with the same unit: normalise it once.
    return UNIT_TO_WAN[normalise_unit(unit)]


def to_wan(amount: Decimal, unit: str) -> Decimal:
    return (Decimal(amount) * _factor(unit)).quantize(WAN_PLACES, rounding=ROUND_HALF_UP)


def wan_to(amount_wan: Decimal, unit: str) -> Decimal:
    return Decimal(amount_wan) / UNIT_TO_WAN[normalise_unit(unit)]


def parse_amount(
    raw: object, *, unit: str | None = None, allow_negative: bool = False
) -> Decimal | None:
    """Parse a user's amount into 万元.

    ``raw`` may be a number or text such as "1,234.5", "１２.５", "1.2亿" or "300万元". A unit
    written with the number wins over ``unit`` (the column's or the sheet's unit). Returns None
    for an empty value. Raises InputError naming what is wrong and how to write it instead.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise InputError(_("%(value)s is not an amount.") % {"value": raw}, value=raw)
    if isinstance(raw, int | float | Decimal):
        if isinstance(raw, float) and raw != raw:  # NaN
            return None
        # repr() of a float is its shortest round-tripping form: 12.3 stays 12.3.
        text = repr(raw) if isinstance(raw, float) else str(raw)
        if not isinstance(raw, Decimal) and "e" not in text and "inf" not in text:
            # Numbers from spreadsheet cells: the regex below could only agree; skip it.
            return _checked(raw, Decimal(text), unit, allow_negative)
    else:
        text = to_halfwidth(str(raw)).strip().replace(" ", "")
        if text in ("", "-", "—", "/", "无"):
            return None
    match = _AMOUNT_RE.match(text)
    if not match:
        raise InputError(
            _("%(value)s is not an amount.") % {"value": raw},
            hint=_("Write a number such as 12.5, optionally with its unit (元, 万元 or 亿元)."),
            value=raw,
        )
    number_text = match["number"]
    if "," in number_text and not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", number_text):
        raise InputError(
            _("%(value)s has misplaced thousands separators.") % {"value": raw},
            hint=_("Write 12.5 rather than 12,5; commas may only separate thousands."),
            value=raw,
        )
    try:
        number = Decimal(number_text.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only decimals
        raise InputError(_("%(value)s is not an amount.") % {"value": raw}, value=raw) from exc
    if match["sign"] == "-":
        number = -number
    return _checked(raw, number, match["unit"] or unit, allow_negative)


def _checked(raw: object, number: Decimal, cell_unit: str | None, allow_negative: bool) -> Decimal:
    if cell_unit is None:
        raise InputError(
            _("The unit of %(value)s is unknown.") % {"value": raw},
            hint=_("State the unit: write 万元 or 亿元 after the number, or in the column header."),
            value=raw,
        )
    if number < 0 and not allow_negative:
        raise InputError(
            _("%(value)s is negative.") % {"value": raw},
            hint=_("Amounts of investment cannot be negative; correct the earlier month instead."),
            value=raw,
        )
    # Compare before quantising: quantize() raises InvalidOperation past 28 digits. Compare
    # after rounding to one yuan too: 99999999999.99999万元 rounds up to the limit.
    wan = number * _factor(cell_unit)
    if abs(wan) >= EXACT_LIMIT or abs(to_wan(number, cell_unit)) > MAX_WAN:
        raise too_large(raw)
    return to_wan(number, cell_unit)


def too_large(value: object, *, field: str = "") -> InputError:
    """The refusal of an amount beyond MAX_WAN, stating the bound."""
    return InputError(
        _("%(value)s is too large to be an amount of investment.") % {"value": value},
        hint=_("Amounts are kept exactly up to %(max)s万元 (just under 1,000万亿元); check "
               "the unit: is it in 元 rather than 万元?") % {"max": grouped_amount(MAX_WAN, 4)},
        field=field, value=value,
    )


def check_amount_stored_exactly(amount: Decimal, *, field: str) -> None:
    """Refuse an amount computed from others (a year's cumulative) beyond MAX_WAN."""
    if abs(amount) > MAX_WAN:
        raise too_large(plain_amount(amount), field=field)


# --- display -----------------------------------------------------------------------------------
# Every amount a page or a message shows is written by one of these. Django's zh-hans number
# format groups by nothing, while our users' sheets write 12,345.67: group here, whatever the
# interface language.


def grouped_amount(amount: Decimal | str | None, places: int = 2) -> str:
    """An amount at fixed places with thousands separators, the unit left to the column
    header: 12345.6789 → "12,345.68"; None (or an empty template value) → "—"."""
    if amount is None or amount == "":
        return "—"
    places = int(places)
    value = Decimal(amount).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{value:,.{places}f}"


def format_wan(amount_wan: Decimal | None, unit: str = "万元", places: int = 2) -> str:
    """Display an amount in the unit people read (万元 or 亿元), with thousands separators."""
    if amount_wan is None:
        return "—"
    return grouped_amount(wan_to(amount_wan, unit), places) + normalise_unit(unit)


def plain_amount(amount: Decimal, *, grouping_from: int | None = 0) -> str:
    """An exact amount for a message: no trailing zeros (3,000 not 3000.0000), every
    significant decimal kept so the figures in a message add up.

    Thousands separators from ``grouping_from`` up (None: never). A plan's figures pass
    10000, as a Chinese reader writes 3000亿元 but 25,000万元.
    """
    value = Decimal(amount).normalize()
    grouped = grouping_from is not None and abs(value) >= grouping_from
    text = f"{value:,f}" if grouped else f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
