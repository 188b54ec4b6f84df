"""What a workbook may hold before tuijin reads it, checked on the package itself.

The reader (python-calamine) allocates one cell for every position of a sheet's used area, from
A1 to the farthest cell, and keeps every text whole in memory. A 1.6 KB .xlsx with a cell in A1
and one in XFD1048576 therefore asks for 512 GB, and Rust aborts the whole process when an
allocation fails: Python cannot catch it, and the web worker dies (issue 11). So before the
reader runs, ``check_workbook`` opens the package with ``zipfile`` and measures, with bounded
memory and time:

- the number of parts, what each unpacks to (counted while inflating, never taken from the
  headers, which can lie) and the ratio of unpacked to packed bytes;
- the shared-strings part, which the reader holds whole;
- each sheet's declared used area (``<dimension ref=…>``) and, from a streamed scan of its
  cells, the area the reader will really allocate (the declared one may lie or be missing);
- the longest single text in the XML parts.

Anything over a limit below is refused with an ``InputError`` that names the limit and how to
get under it. docs/reference/spreadsheet-limits.md states the same limits for users.

An old binary .xls (BIFF8) cannot hold more than 65,536 × 256 cells and its contents are not
compressed, so its size bounds it; ``reader`` still reads it in a child process with a memory
limit (see ``sandbox``), since this module cannot inspect its records.
"""

import copy
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _

from tuijin.core.errors import InputError

# Cells the reader allocates over all sheets of one workbook (the used area from A1 to the
# farthest cell). 4,000,000 is 200,000 rows of 20 columns: several times the largest project
# library of a province; reading that many takes about 0.5 GB.
MAX_CELLS = 4_000_000
# Bytes all parts unpack to. 200,000 rows of 20 columns written with inline strings (as
# xlsxwriter's constant-memory mode writes them) unpack to about 210 MB.
MAX_UNPACKED_BYTES = 250 * 1024 * 1024
# The shared-strings table is held whole by the reader.
MAX_SHARED_STRINGS_BYTES = 100 * 1024 * 1024
# A workbook from Excel or WPS has a dozen parts; pictures and charts add a few each.
MAX_PARTS = 1_000
# Spreadsheet XML packs 5 to 20 times; 200 is far beyond any real sheet and far below a
# "zip bomb" (deflate reaches 1,032 to 1). Parts under MIN_RATIO_BYTES are not judged.
MAX_COMPRESSION_RATIO = 200
MIN_RATIO_BYTES = 1024 * 1024
# Excel's own limit on the characters of one cell.
MAX_CELL_TEXT = 32_767
# The whole grid of a sheet, as Excel and calamine know it.
MAX_GRID_ROWS = 1_048_576
MAX_GRID_COLUMNS = 16_384

_CHUNK = 1024 * 1024
_MB = 1024 * 1024
# Where a text node starts and how far the next tag is: any text longer than MAX_CELL_TEXT
# characters is at least that many bytes without a "<".
_GAP_STRIDE = MAX_CELL_TEXT // 2

_DIMENSION = re.compile(rb"""<(?:[\w.-]+:)?dimension\s[^>]*?\bref\s*=\s*["']([^"']*)["']""")
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
# A reference as calamine reads it: letters of either case, then digits (leading zeros too).
_ANY_REF = re.compile(rb"([A-Za-z]+)([0-9]+)")
# A cell with a namespace prefix (`<x:c …>`), which calamine reads as a cell too.
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
# The exact scan: every row and cell tag with its attributes (a ">" may sit inside a quoted
# attribute value, so attributes are matched whole).
_TAG = re.compile(
    rb"""<(?:[\w.-]+:)?(row|c)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*/?>""")
# Cells written other than `<c r="…` (no r, r not first, other spacing): placed tag by tag.
_ODD_CELL = re.compile(rb"<c(?:[\t\n\r/>]| (?!r=\"))")
_CELL_LETTERS = re.compile(rb'<c r="([A-Za-z]+)')
_CELL_DIGITS = re.compile(rb'<c r="[A-Za-z]+([0-9]+)')
_ROW_NUMBER = re.compile(rb"<(?:[\w.-]+:)?row\s[^>]*?\br\s*=\s*[\"']([0-9]+)")
_R_ATTRIBUTE = re.compile(rb"""(?:^|\s)r\s*=\s*["']([^"']*)["']""")
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<")
_ENTITY = re.compile(r"&#?\w+;")
# A password-protected .xlsx is an OLE2 file holding these streams (names in UTF-16LE).
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"),
                      "EncryptionInfo".encode("utf-16-le"))
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Area:
    """A used area from A1 to (rows, columns), 1-based, as the reader allocates it."""

    rows: int
    columns: int

    @property
    def cells(self) -> int:
        return self.rows * self.columns

    def __str__(self) -> str:
        return f"A1:{column_letters(self.columns)}{self.rows}"


def column_letters(number: int) -> str:
    """1 → A, 26 → Z, 27 → AA (Excel's bijective base 26)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def area_of_reference(reference: str) -> Area | None:
    """The area a dimension (``A1:T30003`` or ``B2``) reaches from A1; None if unreadable or
    beyond the grid."""
    last = reference.strip().split(":")[-1]
    match = _REF.fullmatch(last)
    if not match:
        return None
    rows, columns = int(match.group(2)), column_number(match.group(1))
    if rows > MAX_GRID_ROWS or columns > MAX_GRID_COLUMNS:
        return None
    return Area(rows=rows, columns=columns)


def _greater_same_length(text: bytes, alphabet: bytes) -> bytes:
    """A regex for the strings of text's length over ``alphabet`` (sorted) that sort after it;
    over one alphabet and one length, sorting is numeric order for cell columns and rows."""
    branches = []
    for i, char in enumerate(text):
        bigger = alphabet[alphabet.index(char) + 1:]
        if bigger:
            rest = len(text) - i - 1
            tail = b"[%c-%c]{%d}" % (alphabet[0], alphabet[-1], rest) if rest else b""
            branches.append(re.escape(text[:i]) + b"[%c-%c]" % (bigger[0], bigger[-1]) + tail)
    return b"|".join(branches) or b"(?!)"


def _unusual_pattern(area: Area) -> re.Pattern:
    """One pass over a sheet finds every cell the fast path cannot vouch for: written other
    than `<c r="A1"` (no r, r not first, other spacing), or with a reference outside ``area`` or
    possibly so (lower-case letters, which calamine accepts, or a row with leading zeros).
    Prefixed cells (`<x:c`) are looked for apart, by ``_PREFIXED_CELL``. The literal prefix
    `<c` lets the regex engine skip between cells; one pattern is one pass (a pass over 30 MB
    costs about 30 ms, so the checks are not run one after another)."""
    letters = column_letters(area.columns).encode()
    digits = str(area.rows).encode()
    uppercase = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    column_beyond = b"[A-Z]{%d}|%s" % (len(letters) + 1, _greater_same_length(letters, uppercase))
    row_beyond = b"[0-9]{%d}|(?:%s)\"" % (len(digits) + 1,
                                          _greater_same_length(digits, b"0123456789"))
    return re.compile(b'<c(?:[\\t\\n\\r/>]| (?!r=")| r="(?:%s|[A-Z]*+(?:[a-z]|0|%s)))'
                      % (column_beyond, row_beyond))


def check_workbook(source: str | Path | BinaryIO, *, name: str) -> None:
    """Refuse, with an InputError naming the limit, a workbook that would take more memory or
    time to read than the limits above allow. Reads the package in bounded memory."""
    head = _head(source)
    if head.startswith(OLE_MAGIC):
        _check_ole(source, name=name)
    elif head.startswith(ZIP_MAGIC):
        _check_package(source, name=name)


def _head(source) -> bytes:
    if isinstance(source, str | Path):
        with open(source, "rb") as fh:
            return fh.read(8)
    position = source.tell()
    head = source.read(8)
    source.seek(position)
    return head


def _refuse(message: str, hint: str, name: str, **extra) -> InputError:
    return InputError(message, hint=hint, field="file", value=name, extra=extra)


def damaged(name: str) -> InputError:
    return _refuse(_("%(file)s is damaged or incomplete.") % {"file": name},
                   _("Open it in Excel or WPS, save it again as .xlsx, and upload that file."),
                   name)


def password_protected(name: str) -> InputError:
    return _refuse(
        _("%(file)s is protected by a password, so it cannot be read.") % {"file": name},
        _("Open it in Excel or WPS, remove the password (File → Info → Protect Workbook → "
          "Encrypt with Password, leave it empty), save it and upload it again."), name)


def too_many_cells(name: str, cells: int, where: str) -> InputError:
    return _refuse(
        _("%(file)s is too large to read: %(where)s spans %(cells)s cells; the limit is "
          "%(limit)s cells for the whole workbook.")
        % {"file": name, "where": where, "cells": f"{cells:,}", "limit": f"{MAX_CELLS:,}"},
        _("Delete the empty rows and columns after the data (select them, Delete, then save "
          "again), or split the file into workbooks of at most %(limit)s cells each.")
        % {"limit": f"{MAX_CELLS:,}"}, name, limit=MAX_CELLS)


def _too_large(name: str) -> InputError:
    return _refuse(
        _("%(file)s unpacks to more than %(limit)s MB, the limit for one workbook.")
        % {"file": name, "limit": MAX_UNPACKED_BYTES // _MB},
        _("Split it into smaller workbooks, or delete empty rows and columns, pictures and "
          "unused sheets, and save it again."), name, limit=MAX_UNPACKED_BYTES)


def _check_ole(source, *, name: str) -> None:
    """An OLE2 file is an old .xls, or an .xlsx encrypted with a password; the latter names its
    streams EncryptedPackage and EncryptionInfo in its directory."""
    tail = b""
    for chunk in _chunks(source):
        window = tail + chunk
        if any(stream in window for stream in _ENCRYPTED_STREAMS):
            raise password_protected(name)
        tail = window[-64:]


def _chunks(source):
    if isinstance(source, str | Path):
        with open(source, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                yield chunk
        return
    position = source.tell()
    try:
        while chunk := source.read(_CHUNK):
            yield chunk
    finally:
        source.seek(position)


def _check_package(source, *, name: str) -> None:
    position = None if isinstance(source, str | Path) else source.tell()
    try:
        with zipfile.ZipFile(source) as package:
            _check_archive(package, name=name)
    except InputError:
        raise
    except zipfile.BadZipFile as exc:
        raise damaged(name) from exc
    except (OSError, EOFError, NotImplementedError, ValueError) as exc:
        # A truncated stream, an unknown compression method, a corrupt directory.
        raise damaged(name) from exc
    except RuntimeError as exc:  # zipfile: "File … is encrypted, password required"
        raise password_protected(name) from exc
    finally:
        if position is not None:
            source.seek(position)


def _check_archive(package: zipfile.ZipFile, *, name: str) -> None:
    parts = [info for info in package.infolist() if not info.is_dir()]
    if len(parts) > MAX_PARTS:
        raise _refuse(
            _("%(file)s holds %(count)s parts; a workbook may hold at most %(limit)s.")
            % {"file": name, "count": f"{len(parts):,}", "limit": f"{MAX_PARTS:,}"},
            _("Copy the sheet to import into a new workbook (without pictures or charts), save "
              "it and upload that file."), name, limit=MAX_PARTS)
    if sum(info.file_size for info in parts) > MAX_UNPACKED_BYTES:
        raise _too_large(name)
    for info in parts:
        _check_ratio(name, info.file_size, info.compress_size)
    unpacked = 0
    cells = 0
    for info in parts:
        scan = _scan_part(package, info, name=name, budget=MAX_UNPACKED_BYTES - unpacked)
        unpacked += scan.size
        if scan.area is not None:
            cells += scan.area.cells
            if cells > MAX_CELLS:
                where = (_("sheet part %(part)s (%(area)s)")
                         % {"part": info.filename, "area": scan.area})
                raise too_many_cells(name, scan.area.cells, where)


def _check_ratio(name: str, unpacked: int, packed: int) -> None:
    if unpacked > MIN_RATIO_BYTES and unpacked > MAX_COMPRESSION_RATIO * max(packed, 1):
        raise _refuse(
            _("%(file)s is compressed %(ratio)s to 1, far more than any spreadsheet (the limit "
              "is %(limit)s to 1); it looks built to exhaust the server.")
            % {"file": name, "ratio": f"{unpacked // max(packed, 1):,}",
               "limit": MAX_COMPRESSION_RATIO},
            _("Open it in Excel or WPS, save it again as .xlsx, and upload that file."), name,
            limit=MAX_COMPRESSION_RATIO)


@dataclass
class _PartScan:
    size: int = 0
    area: Area | None = None


def _scan_part(package: zipfile.ZipFile, info: zipfile.ZipInfo, *, name: str,
               budget: int) -> _PartScan:
    """Inflate one part in chunks, counting what it really unpacks to (the header's size may
    lie: zipfile would stop there, so a copy of the header allows up to the budget and the CRC
    still checks the whole), and scan it if it is XML."""
    allowed = min(budget, MAX_SHARED_STRINGS_BYTES
                  if info.filename.lower().endswith("sharedstrings.xml") else budget)
    header = copy.copy(info)
    # Past the allowance by more than one read, so going over it is seen here before zipfile
    # would call it the end of the part (and fail its CRC).
    header.file_size = allowed + 2 * _CHUNK
    scan = _PartScan()
    cells = _CellScan(name=name, part=info.filename)
    is_xml = None
    tail = b""
    with package.open(header) as stream:
        while chunk := stream.read(_CHUNK):
            scan.size += len(chunk)
            if scan.size > allowed:
                if allowed < budget:
                    raise _refuse(
                        _("%(file)s holds more than %(limit)s MB of text in its shared strings.")
                        % {"file": name, "limit": MAX_SHARED_STRINGS_BYTES // _MB},
                        _("Split it into smaller workbooks, or shorten the longest texts, and "
                          "save it again."), name, limit=MAX_SHARED_STRINGS_BYTES)
                raise _too_large(name)
            _check_ratio(name, scan.size, info.compress_size)
            if is_xml is None:
                is_xml = bool(_XML_START.match(chunk[:64]))
            if not is_xml:
                continue
            # Scan up to the last "<" and keep the rest: a tag never holds a "<", so every
            # tag scanned is whole, and a text running on is measured across chunks.
            window = tail + chunk
            cut = window.rfind(b"<")
            if cut <= 0:
                tail = window
                _check_text_gaps(tail, name=name, part=info.filename, complete=False)
                continue
            body, tail = window[:cut], window[cut:]
            _check_text_gaps(body, name=name, part=info.filename, complete=True)
            cells.feed(body)
    if is_xml:
        _check_text_gaps(tail, name=name, part=info.filename, complete=True)
        cells.feed(tail)
        scan.area = cells.area()
    if scan.size != info.file_size:
        raise damaged(name)  # the header said one size and the part holds another
    return scan


def _check_text_gaps(data: bytes, *, name: str, part: str, complete: bool) -> None:
    """Refuse a text of more than MAX_CELL_TEXT characters. Such a text is at least that many
    bytes without a "<"; sampling every _GAP_STRIDE bytes finds every such run with a few
    thousand memchr calls, and only a run that long is decoded and counted. The text is what
    follows the run's last ">" (a long attribute value, such as a drawing's embedded picture,
    is not a cell's text). With ``complete`` false the last run may go on in the next chunk."""
    for start in range(0, len(data), _GAP_STRIDE):
        following = data.find(b"<", start)
        if following != -1 and following - start < _GAP_STRIDE:
            continue
        end = len(data) if following == -1 else following
        begin = max(data.rfind(b"<", 0, start), data.rfind(b">", 0, end)) + 1
        size = end - begin
        if size <= MAX_CELL_TEXT:
            continue
        # UTF-8 takes at most 4 bytes a character (an entity such as &#x4E2D; takes more, and
        # counts as one).
        if size < 4 * MAX_CELL_TEXT:
            if not complete and following == -1:
                continue
            text = data[begin:end].decode("utf-8", "replace")
            if len(_ENTITY.sub("x", text)) <= MAX_CELL_TEXT:
                continue
        raise _refuse(
            _("%(file)s has a text of more than %(limit)s characters (in %(part)s); one cell "
              "holds at most %(limit)s, as in Excel.")
            % {"file": name, "part": part, "limit": f"{MAX_CELL_TEXT:,}"},
            _("Shorten that text or move it out of the workbook, save it again and upload it."),
            name, limit=MAX_CELL_TEXT)


class _CellScan:
    """The farthest cell of one XML part. When the part is written as Excel, WPS, LibreOffice
    and the usual libraries write it (a dimension, then `<c r="A1"…` cells inside it) one regex
    pass vouches for it; otherwise its cells are measured: with two C-level findall passes when
    every cell is written `<c r="…"`, else tag by tag, as calamine places them."""

    def __init__(self, *, name: str, part: str) -> None:
        self.name = name
        self.part = part
        self.declared: Area | None = None
        self.has_dimension = False
        self.unusual: re.Pattern | None = None
        self.exact = False
        self.row = 0
        self.column = 0
        self.max_row = 0
        self.max_column = 0
        self._seen_start = False

    def feed(self, data: bytes) -> None:
        if not self._seen_start:
            self._seen_start = True
            match = _DIMENSION.search(data, 0, 64 * 1024)
            if match:
                self.has_dimension = True
                self.declared = area_of_reference(match.group(1).decode("ascii", "replace"))
                if self.declared is None:
                    # Beyond the grid or unreadable: what Excel thinks the used area is.
                    raise too_many_cells(self.name, MAX_GRID_ROWS * MAX_GRID_COLUMNS,
                                         self._where())
                if self.declared.cells > MAX_CELLS:
                    raise too_many_cells(self.name, self.declared.cells,
                                         self._where(self.declared))
                self.unusual = _unusual_pattern(self.declared)
        if b"<c" not in data and b":c" not in data:
            return
        if not self.exact:
            if self.unusual is not None and not self.unusual.search(data) \
                    and not _PREFIXED_CELL.search(data):
                return
            self.exact = True
        if _ODD_CELL.search(data) or _PREFIXED_CELL.search(data):
            self._measure_tag_by_tag(data)
        else:
            self._measure_references(data)
        area = self._measured()
        if area.cells > MAX_CELLS:
            raise too_many_cells(self.name, area.cells, self._where(area))

    def _measure_references(self, data: bytes) -> None:
        """Every cell is `<c r="…"`: its reference alone places it."""
        for letters in set(_CELL_LETTERS.findall(data)):
            self._extend(letters, b"1")
        digits = {d.lstrip(b"0") or b"0" for d in _CELL_DIGITS.findall(data)}
        if digits:
            self._extend(b"A", max(digits, key=lambda d: (len(d), d)))
        # Cells without a reference in a later chunk continue from the last row element.
        rows = _ROW_NUMBER.findall(data)
        if rows:
            self.row = self._number(rows[-1])

    def _measure_tag_by_tag(self, data: bytes) -> None:
        # Positions as calamine assigns them: a cell's own reference, or else the next column
        # of the current row; a row's r, or else the next row.
        for match in _TAG.finditer(data):
            reference = _R_ATTRIBUTE.search(match.group(2))
            if match.group(1) == b"row":
                self.row = self._number(reference.group(1)) if reference else self.row + 1
                self.column = 0
                self.max_row = max(self.max_row, self.row)
                continue
            if reference:
                found = _ANY_REF.fullmatch(reference.group(1).strip())
                if not found:
                    continue  # calamine refuses such a reference itself
                self._extend(found.group(1), found.group(2))
                self.column = column_number(found.group(1)[:4].decode())
            else:
                self.column += 1
                self.max_column = max(self.max_column, self.column)
                self.max_row = max(self.max_row, self.row, 1)
            if self.max_row > MAX_GRID_ROWS or self.max_column > MAX_GRID_COLUMNS:
                return

    def _extend(self, letters: bytes, digits: bytes) -> None:
        digits = digits.lstrip(b"0") or b"0"
        if len(letters) > 3 or len(digits) > 7:  # beyond the grid
            self.max_row, self.max_column = MAX_GRID_ROWS + 1, MAX_GRID_COLUMNS + 1
            return
        self.max_column = max(self.max_column, column_number(letters.decode()))
        self.max_row = max(self.max_row, int(digits))

    @staticmethod
    def _number(raw: bytes) -> int:
        digits = raw.strip().lstrip(b"0") or b"0"
        if not digits.isdigit() or len(digits) > 7:
            return MAX_GRID_ROWS + 1
        return int(digits)

    def _measured(self) -> Area:
        if self.max_row > MAX_GRID_ROWS or self.max_column > MAX_GRID_COLUMNS:
            return Area(rows=MAX_GRID_ROWS, columns=MAX_GRID_COLUMNS)
        area = Area(rows=max(self.max_row, 1), columns=max(self.max_column, 1))
        if self.declared is not None:
            area = Area(rows=max(area.rows, self.declared.rows),
                        columns=max(area.columns, self.declared.columns))
        return area

    def _where(self, area: Area | None = None) -> str:
        if area is None:
            return _("sheet part %(part)s") % {"part": self.part}
        return _("sheet part %(part)s (%(area)s)") % {"part": self.part, "area": area}

    def area(self) -> Area | None:
        """The area the reader will allocate for this part (None: it holds no cells)."""
        if not self.exact:
            return self.declared
        if self.max_row == 0 and self.max_column == 0:
            return self.declared
        return self._measured()
