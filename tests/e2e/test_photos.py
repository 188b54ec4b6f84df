"""Photos on a phone (390 px): the owner takes two photos into the month's report (one turned
by its EXIF orientation) and sees their thumbnails; a program renamed .jpg is refused
with the reason and a way back; a district user of another district cannot open the photo."""

import pytest

from tests.e2e.conftest import PHONE
from tests.e2e.test_pages import log_in
from tests.factories import make_project
from tests.projects import photo_builders as build
from tuijin.projects.cycle_services import period_open
from tuijin.projects.models import FilingEvent, ReportPhoto

pytestmark = [pytest.mark.e2e]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def fits(page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"


def upload(page, *files) -> None:
    page.set_input_files("#photo-upload input[multiple]", [
        {"name": name, "mimeType": kind, "buffer": data} for name, kind, data in files])
    with page.expect_navigation():
        page.click("#photo-upload button[type=submit]")


def test_an_owner_adds_photos_from_a_phone(live_server, new_page, screenshot, cast, plan,
                                           owner_org, media):
    project = make_project(plan, owner=owner_org, name="开封市某污水处理厂")
    period_open(plan=plan, month=6, user=cast["admin"])
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, cast["owner"].username)
    page.goto(f"{live_server.url}/projects/p/{project.pk}/month/6/")
    assert page.locator("#photo-upload input[capture=environment]").count() == 1

    upload(page, ("IMG_0001.jpg", "image/jpeg",
                  build.jpeg(size=(1200, 900), orientation=6, gps=build.KAIFENG_GPS,
                             taken="2023:06:18 10:30:00")),
           ("IMG_0002.png", "image/png", build.png(size=(800, 600))))
    assert page.locator("#photos .photo-grid img").count() == 2
    assert page.locator("#photo-count").inner_text().startswith("2")
    # The thumbnails (lazy: loaded once scrolled to) come from tuijin and are pictures, not a
    # broken-image box.
    page.locator("#photos").scroll_into_view_if_needed()
    page.wait_for_function("() => [...document.querySelectorAll('#photos img')]"
                           ".every(i => i.complete && i.naturalWidth > 0)")
    assert FilingEvent.objects.filter(action="photo_added").count() == 2
    fits(page)
    screenshot(page, "photos-phone")

    upload(page, ("现场.jpg", "image/jpeg", build.WINDOWS_PROGRAM))
    assert "现场.jpg 是一个程序，不是照片。" in page.locator("#photo-error").inner_text()
    fits(page)
    screenshot(page, "photo-refused-phone")
    assert ReportPhoto.objects.count() == 2

    photo = ReportPhoto.objects.get(original_name="IMG_0001.jpg")
    assert (photo.width, photo.height) == (900, 1200)  # upright
    stranger = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(stranger, live_server.url, cast["qixian"].username)
    response = stranger.goto(f"{live_server.url}/projects/p/{project.pk}/photos/{photo.pk}/")
    assert response.status == 404


def test_photos_wait_until_the_typed_figures_are_saved(live_server, new_page, cast, plan,
                                                       owner_org, media):
    project = make_project(plan, owner=owner_org, name="开封市某污水处理厂")
    period_open(plan=plan, month=6, user=cast["admin"])
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, cast["owner"].username)
    page.goto(f"{live_server.url}/projects/p/{project.pk}/month/6/")
    page.fill("input[name=investment_month_wan]", "1500")
    page.set_input_files("#photo-upload input[multiple]", [
        {"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": build.jpeg()}])
    page.click("#photo-upload button[type=submit]")
    warning = page.locator("#photo-unsaved")
    warning.wait_for(state="visible")
    assert "保存草稿" in warning.inner_text()
    assert page.input_value("input[name=investment_month_wan]") == "1500"  # nothing lost
    assert not ReportPhoto.objects.exists()
    with page.expect_navigation():
        page.click("button[value=save]")
    upload(page, ("IMG_0001.jpg", "image/jpeg", build.jpeg()))
    assert ReportPhoto.objects.count() == 1
    assert project.filings.get(month=6).investment_month_wan == 1500
