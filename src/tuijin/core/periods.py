"""Reporting periods: a year and a month, with the time progress rule of DESIGN.md §3."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from tuijin.core.errors import InputError
from tuijin.core.text import to_halfwidth

_PERIOD_RE = re.compile(r"^(?P<year>\d{4})\s*(?:年|[-./])\s*(?P<month>\d{1,2})\s*月?(?:份)?$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise InputError(
                _("Month %(month)s does not exist.") % {"month": self.month},
                hint=_("A month is a number from 1 to 12."),
                value=self.month,
            )

    @classmethod
    def parse(cls, raw: object) -> "Period":
        """Read 2023-06, 2023-6, 2023.06, 2023/6, 2023年6月 or a date."""
        if isinstance(raw, date):
            return cls(raw.year, raw.month)
        text = to_halfwidth(str(raw)).strip()
        match = _PERIOD_RE.match(text)
        if not match:
            raise InputError(
                _("%(value)s is not a month.") % {"value": raw},
                hint=_("Write the month as 2023-06 or 2023年6月."),
                value=raw,
            )
        return cls(int(match["year"]), int(match["month"]))

    @property
    def time_progress(self) -> Decimal:
        """时间进度: share of the year elapsed at the end of this month (M / 12)."""
        return Decimal(self.month) / Decimal(12)

    def previous(self) -> "Period | None":
        """The previous month in the same year; None for January (the year restarts)."""
        return Period(self.year, self.month - 1) if self.month > 1 else None

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"

    def label(self) -> str:
        return _("%(year)s-%(month)02d") % {"year": self.year, "month": self.month}


def period_in_year(raw: object, *, year: int, field: str = "month") -> Period | None:
    """The month a page (``?month=``) or a command (``--month``) asks for, required to fall in
    ``year`` (the plan's); None when none is asked (blank), so the caller picks its default.

    Raises InputError when ``raw`` is not a month, and one naming ``field`` when it lies in
    another year.
    """
    text = "" if raw is None else str(raw).strip()
    if not text:
        return None
    period = Period.parse(text)
    if period.year != year:
        raise InputError(
            _("%(month)s is outside the plan's year %(year)s.") % {"month": text, "year": year},
            hint=_("Choose a month from %(year)s-01 to %(year)s-12.") % {"year": year},
            field=field, value=text,
        )
    return period


_DATE_RE = re.compile(
    r"^(?P<year>\d{4})\s*(?:年|[-./])\s*(?P<month>\d{1,2})\s*(?:月份?)?"
    r"(?:\s*(?:[-./]\s*)?(?P<day>\d{1,2})\s*[日号]?)?$"
)


_NO_YEAR_RE = re.compile(r"^(?P<month>\d{1,2})\s*月份?(?:\s*(?P<day>\d{1,2})\s*[日号])?$")


def parse_date(raw: object, *, field: str = "", year: int | None = None) -> date | None:
    """Read a date as people write it in sheets: a real date, 2023-03-15, 2023年3月15日, or a month
    alone (2023年3月, 2023.03, 2023-3), which means the first day of that month. With ``year``
    (the plan's), 3月 and 3月15日 are read in that year.

    Returns None for an empty value. A number such as 2023.1 is refused: Excel stores a typed
    2023.10 as 2023.1, so it could be January or October, and we do not guess.
    """
    if raw is None:
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, float) and not raw.is_integer():
        text = repr(raw)
        if re.fullmatch(r"\d{4}\.\d", text):
            raise InputError(
                _("%(value)s could be January or October.") % {"value": raw},
                hint=_("Write the month as text, such as 2023-01 or 2023年10月."),
                field=field, value=raw,
            )
    else:
        text = to_halfwidth(str(raw)).strip()
        if text in ("", "-", "—", "/", "无"):
            return None
    match = _DATE_RE.match(text)
    if match is None and year is not None:
        match = _NO_YEAR_RE.match(text)
        if match:
            text = f"{year}-{match['month']}-{match['day'] or 1}"
            match = _DATE_RE.match(text)
    if match:
        year, month = int(match["year"]), int(match["month"])
        day = int(match["day"]) if match["day"] else 1
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise InputError(
        _("%(value)s is not a date.") % {"value": raw},
        hint=_("Write a date such as 2023-03-15, or a month such as 2023年3月."),
        field=field, value=raw,
    )
