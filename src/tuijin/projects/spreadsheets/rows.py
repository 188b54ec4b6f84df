"""The rows of a spreadsheet import: the sheet opened and its layout found, its data rows
read into typed values with every error collected (RowReader), and the writes of the library
and report imports planned and made. imports.py holds the public entries.
"""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.accounts.permissions import may_manage_plan
from tuijin.accounts.scopes import Scope
from tuijin.core.errors import InputError
from tuijin.core.models import Division, Organisation
from tuijin.core.money import parse_amount
from tuijin.core.periods import Period
from tuijin.core.text import to_halfwidth
from tuijin.projects.bulk import insert, insert_with_history, update_with_history
from tuijin.projects.cycle import is_counted
from tuijin.projects.cycle_services import (
    filings_record_import,
    import_state,
)
from tuijin.projects.identity import ProjectKey
from tuijin.projects.models import MonthlyReport, Project
from tuijin.projects.rules import completion_share, report_write_plan, shift_summary
from tuijin.projects.services import REPORT_TEXT_FIELDS, report_figures
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
from tuijin.projects.spreadsheets.matching import NUMBER_FIELD, ProjectMatcher
from tuijin.projects.spreadsheets.reader import read_workbook
from tuijin.projects.spreadsheets.results import (
    ImportResult,
    RowChange,
    display,
)

PROJECT_FIELDS = (
    "code", "name", "domain", "district", "owner", "is_industrial", "nature", "description",
    "total_investment_wan", "annual_plan_wan", *DATE_FIELDS,
)
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
        if not self.scope.is_city_wide and district.pk not in self.scope.division_ids:
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

_EXISTING_FIELDS = [f.attname for f in Project._meta.concrete_fields]


class _Existing:
    """A project already in the plan, as plain values: 30,000 model instances would take a
    second and a half to build, and an import needs only their values."""

    def __init__(self, values: dict):
        self.__dict__.update(values)

    @property
    def pk(self) -> int:
        return self.id


@dataclass
class _ProjectPlan:
    # New projects as lists of values in NEW_PROJECT_COLUMNS order, written by fastwrite.
    new: list[list] = field(default_factory=list)
    changed: list[_Existing] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)
    # Owners to create, keyed by (name, district id), with the projects waiting for them.
    owners: dict[tuple[str, int], list[_Existing | list]] = field(default_factory=dict)


def plan_projects(plan, rows: list[Row], layout: Layout, reader: RowReader, result: ImportResult,
                   scope: Scope) -> _ProjectPlan:
    existing = [_Existing(values) for values in
                Project.objects.filter(plan=plan).values(*_EXISTING_FIELDS)]
    # The whole plan, so that a code or a name is never taken twice; the matcher refuses the
    # rows of projects outside the scope.
    matcher = ProjectMatcher(existing, rows=rows, columns=layout.columns, scope=scope)
    organisations = list(Organisation.objects.all())
    owner_names = {o.pk: o.name for o in organisations}
    # An owner is found within the row's district only, or created there (issue 11): a name
    # alone would hand a district's project to another district's company of that name.
    owners = {(o.name, o.division_id): o for o in organisations}
    names = {("domain", d.pk): d.name for d in reader.domains.values()}
    names.update({("district", d.pk): d.name for d in reader.districts.values()})
    seen_code: dict[str, int] = {}
    seen_name: dict[tuple[str, int], int] = {}
    # The rows that create a project or move one to another name or district, as
    # projects.identity sees them: checked for twins once all rows are read.
    renamed: list[tuple[int, ProjectKey, Division]] = []
    out = _ProjectPlan()
    plan_id = plan.pk
    columns = layout.columns
    present = [k for k in PROJECT_FIELDS if k in columns or k == "domain"]
    dates = _AdaptedDates()
    for row in rows:
        v = row.values
        number = row.number
        if not v.get("name"):
            if "name" not in v or v.get("name") == "":
                reader.error(InputError(_("The project name is empty."),
                                        hint=_("Every project needs a name.")),
                             row=number, column=columns["name"], value="")
            continue
        district = v.get("district")
        if district is None:
            if not row.raw.get("district"):
                reader.error(InputError(_("The district is empty."),
                                        hint=_("Write the project's district, such as 龙亭区.")),
                             row=number, column=columns["district"], value="")
            continue
        if v.get("domain") is None:
            if "domain" not in columns or not cell_text(row.raw.get("domain")):
                reader.error(InputError(
                    _("The project's domain is unknown."),
                    hint=_("Add a 领域 column, or section rows such as 「一、先进制造业」 above "
                           "the domain's projects.")), row=number,
                    column=columns.get("domain"), value="")
            continue
        for key in ("total_investment_wan", "annual_plan_wan"):
            if key in v and v[key] is None and not cell_text(row.raw.get(key)):
                reader.error(InputError(_("The amount is empty."),
                                        hint=_("Write 0 if there is none.")),
                             row=number, column=columns[key], value="")
        code = v.get("code")
        if code:
            if code in seen_code:
                reader.error(InputError(
                    _("Project code %(code)s appears again; row %(first)s has it too.")
                    % {"code": code, "first": seen_code[code]},
                    hint=_("Each project appears once; remove or correct the duplicate.")),
                    row=number, column=columns["code"], value=code)
                continue
            seen_code[code] = number
        district_id = district.id  # .id: the .pk property costs a call per row
        name_key = (v["name"], district_id)
        if not code and v.get(NUMBER_FIELD) is None:
            if name_key in seen_name:
                reader.error(InputError(
                    _("%(name)s in %(district)s appears again; row %(first)s has it too.")
                    % {"name": v["name"], "district": district, "first": seen_name[name_key]},
                    hint=_("Each project appears once; remove the duplicate or give each its "
                           "project code.")), row=number, column=columns["name"], value=v["name"])
                continue
            seen_name[name_key] = number
        try:
            project = matcher.find(row)
        except InputError as exc:
            reader.error(exc, row=number)
            continue
        if project is None:
            renamed.append((number, ProjectKey(None, v["name"], district_id, code), district))
        elif project.name != v["name"] or project.district_id != district_id:
            renamed.append((number, ProjectKey(project.id, v["name"], district_id,
                                               code or project.code), district))
        if result.errors:
            # Keep checking the remaining rows, but there is no point building objects.
            continue
        owner = None
        owner_name = v.get("owner")
        if owner_name:
            owner = owners.get((owner_name, district_id))
        label = f"{v['name']} ({code})" if code else v["name"]
        if project is None:
            record = _new_project(plan_id, v, district_id, owner, dates)
            if owner_name and owner is None:
                out.owners.setdefault((owner_name, district_id), []).append(record)
            out.new.append(record)
            result.changes.append(RowChange(number, "new", label))
            if result.dry_run:  # the parsed rows are shown by a dry run only
                result.rows.append({"row": number, "status": "new", **_row_dict(v, present)})
            continue
        changes = {}
        for key in present:
            if key == "owner":
                if "owner" not in columns:
                    continue
                old_name = owner_names.get(project.owner_id, "")
                if (owner_name or "") != old_name:
                    changes[key] = (old_name, owner_name or "")
                    _set_owner(project, owner, owner_name, district, out)
                continue
            if key == "code" and not code:
                continue  # a sheet without the code keeps the code we know
            if key not in v:
                continue
            new = v[key]
            if new is None and (key in AMOUNT_FIELDS or key == "is_industrial"):
                continue
            if key in ("domain", "district"):
                # Compare ids: touching the relation would cost a query per project.
                old_id = getattr(project, f"{key}_id")
                if old_id != new.pk:
                    old_name = str(names.get((key, old_id), old_id))
                    changes[key] = (old_name, str(new))
                    setattr(project, f"{key}_id", new.pk)
                continue
            old = getattr(project, key)
            if old != new:
                changes[key] = (display(old), display(new))
                _assign(project, key, v)
        status = "changed" if changes else "unchanged"
        if changes:
            out.changed.append(project)
            out.fields.update(k for k in changes)
        result.changes.append(RowChange(number, status, label, changes))
        if result.dry_run:
            result.rows.append({"row": number, "status": status, **_row_dict(v, present)})
    for number, error in matcher.twins_among(renamed):
        reader.error(error, row=number, column=columns["name"], value=error.value)
    return out


def _assign(project: Project, key: str, values: dict) -> None:
    if key == "owner" or key not in values:
        return
    value = values[key]
    if key in ("nature",) and value is None:
        return
    if key in AMOUNT_FIELDS and value is None:
        value = Decimal(0)
    if key == "is_industrial" and value is None:
        value = False
    setattr(project, key, value)


NEW_PROJECT_COLUMNS = [
    "plan_id", "code", "name", "domain_id", "district_id", "owner_id", "is_industrial", "nature",
    "description", "total_investment_wan", "annual_plan_wan", *DATE_FIELDS, "is_demo",
    "created_at", "updated_at",
]
_OWNER_INDEX = NEW_PROJECT_COLUMNS.index("owner_id")


class _AdaptedDates(dict):
    """Dates as the database takes them (fastwrite's ``adapted``), each distinct date adapted
    once: cheaper than adapting the finished rows a column at a time."""

    def __init__(self):
        super().__init__({None: None})

    def __missing__(self, value):
        adapted = self[value] = connection.ops.adapt_datefield_value(value)
        return adapted


def _new_project(plan_id: int, v: dict, district_id: int, owner, dates: _AdaptedDates) -> list:
    """A new project's values in NEW_PROJECT_COLUMNS order, dates adapted for the database;
    fields the sheet lacks get the model's defaults; the two timestamps are filled in (adapted)
    when written."""
    get = v.get
    return [
        plan_id, get("code") or None, v["name"], v["domain"].id, district_id,
        owner.id if owner is not None else None, bool(get("is_industrial")),
        get("nature") or Project.Nature.NEW, get("description") or "",
        get("total_investment_wan") or Decimal(0), get("annual_plan_wan") or Decimal(0),
        dates[get("planned_signed_on")], dates[get("planned_started_on")],
        dates[get("planned_in_production_on")], dates[get("actual_signed_on")],
        dates[get("actual_started_on")], dates[get("actual_in_production_on")],
        False, None, None,
    ]


def _set_owner(project, owner, owner_name: str | None, district, plan_: _ProjectPlan):
    if not owner_name:
        project.owner_id = None
        return
    if owner is not None:
        project.owner_id = owner.pk
        return
    project.owner_id = None
    plan_.owners.setdefault((owner_name, district.pk), []).append(project)


def _row_dict(values: dict, present: list[str]) -> dict:
    out = {}
    for key in present:
        if key in values:
            value = values[key]
            out[key] = value.code if hasattr(value, "code") and not isinstance(value, str) \
                else display(value)
    return out


def write_projects(plan, plan_: _ProjectPlan, user, result: ImportResult) -> None:
    history_user = user if getattr(user, "is_authenticated", False) else None
    if plan_.owners:
        keys = list(plan_.owners)
        ids = insert(Organisation, ["name", "division_id", "kind", "is_demo"], [
            [name, division_id, Organisation.Kind.OWNER, False] for (name, division_id) in keys
        ], returning=True)
        result.owners_created = len(ids)
        for key, pk in zip(keys, ids, strict=True):
            for project in plan_.owners[key]:
                if isinstance(project, list):
                    project[_OWNER_INDEX] = pk
                else:
                    project.owner_id = pk
        if plan_.changed:
            plan_.fields.add("owner")
    now = timezone.now()
    if plan_.new:
        stamp = connection.ops.adapt_datetimefield_value(now)
        for values in plan_.new:
            values[-2] = values[-1] = stamp
        insert_with_history(Project, NEW_PROJECT_COLUMNS, plan_.new, now=now,
                            user_id=history_user.pk if history_user else None,
                            reason="tuijin.import.projects", adapted=True)
    if plan_.changed:
        for project in plan_.changed:
            project.updated_at = now
        fields = [Project._meta.get_field(f).attname for f in sorted(plan_.fields)]
        update_with_history(Project, plan_.changed, [*fields, "updated_at"], now=now,
                            user_id=history_user.pk if history_user else None,
                            reason="tuijin.import.projects")



def report_month(plan, period: Period | None, layout: Layout, result: ImportResult) -> int | None:
    named = [(c, c.month) for c in layout.columns.values() if c.month is not None]
    if period is not None and period.year != plan.year:
        result.errors.append(InputError(
            _("%(period)s is not in the plan's year %(year)s.")
            % {"period": period, "year": plan.year},
            hint=_("Give a month of %(year)s, such as %(year)s-06.") % {"year": plan.year},
            field="month", value=str(period)))
        return None
    for column, month in named:
        if not 1 <= month <= 12:
            result.errors.append(InputError(
                _("The header names month %(month)s, which does not exist.") % {"month": month},
                hint=_("Correct the header, e.g. 1-6月完成投资."), sheet=layout.sheet.name,
                row=layout.sheet.excel_row(layout.header_bottom), column=column.header))
            return None
        if period is not None and month != period.month:
            result.errors.append(InputError(
                _("The column is for month %(header)s but the import is for %(period)s.")
                % {"header": month, "period": period},
                hint=_("Import the file for month %(header)s, or use the sheet of %(period)s.")
                % {"header": month, "period": period},
                sheet=layout.sheet.name, row=layout.sheet.excel_row(layout.header_bottom),
                column=column.header))
            return None
    if period is not None:
        return period.month
    if named:
        return named[0][1]
    result.errors.append(InputError(
        _("The month of the reports is not known."),
        hint=_("Give the month (for example --month %(year)s-06), or head the column "
               "1-6月完成投资.") % {"year": plan.year}, field="month"))
    return None


def plan_reports(plan, month: int, rows: list[Row], layout: Layout, reader: RowReader,
                  result: ImportResult, scope: Scope):
    columns = layout.columns
    projects = list(Project.objects.filter(plan=plan).filter(scope.project_filter())
                    .only("id", "code", "name", "district_id", "annual_plan_wan"))
    # The projects are those of the scope already: the matcher needs no scope of its own.
    matcher = ProjectMatcher(projects, rows=rows, columns=columns)
    history: dict[int, list[MonthlyReport]] = {}
    for report in MonthlyReport.objects.filter(project__plan=plan).filter(
            scope.project_filter("project__")).order_by("month"):
        history.setdefault(report.project_id, []).append(report)
    new, changed, shifted = [], [], []
    text_fields = [k for k in REPORT_TEXT_FIELDS if k in columns]
    for row in rows:
        v = row.values
        number = row.number
        try:
            project = matcher.existing(row)
        except InputError as exc:
            reader.error(exc, row=number)
            continue
        if project is None:
            continue
        cumulative = v.get("cumulative_wan")
        month_figure = v.get("investment_month_wan")
        if cumulative is None and month_figure is None:
            if not any(cell_text(row.raw.get(k)) for k in ("cumulative_wan",
                                                           "investment_month_wan")):
                result.skipped += 1
            continue
        reports = history.get(project.pk, [])
        column = columns.get("cumulative_wan") or columns.get("investment_month_wan")
        try:
            plan_ = report_write_plan(month=month, investment_month=month_figure,
                                      cumulative=cumulative, reports=report_figures(reports))
        except InputError as exc:
            key = exc.field if exc.field in columns else column.field
            reader.error(exc, row=number, column=columns[key], value=row.raw.get(key))
            continue
        month_figure = plan_.figures.investment_month_wan
        cumulative = plan_.figures.cumulative_wan
        if plan_.moves_later_months:
            by_month = {r.month: r for r in reports}
            for moved in plan_.later:
                later_report = by_month[moved.month]
                later_report.cumulative_wan = moved.cumulative_wan
                shifted.append(later_report)
            reader.warn(shift_summary(plan_), row=number)
        label = f"{project.name} ({project.code})" if project.code else project.name
        existing = next((r for r in reports if r.month == month), None)
        figures = {"investment_month_wan": month_figure, "cumulative_wan": cumulative,
                   **{k: v.get(k, "") for k in text_fields}}
        row_dict = {"row": number, "project": project.code or project.name,
                    **{k: display(x) for k, x in figures.items()}}
        if existing is None:
            report = MonthlyReport(project=project, month=month, **figures)
            new.append(report)
            result.changes.append(RowChange(number, "new", label))
            result.rows.append({"status": "new", **row_dict})
            continue
        changes = {k: (display(getattr(existing, k)), display(x)) for k, x in figures.items()
                   if display(getattr(existing, k)) != display(x)}
        if changes:
            for k, x in figures.items():
                setattr(existing, k, x)
            changed.append(existing)
        status = "changed" if changes else "unchanged"
        result.changes.append(RowChange(number, status, label, changes))
        result.rows.append({"status": status, **row_dict})
    return new, changed, shifted


def write_reports(plan, month: int, new: list, changed: list, shifted: list, *, user,
                  scope: Scope) -> None:
    """Write the reports plan_reports planned, through the reporting cycle, with history."""
    history_user = user if getattr(user, "is_authenticated", False) else None
    now = timezone.now()
    user_id = history_user.pk if history_user else None
    # The reporting cycle: a district's rows are submitted for review, the city office's
    # approved (projects.cycle_services.import_state).
    state = import_state(plan=plan, month=month, is_city_office=may_manage_plan(scope))
    if state is not None:
        filings_record_import(plan=plan, month=month, reports=[*new, *changed],
                              state=state, user=history_user, now=now)
        if not is_counted(state, plan.counted_report_states):
            new = changed = shifted = []
    # completion and planned_wan as the triggers set them, so SQLite's need not rewrite
    # each new report (projects migration 0011).
    columns = ["project_id", "month", "investment_month_wan", "cumulative_wan",
               *REPORT_TEXT_FIELDS, "submitted_at", "submitted_by_id", "completion",
               "planned_wan"]
    insert_with_history(MonthlyReport, columns, [
        [r.project_id, r.month, r.investment_month_wan, r.cumulative_wan, r.progress_text,
         r.blockers, r.help_requested, now, user_id,
         completion_share(cumulative_wan=r.cumulative_wan,
                          planned_wan=r.project.annual_plan_wan),
         r.project.annual_plan_wan]
        for r in new], now=now, user_id=user_id, reason="tuijin.import.reports")
    update_with_history(MonthlyReport, changed,
                        ["investment_month_wan", "cumulative_wan", *REPORT_TEXT_FIELDS],
                        now=now, user_id=user_id, reason="tuijin.import.reports")
    # Later months moved by a correction of this month (projects.rules.report_write_plan).
    update_with_history(MonthlyReport, shifted, ["cumulative_wan"], now=now,
                        user_id=user_id, reason="tuijin.import.reports.moved")
