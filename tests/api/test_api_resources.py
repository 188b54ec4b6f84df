"""The API's resources beyond reports (docs/reference/api.md): the plan's content, months opened,
locked and reopened by the city office, a locked month's report reopened and corrected,
rankings (the dashboard's), problems and their steps, and the write limit per token."""

import json
from datetime import date

import pytest
from django.utils import timezone

from tests.api.test_api import API, bearer, post, put
from tests.factories import make_project, make_report
from tuijin.api import ratelimit
from tuijin.api.ratelimit import decide
from tuijin.core.periods import Period
from tuijin.plans.models import Indicator, KeyTask, Measure, Target
from tuijin.problems.models import Problem, ProblemCategory
from tuijin.problems.services import ProblemInput, problem_raise
from tuijin.progress.selectors import dashboard_for
from tuijin.projects.cycle_services import FilingInput, filing_save, period_lock, period_open
from tuijin.projects.models import MonthlyReport, ReportFiling, ReportingPeriod


@pytest.fixture
def project(plan, owner_org):
    return make_project(plan, district="410202", owner=owner_org)


# ------------------------------------------------------------------------------ plan content


def test_the_plan_comes_with_its_key_works_measures_indicators_and_targets(cast, plan):
    task = KeyTask.objects.create(plan=plan, number=5, title="上项目，持续蓄势赋能")
    parent = Measure.objects.create(key_task=task, number=1, title="实施“8232”投资计划")
    Measure.objects.create(key_task=task, parent=parent, number=1, title="三个一批")
    indicator = Indicator.objects.create(plan=plan, key_task=task, code="investment",
                                         name="完成投资", unit="亿元")
    Target.objects.create(indicator=indicator, comparator="gte", value="3000", unit="亿元",
                          commitment="must", wording="确保完成投资3000亿元")
    body = bearer(cast["longting"]).get(f"{API}/plans/{plan.slug}/content").json()
    [work] = body["key_tasks"]
    assert (work["number"], work["title"]) == (5, "上项目，持续蓄势赋能")
    assert work["measures"][0]["title"] == "实施“8232”投资计划"
    assert work["measures"][0]["measures"][0]["title"] == "三个一批"
    [ind] = body["indicators"]
    assert (ind["code"], ind["key_task"]) == ("investment", 5)
    assert ind["targets"] == [{
        "comparator": "gte", "value": "3000", "unit": "亿元", "tolerance": None,
        "commitment": "must", "basis": "level", "baseline_value": None,
        "baseline_year": None, "wording": "确保完成投资3000亿元"}]
    assert {d["code"] for d in body["domains"]} >= {"manufacturing"}


# ------------------------------------------------------------------------------ periods


def test_the_city_office_opens_locks_and_reopens_a_month(cast, plan):
    admin = bearer(cast["admin"])
    base = f"{API}/plans/{plan.slug}/periods/2023-07"
    opened = post(admin, f"{base}/open", {"due_on": "2023-08-05"})
    assert opened.status_code == 200, opened.json()
    assert opened.json() == {**opened.json(), "month": "2023-07", "state": "open",
                             "due_on": "2023-08-05"}
    assert post(admin, f"{base}/lock", {}).json()["state"] == "locked"
    refused = post(admin, f"{base}/reopen", {"reason": ""})
    assert refused.status_code == 422
    assert refused.json()["details"][0]["field"] == "reason"
    reopened = post(admin, f"{base}/reopen", {"reason": "补报漏报项目"})
    assert reopened.json()["state"] == "open"
    assert ReportingPeriod.objects.get(plan=plan, month=7).history.first().history_change_reason \
        == "补报漏报项目"


def test_opening_a_month_twice_is_a_422_naming_the_month(cast, plan):
    admin = bearer(cast["admin"])
    post(admin, f"{API}/plans/{plan.slug}/periods/2023-07/open", {})
    again = post(admin, f"{API}/plans/{plan.slug}/periods/2023-07/open", {},
                 HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 422
    assert again.json()["details"][0]["field"] == "month"
    assert "already open" in again.json()["message"]


def test_only_the_city_office_manages_months(cast, plan):
    for role in ("leader", "longting", "owner", "bureau"):
        response = post(bearer(cast[role]), f"{API}/plans/{plan.slug}/periods/2023-07/open", {})
        assert response.status_code == 403, role
    assert not ReportingPeriod.objects.filter(plan=plan).exists()


# ------------------------------------------------------------------------------ corrections


def test_a_locked_months_report_is_reopened_corrected_and_resubmitted(cast, plan, project):
    period_open(plan=plan, month=6, user=cast["admin"])
    filing_save(project=project, month=6, user=cast["owner"], submit=True,
                data=FilingInput(investment_month_wan=None, cumulative_wan=30))
    period_lock(plan=plan, month=6, user=cast["admin"])
    url = f"{API}/projects/{project.pk}/reports/2023-06"
    owner = bearer(cast["owner"])
    locked = put(owner, url, {"cumulative_wan": "35", "submit": True})
    assert locked.status_code in (409, 422)
    assert MonthlyReport.objects.get(project=project, month=6).cumulative_wan == 30
    assert post(bearer(cast["longting"]), f"{url}/reopen",
                {"reason": "数字有误"}).status_code == 403
    reopened = post(bearer(cast["admin"]), f"{url}/reopen", {"reason": "数字有误"})
    assert reopened.status_code == 200, reopened.json()
    assert reopened.json()["is_reopened"] is True
    corrected = put(owner, url, {"cumulative_wan": "35", "submit": True,
                                 "version": reopened.json()["version"]})
    assert corrected.status_code == 200, corrected.json()
    assert MonthlyReport.objects.get(project=project, month=6).cumulative_wan == 35


def test_a_report_for_another_district_is_a_404_and_writes_nothing(cast, plan):
    foreign = make_project(plan, district="410221")
    period_open(plan=plan, month=6, user=cast["admin"])
    response = put(bearer(cast["longting"]), f"{API}/projects/{foreign.pk}/reports/2023-06",
                   {"cumulative_wan": "10", "submit": True})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert not ReportFiling.objects.filter(project=foreign).exists()


def test_another_users_token_acts_as_that_user_only(cast, project):
    # A token of the 杞县 user, whoever sends it, sees 杞县's scope: 龙亭区's project is a 404.
    stranger = bearer(cast["qixian"])
    assert stranger.get(f"{API}/projects/{project.pk}").status_code == 404
    assert stranger.get(f"{API}/me").json()["username"] == "district-qixian"


# ------------------------------------------------------------------------------ rankings


def test_rankings_are_the_dashboards(cast, plan, owner_org):
    a = make_project(plan, district="410202", owner=owner_org, annual_plan_wan="100")
    b = make_project(plan, district="410221", annual_plan_wan="100")
    make_report(a, 1, "50", "50")
    make_report(b, 1, "5", "5")
    body = bearer(cast["leader"]).get(f"{API}/plans/{plan.slug}/rankings",
                                      {"month": "2023-01"}).json()
    d = dashboard_for(cast["leader"], plan=plan, period=Period(2023, 1))
    assert [(r["rank"], r["code"]) for r in body["districts"]] == [
        (line.rank, line.ref.code) for line in d.by_district]
    assert [r["code"] for r in body["districts"]] == ["410202", "410221"]
    assert body["districts"][0]["completion"] == "0.5"
    assert body["month"] == "2023-01"
    # A district user's ranking holds only their district.
    own = bearer(cast["longting"]).get(f"{API}/plans/{plan.slug}/rankings",
                                       {"month": "2023-01"}).json()
    assert [r["code"] for r in own["districts"]] == ["410202"]


# ------------------------------------------------------------------------------ problems


@pytest.fixture
def raised(cast, project):
    return problem_raise(project=project, user=cast["owner"], data=ProblemInput(
        category_id=ProblemCategory.objects.get(name="用地").pk,
        description="用地指标未落实，影响二期开工"))


def test_problems_are_listed_in_scope_and_read(cast, plan, raised):
    listed = bearer(cast["longting"]).get(f"{API}/plans/{plan.slug}/problems").json()
    assert listed["count"] == 1
    assert listed["results"][0]["description"] == "用地指标未落实，影响二期开工"
    assert bearer(cast["qixian"]).get(f"{API}/plans/{plan.slug}/problems").json()["count"] == 0
    assert bearer(cast["qixian"]).get(f"{API}/problems/{raised.pk}").status_code == 404
    one = bearer(cast["owner"]).get(f"{API}/problems/{raised.pk}").json()
    assert (one["state"], one["category"], one["version"]) == ("raised", "用地", 1)


def test_the_district_accepts_and_assigns_a_problem(cast, plan, raised):
    district = bearer(cast["longting"])
    url = f"{API}/problems/{raised.pk}/steps"
    accepted = post(district, url, {"action": "accept", "version": 1})
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["state"] == "accepted"
    unit = cast["bureau"].organisation
    assigned = post(district, url, {"action": "assign", "unit": unit.pk,
                                    "deadline": "2099-06-30",
                                    "version": accepted.json()["version"]})
    assert assigned.status_code == 200, assigned.json()
    assert (assigned.json()["state"], assigned.json()["unit"]) == ("assigned", unit.name)
    stale = post(district, url, {"action": "sign", "version": 1})
    assert stale.status_code in (403, 422)
    assert Problem.objects.get(pk=raised.pk).state == "assigned"
    # The unit signs for it and answers, with its own token.
    unit_token = bearer(cast["bureau"])
    signed = post(unit_token, url, {"action": "sign", "version": assigned.json()["version"]})
    assert signed.status_code == 200, signed.json()
    answered = post(unit_token, url, {"action": "answer", "comment": "已协调落实用地指标",
                                      "version": signed.json()["version"]})
    assert answered.status_code == 200, answered.json()
    assert (answered.json()["state"], answered.json()["answer"]) == ("answered",
                                                                      "已协调落实用地指标")
    no_comment = post(district, url, {"action": "send_back",
                                      "version": answered.json()["version"]},
                      HTTP_ACCEPT_LANGUAGE="en")
    assert no_comment.status_code == 422
    assert no_comment.json()["details"][0]["field"] == "comment"


def test_the_api_takes_the_pages_range_of_days_with_its_message(cast, raised):
    """The API allowed up to 365 days while the page allowed 366."""
    district = bearer(cast["longting"])
    url = f"{API}/problems/{raised.pk}/steps"
    version = post(district, url, {"action": "accept", "version": 1}).json()["version"]
    unit = cast["bureau"].organisation_id
    too_many = post(district, url, {"action": "assign", "unit": unit, "days": 367,
                                    "version": version}, HTTP_ACCEPT_LANGUAGE="en")
    assert too_many.status_code == 422
    detail = too_many.json()["details"][0]
    assert detail["field"] == "days" and "0 to 366 days" in json.dumps(detail)
    a_year = post(district, url, {"action": "assign", "unit": unit, "days": 366,
                                  "version": version})
    assert a_year.status_code == 200, a_year.json()


def test_a_stranger_cannot_step_a_problem(cast, raised):
    response = post(bearer(cast["qixian"]), f"{API}/problems/{raised.pk}/steps",
                    {"action": "accept", "version": 1})
    assert response.status_code == 404
    assert Problem.objects.get(pk=raised.pk).state == "raised"


def test_the_problem_summary_is_the_bulletins(cast, plan, raised):
    body = bearer(cast["admin"]).get(f"{API}/plans/{plan.slug}/problems/summary",
                                     {"month": "2023-06"}).json()
    assert (body["year"], body["month"], body["total"]) == (2023, 6, 1)
    bad = bearer(cast["admin"]).get(f"{API}/plans/{plan.slug}/problems/summary",
                                    {"month": "2023-13"})
    assert bad.status_code == 422


# ------------------------------------------------------------------------------ write limit


def test_the_window_rule():
    assert decide(count=60, limit=60, now=1000.0).allowed
    refused = decide(count=61, limit=60, now=1000.5)
    assert not refused.allowed
    assert refused.retry_after == 20  # the minute ends at 1020
    assert decide(count=61, limit=60, now=1019.9).retry_after == 1


def test_writes_beyond_the_limit_get_429_with_retry_after_and_write_nothing(cast, plan,
                                                                             project,
                                                                             settings,
                                                                             monkeypatch):
    settings.TUIJIN_API_WRITES_PER_MINUTE = 3
    monkeypatch.setattr(ratelimit, "clock", lambda: 1_800_000_030.0)  # 30 s into a minute
    period_open(plan=plan, month=6, user=cast["admin"])
    owner = bearer(cast["owner"])
    url = f"{API}/projects/{project.pk}/reports/2023-06"
    version = None
    for figure in ("1", "2", "3"):
        response = put(owner, url, {"cumulative_wan": figure, "version": version})
        assert response.status_code == 200, response.json()
        version = response.json()["version"]
    refused = put(owner, url, {"cumulative_wan": "4", "version": version},
                  HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "30"
    assert refused.json()["code"] == "too_many_requests"
    assert "at most 3 a minute" in refused.json()["message"]
    assert ReportFiling.objects.get(project=project, month=6).cumulative_wan == 3
    # Counted per token: the owner's other token, and reads, go on.
    assert put(bearer(cast["owner"]), url, {"cumulative_wan": "4", "version": version}
               ).status_code == 200
    assert owner.get(url).status_code == 200
    chinese = put(owner, url, {"cumulative_wan": "5"})
    assert "每分钟" in chinese.json()["message"]


@pytest.mark.django_db
def test_the_counts_live_in_the_shared_database_cache():
    from django.conf import settings
    from django.core.cache import caches

    assert settings.CACHES["api"]["BACKEND"].endswith("DatabaseCache")
    caches["api"].set("probe", 1)
    assert caches["api"].get("probe") == 1


def test_dates_and_times_are_iso(cast, plan):
    response = post(bearer(cast["admin"]), f"{API}/plans/{plan.slug}/periods/2023-07/open", {})
    opened_at = json.loads(response.content)["opened_at"]
    assert opened_at.startswith(str(timezone.now().year))
    assert date.fromisoformat(response.json()["due_on"]) == date(2023, 7, 25)


# ------------------------------------------------------------------------------ bad input


@pytest.mark.parametrize("path", ["projects", "problems", "rankings", "progress"])
def test_an_unknown_query_parameter_is_a_422_naming_it(cast, plan, path):
    response = bearer(cast["admin"]).get(f"{API}/plans/{plan.slug}/{path}",
                                         {"distrct": "410202"})
    assert response.status_code == 422
    assert response.json()["details"] == [{"field": "distrct", "message": "查询参数无法识别。",
                                           "hint": ""}]


@pytest.mark.parametrize("due_on", ["tomorrow", 3.5, "2023-02-30"])
def test_a_date_that_is_not_one_is_a_422_in_the_callers_language(cast, plan, due_on):
    url = f"{API}/plans/{plan.slug}/periods/2023-07/open"
    chinese = post(bearer(cast["admin"]), url, {"due_on": due_on})
    assert chinese.status_code == 422
    assert chinese.json()["details"][0]["field"] == "due_on"
    assert chinese.json()["details"][0]["message"] == "日期请写成 YYYY-MM-DD。"
    english = post(bearer(cast["admin"]), url, {"due_on": due_on}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["details"][0]["message"] == "Write a date as YYYY-MM-DD."
    assert not ReportingPeriod.objects.filter(plan=plan).exists()
