"""A report's blocker becomes a problem and goes through its whole life in a real browser, on
a 390 px phone (issue 12): the owner raises it from the report, the district accepts it and
assigns it to the natural-resources bureau with a deadline, the bureau signs for it and
answers, the district checks and closes it. No page scrolls sideways."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.e2e.conftest import PHONE
from tests.e2e.test_pages import log_in
from tests.factories import make_project
from tuijin.core.models import Division, Organisation
from tuijin.problems.models import Problem, ProblemCategory
from tuijin.projects.models import ReportFiling

pytestmark = [pytest.mark.e2e]


def test_a_blocker_is_raised_assigned_answered_and_closed_on_a_phone(
        live_server, new_page, screenshot, cast, plan, owner_org):
    # A live server's test is transactional: the seeded categories are emptied with the rest.
    land, _ = ProblemCategory.objects.get_or_create(name="用地", defaults={"order": 10})
    project = make_project(plan, district="410202", owner=owner_org, name="宋都古城保护项目")
    ReportFiling.objects.create(project=project, month=5, state="submitted",
                                blockers="二期用地指标未落实", help_requested="请协调用地指标",
                                updated_at=timezone.now())
    bureau = Organisation.objects.create(name="开封市自然资源和规划局",
                                         kind=Organisation.Kind.BUREAU,
                                         division=Division.objects.get(code="410200"))
    cast["bureau"].organisation = bureau
    cast["bureau"].save()

    owner = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(owner, live_server.url, cast["owner"].username)
    owner.goto(live_server.url + f"/projects/p/{project.pk}/month/5/")
    with owner.expect_navigation():
        owner.click("#raise-problem a")
    assert owner.input_value("#id_description") == "二期用地指标未落实"
    owner.select_option("#id_category", str(land.pk))
    _fits(owner)
    with owner.expect_navigation():
        owner.click("#raise-form button[type=submit]")
    assert owner.inner_text("#problem-state") == "已提出"
    problem = Problem.objects.get()

    district = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(district, live_server.url, cast["longting"].username)
    district.goto(live_server.url + problem.get_absolute_url())
    with district.expect_navigation():
        district.click("#step-accept button[type=submit]")
    district.select_option("#id_assign-unit", str(bureau.pk))
    district.fill("#id_assign-deadline", (timezone.localdate() + timedelta(days=10)).isoformat())
    district.fill("#id_assign-comment", "请于10日内反馈")
    _fits(district)
    with district.expect_navigation():
        district.click("#step-assign button[type=submit]")
    assert district.inner_text("#problem-state") == "已交办"
    assert district.inner_text("#problem-light") == "按时"

    unit = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(unit, live_server.url, cast["bureau"].username)
    unit.goto(live_server.url + f"/problems/plan/{plan.slug}/?mine=on")
    with unit.expect_navigation():
        unit.click(f"[data-problem='{problem.pk}'] a.name")
    with unit.expect_navigation():
        unit.click("#step-sign button[type=submit]")
    unit.fill("#id_answer-comment", "用地指标已下达，7月初完成供地")
    with unit.expect_navigation():
        unit.click("#step-answer button[type=submit]")
    assert unit.inner_text("#problem-state") == "已反馈"

    district.reload()
    with district.expect_navigation():
        district.click("#step-check button[type=submit]")
    with district.expect_navigation():
        district.click("#step-close button[type=submit]")
    assert district.inner_text("#problem-state") == "已销号"
    steps = district.locator("#problem-steps > li")
    assert steps.count() == 7
    screenshot(district, "problem-closed-phone")
    _fits(district)
    district.goto(live_server.url + f"/problems/plan/{plan.slug}/")
    _fits(district)


def _fits(page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"
