"""Read .xlsx and .xls files into plain rows with python-calamine (fast, no formulas evaluated:
cached values are what the sender saw).

A file is first checked against the limits of ``limits`` (so a crafted file is refused before
the reader allocates for it); an .xls is then read in a bounded child process (``sandbox``).
"""

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import python_calamine
from django.utils.translation import gettext as _

from tuijin.core.errors import InputError
from tuijin.projects.spreadsheets import limits, sandbox

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
    label = Path(name).name or _("The file")
    limits.check_workbook(source, name=label)
    if head.startswith(limits.OLE_MAGIC):
        raw_sheets = _read_bounded(source, name=label)
    else:
        raw_sheets = _read_here(source, name=label)
    return [Sheet(name=raw.name, rows=raw.rows, merged=raw.merged) for raw in raw_sheets]


def _unreadable(name: str) -> InputError:
    return InputError(
        _("%(file)s could not be read as a spreadsheet.") % {"file": name},
        hint=_("Open it in Excel or WPS, save it again as .xlsx, and upload that file."),
        field="file", value=name,
    )


def _read_here(source, *, name: str) -> list[sandbox.RawSheet]:
    try:
        if isinstance(source, str | Path):
            workbook = python_calamine.CalamineWorkbook.from_path(str(source))
        else:
            workbook = python_calamine.CalamineWorkbook.from_filelike(source)
        return sandbox.read_sheets(workbook)
    except python_calamine.PasswordError as exc:
        raise limits.password_protected(name) from exc
    except Exception as exc:  # calamine raises several types for broken files
        raise _unreadable(name) from exc


def _read_bounded(source, *, name: str) -> list[sandbox.RawSheet]:
    """Read in the bounded child; a file-like source is copied to a temporary file first."""
    with tempfile.NamedTemporaryFile(suffix=".xls") as copy:
        if isinstance(source, str | Path):
            path = str(source)
        else:
            position = source.tell()
            shutil.copyfileobj(source, copy)
            copy.flush()
            source.seek(position)
            path = copy.name
        try:
            return sandbox.read_in_child(path, max_cells=limits.MAX_CELLS)
        except sandbox.ChildFailed as exc:
            if exc.reason == "password":
                raise limits.password_protected(name) from exc
            if exc.reason == "unreadable":
                raise _unreadable(name) from exc
            if exc.reason == "cells":
                raise limits.too_many_cells(name, exc.cells, _("its sheets")) from exc
            raise InputError(
                _("%(file)s needs more than %(memory)s MB of memory or %(seconds)s seconds to "
                  "read, the limits for one workbook.")
                % {"file": name, "memory": sandbox.CHILD_MEMORY_BYTES // (1024 * 1024),
                   "seconds": sandbox.CHILD_CPU_SECONDS},
                hint=_("Open it in Excel or WPS, delete the empty rows and columns after the "
                       "data, save it as .xlsx, and upload that file (or split it)."),
                field="file", value=name,
            ) from exc
