"""The monthly bulletin in a real browser (issue 13), at 1366 px and on a 390 px phone: the city
office previews a locked month, writes 下一步工作要求, generates and publishes the bulletin and
downloads each format (each file opens); a district user reads their own district's version;
a leader finds the published bulletin in the list and downloads it. No page scrolls sideways
(the bulletin's tables scroll inside their frame)."""

import io
import subprocess

import openpyxl
import pytest
from docx import Document

from tests.bulletins.programme import june_programme
from tests.e2e.conftest import PHONE
from tests.e2e.test_pages import log_in
from tuijin.bulletins.models import Bulletin

pytestmark = [pytest.mark.e2e]
WIDE = {"width": 1366, "height": 768}
SHOTS = "bulletin"


def _fits(page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"


def _open(new_page, size):
    if size == "phone":
        return new_page(viewport=PHONE, is_mobile=True, has_touch=True, accept_downloads=True)
    return new_page(viewport=WIDE, accept_downloads=True)


def _download(page, selector: str, tmp_path) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_bytes()


@pytest.mark.parametrize("size", ["wide", "phone"])
def test_the_office_publishes_a_district_reads_its_own_and_a_leader_downloads(
        live_server, new_page, screenshot, cast, plan, size, tmp_path):
    june_programme(plan)

    office = _open(new_page, size)
    log_in(office, live_server.url, cast["admin"].username)
    office.goto(live_server.url + f"/bulletins/{plan.slug}/")
    with office.expect_navigation():
        office.click("#locked-months a")
    assert office.inner_text(".bulletin-title") == "关于2023年1—6月全市重点项目建设进展情况的通报"
    assert office.locator("#chart-districts").is_visible()
    assert office.evaluate("document.querySelector('#chart-districts').naturalWidth") > 500
    screenshot(office, f"{SHOTS}-preview-{size}")
    _fits(office)
    office.fill("#id_next_steps", "一要加快项目开工。\n二要强化要素保障。")
    with office.expect_navigation():
        office.click("#bulletin-form button[type=submit]")
    assert "第1期" in office.inner_text(".bulletin-number")
    assert "二要强化要素保障。" in office.inner_text("#bulletin")
    # Publishing asks first: the button only opens the confirmation.
    office.click("#publish-confirm summary")
    assert not Bulletin.objects.get(plan=plan, month=6).is_published
    assert "no longer change" in office.inner_text("#publish-confirm") or \
        "不再变动" in office.inner_text("#publish-confirm")
    with office.expect_navigation():
        office.click("#publish")
    assert Bulletin.objects.get(plan=plan, month=6).is_published
    assert office.locator("#publish").count() == 0
    screenshot(office, f"{SHOTS}-published-{size}")
    _fits(office)

    docx = Document(io.BytesIO(_download(office, "#downloads a[href$='/docx/']", tmp_path)))
    assert "八、下一步工作要求" in [p.text for p in docx.paragraphs]
    book = openpyxl.load_workbook(io.BytesIO(
        _download(office, "#downloads a[href$='/xlsx/']", tmp_path)))
    assert book["2.各县区重点项目建设进展排名"]["A4"].value == "龙亭"
    pdf = _download(office, "#downloads a[href$='/pdf/']", tmp_path)
    assert pdf.startswith(b"%PDF")
    (tmp_path / "b.pdf").write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(tmp_path / "b.pdf")], capture_output=True,
                           text=True, check=True).stdout
    assert "CJK" in fonts

    district = _open(new_page, size)
    log_in(district, live_server.url, cast["longting"].username)
    district.goto(live_server.url + f"/bulletins/{plan.slug}/")
    assert "2023-6, no. 1" not in district.inner_text("#published")  # Chinese, not English
    assert "第1期" in district.inner_text("#published")
    with district.expect_navigation():
        district.click("#district-months a")
    assert district.inner_text(".bulletin-title") == (
        "关于2023年1—6月龙亭区重点项目建设进展情况的通报")
    assert "在全市5个县区中居第1位" in district.inner_text("#bulletin")
    assert "鼓楼" not in district.inner_text("#bulletin")
    screenshot(district, f"{SHOTS}-district-{size}")
    _fits(district)
    xlsx = openpyxl.load_workbook(io.BytesIO(
        _download(district, "#downloads a[href$='/xlsx/']", tmp_path)))
    assert xlsx["2.各县区重点项目建设进展排名"]["A4"].value == "龙亭"

    leader = _open(new_page, size)
    log_in(leader, live_server.url, cast["leader"].username)
    leader.goto(live_server.url + "/")
    with leader.expect_navigation():
        leader.click("#nav-bulletins")
    assert "第1期" in leader.inner_text("#published")
    assert leader.locator("#locked-months").count() == 0
    screenshot(leader, f"{SHOTS}-leader-list-{size}")
    _fits(leader)
    docx = Document(io.BytesIO(_download(leader, "#published a[href$='/docx/']", tmp_path)))
    assert "关于2023年1—6月全市重点项目建设进展情况的通报" in [p.text for p in docx.paragraphs]
    # …and reads it in the browser, on a phone too, as published: charts and the map included.
    with leader.expect_navigation():
        leader.click("#published a.read-bulletin")
    assert leader.inner_text(".bulletin-title") == "关于2023年1—6月全市重点项目建设进展情况的通报"
    assert "一要加快项目开工。" in leader.inner_text(".bulletin")
    assert leader.locator("#chart-districts").is_visible()
    assert leader.locator("#chart-lagging").count() == 1
    screenshot(leader, f"{SHOTS}-leader-read-{size}")
    _fits(leader)
