"""Hostile and broken files (issue 11, item 1): each is refused, or read, in bounded time and
memory, and never takes the process down.

Every crafted file is built here: zipfile writes the XML parts. Each read runs in a forked
child whose address space is limited, so a regression fails the test (the child dies) instead
of killing the test run, as it once killed the web worker.
"""

import io
import multiprocessing
import os
import resource
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.projects.spreadsheets import builders
from tuijin.core.errors import InputError
from tuijin.projects.spreadsheets import limits
from tuijin.projects.spreadsheets.reader import read_workbook

# Above what the reader needs for any file the limits let through (~0.5 GB at MAX_CELLS), far
# below what the crafted files asked for (4 to 512 GB).
MEMORY_ALLOWED = 1024 * 1024 * 1024
SECONDS_ALLOWED = 30

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>')
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
SHARED_STRINGS = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}"></sst>'


def sheet_xml(cells: list[str], *, dimension: str | None = None, row_of=None) -> str:
    """A worksheet with one text cell per reference in ``cells``, each in its own row."""
    rows = "".join(
        f'<row r="{row_of(ref) if row_of else "".join(c for c in ref if c.isdigit())}">'
        f'<c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>' for ref in cells)
    head = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{head}'
            f'<sheetData>{rows}</sheetData></worksheet>')


def write_package(path: Path, sheet: str | bytes, *, shared_strings: str = SHARED_STRINGS,
                  extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", ROOT_RELS)
        package.writestr("xl/workbook.xml", WORKBOOK)
        package.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        package.writestr("xl/sharedStrings.xml", shared_strings)
        package.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return path


def _read_in_child(path: Path, connection) -> None:
    vm_pages = int(Path("/proc/self/statm").read_text().split()[0])
    limit = vm_pages * os.sysconf("SC_PAGE_SIZE") + MEMORY_ALLOWED
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))
    try:
        sheets = read_workbook(path)
    except InputError as exc:
        connection.send(("refused", exc.message, exc.hint, exc.field))
    else:
        connection.send(("read", [len(sheet.rows) for sheet in sheets], "", ""))


def read_bounded(path: Path) -> tuple:
    """read_workbook(path) in a forked child limited to MEMORY_ALLOWED more address space and
    SECONDS_ALLOWED; fails the test if the child dies or overruns."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_read_in_child, args=(path, sending))
    started = time.monotonic()
    child.start()
    child.join(SECONDS_ALLOWED)
    if child.is_alive():
        child.kill()
        pytest.fail(f"reading {path.name} took more than {SECONDS_ALLOWED} s")
    assert child.exitcode == 0, f"reading {path.name} killed the process ({child.exitcode})"
    assert receiving.poll(), "the child sent no answer"
    return (*receiving.recv(), time.monotonic() - started)


def assert_refused(path: Path, *words: str) -> str:
    outcome, message, hint, field, _seconds = read_bounded(path)
    assert outcome == "refused", (outcome, message)
    assert field == "file"
    for word in words:
        assert word in message + " " + hint, (word, message, hint)
    return message + " " + hint


# ------------------------------------------------------------- the files of issue 11, item 1


def test_a_sheet_spanning_the_whole_grid_is_refused_not_allocated(tmp_path):
    """The 1,650-byte file that made the reader ask for 512 GB and abort."""
    path = write_package(tmp_path / "whole_grid.xlsx",
                         sheet_xml(["A1", "XFD1048576"], dimension="A1:XFD1048576"))
    assert path.stat().st_size < 2000
    text = assert_refused(path, "A1:XFD1048576", f"{limits.MAX_CELLS:,}")
    assert "Delete the empty rows and columns" in text
    assert "split" in text


@pytest.mark.parametrize("dimension", ["A1:CV1000000", None, "A1:B2"],
                         ids=["declared", "no_dimension", "lying_dimension"])
def test_two_cells_far_apart_are_refused_whatever_the_dimension_says(tmp_path, dimension):
    """A1 + CV1000000: 4 GB for 12 s before. The area is measured from the cells themselves
    when the declared dimension is missing or smaller than the truth."""
    path = write_package(tmp_path / "a1_cv1000000.xlsx",
                         sheet_xml(["A1", "CV1000000"], dimension=dimension))
    assert_refused(path, "A1:CV1000000", "100,000,000 cells")


@pytest.mark.parametrize("far", ["cv1000000", "CV01000000", "CV1000000' s='1"],
                         ids=["lower_case", "leading_zero", "single_quotes"])
def test_far_cells_written_unusually_are_measured_too(tmp_path, far):
    if "'" in far:
        sheet = sheet_xml(["A1"], dimension="A1:B2").replace(
            "</sheetData>", "<row r='1000000'><c s='1' r='CV1000000'><v>1</v></c></row>"
                            "</sheetData>")
    else:
        sheet = sheet_xml(["A1", far], dimension="A1:B2", row_of=lambda ref: 1)
    path = write_package(tmp_path / "far_cell.xlsx", sheet)
    assert_refused(path, "cells")


def test_cells_without_a_reference_are_placed_as_the_reader_places_them(tmp_path):
    sheet = (f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData><row r="1000000">'
             + '<c t="inlineStr"><is><t>x</t></is></c>' * 5 + "</row></sheetData></worksheet>")
    path = write_package(tmp_path / "no_references.xlsx", sheet)
    assert_refused(path, "A1:E1000000")


def test_prefixed_cells_are_measured_too(tmp_path):
    sheet = (f'<?xml version="1.0"?><x:worksheet xmlns:x="{MAIN}"><x:dimension ref="A1"/>'
             '<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'
             '<x:row r="1000000"><x:c r="CV1000000"><x:v>2</x:v></x:c></x:row>'
             "</x:sheetData></x:worksheet>")
    path = write_package(tmp_path / "prefixed.xlsx", sheet)
    assert_refused(path, "A1:CV1000000")


def _deflated_text_cell(size: int) -> tuple[bytes, int, int]:
    """A shared-strings part holding one text of ``size`` x's, deflated as 16 MB blocks that
    are each flushed in full, so one block's compressed bytes serve them all: a 3 GB part in
    about 3 MB, built in a second (its CRC is the only pass over the 3 GB)."""
    prefix = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}"><si><t>'.encode()
    suffix = b"</t></si></sst>"
    block = b"x" * (16 * 1024 * 1024)
    assert size % len(block) == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    body = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(suffix) + compressor.flush()
    crc = zlib.crc32(prefix)
    for _ in range(size // len(block)):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(suffix, crc)
    data = head + body * (size // len(block)) + tail
    return data, crc, len(prefix) + size + len(suffix)


def _zip_with_raw_member(path: Path, parts: dict[str, bytes], name: str, deflated: bytes,
                         crc: int, declared_size: int) -> Path:
    """A zip written by hand, so one member can carry deflate data made elsewhere (and, for a
    lying header, any declared size)."""
    entries = [(n, zlib.compress(d)[2:-4], zlib.crc32(d), len(d)) for n, d in parts.items()]
    entries.append((name, deflated, crc, declared_size))
    out, directory = bytearray(), bytearray()
    for member, data, member_crc, size in entries:
        encoded = member.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, member_crc,
                           len(data), size, len(encoded), 0) + encoded + data
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0,
                                 member_crc, len(data), size, len(encoded), 0, 0, 0, 0, 0,
                                 offset) + encoded
    out += directory + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                                   len(directory), len(out), 0)
    path.write_bytes(bytes(out))
    return path


PARTS = {"[Content_Types].xml": CONTENT_TYPES.encode(), "_rels/.rels": ROOT_RELS.encode(),
         "xl/workbook.xml": WORKBOOK.encode(),
         "xl/_rels/workbook.xml.rels": WORKBOOK_RELS.encode(),
         "xl/worksheets/sheet1.xml": sheet_xml(["A1"], dimension="A1").encode()}


@pytest.fixture(scope="module")
def three_gb_text():
    return _deflated_text_cell(3 * 1024 * 1024 * 1024)


def test_a_3_gb_text_cell_in_a_3_mb_file_is_refused_before_inflating(tmp_path, three_gb_text):
    """9.5 GB for 191 s before; now the declared size alone refuses it."""
    data, crc, size = three_gb_text
    path = _zip_with_raw_member(tmp_path / "three_gb_cell.xlsx", PARTS,
                                "xl/sharedStrings.xml", data, crc, size)
    assert path.stat().st_size < 4 * 1024 * 1024
    *_, seconds = read_bounded(path)
    assert seconds < 5
    assert_refused(path, f"{limits.MAX_UNPACKED_BYTES // 1024 // 1024} MB", "Split")


def test_a_3_gb_text_cell_whose_header_lies_is_refused_while_inflating(tmp_path, three_gb_text):
    """The header claims 1 KB: the part is measured as it inflates, and inflating stops at the
    first megabyte, where the text already passes what one cell may hold."""
    data, crc, _size = three_gb_text
    path = _zip_with_raw_member(tmp_path / "lying_header.xlsx", PARTS,
                                "xl/sharedStrings.xml", data, crc, 1024)
    assert_refused(path, "32,767 characters")


def test_shared_strings_over_their_limit_are_refused_while_inflating(tmp_path):
    """Many short texts (each within a cell's limit) adding up past the shared-strings limit,
    behind a header that claims a small part."""
    # Each text ends in a random number, so the part packs like text (about 60 to 1), not
    # like a bomb: the shared-strings limit, not the ratio, is what refuses it.
    block = b"".join(b"<si><t>" + b"x" * 1000 + os.urandom(8).hex().encode() + b"</t></si>"
                     for _ in range(16 * 1024))
    count = limits.MAX_SHARED_STRINGS_BYTES // len(block) + 2
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    prefix = f'<?xml version="1.0"?><sst xmlns="{MAIN}">'.encode()
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    body = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(b"</sst>") + compressor.flush()
    path = _zip_with_raw_member(tmp_path / "many_strings.xlsx", PARTS, "xl/sharedStrings.xml",
                                head + body * count + tail, 0, 1024)
    assert_refused(path, f"{limits.MAX_SHARED_STRINGS_BYTES // 1024 // 1024} MB")


def test_a_text_longer_than_a_cell_holds_is_refused(tmp_path):
    text = "开" * (limits.MAX_CELL_TEXT + 1)
    path = write_package(tmp_path / "long_text.xlsx", sheet_xml(["A1"], dimension="A1"),
                         shared_strings=SHARED_STRINGS.replace(
                             "></sst>", f"><si><t>{text}</t></si></sst>"))
    assert_refused(path, "32,767 characters")


def test_a_long_text_just_within_the_limit_is_read(tmp_path):
    text = "开" * limits.MAX_CELL_TEXT
    sheet = sheet_xml(["A1"], dimension="A1").replace("<t>x</t>", f"<t>{text}</t>")
    outcome, rows, *_ = read_bounded(write_package(tmp_path / "long_ok.xlsx", sheet))
    assert (outcome, rows) == ("read", [1])


def test_a_part_that_packs_beyond_any_spreadsheet_is_refused(tmp_path):
    sheet = sheet_xml(["A1"], dimension="A1").replace("<sheetData>", " " * 20_000_000
                                                      + "<sheetData>")
    assert_refused(write_package(tmp_path / "bomb.xlsx", sheet), "compressed", "to 1")


def test_a_workbook_of_too_many_parts_is_refused(tmp_path):
    extra = {f"xl/media/image{i}.png": b"x" for i in range(limits.MAX_PARTS)}
    path = write_package(tmp_path / "many_parts.xlsx", sheet_xml(["A1"], dimension="A1"),
                         extra=extra)
    assert_refused(path, "parts", f"{limits.MAX_PARTS:,}")


# ------------------------------------------------------------------- broken, not hostile


def test_a_truncated_file_is_refused(tmp_path):
    whole = builders.merged_title_two_header_rows(tmp_path / "whole.xlsx").read_bytes()
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    assert_refused(path, "Excel or WPS")


def test_a_csv_renamed_xlsx_is_refused(tmp_path):
    path = tmp_path / "projects.xlsx"
    path.write_text("项目名称,县区\n开封石墨项目,龙亭区\n", encoding="utf-8")
    assert_refused(path, "not a spreadsheet", ".xlsx")


def _encrypted_workbook(path: Path) -> Path:
    """A password-protected .xlsx as Excel writes one: an OLE2 compound file whose streams are
    EncryptionInfo and EncryptedPackage (here with random bytes for contents)."""
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("d0cf11e0a1b11ae1"),
                         b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6, 0, 1, 1, 0, 4096,
                         end, 0, end, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108
    fat = [fat_sector, end, 3, 4, 5, 6, 7, 8, 9, end, 11, 12, 13, 14, 15, 16, 17, end]
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat) + struct.pack("<I", free) * (128 - len(fat))

    def entry(name, kind, left, right, child, start, size):
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return struct.pack("<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, left, right,
                           child, b"\0" * 16, 0, 0, 0, start, size)

    none = 0xFFFFFFFF
    directory = (entry("Root Entry", 5, none, none, 1, end, 0)
                 + entry("EncryptionInfo", 2, none, 2, none, 2, 4096)
                 + entry("EncryptedPackage", 2, none, none, none, 10, 4096)
                 + entry("", 0, none, none, none, 0, 0))
    path.write_bytes(header + fat_bytes + directory + os.urandom(8192))
    return path


def test_a_password_protected_workbook_is_refused_with_how_to_remove_the_password(tmp_path):
    path = _encrypted_workbook(tmp_path / "with_password.xlsx")
    assert_refused(path, "password", "remove the password")


def test_a_million_row_sheet_beyond_the_cell_limit_is_refused(tmp_path):
    """1,000,000 rows with a cell in column E each, written as raw XML with no dimension: the
    reader would allocate 5,000,000 cells. Measured from the cells, refused part way."""
    rows = "".join(f'<row r="{r}"><c r="E{r}"><v>1</v></c></row>' for r in range(1, 1_000_001))
    sheet = (f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData>'
             "</worksheet>")
    assert_refused(write_package(tmp_path / "million_rows.xlsx", sheet), "cells",
                   f"{limits.MAX_CELLS:,}")


def test_a_million_row_sheet_within_the_limit_is_read(tmp_path):
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 1_000_001))
    sheet = (f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><dimension ref="A1:A1000000"/>'
             f"<sheetData>{rows}</sheetData></worksheet>")
    outcome, rows_read, *_ = read_bounded(write_package(tmp_path / "million_rows.xlsx", sheet))
    assert (outcome, rows_read) == ("read", [1_000_000])


def test_an_old_xls_is_read_in_a_bounded_child(tmp_path):
    source = builders.merged_title_two_header_rows(tmp_path / "progress.xlsx", engine="openpyxl")
    path = builders.soffice_convert(source, "xls")
    outcome, rows, *_ = read_bounded(path)
    assert outcome == "read" and rows[0] > 3


def test_an_old_xls_with_a_cell_at_the_end_of_the_grid_is_refused(tmp_path):
    """A 5.6 KB .xls whose last cell sits at row 65,536, column IV made the reader take 1.2 GB;
    the child it is read in is limited, and the refusal says why."""
    source = builders.write_xlsx(tmp_path / "small.xlsx", [["项目名称", "县区"], ["甲", "龙亭区"]])
    data = bytearray(builders.soffice_convert(source, "xls").read_bytes())
    label_sst = b"\xfd\x00\x0a\x00"  # BIFF8 LABELSST record: row, column, format, string
    last = data.rfind(label_sst)
    data[last + 4:last + 8] = struct.pack("<HH", 65535, 255)
    path = tmp_path / "far_cell.xls"
    path.write_bytes(bytes(data))
    assert_refused(path, "MB of memory")


# --------------------------------------------------------------------- through the web


@pytest.fixture
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media" / "imports"


@pytest.mark.django_db
def test_a_district_user_uploading_the_whole_grid_file_gets_the_message_not_a_500(
        client, plan, cast, tmp_path, _uploads_in_tmp):
    path = write_package(tmp_path / "whole_grid.xlsx",
                         sheet_xml(["A1", "XFD1048576"], dimension="A1:XFD1048576"))
    client.force_login(cast["longting"])
    with open(path, "rb") as fh:
        response = client.post(reverse("spreadsheets:upload", args=[plan.slug]),
                               {"kind": "projects", "file": fh},
                               HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    page = response.content.decode()
    assert "whole_grid.xlsx" in page
    assert f"{limits.MAX_CELLS:,}" in page
    # A refused file is not kept for a confirmation that cannot come.
    assert not any(_uploads_in_tmp.glob("*"))


@pytest.mark.django_db
def test_the_refusal_reads_in_chinese_by_default(client, plan, cast, tmp_path, _uploads_in_tmp):
    path = write_package(tmp_path / "a1_cv.xlsx", sheet_xml(["A1", "CV1000000"]))
    client.force_login(cast["longting"])
    with open(path, "rb") as fh:
        response = client.post(reverse("spreadsheets:upload", args=[plan.slug]),
                               {"kind": "projects", "file": fh})
    assert response.status_code == 422
    assert "单元格" in response.content.decode()


@pytest.mark.django_db
def test_tuijin_import_refuses_the_whole_grid_file_with_the_message(plan, tmp_path):
    path = write_package(tmp_path / "whole_grid.xlsx",
                         sheet_xml(["A1", "XFD1048576"], dimension="A1:XFD1048576"))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "projects", str(path), "--plan", plan.slug, stderr=err)
    assert f"{limits.MAX_CELLS:,}" in err.getvalue()
