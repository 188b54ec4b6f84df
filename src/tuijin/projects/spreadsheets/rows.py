"""The rows of a spreadsheet import (issue 3): the workbook opened and its table found
(open_sheet, require_columns), then the data rows told apart from section rows (「一、先进制造业」,
which give the rows under them a domain or a nature), total and subtotal rows (the total is
checked against the rows) and notes, and read into typed values a column at a time (cells.py),
every error collected with its row and column (RowReader).
"""

import functools
import re
from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext as _

from tuijin.accounts.permissions import may_import_rows_of
from tuijin.accounts.scopes import Scope
from tuijin.core.errors import InputError
from tuijin.core.models import Division
from tuijin.core.money import parse_amount
from tuijin.core.text import to_halfwidth
from tuijin.projects.locations import parse_coordinate, parse_datum
from tuijin.projects.models import Project
from tuijin.projects.spreadsheets.cells import (
    ABSENT,
    TEXT_LIMITS,
    ProjectCodes,
    amount_column,
    code_column,
    date_column,
    memo_column,
    parse_bool,
    parse_nature,
    system_number_column,
    text_column,
)
from tuijin.projects.spreadsheets.layout import (
    AMOUNT_FIELDS,
    DATE_FIELDS,
    FIELD_LABELS,
    SEQ,
    SYNONYMS,
    Column,
    Layout,
    cell_text,
    detect_layout,
    mapping_key,
)
from tuijin.projects.spreadsheets.matching import NUMBER_FIELD
from tuijin.projects.spreadsheets.reader import read_workbook
from tuijin.projects.spreadsheets.results import ImportResult, display

_TOTAL_WORDS = ("合计", "总计", "共计", "全市合计", "总合计")
# Lines under (or over) the table that belong to no project.
_NOTE_WORDS = ("注：", "注:", "备注：", "备注:", "说明：", "说明:", "填报单位", "填报人", "填表人",
               "制表", "审核人", "联系人", "联系电话", "单位：", "单位:")
_NUMERALS = "一二三四五六七八九十"
_SECTION_RE = re.compile(
    rf"^(?:[{_NUMERALS}]+|[(][{_NUMERALS}\d]+[)])[、.,]?\s*(?P<label>.+?)\s*"
    r"(?:[(](?:共)?\s*\d+\s*(?:个|项)?(?:项目)?[)])?$"
)


class Row:
    """A data row: its number as Excel shows it, its parsed values, and its cells."""

    __slots__ = ("cells", "index", "number", "values")

    def __init__(self, number: int, values: dict, cells: list, index: dict[str, int]):
        self.number, self.values, self.cells, self.index = number, values, cells, index

    @property
    def raw(self) -> dict[str, object]:
        """The cells by field; built on demand, as only error paths need it."""
        width = len(self.cells)
        return {k: self.cells[i] if i < width else "" for k, i in self.index.items()}


class RowReader:
    """Reads the data rows of one sheet into typed values, collecting every error."""

    def __init__(self, *, layout: Layout, plan, scope: Scope, result: ImportResult,
                 progress: Callable[[int, int], None] | None):
        self.layout = layout
        self.plan = plan
        self.scope = scope
        self.result = result
        self.progress = progress
        self.sheet = layout.sheet
        self.districts = _district_lookup(plan)
        self.domains = _domain_lookup(plan)
        self.totals: dict[str, Decimal] = {}
        self.total_row: tuple[int, dict[str, Decimal | None]] | None = None
        self.codes = ProjectCodes(plan.region)

    def error(self, exc: InputError, *, row: int | None, column: Column | None = None,
              value: object = None) -> None:
        self.result.errors.append(exc.located(
            sheet=self.sheet.name, row=row, column=column.header if column else exc.column,
            value=exc.value if value is None else value,
        ))

    def warn(self, message: str, *, row: int | None = None, hint: str = "",
             column: str = "") -> None:
        self.result.warnings.append(
            InputError(message, hint=hint, sheet=self.sheet.name, row=row, column=column)
        )

    def rows(self) -> list[Row]:
        """The data rows, parsed. The rows are first sorted into data rows and the rest (totals,
        sections, notes, blanks); then each column is parsed in one pass over the data rows,
        with a fast path for the usual cells and each distinct text of a repeating column
        parsed once. Errors are reported in the order of the rows, then of the columns."""
        columns = self.layout.columns
        sheet_rows = self.sheet.rows
        total = len(sheet_rows) - self.layout.first_data_row
        section_domain = None
        section_nature = None
        index = {key: col.index for key, col in columns.items()}
        kind_keys = [(key, index[key]) for key in ("name", "code", "district", SEQ)
                     if key in columns]
        name_at, code_at, district_at = (index.get(k, -1) for k in ("name", "code", "district"))
        data: list[list] = []  # the cells of each data row
        numbers: list[int] = []  # its row number as Excel shows it
        sections: dict[int, tuple] = {}  # data row position: (section domain, nature)
        for done, i in enumerate(range(self.layout.first_data_row, len(sheet_rows)), start=1):
            if self.progress and done % 1000 == 0:
                self.progress(done, total)
            cells = sheet_rows[i]
            # any() alone would skip a row holding only 0 or False.
            if not any(cells) and not any(v != "" and v is not None for v in cells):
                continue
            number = self.sheet.excel_row(i)
            width = len(cells)
            if self._surely_data(cells, width, name_at, code_at, district_at):
                sections_here = section_domain is not None or section_nature is not None
                if sections_here:
                    sections[len(data)] = (section_domain, section_nature)
                data.append(cells)
                numbers.append(number)
                continue
            texts = {key: cell_text(cells[i]) if i < width else "" for key, i in kind_keys}
            kind = self._row_kind(cells, texts)
            if kind == "total":
                raw = Row(number, {}, cells, index).raw
                self.total_row = (number, {k: self._amount(raw[k], columns[k], number, quiet=True)
                                           for k in AMOUNT_FIELDS if k in columns})
                continue
            if kind in ("subtotal", "note"):
                continue
            if kind == "section":
                label = self._section_label(cells, texts)
                domain = self.domains.get(_key(label)) or self.domains.get(
                    _key(re.sub(r"(项目|领域|类)$", "", label)))
                if domain is not None:
                    section_domain, section_nature = domain, None
                elif "续建" in label or "新建" in label or "新开工" in label:
                    section_nature = (Project.Nature.CONTINUING if "续建" in label
                                      else Project.Nature.NEW)
                else:
                    self.warn(_("Section row %(label)s names no domain of the plan; skipped.")
                              % {"label": label}, row=number,
                              hint=_("Use a domain's name, such as 先进制造业."))
                continue
            if section_domain is not None or section_nature is not None:
                sections[len(data)] = (section_domain, section_nature)
            data.append(cells)
            numbers.append(number)

        keys: list[str] = []
        parsed: list[list] = []
        errors: list[tuple] = []  # (data row position, column order, error, column, cell)
        dropped: dict[int, list[str]] = {}  # data row position: fields left out
        widest = max((c.index for c in columns.values()), default=0)
        # Rows as the reader gives them are as wide as the sheet: one transpose then gives
        # every column (shorter rows, if any, are padded with blanks for it; longer ones are
        # cut to the widest column read, hence strict=False).
        full = data
        if not all(len(cells) > widest for cells in data):
            full = [cells if len(cells) > widest else [*cells, *[""] * (widest + 1 - len(cells))]
                    for cells in data]
        by_column = list(zip(*full, strict=False)) if full else [()] * (widest + 1)
        for order, (key, column, parse_column) in enumerate(self._column_parsers()):
            cells_of = by_column[column.index]
            values, bad = parse_column(cells_of)
            for pos, exc in bad:
                dropped.setdefault(pos, []).append(key)
                if exc is not None:
                    errors.append((pos, order, exc, column, cells_of[pos]))
            if key in AMOUNT_FIELDS:
                figures = [v for v in values if v is not None and v is not ABSENT]
                if figures:
                    self.totals[key] = sum(figures, Decimal(0))
            keys.append(key)
            parsed.append(values)
        errors.sort(key=lambda e: e[:2])
        for pos, _order, exc, column, value in errors:
            self.error(exc, row=numbers[pos], column=column, value=value)

        out = [Row(number, dict(zip(keys, values, strict=True)), cells, index)
               for number, values, cells in zip(
                   numbers, zip(*parsed, strict=True) if parsed else [()] * len(data), data,
                   strict=True)]
        for pos, left_out in dropped.items():
            values = out[pos].values
            for key in left_out:
                del values[key]
        for pos, (domain, nature) in sections.items():
            values = out[pos].values
            if "domain" not in values and domain is not None:
                values["domain"] = domain
            if "nature" not in values and nature is not None:
                values["nature"] = nature
        if self.progress:
            self.progress(total, total)
        self._check_total()
        return out

    @staticmethod
    def _surely_data(cells: list, width: int, name_at: int, code_at: int,
                     district_at: int) -> bool:
        """A quick look that settles the usual row as data, as _row_kind would: it starts with
        a number (its 序号) or a text that opens no note, nothing reads 合计, 总计 or 小计
        (all contain 计), and it has a code or a district. False means: ask _row_kind."""
        lead = cells[0] if width else ""
        kind = type(lead)
        if kind is str:
            if not lead.strip() or "计" in lead or "".join(lead.split()).startswith(_NOTE_WORDS):
                return False
        elif kind is not float and kind is not int:
            return False
        name = cells[name_at] if 0 <= name_at < width else ""
        if type(name) is str and "计" in name:
            return False
        code = cells[code_at] if 0 <= code_at < width else ""
        if code != "" and code is not None and cell_text(code):
            return True
        district = cells[district_at] if 0 <= district_at < width else ""
        return district != "" and district is not None and bool(cell_text(district))

    def _row_kind(self, cells: list, texts: dict[str, str]) -> str:
        first = ""
        for value in cells[:4]:
            if value != "" and value is not None:
                first = "".join(cell_text(value).split())
                if first:
                    break
        name = "".join(texts.get("name", "").split())
        if first.startswith(_NOTE_WORDS):
            return "note"
        for text in (first, name):
            if text in _TOTAL_WORDS or text.startswith("合计") or text.startswith("总计"):
                return "total"
            if "小计" in text:
                return "subtotal"
        if texts.get("code") or texts.get("district"):
            return "data"
        if _is_numeral(texts.get(SEQ, "")):
            return "section"
        for text in (name, first):
            if text and _SECTION_RE.match(to_halfwidth(text).replace("（", "(").replace("）", ")")):
                return "section"
        filled = [v for v in cells if v != "" and v is not None]
        if len(filled) == 1 and isinstance(filled[0], str) and not name:
            return "section"
        return "data"

    def _section_label(self, cells: list, texts: dict[str, str]) -> str:
        numeral = _is_numeral(texts.get(SEQ, ""))
        text = texts.get("name") or next((cell_text(v) for v in cells
                                          if isinstance(v, str) and cell_text(v)
                                          and not (numeral and cell_text(v) == texts.get(SEQ))),
                                         "")
        text = to_halfwidth(text).replace("（", "(").replace("）", ")").strip()
        match = _SECTION_RE.match(text)
        label = match["label"] if match else text
        return re.sub(r"[(](?:共)?\s*\d+\s*(?:个|项)?(?:项目)?[)]$", "", label).strip()

    def _amount(self, raw, column: Column, number: int, quiet: bool = False) -> Decimal | None:
        try:
            return parse_amount(raw, unit=column.unit or self.layout.unit)
        except InputError as exc:
            if not quiet:
                self.error(exc, row=number, column=column, value=raw)
            return None

    def _column_parsers(self) -> list[tuple[str, Column, Callable]]:
        """One parser per column, chosen once; each takes the column's cells and returns their
        values and the (position, error) of each cell left out: an error, or None for a blank
        district, domain or nature (ABSENT among the values)."""
        parsers = []
        for key, column in self.layout.columns.items():
            if key == SEQ:
                continue
            if key in AMOUNT_FIELDS:
                parser = functools.partial(amount_column, unit=column.unit or self.layout.unit)
            elif key in DATE_FIELDS:
                parser = functools.partial(date_column, year=self.plan.year)
            elif key == "code":
                parser = functools.partial(code_column, parse=self.codes.parse)
            elif key == NUMBER_FIELD:
                parser = system_number_column
            elif key in ("longitude", "latitude"):
                parser = functools.partial(memo_column, functools.partial(
                    _coordinate, field=key), blank=None)
            elif key == "location_datum":
                parser = functools.partial(memo_column, parse_datum, blank=None)
            elif key in ("district", "domain", "is_industrial", "nature"):
                parser = functools.partial(
                    memo_column, {"district": self._district, "domain": self._domain,
                                   "is_industrial": parse_bool, "nature": parse_nature}[key],
                    blank=None if key == "is_industrial" else ABSENT,
                    blank_parses=key == "is_industrial")
            else:
                parser = functools.partial(text_column, limit=TEXT_LIMITS.get(key))
            parsers.append((key, column, parser))
        return parsers

    def _district(self, text: str) -> Division:
        district = self.districts.get(_key(text))
        if district is None:
            raise InputError(
                _("%(value)s is not a district of %(region)s.")
                % {"value": text, "region": self.plan.region},
                hint=_("Write one of: %(names)s.") % {"names": "、".join(sorted(
                    {d.name for d in self.districts.values()}))},
            )
        if not may_import_rows_of(self.scope, district.pk):
            raise InputError(
                _("This row is for %(district)s, outside your district.") % {"district": district},
                hint=_("Remove the rows of other districts; their own users import them."),
            )
        return district

    def _domain(self, text: str):
        domain = self.domains.get(_key(text))
        if domain is None:
            raise InputError(
                _("%(value)s is not a domain of this plan.") % {"value": text},
                hint=_("Write one of: %(names)s.") % {"names": "、".join(
                    d.name for d in sorted(set(self.domains.values()), key=lambda d: d.number))},
            )
        return domain

    def _check_total(self) -> None:
        if self.total_row is None:
            return
        number, figures = self.total_row
        for key, stated in figures.items():
            summed = self.totals.get(key, Decimal(0))
            if stated is not None and abs(stated - summed) > Decimal("0.01"):
                self.warn(
                    _("The total row states %(stated)s万元 but the rows add up to %(sum)s万元.")
                    % {"stated": display(stated), "sum": display(summed)},
                    row=number, column=self.layout.columns[key].header,
                    hint=_("Check the total's formula or the rows it should cover."),
                )


def _is_numeral(text: str) -> bool:
    """一, 二、, (三) or （四）: the numbering of a section, not of a project."""
    core = to_halfwidth(text).strip().strip("()、.,（） ")
    return bool(core) and all(ch in _NUMERALS for ch in core)


def _coordinate(text: str, *, field: str):
    return parse_coordinate(text, field)


def _key(text: str) -> str:
    return re.sub(r"\s+", "", to_halfwidth(text)).replace("（", "(").replace("）", ")")


def _district_lookup(plan) -> dict[str, Division]:
    region = plan.region
    lookup: dict[str, Division] = {}
    for division in [region, *Division.objects.filter(parent=region)]:
        for name in (division.code, division.name, division.short_name):
            if name:
                lookup[_key(name)] = division
    return lookup


def _domain_lookup(plan) -> dict:
    lookup = {}
    for domain in plan.domains.all():
        for name in (domain.name, domain.code, f"{domain.name}领域", f"{domain.name}项目"):
            lookup[_key(name)] = domain
    return lookup


def open_sheet(source, filename: str, mapping: dict | None, result: ImportResult) -> Layout | None:
    """The layout of the workbook's first sheet that holds a table (layout.detect_layout), its
    columns noted in ``result``; None, with the error in ``result``, when there is none."""
    try:
        sheets = read_workbook(source, filename=filename)
    except InputError as exc:
        result.errors.append(exc)
        return None
    if not sheets or not any(any(v != "" for v in row) for s in sheets for row in s.rows):
        result.errors.append(InputError(
            _("The workbook is empty."), hint=_("Fill in the sheet and upload it again."),
            field="file"))
        return None
    first_error = None
    for sheet in sheets:
        if not sheet.rows:
            continue
        try:
            layout = detect_layout(sheet, mapping=mapping)
        except InputError as exc:
            first_error = first_error or exc
            continue
        result.sheet = sheet.name
        found = sorted(layout.columns.values(), key=lambda c: c.index)
        result.columns = [{"header": c.header, "key": mapping_key(c.header), "field": c.field}
                          for c in found] + [
            {"header": h, "key": mapping_key(h), "field": ""} for h in layout.ignored]
        return layout
    result.errors.append(first_error)
    return None


def require_columns(layout: Layout, result: ImportResult, groups: list[tuple[str, ...]]) -> bool:
    """Whether the sheet has, of each group of fields, at least one column; an error in
    ``result`` names each group it lacks and the headers that would do."""
    ok = True
    for group in groups:
        if not any(key in layout.columns for key in group):
            ok = False
            names = " / ".join(FIELD_LABELS[k] for k in group)
            synonyms = "、".join(s for k in group for s in SYNONYMS[k][:4])
            result.errors.append(InputError(
                _("The sheet has no %(column)s column.") % {"column": names},
                hint=_("Add a column headed with one of: %(synonyms)s.") % {"synonyms": synonyms},
                sheet=layout.sheet.name, row=layout.sheet.excel_row(layout.header_bottom),
                column=names,
            ))
    return ok
