"""The city dashboard in a real browser, on demo data (issue 4, "Done when")."""

import re

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import PHONE
from tuijin.core.periods import Period
from tuijin.core.templatetags.tuijin import figure, pct
from tuijin.progress.selectors import dashboard_for

pytestmark = [pytest.mark.e2e]
JUNE = Period(2023, 6)


@pytest.fixture
def demo_plan(transactional_db):
    from tuijin.demo.loader import demo_load
    from tuijin.plans.services import plan_load_builtin

    plan = plan_load_builtin("kaifeng-2023")
    demo_load(plan, projects=400, months=6, seed=4)
    return plan


def log_in(page, base_url: str, username: str, next_path: str) -> None:
    page.goto(f"{base_url}/accounts/login/?next={next_path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/accounts/login/" not in page.url, page.locator("main").inner_text()


def wait_for_charts(page, count: int = 4) -> None:
    page.wait_for_function(f"window.tuijinCharts && window.tuijinCharts.length >= {count}")
    page.wait_for_timeout(300)  # let the first animation frame draw


def test_city_dashboard_matches_the_computations_and_bars_open_projects(
    live_server, new_page, screenshot, cast, demo_plan
):
    expected = dashboard_for(cast["admin"], plan=demo_plan, period=JUNE)
    path = f"/progress/{demo_plan.slug}/?month=2023-06"
    page = new_page()
    log_in(page, live_server.url, cast["admin"].username, path)
    assert page.url.endswith(path)

    for item in [*expected.headline, *expected.campaign]:
        shown = page.locator(f"#headline [data-figure='{item.source}']").inner_text()
        assert shown == figure(item.actual), item.source
    assert page.locator("[data-figure=completion]").inner_text() == pct(
        expected.total.totals.completion)
    assert page.locator("[data-figure=time-progress]").inner_text() == "50.0%"
    lights = page.locator("#lights").inner_text()
    for count in (expected.total.totals.green, expected.total.totals.red):
        assert str(count) in lights
    wait_for_charts(page)
    screenshot(page, "progress-city-desktop-zh")

    # Click the bar of the domain ranked third, where ECharts drew it.
    line = expected.by_domain[2]
    page.locator("#chart-domains").scroll_into_view_if_needed()
    box = page.locator("#chart-domains").bounding_box()
    x, y = page.evaluate(
        """([value, index]) => {
            const chart = echarts.getInstanceByDom(document.getElementById('chart-domains'));
            return chart.convertToPixel({seriesIndex: 0}, [value / 2, index]);
        }""",
        [float(line.totals.completion * 100), 2],
    )
    with page.expect_navigation():
        page.mouse.click(box["x"] + x, box["y"] + y)
    assert f"domain={line.ref.code}" in page.url
    count_text = page.locator("#project-count").inner_text()
    assert int(re.search(r"\d+", count_text).group()) == line.totals.projects
    domains = page.locator("#projects-table tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.domain)")
    assert domains and set(domains) == {line.ref.code}


def test_city_dashboard_on_a_phone(live_server, new_page, screenshot, cast, demo_plan):
    path = f"/progress/{demo_plan.slug}/?month=2023-06"
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, cast["leader"].username, path)
    wait_for_charts(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page must not scroll sideways on a phone"
    screenshot(page, "progress-city-phone-zh")

    page.goto(f"{live_server.url}/progress/{demo_plan.slug}/indicators/?month=2023-06")
    assert page.locator("[data-status=annual-investment]").count() == 1
    screenshot(page, "progress-indicators-phone-zh")


def test_district_user_lands_on_their_district(live_server, new_page, screenshot, cast,
                                               demo_plan):
    page = new_page()
    log_in(page, live_server.url, cast["longting"].username,
           f"/progress/{demo_plan.slug}/?month=2023-06")
    assert "/districts/410202/" in page.url
    assert "龙亭区" in page.locator("h1").inner_text()
    wait_for_charts(page, 3)  # no chart by district on a district's dashboard
    screenshot(page, "progress-district-desktop-zh")
    response = page.goto(f"{live_server.url}/progress/{demo_plan.slug}/districts/410221/")
    assert response.status == 404
