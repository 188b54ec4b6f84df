"""The cell parsers of an import, a column at a time (issue 3; speed: bench/import_bench.py).

Each ``*_column`` function takes the cells of one column and returns ``(values, bad)``: a value
per cell, and the (position, InputError) of each cell that failed, whose value is ``ABSENT``.
They read every cell exactly as the cell parsers of ``core`` do (parse_amount, parse_date,
parse_project_code; tests/projects/spreadsheets/test_cells.py checks it), with a fast path for
the usual cell and each distinct text of a repeating column parsed once.
"""

from collections.abc import Callable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from tuijin.core.codes import (
    PROJECT_CODE_RE,
    PROVINCE_PREFIXES,
    division_is_within,
    parse_project_code,
)
from tuijin.core.errors import InputError
from tuijin.core.money import MAX_WAN, UNIT_TO_WAN, WAN_PLACES, normalise_unit, parse_amount
from tuijin.core.periods import parse_date
from tuijin.core.text import to_halfwidth
from tuijin.projects.models import Project
from tuijin.projects.services import REPORT_TEXT_FIELDS, REPORT_TEXT_LIMIT
from tuijin.projects.spreadsheets.layout import cell_text

# The value of a cell left out: a failed cell, or a blank one whose field keeps what it has.
ABSENT = object()
TEXT_LIMITS = {"code": 24, "name": 200, "owner": 128,
               **dict.fromkeys(REPORT_TEXT_FIELDS, REPORT_TEXT_LIMIT)}
_TRUE = {"是", "y", "yes", "true", "1", "√", "✓", "产业", "产业项目", "属于"}
_FALSE = {"否", "n", "no", "false", "0", "×", "非产业", "非产业项目", "不属于", ""}
_NATURES = {"新建": Project.Nature.NEW, "新开工": Project.Nature.NEW, "new": Project.Nature.NEW,
            "续建": Project.Nature.CONTINUING, "continuing": Project.Nature.CONTINUING}


def amount_column(cells: list, *, unit: str | None) -> tuple[list, list]:
    """Amounts in 万元. A number cell (the usual case) is converted here as parse_amount would
    convert it; anything else, and any number it would refuse, goes through parse_amount."""
    try:
        factor = UNIT_TO_WAN[normalise_unit(unit)] if unit else None
    except InputError:
        factor = None
    # Below this a number stays far under MAX_WAN once converted: no need to check it.
    below = float(MAX_WAN) / 10 / float(factor) if factor is not None else -1.0
    scale = factor != 1
    out: list = []
    bad: list = []
    append = out.append
    for pos, value in enumerate(cells):
        kind = type(value)
        # Not negative and not too large (NaN and infinity fail the test too).
        if (kind is float or kind is int) and 0 <= value < below:
            # repr() of a float is its shortest round-tripping form, as in parse_amount.
            text = repr(value) if kind is float else str(value)
            if "e" not in text:  # 1e-05: parse_amount refuses it
                number = Decimal(text) * factor if scale else Decimal(text)
                append(number.quantize(WAN_PLACES, ROUND_HALF_UP))
                continue
        if value == "":
            append(None)
            continue
        try:
            append(parse_amount(value, unit=unit))
        except InputError as exc:
            append(ABSENT)
            bad.append((pos, exc))
    return out, bad


def date_column(cells: list, *, year: int) -> tuple[list, list]:
    """Dates: real dates as they are, each distinct text parsed once."""
    seen: dict[str, object] = {}
    out: list = []
    bad: list = []
    append = out.append
    for pos, value in enumerate(cells):
        kind = type(value)
        if kind is date:
            append(value)
            continue
        if kind is datetime:
            append(value.date())
            continue
        outcome = seen.get(value, seen) if kind is str else seen
        if outcome is seen:
            try:
                outcome = parse_date(value, year=year)
            except InputError as exc:
                outcome = exc
            if kind is str:
                seen[value] = outcome
        if isinstance(outcome, InputError):
            append(ABSENT)
            bad.append((pos, outcome))
        else:
            append(outcome)
    return out, bad


def system_number_column(cells: list) -> tuple[list, list]:
    """tuijin's project numbers (系统编号) as exported: whole numbers; blank is None."""
    out: list = []
    bad: list = []
    append = out.append
    for pos, value in enumerate(cells):
        kind = type(value)
        if kind is int or (kind is float and value.is_integer()):
            if value > 0:
                append(int(value))
                continue
        elif value == "" or value is None:
            append(None)
            continue
        else:
            text = to_halfwidth(cell_text(value))
            if not text:
                append(None)
                continue
            if text.isdigit() and int(text) > 0:
                append(int(text))
                continue
        append(ABSENT)
        bad.append((pos, InputError(
            _("%(value)s is not a 系统编号: tuijin numbers its projects 1, 2, 3 …")
            % {"value": cell_text(value)},
            hint=_("Keep the 系统编号 as tuijin exported it, or clear the cell to match the row "
                   "by its project code or name."))))
    return out, bad


def text_column(cells: list, *, limit: int | None) -> tuple[list, list]:
    out = [value.strip() if type(value) is str else cell_text(value) for value in cells]
    bad = []
    if limit is not None and out and max(map(len, out)) > limit:
        bad = [(pos, InputError(
            _("This text is longer than %(limit)s characters.") % {"limit": limit},
            hint=_("Shorten it."))) for pos, text in enumerate(out) if len(text) > limit]
    return out, bad


def memo_column(parse: Callable[[str], object], cells: list, *, blank: object,
                 blank_parses: bool = False) -> tuple[list, list]:
    """Parse each distinct text once: a sheet repeats its districts and domains on every row.
    ``blank`` (None, or ABSENT to leave the field out) is the value of a blank cell, unless
    ``blank_parses``."""
    # Keyed by the cell's text itself: most repeat, so most cells end at this lookup.
    # (Other cells are parsed each time: 1, 1.0 and True would share a key.)
    seen: dict[str, object] = {}
    get = seen.get
    out = [get(value, seen) if type(value) is str else seen for value in cells]
    special = False  # any error or ABSENT among the outcomes
    for pos in [pos for pos, outcome in enumerate(out) if outcome is seen]:
        value = cells[pos]
        outcome = get(value, seen) if type(value) is str else seen
        if outcome is seen:
            text = cell_text(value)
            if not text and not blank_parses:
                outcome = blank
            else:
                try:
                    outcome = parse(text)
                except InputError as exc:
                    outcome = exc
            if type(value) is str:
                seen[value] = outcome
        special = special or outcome is ABSENT or isinstance(outcome, InputError)
        out[pos] = outcome
    bad = []
    if special:
        for pos, outcome in enumerate(out):
            if outcome is ABSENT:
                bad.append((pos, None))
            elif isinstance(outcome, InputError):
                out[pos] = ABSENT
                bad.append((pos, outcome))
    return out, bad


def code_column(cells: list, *, parse: Callable[[str], str]) -> tuple[list, list]:
    """Project codes: unique per row, so nothing is gained from remembering them."""
    out: list = []
    bad: list = []
    append = out.append
    for pos, value in enumerate(cells):
        text = value.strip() if type(value) is str else cell_text(value)
        if not text:
            append(None)
            continue
        try:
            append(parse(text))
        except InputError as exc:
            append(ABSENT)
            bad.append((pos, exc))
    return out, bad


class ProjectCodes:
    """Reads the project codes of one region's plan (``parse``)."""

    def __init__(self, region):
        self.region = region
        self._divisions_within: dict[str, bool] = {}

    def parse(self, text: str) -> str:
        # The usual cell holds a canonical code (ASCII, no spaces): the full parse would give it
        # back unchanged, so check its parts here; anything else takes the full parse.
        if text.isascii() and (match := PROJECT_CODE_RE.match(text)) is not None \
                and 2000 <= int(match["year"]) <= 2100:
            division = match["division"]
            within = self._divisions_within.get(division)
            if within is None:
                within = self._divisions_within[division] = (
                    division[:2] in PROVINCE_PREFIXES
                    and division_is_within(division, self.region.code))
            if within:
                return text
        parsed = parse_project_code(text)
        if not division_is_within(parsed.division, self.region.code):
            raise InputError(
                _("Project code %(code)s was issued by division %(division)s, which is outside "
                  "%(region)s.") % {"code": parsed, "division": parsed.division,
                                    "region": self.region},
                hint=_("Check digits 6–11 of the code, or import the project into the plan of "
                       "its own region."),
            )
        return str(parsed)


def parse_bool(text: str) -> bool:
    cleaned = to_halfwidth(text).strip().lower()
    if cleaned in _TRUE:
        return True
    if cleaned in _FALSE:
        return False
    raise InputError(_("%(value)s is neither yes nor no.") % {"value": text},
                     hint=_("Write 是 or 否."))


def parse_nature(text: str) -> str:
    cleaned = to_halfwidth(text).strip().lower()
    if cleaned in _NATURES:
        return _NATURES[cleaned]
    raise InputError(_("%(value)s is not a nature of construction.") % {"value": text},
                     hint=_("Write 新建 or 续建."))
