"""Export the project library, a month's reports and a blank reporting template as .xlsx laid out
the way people make them by hand (DESIGN.md §4): a merged title, a unit line, a two-row header
with group cells, section rows per domain, a 合计 row, frozen panes, number formats and widths.

What is exported re-imports with zero changes (tests/projects/spreadsheets/test_round_trip.py).

Memory stays bounded whatever the number of projects (issue 11: 202,000 projects took 1.5 GB
and timed out on the web): the projects are read from the database a chunk at a time, and
xlsxwriter's constant_memory mode writes each row out to a temporary file as soon as the next
begins, so the workbook is never held in memory; the web view then streams the finished file
(docs/reference/operations.md, "Large exports").
"""

import itertools
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

import xlsxwriter
from django.db.models import Count
from django.utils import timezone

from tuijin.accounts.scopes import scope_for
from tuijin.core.periods import Period
from tuijin.projects.identity import SYSTEM_NUMBER
from tuijin.projects.models import MonthlyReport, Project

_NUMERALS = "一二三四五六七八九十"
# What a spreadsheet program may read as the start of a formula (or of a DDE command).
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
# Projects read from the database at a time (and their month's reports in one query each).
CHUNK = 2000


@dataclass
class Col:
    header: str
    width: float
    kind: str = "text"  # text, amount, date, int, rate
    group: str = ""
    value: object = None  # callable(project, report) -> value


def _chinese_number(n: int) -> str:
    if n <= 10:
        return _NUMERALS[n - 1]
    if n < 20:
        return "十" + _NUMERALS[n - 11]
    tens, ones = divmod(n, 10)
    return _NUMERALS[tens - 1] + "十" + (_NUMERALS[ones - 1] if ones else "")


def _projects(plan, user):
    # Exports are scoped like every read: there is no "no user means everything"; the command
    # line passes Scope.city_wide_for_system() (scope_for(None) raises TypeError).
    queryset = Project.objects.filter(plan=plan).filter(scope_for(user).project_filter())
    return (queryset.select_related("domain", "district", "owner")
            .order_by("domain__number", "district__code", "id"))


def _chunks(projects) -> Iterator[list[Project]]:
    """The projects a chunk at a time, read as they are written (a server-side cursor on
    PostgreSQL), so that no more than a chunk is ever in memory."""
    rows = projects.iterator(chunk_size=CHUNK) if hasattr(projects, "iterator") else projects
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, CHUNK)):
        yield chunk


def _domain_counts(projects) -> dict[int, int]:
    """How many projects each domain's section row announces, counted before its rows."""
    if not hasattr(projects, "iterator"):
        return {d: sum(1 for _ in g) for d, g in itertools.groupby(p.domain_id for p in projects)}
    return dict(projects.order_by().values_list("domain").annotate(n=Count("id")))


def _coordinate(value: Decimal | None) -> str:
    """Six places as stored, as text: a float cell would show 114.3076 one day and
    114.30760000000001 the next."""
    return "" if value is None else f"{value:.6f}"


def _amount(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _write_workbook(target: str | Path | BinaryIO, *, title: str, sheet_name: str,
                    columns: list[Col], projects: Iterable[Project],
                    reports: Callable[[list[Project]], dict[int, object]] | None = None,
                    note: str = "", sections: bool = True) -> None:
    """Write the sheet to ``target`` (a path, or a binary file: one that cannot seek, such as
    an HttpResponse, gets the finished file copied in). ``reports`` gives the reports of a
    chunk of projects by project id."""
    if not isinstance(target, str | Path) and not _seekable(target):
        with tempfile.TemporaryFile() as spool:
            _write_workbook(spool, title=title, sheet_name=sheet_name, columns=columns,
                            projects=projects, reports=reports, note=note, sections=sections)
            spool.seek(0)
            shutil.copyfileobj(spool, target, 1 << 20)
        return
    # Every text is written as text, never as a formula or a link, whatever it starts with
    # (issue 11: a plan or project named "=HYPERLINK(…)" must not become one); the only
    # formulas are the 合计 row's, written as such. constant_memory: each row goes to a
    # temporary file once the next one starts (rows must therefore be written in order).
    workbook = xlsxwriter.Workbook(str(target) if isinstance(target, str | Path) else target,
                                   {"constant_memory": True, "strings_to_formulas": False,
                                    "strings_to_urls": False, "strings_to_numbers": False})
    ws = workbook.add_worksheet(sheet_name)
    base = {"font_name": "宋体", "font_size": 10, "border": 1, "valign": "vcenter"}
    props = {
        "title": {"font_name": "方正小标宋简体", "font_size": 16, "bold": True,
                  "align": "center", "valign": "vcenter"},
        "unit": {"font_name": "宋体", "font_size": 10, "align": "right"},
        "note": {"font_name": "宋体", "font_size": 10, "text_wrap": True},
        "header": {**base, "bold": True, "align": "center", "text_wrap": True,
                   "bg_color": "#F2F2F2"},
        "text": {**base, "text_wrap": True},
        "amount": {**base, "num_format": "#,##0.00"},
        "date": {**base, "num_format": "yyyy-mm-dd", "align": "center"},
        "int": {**base, "align": "center"},
        "rate": {**base, "num_format": "0.0%"},
        "section": {**base, "bold": True},
        "section_amount": {**base, "bold": True, "num_format": "#,##0.00"},
        "total": {**base, "bold": True, "align": "center"},
        "total_amount": {**base, "bold": True, "num_format": "#,##0.00"},
    }
    fmt = {name: workbook.add_format(p) for name, p in props.items()}
    quoted: dict[str, object] = {}

    def text_format(name: str, text: str):
        """The format of a text cell; with Excel's quote prefix (the leading apostrophe) when
        the text starts like a formula, so that editing the cell keeps it text."""
        if not text.startswith(FORMULA_LEADS):
            return fmt[name]
        if name not in quoted:
            quoted[name] = workbook.add_format({**props[name], "quote_prefix": True})
        return quoted[name]

    last = len(columns) - 1
    ws.merge_range(0, 0, 0, last, title, text_format("title", title))
    ws.set_row(0, 30)
    ws.merge_range(1, 0, 1, last, "单位：万元", fmt["unit"])
    top = 2
    if note:
        ws.merge_range(2, 0, 2, last, note, text_format("note", note))
        ws.set_row(2, 30)
        top = 3
    # Two-row header: a column without a group spans both rows; a group spans its columns.
    # Written a row at a time (constant_memory), the merges across both rows recorded after.
    headers = [[columns[k].group or columns[k].header for k in range(last + 1)],
               [columns[k].header if columns[k].group else None for k in range(last + 1)]]
    for k in range(1, last + 1):
        if columns[k].group and columns[k - 1].group == columns[k].group:
            headers[0][k] = None  # inside its group's merged cell
    for offset, texts in enumerate(headers):
        for k, text in enumerate(texts):
            if text is None:
                ws.write_blank(top + offset, k, None, fmt["header"])
            else:
                ws.write_string(top + offset, k, text, text_format("header", text))
    c = 0
    while c <= last:
        end = c
        while columns[c].group and end + 1 <= last and columns[end + 1].group == columns[c].group:
            end += 1
        if not columns[c].group:
            _merge_written(ws, top, c, top + 1, c)
        elif end > c:
            _merge_written(ws, top, c, top, end)
        c = end + 1
    for i, col in enumerate(columns):
        ws.set_column(i, i, col.width)
    row = top + 2
    amount_cols = [i for i, col in enumerate(columns) if col.kind == "amount"]
    totals = {i: Decimal(0) for i in amount_cols}
    counts = _domain_counts(projects) if sections else {}
    number = 0
    section = 0
    domain_id = None
    for chunk in _chunks(projects):
        chunk_reports = reports(chunk) if reports else {}
        for project in chunk:
            if sections and project.domain_id != domain_id:
                domain_id = project.domain_id
                section += 1
                ws.write(row, 0, _chinese_number(section), fmt["section"])
                label = f"{project.domain.name}（{counts[domain_id]}个）"
                for k in range(1, len(columns)):
                    ws.write_blank(row, k, None, fmt["section"])
                ws.write_string(row, 2 if len(columns) > 2 else 1, label,
                                text_format("section", label))
                row += 1
            number += 1
            report = chunk_reports.get(project.pk)
            for k, col in enumerate(columns):
                value = col.value(project, report, number) if col.value else None
                if col.kind == "amount":
                    if value is None:
                        ws.write_blank(row, k, None, fmt["amount"])
                    else:
                        totals[k] += value
                        ws.write_number(row, k, float(value), fmt["amount"])
                elif col.kind == "date":
                    if value is None:
                        ws.write_blank(row, k, None, fmt["date"])
                    else:
                        ws.write_datetime(row, k, value, fmt["date"])
                elif col.kind == "rate":
                    if value is None:
                        ws.write_blank(row, k, None, fmt["rate"])
                    else:
                        ws.write_number(row, k, float(value), fmt["rate"])
                elif col.kind == "int":
                    ws.write_number(row, k, value, fmt["int"])
                else:
                    value = "" if value is None else str(value)
                    ws.write_string(row, k, value, text_format("text", value))
            row += 1
    # 合计: a SUM formula people can audit, with its value cached for readers that do not
    # calculate (our own importer checks it against the rows).
    first_data = top + 3
    ws.write(row, 0, "合计", fmt["total"])
    for k in range(1, len(columns)):
        if k in totals:
            letter = xlsxwriter.utility.xl_col_to_name(k)
            ws.write_formula(row, k, f"=SUBTOTAL(9,{letter}{first_data}:{letter}{row})",
                             fmt["total_amount"], float(totals[k]))
        else:
            ws.write_blank(row, k, None, fmt["total"])
    ws.freeze_panes(top + 2, 3)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top, top + 1)
    workbook.close()


def _seekable(target) -> bool:
    try:
        return target.seekable()
    except AttributeError:
        return False


def _merge_written(ws, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    """Merge cells already written. xlsxwriter's merge_range writes the cells too, which
    constant_memory refuses for a row already flushed (the first header row, once the second
    is written), so the range is recorded as merge_range records it."""
    ws.merge.append([first_row, first_col, last_row, last_col])


def _system_number_column() -> Col:
    """tuijin's own number of the project (its primary key), last in every export, so that
    the file re-imports by it whatever names and codes say (projects.identity)."""
    return Col(SYSTEM_NUMBER, 10, "int", value=lambda p, r, n: p.pk)


def _identity_columns(plan) -> list[Col]:
    return [
        Col("序号", 6, "int", value=lambda p, r, n: n),
        Col("项目代码", 26, value=lambda p, r, n: p.code or ""),
        Col("项目名称", 36, value=lambda p, r, n: p.name),
        Col("县区", 12, value=lambda p, r, n: p.district.name),
        Col("领域", 16, value=lambda p, r, n: p.domain.name),
        Col("建设单位", 28, value=lambda p, r, n: p.owner.name if p.owner_id else ""),
    ]


def projects_export(*, plan, target: str | Path | BinaryIO, user) -> int:
    """Write the plan's project library, as far as ``user`` (a user, or a Scope such as
    ``Scope.city_wide_for_system()``) may see it, as .xlsx."""
    projects = _projects(plan, user)
    year = plan.year
    columns = [
        *_identity_columns(plan),
        Col("产业项目", 8, value=lambda p, r, n: "是" if p.is_industrial else "否"),
        Col("建设性质", 8, value=lambda p, r, n: (
            "续建" if p.nature == Project.Nature.CONTINUING else "新建")),
        Col("建设内容", 40, value=lambda p, r, n: p.description),
        Col("总投资", 14, "amount", "投资", lambda p, r, n: p.total_investment_wan),
        Col(f"{year}年计划投资", 14, "amount", "投资", lambda p, r, n: p.annual_plan_wan),
        Col("签约时间", 12, "date", "计划", lambda p, r, n: p.planned_signed_on),
        Col("开工时间", 12, "date", "计划", lambda p, r, n: p.planned_started_on),
        Col("投产时间", 12, "date", "计划", lambda p, r, n: p.planned_in_production_on),
        Col("签约时间", 12, "date", "实际", lambda p, r, n: p.actual_signed_on),
        Col("开工时间", 12, "date", "实际", lambda p, r, n: p.actual_started_on),
        Col("投产时间", 12, "date", "实际", lambda p, r, n: p.actual_in_production_on),
        # The point as entered, with its datum (projects.geo): the import reads it back as is.
        Col("经度", 12, group="位置", value=lambda p, r, n: _coordinate(p.longitude)),
        Col("纬度", 12, group="位置", value=lambda p, r, n: _coordinate(p.latitude)),
        Col("坐标系", 9, group="位置", value=lambda p, r, n: p.location_datum),
        _system_number_column(),
    ]
    _write_workbook(target, title=f"{plan.name}重点项目库", sheet_name="重点项目",
                    columns=columns, projects=projects)
    return projects.count()


def reports_export(*, plan, period: Period, target: str | Path | BinaryIO, user) -> int:
    """Write the month's progress sheet: each project's plan, 1-M月 cumulative, the month's own
    figure, completion rate and progress text, as .xlsx; only the projects ``user`` (a user or
    a Scope) may see."""
    projects = _projects(plan, user)
    month = period.month

    def reports(chunk: list[Project]) -> dict[int, MonthlyReport]:
        return {r.project_id: r for r in MonthlyReport.objects.filter(
            project__in=[p.pk for p in chunk], month=month)}

    def rate(p, r, n):
        if r is None or not p.annual_plan_wan:
            return None
        return r.cumulative_wan / p.annual_plan_wan

    columns = [
        *_identity_columns(plan),
        Col("总投资", 14, "amount", value=lambda p, r, n: p.total_investment_wan),
        Col("计划投资", 14, "amount", f"{plan.year}年", lambda p, r, n: p.annual_plan_wan),
        Col(f"1-{month}月完成投资", 14, "amount", f"{plan.year}年",
            lambda p, r, n: r.cumulative_wan if r else None),
        Col(f"{month}月完成投资", 14, "amount", f"{plan.year}年",
            lambda p, r, n: r.investment_month_wan if r else None),
        Col("完成率", 9, "rate", f"{plan.year}年", rate),
        Col("形象进度", 40, value=lambda p, r, n: r.progress_text if r else ""),
        Col("存在问题", 30, value=lambda p, r, n: r.blockers if r else ""),
        Col("需协调解决的问题", 30, value=lambda p, r, n: r.help_requested if r else ""),
        _system_number_column(),
    ]
    _write_workbook(target, title=f"{plan.name}重点项目{month}月份进展情况",
                    sheet_name=f"{month}月", columns=columns, projects=projects, reports=reports)
    return projects.count()


def template_export(*, plan, target: str | Path | BinaryIO, period: Period | None = None,
                    user) -> int:
    """A blank reporting template for owners: the projects ``user`` (a user or a Scope) may
    see, with empty figure columns. Rows left blank are skipped on import."""
    projects = _projects(plan, user)
    cumulative = f"1-{period.month}月完成投资" if period else "累计完成投资"
    month = f"{period.month}月完成投资" if period else "本月完成投资"
    columns = [
        *_identity_columns(plan)[:4],
        Col(cumulative, 14, "amount"),
        Col(month, 14, "amount"),
        Col("形象进度", 40),
        Col("存在问题", 30),
        Col("需协调解决的问题", 30),
        _system_number_column(),
    ]
    when = f"{period.year}年{period.month}月" if period else ""
    note = (f"填报说明：{when}请填写{cumulative}（自1月起累计，单位万元）；{month}可不填，"
            "系统按上月累计自动推算，填写时须与累计数一致。不填数字的行视为未报。"
            f"请勿修改最后一列{SYSTEM_NUMBER}，导入时据此识别项目。"
            f"（导出时间 {timezone.localtime():%Y-%m-%d}）")
    _write_workbook(target, title=f"{plan.name}重点项目月报填报表", sheet_name="月报",
                    columns=columns, projects=projects, note=note, sections=False)
    return projects.count()
