"""The bulletin's tables as an .xlsx, one sheet per table, laid out as people make them by hand
(DESIGN.md §4): a merged title, the unit line, a frozen header, number formats, the 合计 row,
column widths, and A4 landscape fitted to the width. It only lays out ``content.BulletinContent``.

Every text is written as text, never as a formula or a link (a project named "=HYPERLINK(…)"
stays a name), as the spreadsheet exports do (projects.spreadsheets.exports.FORMULA_LEADS).
"""

import io

import xlsxwriter

from tuijin.bulletins.content import BulletinContent
from tuijin.projects.spreadsheets.exports import FORMULA_LEADS

_NUMBER_FORMATS = {"amount": "#,##0.00", "rate": "0.0%", "points": "+0.0;-0.0;0.0", "int": "0"}
_WIDTHS = {"text": 16, "int": 8, "amount": 14, "rate": 10, "points": 12}


def bulletin_xlsx(content: BulletinContent) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False,
                                            "strings_to_numbers": False})
    base = {"font_name": "宋体", "font_size": 10, "border": 1, "valign": "vcenter"}
    title = workbook.add_format({"font_name": "方正小标宋简体", "font_size": 16, "bold": True,
                                 "align": "center", "valign": "vcenter"})
    unit = workbook.add_format({"font_name": "宋体", "font_size": 10, "align": "right"})
    draft = workbook.add_format({"font_name": "宋体", "font_size": 10, "bold": True,
                                 "font_color": "#E00000", "align": "left"})
    header = workbook.add_format({**base, "bold": True, "align": "center", "text_wrap": True,
                                  "bg_color": "#F2F2F2"})
    formats = {}
    for kind in ("text", *_NUMBER_FORMATS):
        for bold in (False, True):
            for quoted in (False, True):
                props = {**base, "bold": bold, "quote_prefix": quoted}
                if kind == "text":
                    props["text_wrap"] = True
                else:
                    props["num_format"] = _NUMBER_FORMATS[kind]
                formats[kind, bold, quoted] = workbook.add_format(props)

    def write(ws, row, col, value, kind, bold=False):
        if value is None or value == "":
            ws.write_blank(row, col, None, formats[kind, bold, False])
        elif kind == "text":
            text = str(value)
            ws.write_string(row, col, text, formats[kind, bold, text.startswith(FORMULA_LEADS)])
        else:
            ws.write_number(row, col, float(value), formats[kind, bold, False])

    for index, table in enumerate(content.tables, start=1):
        # Sheet names: at most 31 characters, unique; the table's title is short enough.
        ws = workbook.add_worksheet(f"{index}.{table.title}"[:31])
        last = len(table.columns) - 1
        ws.merge_range(0, 0, 0, last, table.title, title)
        ws.set_row(0, 30)
        if content.draft_mark and last >= 2:
            # An unlocked month: 草稿 with the reporting rate on the sheet and on every page.
            ws.merge_range(1, 0, 1, last - 2, content.draft_mark, draft)
            ws.merge_range(1, last - 1, 1, last, table.unit or "", unit)
        else:
            ws.merge_range(1, 0, 1, last, table.unit or "", unit)
        if content.draft_mark:
            ws.set_header("&C&\"宋体,Bold\"&KE00000" + content.draft_mark.replace("&", "&&"))
        ws.set_footer("&C&P / &N")
        # Two lines for the header: 与时间进度差（百分点） wraps in its column.
        ws.set_row(2, 30)
        for k, column in enumerate(table.columns):
            ws.write_string(2, k, column.header, header)
            width = _WIDTHS[column.kind]
            if column.kind == "text":
                longest = max((len(str(r[k] or "")) for r in table.rows), default=0)
                width = min(max(width, longest * 2 + 2, len(column.header) * 2 + 2), 60)
            ws.set_column(k, k, width)
        for r, values in enumerate(table.rows, start=3):
            for k, (value, column) in enumerate(zip(values, table.columns, strict=True)):
                write(ws, r, k, value, column.kind)
        if table.total is not None:
            r = 3 + len(table.rows)
            for k, (value, column) in enumerate(zip(table.total, table.columns, strict=True)):
                write(ws, r, k, value, column.kind, bold=True)
        ws.freeze_panes(3, 1)
        ws.repeat_rows(2)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
    workbook.close()
    return buffer.getvalue()
