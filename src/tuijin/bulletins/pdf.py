"""The bulletin as a PDF: the .docx converted by LibreOffice headless, which embeds the CJK
fonts it lays out with (Noto CJK, installed by set-up with LibreOffice; see the Makefile's
TEST_APT_PACKAGES). A machine without LibreOffice, or a conversion that fails, gives
``PdfUnavailable`` with what to do, never a half-written file."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from tuijin.bulletins.content import BulletinContent
from tuijin.bulletins.word import bulletin_docx
from tuijin.core.errors import InputError

TIMEOUT_SECONDS = 120


class PdfUnavailable(InputError):
    pass


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def bulletin_pdf(content: BulletinContent) -> bytes:
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable(_("The PDF cannot be made: LibreOffice is not installed here."),
                             hint=_("Download the .docx instead, or install LibreOffice "
                                    "(libreoffice-writer-nogui) on the server."))
    with tempfile.TemporaryDirectory(prefix="tuijin-bulletin-") as tmp:
        folder = Path(tmp)
        source = folder / "bulletin.docx"
        source.write_bytes(bulletin_docx(content))
        # A profile of its own: two conversions at once must not share LibreOffice's lock.
        command = [soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(folder), str(source)]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            raise PdfUnavailable(_("LibreOffice could not convert the bulletin to PDF."),
                                 hint=_("Download the .docx instead and try the PDF again "
                                        "later.")) from exc
        target = folder / "bulletin.pdf"
        if not target.exists():
            raise PdfUnavailable(_("LibreOffice could not convert the bulletin to PDF."),
                                 hint=_("Download the .docx instead and try the PDF again "
                                        "later."))
        return target.read_bytes()
