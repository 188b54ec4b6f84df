"""The bulletin's file formats: one renderer each, the file's type and its name."""

from collections.abc import Callable
from dataclasses import dataclass

from tuijin.bulletins.content import BulletinContent
from tuijin.bulletins.pdf import bulletin_pdf
from tuijin.bulletins.sheets import bulletin_xlsx
from tuijin.bulletins.word import bulletin_docx


@dataclass(frozen=True)
class Format:
    render: Callable[[BulletinContent], bytes]
    content_type: str


FORMATS = {
    "docx": Format(bulletin_docx, "application/vnd.openxmlformats-officedocument."
                                  "wordprocessingml.document"),
    "xlsx": Format(bulletin_xlsx, "application/vnd.openxmlformats-officedocument."
                                  "spreadsheetml.sheet"),
    "pdf": Format(bulletin_pdf, "application/pdf"),
}


def file_name(content: BulletinContent, fmt: str) -> str:
    """bulletin-2023-06-no6.docx: the month and the number (ASCII, safe in any header);
    a district's version and a draft say so instead of a number they do not have."""
    if content.area:
        kind = "district-draft" if content.is_draft else "district"
    else:
        kind = "draft" if content.is_draft else f"no{content.header.number}"
    return f"bulletin-{content.period}-{kind}.{fmt}"
