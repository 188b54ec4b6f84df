"""What a problem's attachment must be, as plain checks (no database, no storage).

A file is judged by its first bytes, never by its name or the type the browser claims: a PDF,
a JPEG or PNG picture, a Word or Excel file (.docx/.xlsx, or the older .doc/.xls that WPS and
old Office still write). Anything else (an executable, an HTML page, a renamed file) is
refused. The size and count limits are the settings TUIJIN_PROBLEM_FILE_MAX_MB and
TUIJIN_PROBLEM_FILES_PER_STEP. docs/reference/problems.md, "Attachments".
"""

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from tuijin.core.errors import InputError
from tuijin.projects.photos import display_name

DEFAULT_FILE_MAX_MB = 20
DEFAULT_FILES_PER_STEP = 5

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Extension of the kind detected → MIME type.
KINDS = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
}
ACCEPTED = ".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx"


@dataclass(frozen=True)
class AttachmentLimits:
    max_bytes: int
    per_step: int

    @property
    def max_mb(self) -> int:
        return self.max_bytes // (1024 * 1024)


def attachment_limits() -> AttachmentLimits:
    return AttachmentLimits(
        max_bytes=getattr(settings, "TUIJIN_PROBLEM_FILE_MAX_MB", DEFAULT_FILE_MAX_MB)
        * 1024 * 1024,
        per_step=getattr(settings, "TUIJIN_PROBLEM_FILES_PER_STEP", DEFAULT_FILES_PER_STEP))


@dataclass(frozen=True)
class CheckedFile:
    original_name: str
    extension: str
    content_type: str
    data: bytes
    sha256: str


def check_count(count: int, *, per_step: int) -> None:
    if count > per_step:
        raise InputError(_("At most %(limit)s files go with one step; %(count)s were chosen.")
                         % {"limit": per_step, "count": count},
                         hint=_("Put several pages in one PDF, or send the rest with a "
                                "comment later."), field="attachments")


def check_file(data: bytes, *, filename: str, max_bytes: int) -> CheckedFile:
    """The file as it will be kept, or InputError naming it (field ``attachments``): empty,
    larger than ``max_bytes``, or not one of the accepted kinds by its content."""
    name = display_name(filename)
    if not data:
        raise InputError(_("%(name)s is empty.") % {"name": name},
                         hint=_("Choose the file again."), field="attachments")
    if len(data) > max_bytes:
        raise too_large(name, max_bytes)
    extension = detect_kind(data, filename=name)
    if extension is None:
        raise InputError(_("%(name)s is not a PDF, a picture (JPEG, PNG), or a Word or "
                           "Excel file.") % {"name": name},
                         hint=_("Save it as PDF and attach that."), field="attachments")
    return CheckedFile(original_name=name, extension=extension,
                       content_type=KINDS[extension], data=data,
                       sha256=hashlib.sha256(data).hexdigest())


def too_large(filename: str, max_bytes: int) -> InputError:
    return InputError(_("%(name)s is larger than %(limit)s MB.")
                      % {"name": display_name(filename), "limit": max_bytes // (1024 * 1024)},
                      hint=_("Send a smaller file, or split it."), field="attachments")


def detect_kind(data: bytes, *, filename: str) -> str | None:
    """The accepted kind of ``data`` by its content (the extension to store), or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04"):
        return _office_open_xml(data)
    if data.startswith(_OLE):
        # An OLE compound file is a .doc, .xls or another Office file: the name decides
        # which of the two accepted ones it is served as; anything else is refused.
        ext = filename.rpartition(".")[2].lower()
        return {"doc": "doc", "wps": "doc", "xls": "xls", "et": "xls"}.get(ext)
    return None


def _office_open_xml(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None
