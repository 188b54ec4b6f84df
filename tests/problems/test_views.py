"""The problem pages by the cast (tests/conftest.py): a report's blocker raised with one
click, the whole life through the pages, and each refusal on its field in the page's
language."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_owner, make_project
from tuijin.core.models import Division, Organisation
from tuijin.problems.models import Problem, ProblemCategory
from tuijin.problems.services import ProblemInput, problem_raise, problem_step
from tuijin.projects.models import ReportFiling


def post_step(client, problem, action, **data):
    problem.refresh_from_db()
    payload = {f"{action}-version": problem.version,
               **{f"{action}-{key}": value for key, value in data.items()}}
    return client.post(reverse("problems:step", args=[problem.pk, action]), payload)


@pytest.fixture
def filing(project):
    return ReportFiling.objects.create(project=project, month=5, state="submitted",
                                       blockers="二期用地指标未落实",
                                       help_requested="请市自然资源局协调",
                                       updated_at=timezone.now())


def test_the_filing_page_offers_the_owner_to_raise_its_blockers(client, cast, filing):
    client.force_login(cast["owner"])
    page = client.get(reverse("projects:filing", args=[filing.project_id, 5]))
    link = reverse("problems:raise", args=[filing.project_id]) + "?month=5"
    assert link in page.content.decode()


def test_the_filing_page_offers_nothing_to_the_leader(client, cast, filing):
    client.force_login(cast["leader"])
    page = client.get(reverse("projects:filing", args=[filing.project_id, 5]))
    assert 'id="raise-problem"' not in page.content.decode()


def test_the_month_page_offers_the_district_to_raise_a_blocker(client, cast, plan, filing):
    client.force_login(cast["longting"])
    page = client.get(reverse("projects:month", args=[plan.slug]) + "?month=5")
    assert reverse("problems:raise", args=[filing.project_id]) + "?month=5" in \
        page.content.decode()


def test_the_raise_form_is_prefilled_from_the_report(client, cast, filing):
    client.force_login(cast["owner"])
    page = client.get(reverse("problems:raise", args=[filing.project_id]) + "?month=5")
    form = page.context["form"]
    assert form.initial == {"description": "二期用地指标未落实",
                            "help_requested": "请市自然资源局协调", "source_month": 5}


def test_the_whole_life_through_the_pages(client, cast, filing, land, land_bureau):
    client.force_login(cast["owner"])
    response = client.post(reverse("problems:raise", args=[filing.project_id]), {
        "category": land.pk, "description": "二期用地指标未落实",
        "help_requested": "请市自然资源局协调", "source_month": 5})
    problem = Problem.objects.get()
    assert response.status_code == 302 and problem.source_filing == filing

    client.force_login(cast["longting"])
    assert post_step(client, problem, "accept").status_code == 302
    deadline = (timezone.localdate() + timedelta(days=7)).isoformat()
    assert post_step(client, problem, "assign", unit=land_bureau.pk,
                     deadline=deadline).status_code == 302

    cast["bureau"].organisation = land_bureau
    cast["bureau"].save()
    client.force_login(cast["bureau"])
    mine = client.get(reverse("problems:list", args=[filing.project.plan.slug]) + "?mine=on")
    assert [row.problem for row in mine.context["rows"]] == [problem]
    assert post_step(client, problem, "sign").status_code == 302
    assert post_step(client, problem, "answer", comment="指标已下达").status_code == 302

    client.force_login(cast["longting"])
    assert post_step(client, problem, "check").status_code == 302
    assert post_step(client, problem, "close").status_code == 302
    problem.refresh_from_db()
    assert problem.state == "closed"
    page = client.get(problem.get_absolute_url())
    assert [e.action for e in page.context["events"]] == [
        "raise", "accept", "assign", "sign", "answer", "check", "close"]
    assert page.context["step_forms"] == []


def test_once_assigned_the_page_no_longer_leads_with_a_blank_assign_form(client, cast, raised,
                                                                        land_bureau):
    client.force_login(cast["longting"])
    post_step(client, raised, "accept")
    page = client.get(raised.get_absolute_url())
    assert [(f.action, f.is_reassign) for f in page.context["step_forms"]] == [
        ("assign", False)]
    deadline = timezone.localdate() + timedelta(days=7)
    post_step(client, raised, "assign", unit=land_bureau.pk, deadline=deadline.isoformat())

    page = client.get(raised.get_absolute_url())
    html = page.content.decode()
    (correction,) = page.context["step_forms"]
    # Another unit or a new deadline stays possible, folded away and filled with the current
    # ones; the page does not lead with 交办 any more.
    assert correction.action == "assign" and correction.is_reassign
    assert (correction.initial["unit"], correction.initial["deadline"]) == (land_bureau.pk,
                                                                            deadline)
    assert '<details class="card reassign" id="reassign">' in html
    assert f'value="{deadline.isoformat()}"' in html
    assert "<h2>交办</h2>" not in html
    cast["bureau"].organisation = land_bureau
    cast["bureau"].save()
    client.force_login(cast["bureau"])
    assert [f.action for f in client.get(raised.get_absolute_url()).context["step_forms"]] == [
        "sign"]


def test_an_escalated_problem_leads_with_assigning_it_again_until_the_city_has(
        client, cast, raised, land_bureau):
    client.force_login(cast["longting"])
    post_step(client, raised, "accept")
    post_step(client, raised, "assign", unit=land_bureau.pk,
              deadline=timezone.localdate().isoformat())
    Problem.objects.filter(pk=raised.pk).update(
        deadline=timezone.localdate() - timedelta(days=3))
    assert post_step(client, raised, "escalate", comment="区级协调不了").status_code == 302

    client.force_login(cast["admin"])
    page = client.get(raised.get_absolute_url())
    assert [(f.action, f.is_reassign) for f in page.context["step_forms"]] == [
        ("assign", False)]
    assert "<h2>交办</h2>" in page.content.decode()
    post_step(client, raised, "assign", unit=land_bureau.pk,
              deadline=(timezone.localdate() + timedelta(days=10)).isoformat())
    page = client.get(raised.get_absolute_url())
    assert [(f.action, f.is_reassign) for f in page.context["step_forms"]] == [
        ("assign", True)]


def test_a_refused_correction_opens_with_its_error(client, cast, raised, land_bureau):
    client.force_login(cast["longting"])
    post_step(client, raised, "accept")
    post_step(client, raised, "assign", unit=land_bureau.pk,
              deadline=timezone.localdate().isoformat())
    response = post_step(client, raised, "assign", unit=land_bureau.pk,
                         deadline=(timezone.localdate() - timedelta(days=1)).isoformat())
    assert '<details class="card reassign" id="reassign" open>' in response.content.decode()


def test_the_days_left_are_in_full_width_brackets_in_chinese(client, cast, raised, land_bureau):
    client.force_login(cast["longting"])
    post_step(client, raised, "accept")
    deadline = timezone.localdate() + timedelta(days=19)
    post_step(client, raised, "assign", unit=land_bureau.pk, deadline=deadline.isoformat())
    page = client.get(raised.get_absolute_url()).content.decode()
    assert f"{deadline.isoformat()}（还剩 19 天）" in page
    client.cookies["django_language"] = "en"
    page = client.get(raised.get_absolute_url()).content.decode()
    assert f"{deadline.isoformat()} (19 days left)" in page

    Problem.objects.filter(pk=raised.pk).update(
        deadline=timezone.localdate() - timedelta(days=3))
    client.cookies["django_language"] = "zh-hans"
    page = client.get(raised.get_absolute_url()).content.decode()
    assert "（超期 3 天）" in page and "(超期" not in page


def test_working_days_are_named_inside_the_brackets(client, cast, raised, land_bureau, settings):
    settings.TUIJIN_PROBLEM_DAYS = "working"
    client.force_login(cast["longting"])
    post_step(client, raised, "accept")
    post_step(client, raised, "assign", unit=land_bureau.pk,
              deadline=(timezone.localdate() + timedelta(days=30)).isoformat())
    page = client.get(raised.get_absolute_url()).content.decode()
    assert "个工作日）" in page and ", 工作日" not in page


def test_the_detail_page_offers_only_the_steps_the_user_may_take(client, cast, raised):
    client.force_login(cast["longting"])
    offered = [f.action for f in client.get(raised.get_absolute_url()).context["step_forms"]]
    assert offered == ["accept", "decline"]
    client.force_login(cast["owner"])
    assert client.get(raised.get_absolute_url()).context["step_forms"] == []


def test_the_owner_cannot_accept_its_own_problem(client, cast, raised):
    client.force_login(cast["owner"])
    assert post_step(client, raised, "accept").status_code == 403


def test_another_district_gets_404(client, cast, raised):
    client.force_login(cast["qixian"])
    assert client.get(raised.get_absolute_url()).status_code == 404
    assert post_step(client, raised, "accept").status_code == 404


def test_a_step_from_the_wrong_state_is_shown_and_changes_nothing(client, cast, raised):
    client.force_login(cast["admin"])
    assert post_step(client, raised, "sign").status_code == 403  # the city is not the unit
    client.cookies["django_language"] = "en"
    response = post_step(client, raised, "close")
    assert response.status_code == 200
    assert "cannot take the step" in response.content.decode()
    raised.refresh_from_db()
    assert raised.state == "raised"


def test_a_missing_reason_is_named_on_its_field_in_english(client, cast, raised):
    client.force_login(cast["longting"])
    client.cookies["django_language"] = "en"
    response = post_step(client, raised, "decline", comment="")
    form = next(f for f in response.context["step_forms"] if f.action == "decline")
    assert "Say why the project unit should solve this itself." in form.errors["comment"][0]
    assert 'id="errors-comment"' in response.content.decode()


def test_a_missing_deadline_is_named_on_its_field_in_chinese(client, cast, raised, land_bureau):
    client.force_login(cast["longting"])
    post_step(client, raised, "accept")
    client.cookies["django_language"] = "zh-hans"
    response = post_step(client, raised, "assign", unit=land_bureau.pk)
    form = next(f for f in response.context["step_forms"] if f.action == "assign")
    assert "请填写办理时限" in form.errors["deadline"][0]


def test_the_deadline_messages_use_the_fields_own_label(client, cast, raised, land_bureau):
    """The walk found 办理时限 in the message under a field labelled 完成时限."""
    client.force_login(cast["longting"])
    post_step(client, raised, "accept")
    client.cookies["django_language"] = "zh-hans"
    response = post_step(client, raised, "assign", unit=land_bureau.pk,
                         deadline=(timezone.localdate() - timedelta(days=1)).isoformat())
    html = response.content.decode()
    assert '<label for="id_assign-deadline">办理时限</label>' in html
    assert '<label for="id_assign-days">或办理时限（天）</label>' in html
    form = next(f for f in response.context["step_forms"] if f.action == "assign")
    assert form.errors["deadline"][0].startswith("办理时限 ")
    response = post_step(client, raised, "assign", unit=land_bureau.pk, days=5,
                         deadline=(timezone.localdate() + timedelta(days=5)).isoformat())
    form = next(f for f in response.context["step_forms"] if f.action == "assign")
    assert "办理时限只能填日期或天数中的一项" in form.errors["deadline"][0]
    assert "完成时限" not in response.content.decode()
    post_step(client, raised, "assign", unit=land_bureau.pk,
              deadline=(timezone.localdate() + timedelta(days=5)).isoformat())
    assert "<dt>办理时限</dt>" in client.get(raised.get_absolute_url()).content.decode()


def test_a_unit_that_does_not_exist_is_named_on_its_field(client, cast, raised):
    client.force_login(cast["admin"])
    post_step(client, raised, "accept")
    response = post_step(client, raised, "assign", unit=10**6,
                         deadline=timezone.localdate().isoformat())
    form = next(f for f in response.context["step_forms"] if f.action == "assign")
    assert "unit" in form.errors
    raised.refresh_from_db()
    assert raised.state == "accepted"


def test_the_list_filters_by_state_district_category_and_overdue(client, cast, plan, raised,
                                                                 owner_org):
    other = make_project(plan, district="410221", owner=owner_org, name="杞县项目")
    money = ProblemCategory.objects.get(name="资金")
    problem_raise(project=other, user=cast["admin"],
                  data=ProblemInput(category_id=money.pk, description="资金未到位"))
    client.force_login(cast["admin"])
    url = reverse("problems:list", args=[plan.slug])

    def shown(query):
        return [row.problem.project.name for row in client.get(url + query).context["rows"]]

    assert sorted(shown("")) == ["宋都古城保护项目", "杞县项目"]
    assert shown("?district=410221") == ["杞县项目"]
    assert shown("?category=用地") == ["宋都古城保护项目"]
    assert shown("?state=accepted") == []
    assert shown("?overdue=on") == []
    client.force_login(cast["longting"])
    assert shown("") == ["宋都古城保护项目"]


# The list's filters each role is offered (the hidden ``project`` filter comes from a project's
# page): the city office and the leaders follow every district and unit; a district user its
# own district's problems and its district government's; a bureau what it is assigned and what
# it reads city-wide; an owner only its own projects' problems.
FILTERS_BY_ROLE = {
    "admin": ["state", "overdue", "district", "category", "unit", "project"],
    "leader": ["state", "overdue", "district", "category", "unit", "project"],
    "longting": ["state", "overdue", "mine", "category", "unit", "project"],
    "bureau": ["state", "overdue", "mine", "district", "category", "unit", "project"],
    "owner": ["state", "overdue", "category", "project"],
}


@pytest.fixture
def two_districts(cast, plan, raised, land_bureau):
    """The owner's problem in 龙亭区, assigned to the land bureau; another owner's in 杞县."""
    other = make_project(plan, district="410221", name="杞县项目",
                         owner=make_owner("杞县另一建设有限公司", district="410221"))
    problem_raise(project=other, user=cast["admin"], data=ProblemInput(
        category_id=ProblemCategory.objects.get(name="资金").pk, description="资金未到位"))
    steps = [("accept", {}), ("assign", {"unit_id": land_bureau.pk,
                                         "deadline": timezone.localdate()})]
    for action, kw in steps:
        problem_step(problem=raised, action=action, user=cast["admin"],
                     version=Problem.objects.get(pk=raised.pk).version, **kw)
    return plan


@pytest.mark.parametrize("role", list(FILTERS_BY_ROLE))
def test_each_role_is_offered_the_filters_that_mean_something_to_it(client, cast,
                                                                     two_districts, role):
    client.force_login(cast[role])
    page = client.get(reverse("problems:list", args=[two_districts.slug]))
    assert list(page.context["form"].fields) == FILTERS_BY_ROLE[role]
    # The link to the unit's own list goes with the "assigned to me" filter.
    assert ('id="to-mine"' in page.content.decode()) == ("mine" in FILTERS_BY_ROLE[role])


def test_an_owner_is_offered_its_own_list_once_a_problem_is_assigned_to_it(
        client, cast, two_districts, raised, owner_org):
    problem_step(problem=raised, action="assign", user=cast["admin"],
                 version=Problem.objects.get(pk=raised.pk).version, unit_id=owner_org.pk,
                 deadline=timezone.localdate())
    client.force_login(cast["owner"])
    page = client.get(reverse("problems:list", args=[two_districts.slug]))
    assert "mine" in page.context["form"].fields
    assert 'id="to-mine"' in page.content.decode()


def test_a_filter_the_address_asks_for_is_shown_and_applied(client, cast, two_districts,
                                                            raised, land_bureau, project):
    """A dashboard's link to a unit's problems: the owner sees the filter it applied, to clear."""
    problem_raise(project=project, user=cast["owner"], data=ProblemInput(
        category_id=ProblemCategory.objects.get(name="资金").pk, description="资金未到位"))
    client.force_login(cast["owner"])
    url = reverse("problems:list", args=[two_districts.slug])
    page = client.get(url + f"?unit={land_bureau.pk}")
    assert "unit" in page.context["form"].fields
    assert [row.problem for row in page.context["rows"]] == [raised]
    assert len(client.get(url).context["rows"]) == 2


def test_a_district_government_unit_is_answered_by_its_district_users(client, cast, raised):
    government = Organisation.objects.create(
        name="龙亭区人民政府", kind=Organisation.Kind.DISTRICT_GOVERNMENT,
        division=Division.objects.get(code="410202"))
    client.force_login(cast["admin"])
    post_step(client, raised, "accept")
    post_step(client, raised, "assign", unit=government.pk,
              deadline=timezone.localdate().isoformat())
    client.force_login(cast["longting"])
    assert post_step(client, raised, "sign").status_code == 302
    client.force_login(cast["qixian"])
    assert post_step(client, raised, "answer", comment="x").status_code == 404


def test_a_problem_whose_raiser_and_step_users_are_gone_still_opens(client, cast, raised):
    """Accounts are SET_NULL on delete (and demo steps have no user): the page shows “—”
    instead of failing on the missing name."""
    Problem.objects.filter(pk=raised.pk).update(raised_by=None)
    raised.events.update(by=None)
    client.force_login(cast["admin"])
    page = client.get(reverse("problems:detail", args=[raised.pk]))
    assert page.status_code == 200
    assert "—" in page.content.decode()


def test_assigning_again_with_nothing_changed_says_so_on_the_form(client, cast, raised,
                                                                    land_bureau):
    client.force_login(cast["longting"])
    post_step(client, raised, "accept")
    deadline = (timezone.localdate() + timedelta(days=5)).isoformat()
    post_step(client, raised, "assign", unit=land_bureau.pk, deadline=deadline)
    steps = raised.events.count()
    response = post_step(client, raised, "assign", unit=land_bureau.pk, deadline=deadline)
    form = next(f for f in response.context["step_forms"] if f.action == "assign")
    assert "单位和办理时限都没有变化" in form.errors["unit"][0]
    assert raised.events.count() == steps


@pytest.mark.parametrize("days", ["-1", "367"])
def test_days_out_of_range_say_what_is_allowed(client, cast, raised, land_bureau, days):
    """The walk found Django's "确保该值小于或等于366。" under the days."""
    client.force_login(cast["longting"])
    post_step(client, raised, "accept")
    response = post_step(client, raised, "assign", unit=land_bureau.pk, days=days)
    form = next(f for f in response.context["step_forms"] if f.action == "assign")
    assert "办理天数应在 0 到 366 之间" in form.errors["days"][0]
    assert "确保" not in form.errors["days"][0]
    assert 'max="366"' in response.content.decode()


def test_a_deadline_of_today_is_due_today(client, cast, raised, land_bureau):
    """The walk found "（还剩 0 天）"."""
    client.force_login(cast["longting"])
    post_step(client, raised, "accept")
    post_step(client, raised, "assign", unit=land_bureau.pk, days="0")
    page = client.get(raised.get_absolute_url()).content.decode()
    assert f"{timezone.localdate().isoformat()}（今天到期）" in page


def test_the_assign_form_offers_the_projects_district_first_and_never_another_district(
        client, cast, raised, land_bureau):
    """The walk found other counties' governments and a company in the list, in no order."""
    longting = Organisation.objects.create(
        name="龙亭区人民政府", kind=Organisation.Kind.DISTRICT_GOVERNMENT,
        division=Division.objects.get(code="410202"))
    Organisation.objects.create(name="兰考县人民政府", kind=Organisation.Kind.DISTRICT_GOVERNMENT,
                                division=Division.objects.get(code="410225"))
    make_owner("别家建设公司")
    problem_step(problem=raised, action="accept", user=cast["longting"],
                 version=raised.version)
    client.force_login(cast["longting"])
    page = client.get(reverse("problems:detail", args=[raised.pk]))
    assign = next(form for form in page.context["step_forms"] if form.action == "assign")
    units = list(assign.fields["unit"].queryset)
    assert units[0] == longting and units[-1] == raised.project.owner
    assert land_bureau in units
    assert {u.name for u in units}.isdisjoint({"兰考县人民政府", "别家建设公司"})
