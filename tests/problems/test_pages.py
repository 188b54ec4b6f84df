"""The problem pages added around the life of a problem: the unit's own list, the list's unit
and project filters, the counts on the projects, the dashboard's panel, the categories page,
a report's 需要协调 box, and the refusals of the issue's bad input."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_project, make_report
from tuijin.problems.models import Problem, ProblemCategory
from tuijin.problems.services import ProblemInput, problem_raise, problem_step
from tuijin.projects.cycle_services import period_open
from tuijin.projects.models import ReportFiling


def take(problem, action, user, **kw):
    return problem_step(problem=problem, action=action, user=user,
                        version=Problem.objects.get(pk=problem.pk).version, **kw)


def assigned_to(problem, cast, unit, deadline):
    problem = take(problem, "accept", cast["admin"])
    return take(problem, "assign", cast["admin"], unit_id=unit.pk, deadline=deadline)


@pytest.fixture
def overdue(raised, cast, land_bureau):
    """Assigned to the land bureau with a deadline that has passed (set in the past
    directly: the rules refuse a deadline before today)."""
    problem = assigned_to(raised, cast, land_bureau, timezone.localdate())
    Problem.objects.filter(pk=problem.pk).update(
        deadline=timezone.localdate() - timedelta(days=3))
    return Problem.objects.get(pk=problem.pk)


def test_a_bureau_lands_on_its_own_list(client, cast, plan, overdue, land_bureau):
    cast["bureau"].organisation = land_bureau
    cast["bureau"].save()
    client.force_login(cast["bureau"])
    assert client.get(reverse("problems:home"))["Location"] == reverse(
        "problems:mine", args=[plan.slug])
    mine = client.get(reverse("problems:mine", args=[plan.slug])).context["mine"]
    assert [r.problem for r in mine.to_sign] == [overdue]
    assert [r.problem for r in mine.overdue] == [overdue] and mine.to_answer == []
    take(overdue, "sign", cast["bureau"])
    mine = client.get(reverse("problems:mine", args=[plan.slug])).context["mine"]
    assert mine.to_sign == [] and [r.problem for r in mine.to_answer] == [overdue]


def test_a_district_user_lands_on_the_list(client, cast, plan):
    client.force_login(cast["longting"])
    assert client.get(reverse("problems:home"))["Location"] == reverse(
        "problems:list", args=[plan.slug])


def test_another_unit_sees_nothing_in_its_list(client, cast, plan, overdue):
    client.force_login(cast["bureau"])  # the tourism bureau
    mine = client.get(reverse("problems:mine", args=[plan.slug])).context["mine"]
    assert (mine.to_sign, mine.to_answer, mine.overdue) == ([], [], [])


def test_the_list_filters_by_unit_and_project(client, cast, plan, overdue, project, land,
                                              owner_org):
    other = make_project(plan, district="410202", owner=owner_org, name="二号项目")
    problem_raise(project=other, user=cast["owner"],
                  data=ProblemInput(category_id=land.pk, description="缺电"))
    client.force_login(cast["longting"])
    url = reverse("problems:list", args=[plan.slug])
    rows = client.get(url, {"unit": overdue.assigned_unit_id}).context["rows"]
    assert [r.problem for r in rows] == [overdue]
    rows = client.get(url, {"project": other.pk}).context["rows"]
    assert [r.problem.project for r in rows] == [other]
    assert client.get(url, {"unit": "nonsense"}).status_code == 200


def test_the_project_list_shows_the_counts_in_one_query(client, cast, plan, overdue,
                                                         owner_org):
    client.force_login(cast["admin"])
    url = reverse("projects:list", args=[plan.slug])
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert 'data-problems="1"' in page
    for n in range(5):
        project = make_project(plan, owner=owner_org, name=f"项目{n}")
        problem_raise(project=project, user=cast["owner"], data=ProblemInput(
            category_id=overdue.category_id, description="缺电"))
    with CaptureQueriesContext(connection) as more:
        page = client.get(url).content.decode()
    assert page.count('data-problems="1"') == 6
    assert len(more.captured_queries) == len(few.captured_queries)


def test_the_project_page_shows_open_and_overdue(client, cast, overdue):
    client.force_login(cast["owner"])
    page = client.get(overdue.project.get_absolute_url()).content.decode()
    assert 'id="project-problems"' in page and "1个未办结" in page and "1个超期" in page


def test_the_dashboard_panel_counts_open_and_overdue(client, cast, plan, overdue, project):
    make_report(project, 6, "10", "10")
    client.force_login(cast["admin"])
    response = client.get(reverse("progress:city", args=[plan.slug]), {"month": "2023-06"})
    page = response.content.decode()
    assert 'data-figure="problems-open">1<' in page
    assert 'data-figure="problems-overdue">1<' in page
    assert "开封市自然资源和规划局" in page
    district = client.get(reverse("progress:district", args=[plan.slug, "410221"]),
                          {"month": "2023-06"}).content.decode()
    assert 'data-figure="problems-open">0<' in district


def test_the_city_office_edits_the_categories(client, cast, raised, land):
    client.force_login(cast["admin"])
    url = reverse("problems:categories")
    assert client.get(url).status_code == 200
    client.post(url, {"new-name": "电力接入", "new-order": "85", "new-is_active": "on"})
    power = ProblemCategory.objects.get(name="电力接入")
    client.post(url, {"category": power.pk, f"c{power.pk}-name": "电力配套",
                      f"c{power.pk}-order": "5"})
    power.refresh_from_db()
    assert (power.name, power.order, power.is_active) == ("电力配套", 5, False)
    client.post(url, {"category": power.pk, "delete": "1"})
    assert not ProblemCategory.objects.filter(pk=power.pk).exists()
    # In use: refused with the reason, nothing deleted; deactivating it is the way.
    client.cookies["django_language"] = "en"
    response = client.post(url, {"category": land.pk, "delete": "1"}, follow=True)
    assert "is the category of 1 problems and cannot be deleted" in response.content.decode()
    assert ProblemCategory.objects.filter(pk=land.pk).exists()


def test_a_category_name_twice_is_refused_on_its_field(client, cast, land):
    client.force_login(cast["admin"])
    response = client.post(reverse("problems:categories"), {
        "new-name": "用地", "new-order": "1", "new-is_active": "on"})
    assert "已有名为用地的类别" in response.context["new"].errors["name"][0]


def test_a_deactivated_category_is_not_offered_but_kept(client, cast, raised, land):
    land.is_active = False
    land.save()
    client.force_login(cast["owner"])
    form = client.get(reverse("problems:raise", args=[raised.project_id])).context["form"]
    assert land not in form.fields["category"].queryset
    raised.refresh_from_db()
    assert raised.category == land


@pytest.fixture
def june(plan, cast):
    return period_open(plan=plan, month=6, user=cast["admin"])


def test_submitting_a_report_with_needs_coordination_raises_its_blockers(client, cast, project,
                                                                        june):
    client.force_login(cast["owner"])
    url = reverse("projects:filing", args=[project.pk, 6])
    assert 'name="coordination-needs_coordination"' in client.get(url).content.decode()
    funds = ProblemCategory.objects.get(name="资金")
    response = client.post(url, {
        "do": "submit", "investment_month_wan": "20", "cumulative_wan": "20",
        "blockers": "专项债资金未到位", "help_requested": "请市财政局协调",
        "coordination-needs_coordination": "on", "coordination-coordination_category": funds.pk})
    assert response.status_code == 302
    problem = Problem.objects.get()
    filing = ReportFiling.objects.get(project=project, month=6)
    assert problem.source_filing == filing and problem.category == funds
    assert (problem.description, problem.help_requested) == ("专项债资金未到位", "请市财政局协调")
    assert problem.raised_by == cast["owner"]


def test_an_unticked_report_raises_nothing(client, cast, project, june):
    client.force_login(cast["owner"])
    url = reverse("projects:filing", args=[project.pk, 6])
    client.post(url, {"do": "save", "blockers": "缺电"})
    filing = ReportFiling.objects.get(project=project, month=6)
    client.post(url, {"do": "submit", "investment_month_wan": "20", "cumulative_wan": "20",
                      "blockers": "缺电", "version": filing.version})
    assert not Problem.objects.exists()


def test_a_draft_saved_with_the_box_ticked_raises_once_so_the_request_is_not_lost(
        client, cast, project, june):
    """The walk found the tick dropped between a draft save and the submission: a draft save
    raises the problem at once, and the submission does not raise it again."""
    client.force_login(cast["owner"])
    url = reverse("projects:filing", args=[project.pk, 6])
    client.post(url, {"do": "save", "blockers": "缺电", "coordination-needs_coordination": "on"})
    filing = ReportFiling.objects.get(project=project, month=6)
    assert Problem.objects.get().source_filing == filing
    client.post(url, {"do": "submit", "investment_month_wan": "20", "cumulative_wan": "20",
                      "blockers": "缺电", "version": filing.version,
                      "coordination-needs_coordination": "on"})
    assert Problem.objects.count() == 1
    raise_page = client.get(reverse("problems:raise", args=[project.pk]) + "?month=6")
    assert 'id="raised-already"' in raise_page.content.decode()


def test_a_refused_report_raises_no_problem(client, cast, project, june):
    client.force_login(cast["owner"])
    url = reverse("projects:filing", args=[project.pk, 6])
    # 本月 20 but 累计 5: the report is refused, and so the problem with it.
    response = client.post(url, {
        "do": "submit", "investment_month_wan": "20", "cumulative_wan": "5",
        "blockers": "缺电", "coordination-needs_coordination": "on"})
    assert response.status_code == 200
    assert not Problem.objects.exists()


def test_without_a_category_the_raised_problem_is_other(client, cast, project, june):
    client.force_login(cast["owner"])
    client.post(reverse("projects:filing", args=[project.pk, 6]), {
        "do": "submit", "investment_month_wan": "20", "cumulative_wan": "20",
        "blockers": "缺电", "coordination-needs_coordination": "on"})
    assert Problem.objects.get().category.name == "其他"


def test_answering_a_problem_not_assigned_to_you_is_refused(client, cast, overdue):
    client.force_login(cast["bureau"])  # the tourism bureau; the land bureau has it
    response = client.post(reverse("problems:step", args=[overdue.pk, "answer"]), {
        "answer-version": overdue.version, "answer-comment": "已办"})
    assert response.status_code == 403
    client.force_login(cast["admin"])  # sees it, but is not the unit
    response = client.post(reverse("problems:step", args=[overdue.pk, "answer"]), {
        "answer-version": overdue.version, "answer-comment": "已办"})
    assert response.status_code == 403
    overdue.refresh_from_db()
    assert overdue.state == "assigned" and overdue.answer == ""


def test_a_stale_step_is_named_in_both_languages(client, cast, raised):
    client.force_login(cast["longting"])
    stale = raised.version
    take(raised, "accept", cast["admin"])
    for language, text in (("en", "Someone else has moved this problem on"),
                           ("zh-hans", "他人已")):
        client.cookies["django_language"] = language
        response = client.post(reverse("problems:step", args=[raised.pk, "decline"]), {
            "decline-version": stale, "decline-comment": "自行解决"})
        assert text in response.content.decode()
    raised.refresh_from_db()
    assert raised.state == "accepted"


def test_a_deadline_before_today_is_named_on_its_field(client, cast, raised, land_bureau):
    take(raised, "accept", cast["admin"])
    client.force_login(cast["admin"])
    raised.refresh_from_db()
    client.cookies["django_language"] = "en"
    response = client.post(reverse("problems:step", args=[raised.pk, "assign"]), {
        "assign-version": raised.version, "assign-unit": land_bureau.pk,
        "assign-deadline": (timezone.localdate() - timedelta(days=1)).isoformat()})
    form = next(f for f in response.context["step_forms"] if f.action == "assign")
    assert "is before today" in form.errors["deadline"][0]
    raised.refresh_from_db()
    assert raised.state == "accepted"
