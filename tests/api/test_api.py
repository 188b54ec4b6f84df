"""The JSON API (docs/reference/api.md): tokens act as their user, reports go through the
reporting cycle, errors come in one shape, and the progress figures are the dashboard's."""

import itertools
import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import make_project, make_report
from tuijin.accounts.tokens import token_create
from tuijin.progress.dashboard import dashboard_as_dict
from tuijin.projects.cycle_services import period_lock, period_open
from tuijin.projects.models import MonthlyReport, ReportFiling

API = "/api/v1"
_names = itertools.count()


def bearer(user) -> Client:
    name = f"test-{next(_names)}"
    secret = token_create(user=user, name=name).secret
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.fixture
def project(plan, owner_org):
    return make_project(plan, district="410202", owner=owner_org)


@pytest.fixture
def june(plan, cast):
    return period_open(plan=plan, month=6, user=cast["admin"])


def put(client, url, body, **headers):
    return client.put(url, json.dumps(body), content_type="application/json", **headers)


def post(client, url, body, **headers):
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


# ------------------------------------------------------------------------------ docs


def test_schema_and_docs_are_served_without_a_cdn(client):
    schema = client.get(f"{API}/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/projects/{pk}/reports/{month}" in schema.json()["paths"]
    docs = client.get(f"{API}/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


# ------------------------------------------------------------------------------ tokens


def test_a_token_acts_as_its_user(cast):
    response = bearer(cast["longting"]).get(f"{API}/me")
    assert response.status_code == 200
    assert response.json()["username"] == "district-longting"
    assert response.json()["is_city_wide"] is False


def test_no_token_is_a_401_in_the_error_shape(client):
    response = client.get(f"{API}/me")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    body = response.json()
    assert body["code"] == "unauthorized" and body["details"] == []
    assert "Bearer" in body["message"]


@pytest.mark.parametrize("what", ["revoked", "expired", "unknown", "inactive"])
def test_a_token_that_lets_nobody_in_says_why(cast, what):
    from tuijin.accounts.tokens import token_revoke

    user = cast["owner"]
    made = token_create(user=user, name="t")
    secret = made.secret
    if what == "revoked":
        token_revoke(user=user, name="t")
    elif what == "expired":
        made.token.expires_at = timezone.now() - timedelta(seconds=1)
        made.token.save()
    elif what == "unknown":
        secret = secret[:-2] + "xx"
    else:
        user.is_active = False
        user.save()
    response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(f"{API}/me")
    assert response.status_code == 401
    assert response.json()["code"] == {"revoked": "token_revoked", "expired": "token_expired",
                                       "unknown": "token_invalid",
                                       "inactive": "user_inactive"}[what]


def test_a_token_is_stored_hashed_and_records_its_last_use(cast):
    made = token_create(user=cast["owner"], name="省平台")
    assert made.secret not in (made.token.token_hash, made.token.prefix)
    assert made.secret.startswith(made.token.prefix)
    Client(HTTP_AUTHORIZATION=f"Bearer {made.secret}").get(f"{API}/me")
    made.token.refresh_from_db()
    assert made.token.last_used_at is not None


def test_the_session_reads_but_writes_need_csrf(cast, project, june):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast["owner"])
    assert client.get(f"{API}/projects/{project.pk}").status_code == 200
    response = put(client, f"{API}/projects/{project.pk}/reports/2023-06", {"cumulative_wan": "5"})
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert not ReportFiling.objects.exists()


# ------------------------------------------------------------------------------ reads


def test_projects_are_scoped_filtered_and_paged(cast, plan, owner_org):
    for _ in range(3):
        make_project(plan, district="410202", owner=owner_org)
    make_project(plan, district="410221")
    url = f"{API}/plans/{plan.slug}/projects"
    assert bearer(cast["admin"]).get(url).json()["count"] == 4
    longting = bearer(cast["longting"]).get(url, {"page_size": 2, "page": 2}).json()
    assert (longting["count"], longting["pages"], len(longting["results"])) == (3, 2, 1)
    assert all(p["district"] == "410202" for p in longting["results"])
    assert bearer(cast["admin"]).get(url, {"district": "410221"}).json()["count"] == 1


@pytest.mark.parametrize("size", ["0", "-1", "201", "100000000000000000000", "many"])
def test_a_bad_page_size_is_a_422_naming_it(cast, plan, size):
    response = bearer(cast["admin"]).get(f"{API}/plans/{plan.slug}/projects",
                                         {"page_size": size})
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "page_size"


def test_amounts_are_decimal_strings_and_months_yyyy_mm(cast, project):
    make_report(project, 1, "12.5", "12.5")
    body = bearer(cast["owner"]).get(f"{API}/projects/{project.pk}/reports").json()
    assert body[0]["month"] == "2023-01"
    assert body[0]["cumulative_wan"] == "12.5"
    assert body[0]["counted"] == {"investment_month_wan": "12.5", "cumulative_wan": "12.5"}


def test_another_districts_project_is_a_404(cast, project):
    response = bearer(cast["qixian"]).get(f"{API}/projects/{project.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_progress_figures_are_the_dashboards(cast, plan, project, owner_org, client):
    make_report(project, 1, "10", "10")
    make_report(make_project(plan, district="410221"), 1, "4", "4")
    api = bearer(cast["admin"]).get(f"{API}/plans/{plan.slug}/progress", {"month": "2023-01"})
    assert api.status_code == 200
    client.force_login(cast["admin"])
    page = client.get(f"/progress/{plan.slug}/", {"month": "2023-01"})
    assert api.json() == json.loads(json.dumps(dashboard_as_dict(page.context["d"])))
    assert api.json()["total"]["cumulative_wan"] == "14"
    district = bearer(cast["longting"]).get(f"{API}/plans/{plan.slug}/progress",
                                            {"month": "2023-01", "district": "410202"})
    assert district.json()["total"]["cumulative_wan"] == "10"
    foreign = bearer(cast["longting"]).get(f"{API}/plans/{plan.slug}/progress",
                                           {"district": "410221"})
    assert foreign.status_code == 404


def test_a_month_outside_the_plans_year_is_a_422(cast, plan):
    response = bearer(cast["admin"]).get(f"{API}/plans/{plan.slug}/progress",
                                         {"month": "2019-05"})
    assert response.status_code == 422
    detail = response.json()["details"][0]
    assert detail["field"] == "month" and "2023" in detail["hint"]


# ------------------------------------------------------------------------------ writes


def test_the_owner_submits_and_the_district_approves(cast, project, june):
    url = f"{API}/projects/{project.pk}/reports/2023-06"
    draft = put(bearer(cast["owner"]), url, {"investment_month_wan": "30", "cumulative_wan": "30"})
    assert draft.status_code == 200, draft.json()
    assert draft.json()["state"] == "draft"
    submitted = put(bearer(cast["owner"]), url,
                    {"cumulative_wan": "30", "submit": True, "version": draft.json()["version"]})
    assert submitted.json()["state"] == "submitted"
    approved = post(bearer(cast["longting"]), f"{url}/review",
                    {"action": "approve", "version": submitted.json()["version"]})
    assert approved.status_code == 200, approved.json()
    assert approved.json()["state"] == "approved"
    assert MonthlyReport.objects.get(project=project, month=6).cumulative_wan == 30


def test_a_stale_version_is_refused(cast, project, june):
    url = f"{API}/projects/{project.pk}/reports/2023-06"
    client = bearer(cast["owner"])
    first = put(client, url, {"cumulative_wan": "30"}).json()
    put(client, url, {"cumulative_wan": "31", "version": first["version"]})
    stale = put(client, url, {"cumulative_wan": "32", "version": first["version"]})
    assert 400 <= stale.status_code < 500
    assert ReportFiling.objects.get().cumulative_wan == 31


def test_a_locked_month_refuses_a_report_and_writes_nothing(cast, plan, project, june):
    period_lock(plan=plan, month=6, user=cast["admin"])
    response = put(bearer(cast["owner"]), f"{API}/projects/{project.pk}/reports/2023-06",
                   {"cumulative_wan": "30", "submit": True})
    assert response.status_code == 422
    assert response.json()["details"][0]["message"]
    assert not ReportFiling.objects.exists()


def test_a_bad_amount_names_its_field_with_a_hint(cast, project, june):
    response = put(bearer(cast["owner"]), f"{API}/projects/{project.pk}/reports/2023-06",
                   {"cumulative_wan": "12,5"})
    assert response.status_code == 422
    detail = response.json()["details"][0]
    assert detail["field"] == "cumulative_wan" and "12.5" in detail["hint"]


@pytest.mark.parametrize("body", [{"cumulative_wan": 5}, {"submit": "maybe"},
                                  {"colour": "red"}, [1, 2]])
def test_wrong_types_and_unknown_fields_are_422(cast, project, june, body):
    response = put(bearer(cast["owner"]), f"{API}/projects/{project.pk}/reports/2023-06", body)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert not ReportFiling.objects.exists()


def test_a_body_that_is_not_json_is_a_400(cast, project, june):
    response = bearer(cast["owner"]).put(f"{API}/projects/{project.pk}/reports/2023-06",
                                         "{nope", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_read_only_roles_get_403_and_strangers_404_on_writes(cast, project, june):
    url = f"{API}/projects/{project.pk}/reports/2023-06"
    assert put(bearer(cast["leader"]), url, {"cumulative_wan": "1"}).status_code == 403
    assert put(bearer(cast["qixian"]), url, {"cumulative_wan": "1"}).status_code == 404
    assert not ReportFiling.objects.exists()


# ------------------------------------------------------------------------------ language


def test_messages_follow_accept_language(client):
    chinese = client.get(f"{API}/me").json()["message"]
    english = client.get(f"{API}/me", HTTP_ACCEPT_LANGUAGE="en").json()["message"]
    assert english.startswith("Log in")
    assert chinese != english
