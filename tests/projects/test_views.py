"""Project pages: the scoped, filtered, paginated list and the project page (issue 2 item 5)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_owner, make_project, make_report
from tuijin.projects.views import PAGE_SIZE


def get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


@pytest.fixture
def library(plan, owner_org):
    return {
        "longting": make_project(plan, name="龙亭石墨电极项目", district="410202",
                                 owner=owner_org, is_industrial=True,
                                 code="2023-410202-30-03-000001",
                                 total_investment_wan="123456.78", annual_plan_wan="23456.7"),
        "longting_city": make_project(plan, name="龙亭城市更新项目", district="410202",
                                      domain="urban-renewal"),
        "qixian": make_project(plan, name="杞县全钒液流电池项目", district="410221",
                               nature="continuing", owner=make_owner("杞县储能公司", "410221")),
    }


def names(response) -> set[str]:
    return {p.name for p in response.context["page"]}


def test_projects_home_redirects_to_the_latest_plans_list(client, cast, plan):
    response = get(client, cast["owner"], reverse("projects:home"))
    assert response["Location"] == reverse("projects:list", args=[plan.slug])
    assert response["Location"] == "/projects/test-2023/"


def test_district_user_lists_only_their_district(client, cast, plan, library):
    response = get(client, cast["longting"], reverse("projects:list", args=[plan.slug]))
    assert names(response) == {"龙亭石墨电极项目", "龙亭城市更新项目"}


def test_a_district_user_is_not_offered_other_districts(client, cast, plan, library):
    """The walk found all 11 districts offered to a 龙亭 user (any other listed nothing)."""
    form = get(client, cast["longting"], reverse("projects:list", args=[plan.slug])
               ).context["form"]
    assert "district" not in form.fields
    form = get(client, cast["admin"], reverse("projects:list", args=[plan.slug])).context["form"]
    assert {"410202", "410221"} < {code for code, _ in form.fields["district"].choices}


def test_owner_lists_only_their_organisations_projects(client, cast, plan, library):
    response = get(client, cast["owner"], reverse("projects:list", args=[plan.slug]))
    assert names(response) == {"龙亭石墨电极项目"}


@pytest.mark.parametrize(("params", "expected"), [
    ({"district": "410221"}, {"杞县全钒液流电池项目"}),
    ({"domain": "urban-renewal"}, {"龙亭城市更新项目"}),
    ({"industrial": "1"}, {"龙亭石墨电极项目"}),
    ({"industrial": "0"}, {"龙亭城市更新项目", "杞县全钒液流电池项目"}),
    ({"nature": "continuing"}, {"杞县全钒液流电池项目"}),
    ({"q": "钒液流"}, {"杞县全钒液流电池项目"}),
    ({"q": "410202-30-03"}, {"龙亭石墨电极项目"}),
    ({"district": "410202", "industrial": "0"}, {"龙亭城市更新项目"}),
    ({"district": "999999"}, set()),
])
def test_list_filters(client, cast, plan, library, params, expected):
    response = get(client, cast["admin"], reverse("projects:list", args=[plan.slug]), **params)
    assert names(response) == expected


def test_district_filter_cannot_widen_a_district_users_scope(client, cast, plan, library):
    response = get(client, cast["longting"], reverse("projects:list", args=[plan.slug]),
                   district="410221")
    assert names(response) == set()


def test_list_shows_amounts_in_wan_with_thousands_separators(client, cast, plan, library):
    make_report(library["longting"], 1, "1000", "1000")
    make_report(library["longting"], 2, "234.5", "1234.5")
    html = get(client, cast["admin"], reverse("projects:list", args=[plan.slug])).content.decode()
    assert "2023-410202-30-03-000001" in html
    assert "123,456.78" in html and "23,456.70" in html
    assert "1,234.50" in html  # the latest cumulative, February's


def test_pagination_keeps_the_filters(client, cast, plan):
    for number in range(PAGE_SIZE + 3):
        make_project(plan, name=f"项目{number:03d}", district="410221")
    make_project(plan, name="龙亭项目", district="410202")
    url = reverse("projects:list", args=[plan.slug])
    first = get(client, cast["admin"], url, district="410221")
    assert len(first.context["page"]) == PAGE_SIZE
    assert "?district=410221&amp;page=2" in first.content.decode()
    second = client.get(url, {"district": "410221", "page": 2})
    assert len(second.context["page"]) == 3
    assert "龙亭项目" not in names(second)


def test_project_list_queries_do_not_grow_with_the_projects(client, cast, plan):
    url = reverse("projects:list", args=[plan.slug])
    client.force_login(cast["admin"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def add(count: int) -> None:
        for number in range(count):
            project = make_project(plan, name=f"项目{number}", owner=make_owner(f"单位{number}"))
            make_report(project, 1, "10", "10")
            make_report(project, 2, "5", "15")

    add(5)
    five = queries()
    add(45)
    assert queries() == five


def test_project_page_shows_fields_milestones_and_reports(client, cast, plan, library):
    project = library["longting"]
    project.planned_started_on = datetime(2023, 3, 1).date()
    project.actual_started_on = datetime(2023, 4, 15).date()
    project.save()
    make_report(project, 1, "1000", "1000")
    late = make_report(project, 2, "500", "1500")
    late.submitted_at = datetime(2023, 2, 27, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    late.blockers = "用地指标未落实"
    late.save()
    html = get(client, cast["owner"], project.get_absolute_url()).content.decode()
    assert "龙亭石墨电极项目" in html and "开封测试建设有限公司" in html
    assert "2023-03-01" in html and "2023-04-15" in html
    assert "用地指标未落实" in html
    assert html.count('class="badge late"') == 1 and html.count('class="badge ok"') == 1
    assert 'id="report-2"' in html


def test_district_user_gets_404_for_other_districts_project(client, cast, library):
    response = get(client, cast["longting"], library["qixian"].get_absolute_url())
    assert response.status_code == 404


def test_owner_gets_404_for_another_owners_project(client, cast, library):
    response = get(client, cast["owner"], library["longting_city"].get_absolute_url())
    assert response.status_code == 404


def test_read_only_roles_see_no_edit_buttons(client, cast, library):
    html = get(client, cast["leader"], library["longting"].get_absolute_url()).content.decode()
    assert reverse("projects:edit", args=[library["longting"].pk]) not in html
    assert reverse("projects:report_create", args=[library["longting"].pk]) not in html
