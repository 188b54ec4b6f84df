"""The bulletin as a .docx (python-docx), laid out as an official document: A4 with the GB/T
9704 margins, a 小标宋-style title centred, 黑体-style headings numbered 一、二、, 仿宋-style
body, bordered tables whose header row repeats on every page, and page numbers.

It only lays out ``content.BulletinContent``. Official fonts (方正小标宋, 仿宋_GB2312) are rarely
installed where tuijin runs, so the document names Noto CJK, which set-up installs
(fonts-noto-cjk) and LibreOffice embeds in the PDF; Word substitutes its own CJK font.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tuijin.bulletins.content import BulletinContent, Table, cell_text

SERIF = "Noto Serif CJK SC"  # stands in for 仿宋 / 小标宋
SANS = "Noto Sans CJK SC"  # stands in for 黑体
BODY_PT, TITLE_PT, TABLE_PT = 16, 22, 10.5  # 三号, 二号, 五号


def _font(run, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), name)
    fonts.set(qn("w:hAnsi"), name)


def _paragraph(doc, text: str, *, font: str = SERIF, size: float = BODY_PT, bold=False,
               align=None, indent: bool = True):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.line_spacing = Pt(28)  # the fixed 28-point line of official documents
    _font(p.add_run(text), font, size, bold=bold)
    return p


def _page_number_footer(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for tag, attrs in (("w:fldChar", {"w:fldCharType": "begin"}),
                       ("w:instrText", {}),
                       ("w:fldChar", {"w:fldCharType": "end"})):
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        if tag == "w:instrText":
            element.set(qn("xml:space"), "preserve")
            element.text = "PAGE"
        run._element.append(element)
    _font(run, SERIF, 14)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _table(doc, table: Table) -> None:
    _paragraph(doc, table.title, font=SANS, size=12, align=WD_ALIGN_PARAGRAPH.CENTER,
               indent=False)
    if table.unit:
        _paragraph(doc, table.unit, size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.RIGHT,
                   indent=False)
    rows = table.rows + ([table.total] if table.total is not None else [])
    grid = doc.add_table(rows=1 + len(rows), cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(grid.rows[0])
    for k, column in enumerate(table.columns):
        cell = grid.rows[0].cells[k]
        cell.text = ""
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(cell.paragraphs[0].add_run(column.header), SANS, TABLE_PT, bold=True)
    for r, values in enumerate(rows, start=1):
        is_total = table.total is not None and r == len(rows)
        for k, (value, column) in enumerate(zip(values, table.columns, strict=True)):
            cell = grid.rows[r].cells[k]
            paragraph = cell.paragraphs[0]
            if column.kind != "text":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            text = "" if value is None and is_total else cell_text(value, column.kind)
            _font(paragraph.add_run(text), SERIF, TABLE_PT, bold=is_total)


def bulletin_docx(content: BulletinContent) -> bytes:
    """The .docx file of ``content``, as bytes."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _page_number_footer(section)
    h = content.header
    _paragraph(doc, h.issuer, font=SANS, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER,
               indent=False)
    _paragraph(doc, h.issue_label, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER,
               indent=False)
    _paragraph(doc, f"{h.document_number}    {h.date_label}", size=BODY_PT,
               align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(doc, h.title, size=TITLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
               indent=False)
    _paragraph(doc, h.addressees, indent=False)
    _paragraph(doc, h.opening)
    for ordinal, sec in content.numbered_sections():
        _paragraph(doc, f"{ordinal}、{sec.heading}", font=SANS)
        for text in sec.paragraphs:
            _paragraph(doc, text)
        for table in sec.tables:
            _table(doc, table)
    _paragraph(doc, h.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(doc, h.date_label, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
