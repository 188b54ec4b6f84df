"""The bulletin as a .docx (python-docx), laid out as an official document: A4 with the GB/T
9704 margins, a 小标宋-style title centred, 黑体-style headings numbered 一、二、, 仿宋-style
body, bordered tables whose header row repeats on every page, and page numbers.

It only lays out ``content.BulletinContent``. Official fonts (方正小标宋简体, 仿宋_GB2312, 黑体)
are used when the server has them; they rarely are where tuijin runs, so the document then
names Noto CJK (Serif for 仿宋/小标宋, Sans for 黑体), which set-up installs (fonts-noto-cjk)
and LibreOffice embeds in the PDF. Naming an absent official font would make LibreOffice fall
back to a Latin font and print boxes.
"""

import copy
import functools
import io
import subprocess

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from tuijin.bulletins.charts import bulletin_charts, text_ems
from tuijin.bulletins.content import BulletinContent, Table, cell_text


@functools.cache
def installed(family: str) -> bool:
    try:
        listed = subprocess.run(["fc-list", f":family={family}", "family"], capture_output=True,
                                text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    return bool(listed.strip())


def font_or_noto(official: str, noto: str) -> str:
    return official if installed(official) else noto


SERIF = font_or_noto("仿宋_GB2312", "Noto Serif CJK SC")  # body: 仿宋
TITLE = font_or_noto("方正小标宋简体", "Noto Serif CJK SC")  # title and masthead: 小标宋
SANS = font_or_noto("黑体", "Noto Sans CJK SC")  # headings: 黑体
BODY_PT, TITLE_PT, TABLE_PT = 16, 22, 10.5  # 三号, 二号, 五号
ISSUER_PT = 26  # 一号: the red masthead (红头)
RED = RGBColor(0xE0, 0x00, 0x00)
CHART_WIDTH = Mm(150)


# A run's properties (w:rPr) by font, size, weight and colour: built once through python-docx,
# then copied into each run, which is several times faster in tables of hundreds of cells.
_RUN_PROPERTIES: dict[tuple, object] = {}


def _font(run, name: str, size: float, *, bold: bool = False, colour=None) -> None:
    key = (name, size, bold, colour)
    template = _RUN_PROPERTIES.get(key)
    if template is not None:
        run._r.insert(0, copy.deepcopy(template))
        return
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour is not None:
        run.font.color.rgb = colour
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), name)
    fonts.set(qn("w:hAnsi"), name)
    _RUN_PROPERTIES[key] = copy.deepcopy(run._r.rPr)


def _paragraph(doc, text: str, *, font: str = SERIF, size: float = BODY_PT, bold=False,
               align=None, indent: bool = True, colour=None):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    # The fixed 28-point line of official documents; larger type gets room for itself.
    p.paragraph_format.line_spacing = Pt(max(28, size * 1.5))
    _font(p.add_run(text), font, size, bold=bold, colour=colour)
    return p


def _red_rule(paragraph) -> None:
    """The red line under the masthead (红头的红色分隔线), as a bottom border."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "4"),
                       ("w:color", "E00000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _draft_header(section, mark: str) -> None:
    """草稿 with the reporting rate at the top of every page of an unlocked month's bulletin."""
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(mark), SANS, 12, bold=True, colour=RED)


def _page_number_footer(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # — 1 —: the page number between dashes, as GB/T 9704 prints it.
    _font(p.add_run("— "), SERIF, 14)
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
    _font(p.add_run(" —"), SERIF, 14)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _chart(doc, png: bytes) -> None:
    doc.add_picture(io.BytesIO(png), width=CHART_WIDTH)
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


TEXT_WIDTH_MM = 210 - 28 - 26  # A4 less the GB/T 9704 side margins
CELL_PADDING_MM = 4.5  # the Table Grid style's left and right cell margins
SMALL_TABLE_PT = 9  # 小五: for a table too wide for 五号


def _text_mm(text: str, size: float) -> float:
    """How wide ``text`` prints at ``size`` points, in millimetres (``charts.text_ems``)."""
    return text_ems(text) * size * 25.4 / 72


def column_widths(headers: list[str], cells: list[list[str]], kinds: list[str], *,
                  size: float, width_mm: float = TEXT_WIDTH_MM) -> list[float]:
    """Widths that fit the text width: each number column as wide as its longest figure (so
    no figure breaks across lines; its header may wrap, four characters a line at least),
    the text columns sharing the rest in proportion to their longest text, at least three
    characters each. When the numbers alone are too wide, every column shrinks alike."""
    natural = []
    for k in range(len(kinds)):
        longest = max((_text_mm(row[k], size) for row in cells), default=0)
        header = min(_text_mm(headers[k], size), _text_mm("四个汉字", size))
        natural.append(max(longest, header) + CELL_PADDING_MM)
    fixed = sum(w for w, kind in zip(natural, kinds, strict=True) if kind != "text")
    texts = [w for w, kind in zip(natural, kinds, strict=True) if kind == "text"]
    room = width_mm - fixed
    floor = _text_mm("三个字", size) + CELL_PADDING_MM
    if texts and room >= floor * len(texts):
        share = room / sum(texts)
        text_widths = iter(max(floor, w * share) for w in texts)
        widths = [next(text_widths) if kind == "text" else w
                  for w, kind in zip(natural, kinds, strict=True)]
    else:
        widths = list(natural)
    scale = min(1, width_mm / sum(widths))
    return [w * scale for w in widths]


def _table(doc, table: Table) -> None:
    # The title and unit line stay on the page of the table's first rows.
    _paragraph(doc, table.title, font=SANS, size=12, align=WD_ALIGN_PARAGRAPH.CENTER,
               indent=False).paragraph_format.keep_with_next = True
    rows = table.rows + ([table.total] if table.total is not None else [])
    kinds = [c.kind for c in table.columns]
    headers = [c.header for c in table.columns]
    is_total_row = [False] * len(table.rows) + ([True] if table.total is not None else [])
    texts = [["" if value is None and is_total else cell_text(value, kind)
              for value, kind in zip(values, kinds, strict=True)]
             for values, is_total in zip(rows, is_total_row, strict=True)]
    size = TABLE_PT
    widths = column_widths(headers, texts, kinds, size=size)
    if sum(widths) >= TEXT_WIDTH_MM - 0.5 and any(
            w < _text_mm(max((row[k] for row in texts), key=len, default=""), size)
            + CELL_PADDING_MM for k, w in enumerate(widths) if kinds[k] != "text"):
        size = SMALL_TABLE_PT  # the figures would break at 五号: 小五, as people do
        widths = column_widths(headers, texts, kinds, size=size)
    if table.unit:
        _paragraph(doc, table.unit, size=size, align=WD_ALIGN_PARAGRAPH.RIGHT,
                   indent=False).paragraph_format.keep_with_next = True
    grid = doc.add_table(rows=1 + len(rows), cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Mm(width)
    # python-docx rebuilds the row list on each grid.rows[i] and the cell list on each
    # row.cells: taken once, a 150-row table is written in a tenth of the time.
    grid_rows = list(grid.rows)
    _repeat_header(grid_rows[0])
    header_cells = grid_rows[0].cells
    for cell, header, width in zip(header_cells, headers, widths, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(cell.paragraphs[0].add_run(header), SANS, size, bold=True)
    for row_texts, is_total, grid_row in zip(texts, is_total_row, grid_rows[1:], strict=True):
        cells = grid_row.cells
        for cell, text, kind, width in zip(cells, row_texts, kinds, widths, strict=True):
            cell.width = Mm(width)  # Word reads the cells' widths, LibreOffice the grid's
            paragraph = cell.paragraphs[0]
            if kind != "text":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _font(paragraph.add_run(text), SERIF, size, bold=is_total)


def bulletin_docx(content: BulletinContent) -> bytes:
    """The .docx file of ``content``, as bytes."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _page_number_footer(section)
    if content.draft_mark:
        _draft_header(section, content.draft_mark)
    charts = bulletin_charts(content)
    h = content.header
    _paragraph(doc, h.issuer, font=TITLE, size=ISSUER_PT, bold=True, colour=RED,
               align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(doc, h.issue_label, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER,
               indent=False)
    _red_rule(_paragraph(doc, f"{h.document_number}    {h.date_label}".strip(), size=BODY_PT,
                         align=WD_ALIGN_PARAGRAPH.CENTER, indent=False))
    _paragraph(doc, h.title, font=TITLE, size=TITLE_PT, bold=True,
               align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(doc, h.addressees, indent=False)
    _paragraph(doc, h.opening)
    for ordinal, sec in content.numbered_sections():
        _paragraph(doc, f"{ordinal}、{sec.heading}", font=SANS)
        for text in sec.paragraphs:
            _paragraph(doc, text)
        for table in sec.tables:
            _table(doc, table)
            if table.key in charts:
                _chart(doc, charts[table.key])
    _paragraph(doc, h.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(doc, h.date_label, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
