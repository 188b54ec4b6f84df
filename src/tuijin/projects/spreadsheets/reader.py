"""Read .xlsx and .xls files into plain rows with python-calamine (fast, no formulas evaluated:
cached values are what the sender saw)."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import python_calamine
from django.utils.translation import gettext as _

from tuijin.core.errors import InputError

SUFFIXES = (".xlsx", ".xlsm", ".xls")
# The first bytes of the two formats: a zip archive (.xlsx) and an OLE2 compound file (.xls).
MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]
    # Merged ranges as ((first_row, first_col), (last_row, last_col)), 0-based.
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    # Row index of rows[0] in the sheet (0-based), so row numbers match what Excel shows.
    origin_row: int = 0
    origin_col: int = 0

    def excel_row(self, index: int) -> int:
        return self.origin_row + index + 1


def read_workbook(source: str | Path | BinaryIO, *, filename: str = "") -> list[Sheet]:
    """Every visible worksheet of the file; raises InputError when it is not a spreadsheet."""
    name = filename or (str(source) if isinstance(source, str | Path) else "")
    suffix = Path(name).suffix.lower()
    if isinstance(source, str | Path):
        with open(source, "rb") as fh:
            head = fh.read(8)
    else:
        position = source.tell()
        head = source.read(8)
        source.seek(position)
    if not head.startswith(MAGIC) or (suffix and suffix not in SUFFIXES):
        raise InputError(
            _("%(file)s is not a spreadsheet.") % {"file": Path(name).name or _("The file")},
            hint=_("Upload an Excel or WPS workbook (.xlsx or .xls)."),
            field="file", value=Path(name).name,
        )
    try:
        if isinstance(source, str | Path):
            workbook = python_calamine.CalamineWorkbook.from_path(str(source))
        else:
            workbook = python_calamine.CalamineWorkbook.from_filelike(source)
    except Exception as exc:  # calamine raises several types for broken files
        raise InputError(
            _("%(file)s could not be read as a spreadsheet.") % {"file": Path(name).name},
            hint=_("Open it in Excel or WPS, save it again as .xlsx, and upload that file."),
            field="file", value=Path(name).name,
        ) from exc
    sheets = []
    try:
        for meta in workbook.sheets_metadata:
            if str(meta.visible) not in ("SheetVisibleEnum.Visible", "Visible"):
                continue
            if "WorkSheet" not in str(meta.typ):
                continue
            raw = workbook.get_sheet_by_name(meta.name)
            rows = raw.to_python(skip_empty_area=False)
            merged = list(raw.merged_cell_ranges or [])
            sheets.append(Sheet(name=meta.name, rows=rows, merged=merged))
    finally:
        workbook.close()
    return sheets
