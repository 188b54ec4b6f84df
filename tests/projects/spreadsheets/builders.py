"""Real spreadsheet files for the import tests, named for the mess they contain (STYLE.md §7).

Files are written with xlsxwriter or openpyxl, and converted by LibreOffice headless so that
what real office software writes is covered too.
"""

import shutil
import subprocess
import tempfile
import uuid
from datetime import date
from pathlib import Path

import openpyxl
import xlsxwriter

TITLE = "开封市2023年重点项目建设进度表"

# (序号, 项目代码, 项目名称, 县区, 建设单位, 总投资, 2023年计划投资, 1-6月完成投资, 计划开工)
PROJECTS = [
    ("1", "2023-410202-30-03-000001", "开封石墨负极材料项目", "龙亭区", "开封碳素有限公司",
     "120000", "30000", "15000", date(2023, 3, 1)),
    ("2", "", "杞县全钒液流电池储能项目", "杞县", "杞县储能科技有限公司",
     "５０,０００", "１２,５００.５", "6,000", "2023年4月"),
    ("3", "2023-410200-30-03-000003", "开封智慧岛二期", "410202", "开封智慧岛运营公司",
     80000, 20000, 9000.25, "2023.05"),
]


def write_xlsx(path: Path, rows: list[list], *, merges: list[tuple[int, int, int, int]] = (),
               engine: str = "xlsxwriter", sheet: str = "Sheet1") -> Path:
    """Write ``rows`` (values; None for blank) with merged ranges (r0, c0, r1, c1)."""
    if engine == "xlsxwriter":
        workbook = xlsxwriter.Workbook(str(path))
        ws = workbook.add_worksheet(sheet)
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, date):
                    ws.write_datetime(r, c, value, date_format)
                else:
                    ws.write(r, c, value)
        for r0, c0, r1, c1 in merges:
            ws.merge_range(r0, c0, r1, c1, rows[r0][c0] or "")
        workbook.close()
    else:
        workbook = openpyxl.Workbook()
        ws = workbook.active
        ws.title = sheet
        for row in rows:
            ws.append(list(row))
        for r0, c0, r1, c1 in merges:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1,
                           end_column=c1 + 1)
        workbook.save(path)
    return path


def merged_title_two_header_rows(path: Path, *, engine: str = "xlsxwriter",
                                 projects=PROJECTS, month: int = 6, unit_line: str = "单位：万元",
                                 total: str | float | None = "auto") -> Path:
    """The progress sheet a city circulates: merged title, unit line, two-row header with a
    「2023年」 group, a section row, a 合计 row, full-width digits and amounts as text."""
    header1 = ["序号", "项目代码", "项目名称", "县区", "建设单位", "总投资", "2023年", None,
               "计划开工时间"]
    header2 = [None, None, None, None, None, None, "计划投资", f"1-{month}月完成投资", None]
    rows = [[TITLE] + [None] * 8, [None] * 7 + [unit_line, None], header1, header2,
            ["一", None, "先进制造业（3个）"] + [None] * 6]
    for p in projects:
        rows.append(list(p))
    if total is not None:
        if total == "auto":
            total = sum(float(str(p[7]).replace(",", "")) for p in projects)
        rows.append(["合计", None, None, None, None, None, None, total, None])
    rows.append([None] * 9)
    merges = [(0, 0, 0, 8), (2, 6, 2, 7)] + [(2, c, 3, c) for c in (0, 1, 2, 3, 4, 5, 8)]
    return write_xlsx(path, rows, merges=merges, engine=engine)


def project_list(path: Path, rows: list[list], *, header=None, unit_line="单位：万元",
                 engine: str = "xlsxwriter") -> Path:
    """A plain one-row-header project list under a title and a unit line."""
    header = header or ["序号", "项目代码", "项目名称", "县区", "领域", "建设单位", "总投资",
                        "年度计划投资"]
    top = [["项目库"], [unit_line] if unit_line else [], header]
    return write_xlsx(path, top + rows, engine=engine)


def soffice_convert(source: Path, to: str) -> Path:
    """Convert with LibreOffice headless; fails (never skips) when LibreOffice is missing."""
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    assert Path(soffice).exists(), "LibreOffice (soffice) is required for these tests"
    outdir = Path(tempfile.mkdtemp(prefix="tuijin-lo-"))
    profile = Path(tempfile.gettempdir()) / f"tuijin-lo-profile-{uuid.uuid4().hex}"
    filter_name = {"xls": "xls:MS Excel 97", "xlsx": "xlsx:Calc MS Excel 2007 XML"}[to]
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         filter_name, "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    shutil.rmtree(profile, ignore_errors=True)
    converted = outdir / f"{source.stem}.{to}"
    assert converted.exists(), f"LibreOffice did not write {converted}"
    return converted
