"""python-calamine, called two ways: in this process, and in a child process with a memory and
time limit.

calamine allocates one cell for each position of a sheet's used area, and Rust aborts the
process when an allocation fails. For .xlsx, ``limits.check_workbook`` measures that area from
the package before the read, so the read runs in the worker (a child process would cost ~40 %
more on a 30,000-row import, mostly to pickle the rows back; docs/reference/spreadsheet-
limits.md). An old .xls keeps its cells in binary records that ``limits`` does not parse: a
5.6 KB .xls with one cell at row 65,536, column IV makes calamine take 1.2 GB for 3 s. So .xls
files are read here in a child process whose address space and CPU time are limited: a hostile
file kills the child, never the worker, and the user gets a clear refusal.

This module imports no Django, so the child (``python -I -m …sandbox FILE``) starts in ~50 ms.
"""

import os
import pickle
import resource
import subprocess
import sys
from dataclasses import dataclass

import python_calamine

# The child's address space: a full .xls grid (65,536 × 256 cells) needs ~1.2 GB and is refused;
# a real .xls of 65,536 rows × 30 columns reads in ~300 MB.
CHILD_MEMORY_BYTES = 1024 * 1024 * 1024
CHILD_CPU_SECONDS = 60
# Wall-clock bound on the child, for a machine that is busy (CPU time is not wall time).
CHILD_WALL_SECONDS = 120


@dataclass
class RawSheet:
    name: str
    rows: list[list[object]]
    merged: list


class ChildFailed(Exception):
    """The child was killed (memory, time) or could not read the file."""

    def __init__(self, reason: str, detail: str = "", cells: int = 0):
        super().__init__(reason, detail)
        self.reason = reason  # "memory", "time", "password", "unreadable", "cells"
        self.detail = detail
        self.cells = cells


def read_sheets(workbook, *, max_cells: int | None = None) -> list[RawSheet]:
    """Every visible worksheet of an open calamine workbook, as plain rows. With ``max_cells``,
    stops with ChildFailed("cells") before converting a sheet that would pass it."""
    sheets = []
    total = 0
    try:
        for meta in workbook.sheets_metadata:
            if str(meta.visible) not in ("SheetVisibleEnum.Visible", "Visible"):
                continue
            if "WorkSheet" not in str(meta.typ):
                continue
            raw = workbook.get_sheet_by_name(meta.name)
            end = raw.end
            if max_cells is not None and end is not None:
                total += (end[0] + 1) * (end[1] + 1)
                if total > max_cells:
                    raise ChildFailed("cells", cells=total)
            rows = raw.to_python(skip_empty_area=False)
            merged = list(raw.merged_cell_ranges or [])
            sheets.append(RawSheet(name=meta.name, rows=rows, merged=merged))
    finally:
        workbook.close()
    return sheets


def read_in_child(path: str, *, max_cells: int) -> list[RawSheet]:
    """Read the workbook at ``path`` in a child process bounded in memory and time; raises
    ChildFailed with the reason when it cannot."""
    command = [sys.executable, "-I", "-m", __name__, path, str(max_cells)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=CHILD_WALL_SECONDS,
                              check=False)
    except subprocess.TimeoutExpired as exc:
        raise ChildFailed("time") from exc
    if done.returncode != 0 or not done.stdout:
        if done.returncode in (-9, -24) or b"CPU time" in done.stderr:  # SIGKILL, SIGXCPU
            raise ChildFailed("time")
        # A Rust allocation failure aborts (SIGABRT); Python's own raises MemoryError.
        raise ChildFailed("memory", done.stderr.decode("utf-8", "replace")[-500:])
    status, payload = pickle.loads(done.stdout)
    if status != "ok":
        raise ChildFailed(*payload)
    return [RawSheet(name, rows, merged) for name, rows, merged in payload]


def _child_main(path: str, max_cells: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CHILD_CPU_SECONDS, CHILD_CPU_SECONDS + 5))
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(path)
        # Plain tuples: the parent cannot unpickle a class of this __main__.
        answer = ("ok", [(sheet.name, sheet.rows, sheet.merged)
                         for sheet in read_sheets(workbook, max_cells=max_cells)])
    except ChildFailed as exc:
        answer = ("failed", (exc.reason, exc.detail, exc.cells))
    except python_calamine.PasswordError as exc:
        answer = ("failed", ("password", str(exc), 0))
    except MemoryError:
        answer = ("failed", ("memory", "", 0))
    except Exception as exc:  # calamine raises several types for broken files
        answer = ("failed", ("unreadable", f"{type(exc).__name__}: {exc}", 0))
    data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    with os.fdopen(sys.stdout.fileno(), "wb", closefd=False) as out:
        out.write(data)


if __name__ == "__main__":
    _child_main(sys.argv[1], int(sys.argv[2]))
