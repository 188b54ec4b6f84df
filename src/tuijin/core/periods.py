"""Reporting periods: a year and a month, with the time progress rule of DESIGN.md §3."""

import re
from dataclasses import dataclass
from datetime import date
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
