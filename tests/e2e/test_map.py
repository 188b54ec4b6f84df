"""The project map in a browser at 1366 and 390 px: the districts drawn from the shipped
outlines, coloured points, a click through to a project; and the evidence flags beside a
photo on a review page. No request leaves the server."""

import io
from decimal import Decimal

import pytest

from tests.e2e.conftest import PHONE
from tests.e2e.test_pages import log_in
from tests.factories import make_project, make_report
from tests.projects import photo_builders as build
from tuijin.projects.cycle_services import period_open
from tuijin.projects.geo import Datum
from tuijin.projects.photo_services import PhotoUpload, photo_add

pytestmark = [pytest.mark.e2e]
WIDE = {"width": 1366, "height": 900}
SHOTS = "map"


@pytest.fixture
def sites(plan, owner_org):
    """Three projects in three districts with lights green, red and missing for June."""
    made = []
    for name, district, lng, lat, cumulative in (
            ("龙亭绿项目", "410202", "114.31", "34.83", "6000"),
            ("兰考红项目", "410225", "115.00", "34.80", "100"),
            ("尉氏缺报项目", "410223", "114.10", "34.40", None)):
        project = make_project(plan, name=name, district=district, owner=owner_org,
                               annual_plan_wan="10000", longitude=Decimal(lng),
                               latitude=Decimal(lat), location_datum=Datum.WGS84)
        if cumulative:
            make_report(project, 6, cumulative, cumulative)
        made.append(project)
    return made


def outside_requests(page, live_server) -> list[str]:
    seen = []
    page.on("request", lambda request: seen.append(request.url)
            if not request.url.startswith(live_server.url) and not request.url.startswith(
                "data:") else None)
    return seen


def open_map(page, live_server, plan):
    page.goto(f"{live_server.url}/progress/{plan.slug}/map/?month=2023-06")
    page.wait_for_selector("#project-map[data-drawn='1']")


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1366", "390"])
def test_the_map_draws_districts_and_coloured_points_and_opens_a_project(
        live_server, new_page, screenshot, cast, plan, sites, viewport):
    page = new_page(viewport=viewport)
    outside = outside_requests(page, live_server)
    log_in(page, live_server.url, cast["admin"].username)
    open_map(page, live_server, plan)
    assert page.locator("#project-map").get_attribute("data-points") == "3"
    drawn = page.evaluate("""() => {
        const chart = echarts.getInstanceByDom(document.getElementById('project-map'));
        const option = chart.getOption();
        return {regions: echarts.getMap('tuijin-region').geoJSON.features.length,
                shaded: option.series[0].data
                    .filter(d => typeof d.value === 'number' && !isNaN(d.value)).map(d => d.name),
                lights: option.series.slice(1, 5).map(s => s.data.length),
                colours: option.series.slice(1, 5).map(s => s.itemStyle.color)};
    }""")
    assert drawn["regions"] == 10
    assert set(drawn["shaded"]) == {"龙亭区", "兰考县", "尉氏县"}
    assert drawn["lights"] == [1, 0, 1, 1]  # green, yellow, red, missing
    assert len(set(drawn["colours"])) == 4
    # The canvas holds drawn pixels in several colours, not a blank box.
    colours = page.evaluate("""() => {
        const canvas = document.querySelector('#project-map canvas');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        const seen = new Set();
        for (let i = 0; i < data.length; i += 4 * 97)
            seen.add(data[i] >> 4 << 8 | data[i + 1] >> 4 << 4 | data[i + 2] >> 4);
        return seen.size;
    }""")
    assert colours > 5
    name = f"{SHOTS}-{viewport['width']}"
    screenshot(page, name)
    page.screenshot(path=f"/tmp/shots/h4/{name}.png")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]

    # Click the green point: its pixel position from the chart itself.
    x, y = page.evaluate("""() => {
        const chart = echarts.getInstanceByDom(document.getElementById('project-map'));
        const point = chart.getOption().series[1].data[0];
        return chart.convertToPixel({geoIndex: 0}, [point[0], point[1]]);
    }""")
    box = page.locator("#project-map").bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + x, box["y"] + y)
    assert page.url.endswith(f"/projects/p/{sites[0].pk}/")
    assert "龙亭绿项目" in page.locator("h1").inner_text()
    assert outside == []


def test_a_district_user_sees_only_their_points(live_server, new_page, cast, plan, sites):
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, cast["longting"].username)
    open_map(page, live_server, plan)
    assert page.locator("#project-map").get_attribute("data-points") == "1"


def test_the_reviewer_sees_the_evidence_flags_beside_the_photo(
        live_server, new_page, cast, plan, sites, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    period_open(plan=plan, month=6, user=cast["admin"])
    project = sites[0]
    data = build.scene_jpeg(31, taken="2023:04:20 10:00:00",
                            gps=build.gps_of(114.31, 34.83 + 0.045))
    photo_add(project=project, month=6, user=cast["owner"], uploads=[
        PhotoUpload(name="工地.jpg", file=io.BytesIO(data), size=len(data))])
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, cast["longting"].username)
    page.goto(f"{live_server.url}/projects/p/{project.pk}/month/6/")
    flags = page.locator("#photos .photo-checks li.flag")
    assert flags.count() == 2
    text = page.locator("#photos").inner_text()
    assert "早于" in text or "before" in text
    page.locator("#photos").scroll_into_view_if_needed()
    page.screenshot(path="/tmp/shots/h4/evidence-390.png", full_page=True)


def test_a_district_users_map_opens_on_their_own_district(live_server, new_page, screenshot,
                                                          cast, plan, sites):
    """The walk found 龙亭's points piled into a corner of the city's map on a phone."""
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, cast["longting"].username)
    open_map(page, live_server, plan)
    bounds = page.evaluate("""() => echarts.getInstanceByDom(document.getElementById(
        'project-map')).getOption().geo[0].boundingCoords""")
    assert bounds == [[114.27, 34.86], [114.36, 34.8]]  # 龙亭区's outline, west-north first
    screenshot(page, f"{SHOTS}-district-390")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1366", "390"])
def test_a_month_with_no_reports_says_so_and_shades_nothing(live_server, new_page, screenshot,
                                                            cast, plan, sites, viewport):
    """The walk found 12月 (never opened) with every district red at 100 % and no word why."""
    page = new_page(viewport=viewport)
    log_in(page, live_server.url, cast["admin"].username)
    page.goto(f"{live_server.url}/progress/{plan.slug}/map/?month=2023-12")
    page.wait_for_selector("#project-map[data-drawn='1']")
    assert page.locator("#map-no-reports").is_visible()
    assert "本月尚无月报" in page.locator("#map-no-reports").inner_text()
    drawn = page.evaluate("""() => {
        const option = echarts.getInstanceByDom(document.getElementById('project-map'))
            .getOption();
        return {shaded: option.series[0].data.filter(d => typeof d.value === 'number').length,
                missing: option.series[4].data.length,
                names: option.series[5].z > option.series[1].z,
                fontSize: option.series[5].label.fontSize};
    }""")
    # Nothing shaded; the three projects drawn as not reported; the districts' names above
    # the points, smaller on a phone.
    assert drawn == {"shaded": 0, "missing": 3, "names": True,
                     "fontSize": 9 if viewport == PHONE else 11}
    screenshot(page, f"{SHOTS}-no-reports-{viewport['width']}")
    page.goto(f"{live_server.url}/progress/{plan.slug}/map/?month=2023-06")
    page.wait_for_selector("#project-map[data-drawn='1']")
    assert not page.locator("#map-no-reports").is_visible()
