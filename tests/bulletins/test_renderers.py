"""The renderers only lay out the content: the .docx read back with python-docx, the .xlsx with
openpyxl and the PDF with pdftotext carry the content's title, sentence and tables."""

import io
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.bulletins.programme import june_programme
from tuijin.accounts.scopes import Scope
from tuijin.bulletins import selectors
from tuijin.bulletins.content import cell_text
from tuijin.bulletins.pdf import PdfUnavailable, bulletin_pdf
from tuijin.bulletins.sheets import bulletin_xlsx
from tuijin.bulletins.word import bulletin_docx
from tuijin.core.periods import Period

pytestmark = pytest.mark.django_db
SENTENCE = "累计完成投资2.81亿元，占年度计划的40.2%，慢于时间进度9.8个百分点"
TITLE = "关于2023年1—6月全市重点项目建设进展情况的通报"


@pytest.fixture
def content(plan):
    projects = june_programme(plan)
    projects["P1"].name = "=HYPERLINK(\"http://x\")"
    projects["P1"].save()
    return selectors.bulletin_content(
        Scope.city_wide_for_system(), plan=plan, period=Period(2023, 6),
        header=selectors.header_for(plan, 6, today=date(2023, 7, 10)), next_steps="抓紧推进。")


def test_the_docx_has_the_header_sections_and_tables(content):
    doc = Document(io.BytesIO(bulletin_docx(content)))
    texts = [p.text for p in doc.paragraphs]
    assert TITLE in texts and "第1期" in texts
    assert any(SENTENCE in t for t in texts)
    assert "一、总体情况" in texts and "八、下一步工作要求" in texts
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    districts = next(t for t in doc.tables if t.rows[0].cells[0].text == "县区")
    assert [c.text for c in districts.rows[0].cells] == [
        "县区", "项目数", "年度计划（万元）", "累计完成（万元）", "完成率",
        "与时间进度差（百分点）", "排名", "开工率"]
    expected = content.table("districts")
    for row, values in zip(districts.rows[1:], expected.rows, strict=False):
        assert [c.text for c in row.cells] == [cell_text(v, c.kind) for v, c in
                                               zip(values, expected.columns, strict=True)]
    assert districts.rows[-1].cells[0].text == "合计"
    # The header row repeats on every page.
    assert districts.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_the_xlsx_has_one_sheet_per_table_with_numbers_and_texts_kept_text(content):
    book = openpyxl.load_workbook(io.BytesIO(bulletin_xlsx(content)))
    assert book.sheetnames == ["1.各领域完成率", "2.各县区重点项目建设进展排名", "3.亮红灯项目",
                               "4.未按时填报单位"]
    sheet = book["2.各县区重点项目建设进展排名"]
    assert sheet["A1"].value == "各县区重点项目建设进展排名"
    assert sheet["A2"].value == "单位：万元"
    assert [c.value for c in sheet[3]] == [
        "县区", "项目数", "年度计划（万元）", "累计完成（万元）", "完成率",
        "与时间进度差（百分点）", "排名", "开工率"]
    assert [c.value for c in sheet[4]][:7] == ["龙亭", 2, 20000, 11123.45, 0.5561725, 5.6, 1]
    assert sheet.freeze_panes == "B4"
    lagging = book["3.亮红灯项目"]
    assert lagging["B4"].value == "P5"
    manufacturing = book["1.各领域完成率"]
    assert manufacturing["A4"].value == "先进制造业"


def test_a_text_that_looks_like_a_formula_stays_text(content, plan):
    book = openpyxl.load_workbook(io.BytesIO(bulletin_xlsx(content)))
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"


def test_the_pdf_carries_the_title_and_the_sentence(content, tmp_path):
    pdf = tmp_path / "bulletin.pdf"
    pdf.write_bytes(bulletin_pdf(content))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert TITLE in flat
    assert SENTENCE in flat


def test_without_libreoffice_the_pdf_is_refused_with_what_to_do(content, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(PdfUnavailable) as error:
        bulletin_pdf(content)
    assert "LibreOffice" in error.value.message and ".docx" in error.value.hint


def test_the_pdf_embeds_a_cjk_font_and_page_one_renders(content, tmp_path):
    """pdffonts lists the fonts LibreOffice embedded (a Noto CJK subset, not a substitute
    without Chinese glyphs); page 1 is rendered to PNG, kept for a person to look at."""
    pdf = tmp_path / "bulletin.pdf"
    pdf.write_bytes(bulletin_pdf(content))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    cjk = [line for line in fonts if "CJK" in line]
    assert cjk, fonts
    assert all(line.split()[-5] == "yes" for line in cjk)  # the "emb" column
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)
    page = next(tmp_path.glob("page*.png"))
    assert page.stat().st_size > 10_000  # a page with text on it, not a blank one
    shots = Path(os.environ.get("TUIJIN_SHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    shutil.copy(page, shots / "bulletin-page1.png")


def test_the_docx_draws_both_charts_and_the_districts_map_after_their_tables(content):
    doc = Document(io.BytesIO(bulletin_docx(content)))
    pictures = [shape for shape in doc.inline_shapes]
    assert len(pictures) == 3
    assert all(round(p.width.mm) == 150 for p in pictures)


def test_the_map_shades_each_district_of_the_table_by_its_completion(content, tmp_path):
    """Issue 16 item 4: the districts drawn from the map page's outlines, blue when at or ahead
    of time progress and red behind — the district table's own rates, nothing recomputed."""
    from PIL import Image

    from tuijin.bulletins.charts import AHEAD, BEHIND, bulletin_charts

    charts = bulletin_charts(content)
    assert set(charts) == {"domains", "districts", "lagging"}
    shots = Path(os.environ.get("TUIJIN_SHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    (shots / "bulletin-map.png").write_bytes(charts["lagging"])
    image = Image.open(io.BytesIO(charts["lagging"])).convert("RGB")
    colours = {pixel for _count, pixel in image.getcolors(maxcolors=1 << 20)}

    def shaded(hex_colour: str) -> bool:  # the colour at 55 % over white, within rounding
        rgb = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
        want = tuple(round(255 - 0.55 * (255 - c)) for c in rgb)
        return any(all(abs(a - b) <= 2 for a, b in zip(pixel, want, strict=True))
                   for pixel in colours)

    ahead = any(bar >= content.time_progress for bar in _district_rates(content))
    behind = any(bar < content.time_progress for bar in _district_rates(content))
    assert shaded(AHEAD) == ahead and shaded(BEHIND) == behind


def _district_rates(content):
    from tuijin.bulletins.charts import bars_of

    return [bar.rate for bar in bars_of(content.table("districts"))]


def test_no_map_when_the_outlines_draw_none_of_the_districts(content):
    from tuijin.bulletins.charts import bulletin_charts

    elsewhere = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"code": "110101", "name": "东城区"},
        "geometry": {"type": "Polygon", "coordinates": [[[116.4, 39.9], [116.5, 39.9],
                                                         [116.5, 40.0], [116.4, 39.9]]]}}]}
    assert set(bulletin_charts(content, outlines=elsewhere)) == {"domains", "districts"}


def test_a_chart_prints_its_chinese_labels(content, tmp_path):
    """The chart's labels are drawn with a CJK font: each label's glyphs are in it (a font
    without them would draw boxes, the failure this guards against)."""
    from fontTools.ttLib import TTCollection

    from tuijin.bulletins.charts import CJK_FAMILY, bulletin_charts, cjk_font_file

    path = cjk_font_file()
    collection = TTCollection(str(path))
    font = next(f for f in collection.fonts if CJK_FAMILY in str(f["name"].getDebugName(1)))
    glyphs = font.getBestCmap()
    for text in ("分县区完成率与时间进度对比", "龙亭", "禹王台", "时间进度50.0%"):
        assert all(ord(ch) in glyphs for ch in text), text
    charts = bulletin_charts(content)
    assert {"domains", "districts"} <= set(charts)
    png = charts["districts"]
    assert png.startswith(b"\x89PNG")
    (tmp_path / "districts.png").write_bytes(png)
    shots = Path(os.environ.get("TUIJIN_SHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    (shots / "bulletin-chart-districts.png").write_bytes(png)


def test_number_columns_fit_their_longest_figure_and_the_table_the_page():
    from tuijin.bulletins.word import CELL_PADDING_MM, TEXT_WIDTH_MM, _text_mm, column_widths

    headers = ["县区", "项目数", "年度计划（万元）", "累计完成（万元）", "完成率"]
    cells = [["龙亭", "291", "5,956,296.00", "7,521,340.41", "126.3%"],
             ["城乡一体化示范区", "2000", "30,743,511.00", "36,577,172.33", "119.0%"]]
    kinds = ["text", "int", "amount", "amount", "rate"]
    widths = column_widths(headers, cells, kinds, size=10.5)
    assert abs(sum(widths) - TEXT_WIDTH_MM) < 0.01  # the text column takes the rest
    for k in range(1, 5):
        assert widths[k] >= max(_text_mm(row[k], 10.5) for row in cells) + CELL_PADDING_MM - 0.01
    # Nine wide columns cannot all fit: every column shrinks alike, the table stays on the page.
    wide = column_widths(headers * 2, [row * 2 for row in cells], kinds * 2, size=10.5)
    assert sum(wide) <= TEXT_WIDTH_MM + 0.01


def test_a_district_inside_a_countys_outline_is_drawn_over_it():
    """The walk found 龙亭 (ahead of time progress) hidden under 祥符's outline, which encloses
    the urban districts: the inner district's colour must show, whatever the table's order."""
    from decimal import Decimal

    from PIL import Image

    from tuijin.bulletins.charts import AHEAD, BEHIND, district_map

    def square(west, south, side):
        return {"type": "Polygon", "coordinates": [[[west, south], [west + side, south],
                                                    [west + side, south + side],
                                                    [west, south + side], [west, south]]]}

    outlines = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "龙亭区", "parent": "410200"},
         "geometry": square(114.30, 34.78, 0.05)},
        {"type": "Feature", "properties": {"name": "祥符区", "parent": "410200"},
         "geometry": square(114.10, 34.60, 0.50)}]}
    png = district_map(title="分布图", rates={"龙亭": Decimal("0.70"), "祥符": Decimal("0.50")},
                       outlines=outlines, time_progress=Decimal("0.6667"),
                       time_progress_label="时间进度66.7%")
    colours = {pixel for _n, pixel in Image.open(io.BytesIO(png)).convert("RGB").getcolors(
        maxcolors=1 << 20)}

    def shaded(hex_colour: str) -> bool:
        rgb = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
        want = tuple(round(255 - 0.55 * (255 - c)) for c in rgb)
        return any(all(abs(a - b) <= 2 for a, b in zip(pixel, want, strict=True))
                   for pixel in colours)

    assert shaded(AHEAD) and shaded(BEHIND)
