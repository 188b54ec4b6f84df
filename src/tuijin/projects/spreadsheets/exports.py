"""Export the project library, a month's reports and a blank reporting template as .xlsx laid out
the way people make them by hand (DESIGN.md §4): a merged title, a unit line, a two-row header
with group cells, section rows per domain, a 合计 row, frozen panes, number formats and widths.

What is exported re-imports with zero changes (tests/projects/spreadsheets/test_round_trip.py).
"""

import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

import xlsxwriter
from django.utils import timezone

from tuijin.accounts.scopes import scope_for
from tuijin.core.periods import Period
from tuijin.projects.identity import SYSTEM_NUMBER
from tuijin.projects.models import MonthlyReport, Project

_NUMERALS = "一二三四五六七八九十"
# What a spreadsheet program may read as the start of a formula (or of a DDE command).
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


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
    return list(queryset.select_related("domain", "district", "owner")
                .order_by("domain__number", "district__code", "id"))


def _amount(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _write_workbook(target: str | Path | BinaryIO, *, title: str, sheet_name: str,
                    columns: list[Col], projects: list[Project], reports: dict[int, object],
                    note: str = "", sections: bool = True) -> None:
    # File-likes (an HttpResponse) get the finished bytes: zip writing wants to seek.
    buffer = None if isinstance(target, str | Path) else io.BytesIO()
    # Every text is written as text, never as a formula or a link, whatever it starts with
    # (issue 11: a plan or project named "=HYPERLINK(…)" must not become one); the only
    # formulas are the 合计 row's, written as such.
    workbook = xlsxwriter.Workbook(str(target) if buffer is None else buffer,
                                   {"in_memory": True, "strings_to_formulas": False,
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
    c = 0
    while c <= last:
        col = columns[c]
        if not col.group:
            ws.merge_range(top, c, top + 1, c, col.header, text_format("header", col.header))
            c += 1
            continue
        end = c
        while end + 1 <= last and columns[end + 1].group == col.group:
            end += 1
        if end > c:
            ws.merge_range(top, c, top, end, col.group, text_format("header", col.group))
        else:
            ws.write_string(top, c, col.group, text_format("header", col.group))
        for k in range(c, end + 1):
            ws.write_string(top + 1, k, columns[k].header,
                            text_format("header", columns[k].header))
        c = end + 1
    for i, col in enumerate(columns):
        ws.set_column(i, i, col.width)
    row = top + 2
    amount_cols = [i for i, col in enumerate(columns) if col.kind == "amount"]
    totals = {i: Decimal(0) for i in amount_cols}
    groups: list[tuple[object, list[Project]]] = []
    for project in projects:
        key = project.domain if sections else None
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append(project)
    number = 0
    for index, (domain, members) in enumerate(groups, start=1):
        if sections and domain is not None:
            ws.write(row, 0, _chinese_number(index), fmt["section"])
            label = f"{domain.name}（{len(members)}个）"
            for k in range(1, len(columns)):
                ws.write_blank(row, k, None, fmt["section"])
            ws.write_string(row, 2 if len(columns) > 2 else 1, label,
                            text_format("section", label))
            row += 1
        for project in members:
            number += 1
            report = reports.get(project.pk)
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
    if buffer is not None:
        target.write(buffer.getvalue())


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
        _system_number_column(),
    ]
    _write_workbook(target, title=f"{plan.name}重点项目库", sheet_name="重点项目",
                    columns=columns, projects=projects, reports={})
    return len(projects)


def reports_export(*, plan, period: Period, target: str | Path | BinaryIO, user) -> int:
    """Write the month's progress sheet: each project's plan, 1-M月 cumulative, the month's own
    figure, completion rate and progress text, as .xlsx; only the projects ``user`` (a user or
    a Scope) may see."""
    projects = _projects(plan, user)
    month = period.month
    reports = {r.project_id: r for r in MonthlyReport.objects.filter(
        project__in=[p.pk for p in projects], month=month)}

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
    return len(projects)


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
                    columns=columns, projects=projects, reports={}, note=note, sections=False)
    return len(projects)
