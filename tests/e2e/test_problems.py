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


WIDE = {"width": 1366, "height": 768}


@pytest.fixture
def clock(monkeypatch):
    """Move the app's today (django.utils.timezone.localdate, which every page and service
    asks) forward by ``days``; the live server runs in this process, so it moves there too."""
    from django.utils import timezone as django_timezone

    real = django_timezone.localdate
    shift = {"days": 0}

    def localdate(value=None, timezone=None):
        if value is None and timezone is None:
            return real() + timedelta(days=shift["days"])
        return real(value, timezone)

    monkeypatch.setattr(django_timezone, "localdate", localdate)

    def move(days: int) -> None:
        shift["days"] = days

    return move


@pytest.mark.parametrize("size", ["wide", "phone"])
def test_the_whole_story_from_a_report_to_the_dashboard(live_server, new_page, screenshot, cast,
                                                        plan, owner_org, clock, size, settings,
                                                        tmp_path):
    """Issue 12, "Done when": the owner's report blocker becomes a problem (需要协调) → the
    district assigns it to the natural-resources bureau with a deadline → the bureau signs for
    it and answers with its reply letter → the district checks and closes it; a second problem
    goes overdue when the clock moves, turns red, is escalated to the city and is counted in
    the dashboard's overdue figure."""
    from tuijin.projects.cycle_services import period_open

    settings.MEDIA_ROOT = tmp_path / "media"
    viewport = WIDE if size == "wide" else PHONE
    phone = {"is_mobile": True, "has_touch": True} if size == "phone" else {}
    for order, name in enumerate(["用地", "资金", "其他"]):
        ProblemCategory.objects.get_or_create(name=name, defaults={"order": order})
    project = make_project(plan, district="410202", owner=owner_org, name="宋都古城保护项目")
    period_open(plan=plan, month=6, user=cast["admin"])
    bureau = Organisation.objects.create(name="开封市自然资源和规划局",
                                         kind=Organisation.Kind.BUREAU,
                                         division=Division.objects.get(code="410200"))
    cast["bureau"].organisation = bureau
    cast["bureau"].save()
    shots = f"problem-story-{size}"

    # The owner's report names the blocker and ticks 需要协调.
    owner = new_page(viewport=viewport, **phone)
    log_in(owner, live_server.url, cast["owner"].username)
    owner.goto(live_server.url + f"/projects/p/{project.pk}/month/6/")
    owner.fill("#id_investment_month_wan", "120")
    owner.fill("#id_cumulative_wan", "120")
    owner.fill("#id_blockers", "二期用地指标未落实，影响开工")
    owner.fill("#id_help_requested", "请市自然资源和规划局协调用地指标")
    owner.check("#id_coordination-needs_coordination")
    owner.select_option("#id_coordination-coordination_category", label="用地")
    _fits(owner)
    screenshot(owner, f"{shots}-1-report")
    with owner.expect_navigation():
        owner.click("button[name=do][value=submit]")
    problem = Problem.objects.get()
    assert problem.description == "二期用地指标未落实，影响开工"
    assert problem.source_filing.month == 6

    # The district accepts it and assigns it to the bureau within ten days.
    district = new_page(viewport=viewport, **phone)
    log_in(district, live_server.url, cast["longting"].username)
    district.goto(live_server.url + f"/problems/plan/{plan.slug}/")
    with district.expect_navigation():
        district.click(f"[data-problem='{problem.pk}'] a.name")
    with district.expect_navigation():
        district.click("#step-accept button[type=submit]")
    district.select_option("#id_assign-unit", str(bureau.pk))
    district.fill("#id_assign-days", "10")
    district.fill("#id_assign-comment", "请于10日内反馈")
    _fits(district)
    screenshot(district, f"{shots}-2-assign")
    with district.expect_navigation():
        district.click("#step-assign button[type=submit]")
    assert district.inner_text("#problem-state") == "已交办"
    assert district.inner_text("#problem-light") == "按时"

    # The bureau lands on its own list, signs for it and answers with its reply letter.
    unit = new_page(viewport=viewport, **phone)
    log_in(unit, live_server.url, cast["bureau"].username)
    unit.goto(live_server.url + "/problems/")
    assert "/mine/" in unit.url
    screenshot(unit, f"{shots}-3-mine")
    _fits(unit)
    with unit.expect_navigation():
        unit.click(f"#mine-to-sign [data-problem='{problem.pk}'] a.name")
    with unit.expect_navigation():
        unit.click("#step-sign button[type=submit]")
    unit.fill("#id_answer-comment", "用地指标已下达，7月初完成供地")
    unit.set_input_files("#id_answer-attachments", files=[{
        "name": "复函.pdf", "mimeType": "application/pdf",
        "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"}])
    with unit.expect_navigation():
        unit.click("#step-answer button[type=submit]")
    assert unit.inner_text("#problem-state") == "已反馈"
    assert "复函.pdf" in unit.inner_text("#problem-steps")

    # The district checks the answer and closes the problem (销号).
    district.reload()
    with district.expect_navigation():
        district.click("#step-check button[type=submit]")
    with district.expect_navigation():
        district.click("#step-close button[type=submit]")
    assert district.inner_text("#problem-state") == "已销号"
    assert district.locator("#problem-steps > li").count() == 7
    screenshot(district, f"{shots}-4-closed")
    _fits(district)

    # A second problem, raised by the district on the project's page, due in two days.
    district.goto(live_server.url + project.get_absolute_url())
    with district.expect_navigation():
        district.click("#raise-problem-here")
    district.select_option("#id_category", label="资金")
    district.fill("#id_description", "专项债资金未拨付")
    with district.expect_navigation():
        district.click("#raise-form button[type=submit]")
    second = Problem.objects.exclude(pk=problem.pk).get()
    with district.expect_navigation():
        district.click("#step-accept button[type=submit]")
    district.select_option("#id_assign-unit", str(bureau.pk))
    district.fill("#id_assign-days", "2")
    with district.expect_navigation():
        district.click("#step-assign button[type=submit]")
    assert district.inner_text("#problem-light") == "临近时限"
    assert district.locator("#step-escalate").count() == 0

    # Five days later it is overdue: red, and the district sends it up to the city.
    clock(5)
    district.reload()
    assert district.inner_text("#problem-light") == "已逾期"
    district.fill("#id_escalate-comment", "超期未办结，提请市级协调")
    _fits(district)
    with district.expect_navigation():
        district.click("#step-escalate button[type=submit]")
    assert district.inner_text("#problem-level") == "市级督办"
    screenshot(district, f"{shots}-5-escalated")
    second.refresh_from_db()
    assert second.level == "city"

    # The city's dashboard counts it as overdue; its list finds it with the overdue filter.
    city = new_page(viewport=viewport, **phone)
    log_in(city, live_server.url, cast["admin"].username)
    city.goto(live_server.url + f"/progress/{plan.slug}/?month=2023-06")
    assert city.inner_text("[data-figure=problems-overdue]") == "1"
    assert city.inner_text("[data-figure=problems-open]") == "1"
    city.locator("#problem-panel").scroll_into_view_if_needed()
    screenshot(city, f"{shots}-6-dashboard")
    _fits(city)
    with city.expect_navigation():
        city.click("[data-figure=problems-overdue]")
    assert city.locator("#problems > li[data-problem]").count() == 1
    assert city.get_attribute("#problems > li[data-problem]", "data-light") == "red"


@pytest.mark.parametrize("size", ["wide", "phone"])
def test_the_problem_pages_fit_every_role(live_server, new_page, screenshot, cast, plan,
                                          owner_org, size):
    """Owner, district, bureau, city office and leader open the problem pages they use; none
    scrolls sideways at 1366 or 390 px."""
    from tuijin.problems.services import ProblemInput, problem_raise, problem_step

    viewport = WIDE if size == "wide" else PHONE
    phone = {"is_mobile": True, "has_touch": True} if size == "phone" else {}
    land, _ = ProblemCategory.objects.get_or_create(name="用地", defaults={"order": 10})
    project = make_project(plan, district="410202", owner=owner_org,
                           name="开封市宋都古城文化旅游综合开发项目（二期）")
    problems = [problem_raise(project=project, user=cast["owner"], data=ProblemInput(
        category_id=land.pk, description=f"二期用地指标未落实，影响主体工程开工（第{n}项）",
        help_requested="请市自然资源和规划局协调")) for n in range(3)]
    for problem in problems[1:]:
        problem = problem_step(problem=problem, action="accept", user=cast["admin"],
                               version=problem.version)
        problem_step(problem=problem, action="assign", user=cast["admin"],
                     version=problem.version, unit_id=cast["bureau"].organisation_id,
                     deadline=timezone.localdate() + timedelta(days=2))
    pages = {
        "owner": [f"/problems/plan/{plan.slug}/", problems[0].get_absolute_url(),
                  project.get_absolute_url()],
        "longting": [f"/problems/plan/{plan.slug}/", problems[1].get_absolute_url()],
        "bureau": [f"/problems/plan/{plan.slug}/mine/", problems[1].get_absolute_url()],
        "admin": [f"/problems/plan/{plan.slug}/", "/problems/categories/",
                  f"/projects/{plan.slug}/", problems[0].get_absolute_url()],
        "leader": [f"/problems/plan/{plan.slug}/", problems[2].get_absolute_url()],
    }
    for role, urls in pages.items():
        page = new_page(viewport=viewport, **phone)
        log_in(page, live_server.url, cast[role].username)
        for number, url in enumerate(urls):
            response = page.goto(live_server.url + url)
            assert response.status == 200, (role, url)
            _fits(page)
            screenshot(page, f"problem-pages-{size}-{role}-{number}")
