"""Progress pages: scope, months, no data, click-through and query counts (issue 4)."""

import random
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_project, make_report


def get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


@pytest.fixture
def programme(plan):
    longting = make_project(plan, name="龙亭制造项目", district="410202",
                            domain="manufacturing", annual_plan_wan="1000", is_industrial=True)
    make_report(longting, 6, "500", "500")
    qixian = make_project(plan, name="杞县生态项目", district="410221", domain="ecology",
                          annual_plan_wan="1000")
    make_report(qixian, 6, "100", "100")
    silent = make_project(plan, name="杞县缺报项目", district="410221", domain="ecology",
                          annual_plan_wan="1000")
    return {"longting": longting, "qixian": qixian, "silent": silent}


def city_url(plan):
    return reverse("progress:city", args=[plan.slug])


@pytest.mark.parametrize("role", ["admin", "leader", "bureau"])
def test_city_roles_see_the_city_dashboard(client, cast, plan, programme, role):
    response = get(client, cast[role], city_url(plan), month="2023-06")
    assert response.status_code == 200
    d = response.context["d"]
    assert d.total.totals.projects == 3
    assert d.total.totals.completion == D("0.2")
    content = response.content.decode()
    assert "杞县缺报项目" in content  # listed as missing, not silently zero


def test_anonymous_is_sent_to_log_in(client, plan):
    response = client.get(city_url(plan))
    assert response.status_code == 302 and "login" in response["Location"]


def test_district_user_is_sent_to_their_district(client, cast, plan, programme):
    response = get(client, cast["longting"], city_url(plan), month="2023-06")
    assert response["Location"] == (
        reverse("progress:district", args=[plan.slug, "410202"]) + "?month=2023-06")


def test_district_user_gets_404_for_other_districts_dashboard(client, cast, plan, programme):
    url = reverse("progress:district", args=[plan.slug, "410221"])
    assert get(client, cast["longting"], url).status_code == 404
    assert get(client, cast["qixian"], url).status_code == 200


def test_district_dashboard_shows_only_that_district(client, cast, plan, programme):
    url = reverse("progress:district", args=[plan.slug, "410221"])
    response = get(client, cast["admin"], url, month="2023-06")
    d = response.context["d"]
    assert d.total.totals.projects == 2 and d.total.totals.missing == 1
    assert "龙亭制造项目" not in response.content.decode()


def test_district_user_gets_404_for_other_districts_project(client, cast, plan, programme):
    url = reverse("progress:project", args=[plan.slug, programme["qixian"].pk])
    assert get(client, cast["longting"], url).status_code == 404
    assert get(client, cast["qixian"], url).status_code == 200


def test_month_outside_the_plans_year_is_404_with_a_message(client, cast, plan, programme):
    response = get(client, cast["admin"], city_url(plan), month="2024-01")
    assert response.status_code == 404
    assert "2023-01" in response.content.decode()


def test_garbage_month_is_404_with_a_message(client, cast, plan):
    response = get(client, cast["admin"], city_url(plan), month="June")
    assert response.status_code == 404
    assert "2023-06" in response.content.decode()  # the hint shows how to write it


def test_plan_without_projects_says_no_data(client, cast, plan):
    response = get(client, cast["admin"], city_url(plan), month="2023-06")
    assert response.status_code == 200
    assert 'id="no-data"' in response.content.decode()


def test_month_without_reports_shows_all_missing_without_crashing(client, cast, plan,
                                                                  programme):
    response = get(client, cast["admin"], city_url(plan), month="2023-02")
    d = response.context["d"]
    assert d.total.totals.missing == 3 and d.total.totals.cumulative_wan == 0


def test_domain_bar_links_to_its_projects(client, cast, plan, programme):
    response = get(client, cast["admin"], city_url(plan), month="2023-06")
    chart = response.context["chart_data"]
    ecology = next(item for item in chart["domains"] if item["name"] == "生态环保")
    listing = get(client, cast["admin"], ecology["url"])
    names = {project.name for project, _ in listing.context["rows"]}
    assert names == {"杞县生态项目", "杞县缺报项目"}


def test_light_filter_lists_the_projects_of_that_light(client, cast, plan, programme):
    url = reverse("progress:projects", args=[plan.slug])
    red = get(client, cast["admin"], url, month="2023-06", light="red")
    assert {p.name for p, _ in red.context["rows"]} == {"杞县生态项目", "杞县缺报项目"}
    missing = get(client, cast["admin"], url, month="2023-06", light="missing")
    assert [p.name for p, v in missing.context["rows"]] == ["杞县缺报项目"]
    assert missing.context["rows"][0][1].is_missing


def test_project_page_explains_each_months_light(client, cast, plan, programme):
    make_report(programme["longting"], 5, "0", "0")
    url = reverse("progress:project", args=[plan.slug, programme["longting"].pk])
    response = get(client, cast["admin"], url)
    months = response.context["months"]
    assert [m.verdict.light for m in months][4:] == ["red", "green"]
    assert months[0].verdict.is_missing
    assert months[5].verdict.rule in response.content.decode()


def test_indicators_and_discipline_pages_render(client, cast, plan, programme):
    for name in ("progress:indicators", "progress:discipline"):
        response = get(client, cast["admin"], reverse(name, args=[plan.slug]),
                       month="2023-06")
        assert response.status_code == 200


def test_domain_page_narrows_to_the_domain(client, cast, plan, programme):
    url = reverse("progress:domain", args=[plan.slug, "ecology"])
    response = get(client, cast["admin"], url, month="2023-06")
    assert response.context["d"].total.totals.projects == 2


def _grow(plan, n, seed):
    rng = random.Random(seed)
    for i in range(n):
        project = make_project(plan, name=f"p{seed}-{i}", domain=rng.choice(
            ["innovation", "ecology", "services"]), district=rng.choice(["410202", "410221"]))
        make_report(project, 6, "100", "100")


@pytest.mark.parametrize("name", ["progress:city", "progress:indicators"])
def test_dashboard_page_queries_do_not_grow_with_projects(client, cast, plan, name):
    client.force_login(cast["admin"])
    url = reverse(name, args=[plan.slug])
    _grow(plan, 3, 1)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url, {"month": "2023-06"}).status_code == 200
    _grow(plan, 40, 2)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url, {"month": "2023-06"}).status_code == 200
    assert len(small.captured_queries) == len(large.captured_queries)


def test_curve_is_fetched_after_the_page_and_stays_in_scope(client, cast, plan, programme):
    url = reverse("progress:curve", args=[plan.slug])
    city = get(client, cast["admin"], url, month="2023-06").json()["curve"]
    assert len(city) == 6 and city[5]["completion"] == 20.0 and city[0]["completion"] is None
    own = get(client, cast["longting"], url, month="2023-06", district="410202").json()
    assert own["curve"][5]["completion"] == 50.0
    assert get(client, cast["longting"], url, district="410221").status_code == 404
    assert get(client, cast["admin"], url, month="2022-06").status_code == 404
