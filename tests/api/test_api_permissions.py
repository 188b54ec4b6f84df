"""The API's permission matrix: every endpoint × every role, each calling with its own token
(the anonymous caller with none) → expected status. tests/test_permissions.py checks that
every URL name of the "api" namespace has a row here.

The project under test is in 龙亭区 and belongs to the owner's organisation, as in the pages'
matrix: 杞县 is the stranger (404), leader and bureau read and write nothing (403 on writes),
the owner files but does not review. Columns: anonymous, admin, leader, bureau, longting,
qixian, owner.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_project, make_report
from tuijin.accounts.tokens import token_create
from tuijin.problems.models import ProblemCategory
from tuijin.problems.services import ProblemInput, problem_raise
from tuijin.projects.cycle_services import FilingInput, filing_save, period_lock, period_open

ROLES = ("anonymous", "admin", "leader", "bureau", "longting", "qixian", "owner")
SEEN = (401, 200, 200, 200, 200, 404, 200)  # what the project's readers get
UNKNOWN = (401, 404, 404, 404, 404, 404, 404)

APPROVE = '{"action": "approve"}'
ACCEPT = '{"action": "accept", "version": 1}'
REASON = '{"reason": "数字有误，更正"}'

# (url name, path args, method, query or JSON body): statuses in ROLES order.
API_MATRIX = {
    # ninja's root only anchors the other paths: a plain 404 (the docs are at docs/).
    ("api:api-root", (), "get", None): (404, 404, 404, 404, 404, 404, 404),
    ("api:openapi-json", (), "get", None): (200, 200, 200, 200, 200, 200, 200),
    ("api:openapi-view", (), "get", None): (200, 200, 200, 200, 200, 200, 200),
    ("api:me", (), "get", None): (401, 200, 200, 200, 200, 200, 200),
    ("api:plan_list", (), "get", None): (401, 200, 200, 200, 200, 200, 200),
    ("api:plan_detail", ("slug",), "get", None): (401, 200, 200, 200, 200, 200, 200),
    ("api:plan_detail", ("unknown_slug",), "get", None): UNKNOWN,
    ("api:period_list", ("slug",), "get", None): (401, 200, 200, 200, 200, 200, 200),
    ("api:period_list", ("unknown_slug",), "get", None): UNKNOWN,
    ("api:plan_progress", ("slug",), "get", None): (401, 200, 200, 200, 200, 200, 200),
    ("api:plan_progress", ("slug",), "get", "district=410202"):
        (401, 200, 200, 200, 200, 404, 200),
    # Another district's figures: 404 for that district's stranger, as on the district page
    # (the owner may open it, and sees only their own projects' figures there).
    ("api:plan_progress", ("slug",), "get", "district=410221"):
        (401, 200, 200, 200, 404, 200, 200),
    ("api:plan_progress", ("slug",), "get", "month=2023-13"):
        (401, 422, 422, 422, 422, 422, 422),
    ("api:project_list", ("slug",), "get", None): (401, 200, 200, 200, 200, 200, 200),
    ("api:project_list", ("slug",), "get", "page_size=201"):
        (401, 422, 422, 422, 422, 422, 422),
    ("api:project_list", ("unknown_slug",), "get", None): UNKNOWN,
    ("api:project_detail", ("pk",), "get", None): SEEN,
    ("api:project_detail", ("unknown_pk",), "get", None): UNKNOWN,
    ("api:report_list", ("pk",), "get", None): SEEN,
    ("api:report_list", ("unknown_pk",), "get", None): UNKNOWN,
    ("api:report_detail", ("pk", "reported"), "get", None): SEEN,
    ("api:report_detail", ("pk", "unreported"), "get", None): UNKNOWN,
    ("api:report_detail", ("pk", "bad_month"), "get", None): (401, 422, 422, 422, 422, 404, 422),
    ("api:report_detail", ("foreign_pk", "reported"), "get", None):
        (401, 200, 200, 200, 404, 200, 404),
    # An empty draft of the open month: whoever files reports on the project saves it.
    ("api:report_save", ("spare_pk", "open"), "put", "{}"): (401, 200, 403, 403, 200, 404, 200),
    # A body the schema refuses is refused before anything is looked up (the schema is public).
    ("api:report_save", ("spare_pk", "open"), "put", '{"colour": "red"}'):
        (401, 422, 422, 422, 422, 422, 422),
    # The owner's report is waiting for review: nobody changes it meanwhile.
    ("api:report_save", ("pk", "open"), "put", "{}"): (401, 422, 403, 403, 422, 404, 422),
    ("api:report_save", ("unknown_pk", "open"), "put", "{}"): UNKNOWN,
    ("api:report_save", ("foreign_pk", "open"), "put", "{}"): (401, 200, 403, 403, 404, 200, 404),
    # The owner's submitted report: the district and the city office review it.
    ("api:report_review", ("pk", "open"), "post", APPROVE):
        (401, 200, 403, 403, 200, 404, 403),
    ("api:report_review", ("pk", "unreported"), "post", APPROVE):
        (401, 404, 403, 403, 404, 404, 403),
    ("api:report_review", ("foreign_pk", "open"), "post", APPROVE):
        (401, 404, 403, 403, 404, 404, 404),
    # The plan's content: whoever sees the plan.
    ("api:plan_content", ("slug",), "get", None): (401, 200, 200, 200, 200, 200, 200),
    ("api:plan_content", ("unknown_slug",), "get", None): UNKNOWN,
    # Months are the city office's to open, lock and reopen.
    ("api:period_open", ("slug", "july"), "post", "{}"): (401, 200, 403, 403, 403, 403, 403),
    ("api:period_open", ("unknown_slug", "july"), "post", "{}"): UNKNOWN,
    ("api:period_lock", ("slug", "open"), "post", None): (401, 200, 403, 403, 403, 403, 403),
    ("api:period_lock", ("unknown_slug", "open"), "post", None): UNKNOWN,
    ("api:period_reopen", ("slug", "locked"), "post", REASON):
        (401, 200, 403, 403, 403, 403, 403),
    ("api:period_reopen", ("unknown_slug", "locked"), "post", REASON): UNKNOWN,
    # A locked month's report is reopened for correction by the city office only; the
    # stranger district and the owner of another's project learn nothing (404).
    ("api:report_reopen", ("pk", "locked"), "post", REASON): (401, 200, 403, 403, 403, 404, 403),
    ("api:report_reopen", ("foreign_pk", "locked"), "post", REASON):
        (401, 422, 403, 403, 404, 403, 404),
    ("api:report_reopen", ("unknown_pk", "locked"), "post", REASON): UNKNOWN,
    # Rankings: whoever sees the plan, each within their scope.
    ("api:plan_rankings", ("slug",), "get", None): (401, 200, 200, 200, 200, 200, 200),
    ("api:plan_rankings", ("unknown_slug",), "get", None): UNKNOWN,
    # Problems: listed and summed up within the caller's scope; one problem read by its
    # project's readers; a step by whoever handles it (the district, the city office).
    ("api:problem_list", ("slug",), "get", None): (401, 200, 200, 200, 200, 200, 200),
    ("api:problem_list", ("unknown_slug",), "get", None): UNKNOWN,
    ("api:problem_summary", ("slug",), "get", None): (401, 200, 200, 200, 200, 200, 200),
    ("api:problem_summary", ("unknown_slug",), "get", None): UNKNOWN,
    ("api:problem_detail", ("problem",), "get", None): SEEN,
    ("api:problem_detail", ("foreign_problem",), "get", None):
        (401, 200, 200, 200, 404, 200, 404),
    ("api:problem_detail", ("unknown_pk",), "get", None): UNKNOWN,
    ("api:problem_step", ("problem",), "post", ACCEPT): (401, 200, 403, 403, 200, 404, 403),
    ("api:problem_step", ("foreign_problem",), "post", ACCEPT):
        (401, 200, 403, 403, 404, 200, 404),
    ("api:problem_step", ("unknown_pk",), "post", ACCEPT): UNKNOWN,
}


@pytest.mark.parametrize(
    ("name", "args", "method", "data", "role", "expected"),
    [(name, args, method, data, role, statuses[i])
     for (name, args, method, data), statuses in API_MATRIX.items()
     for i, role in enumerate(ROLES)],
)
def test_api_permission_matrix(name, args, method, data, role, expected, cast, plan,
                               owner_org):
    project = make_project(plan, district="410202", owner=owner_org)
    spare = make_project(plan, district="410202", owner=owner_org)
    foreign = make_project(plan, district="410221")
    make_report(project, 1, "10", "10")
    make_report(foreign, 1, "5", "5")
    period_open(plan=plan, month=6, user=cast["admin"])
    filing_save(project=project, month=6, user=cast["owner"], submit=True,
                data=FilingInput(investment_month_wan=None, cumulative_wan=30))
    # March: reported and locked (for reopening the month or one report).
    make_report(project, 3, "0", "10")
    period_open(plan=plan, month=3, user=cast["admin"])
    period_lock(plan=plan, month=3, user=cast["admin"])
    category = ProblemCategory.objects.order_by("pk").first()
    problem, foreign_problem = (
        problem_raise(project=p, user=cast["admin"], data=ProblemInput(
            category_id=category.pk, description="用地指标未落实")) for p in (project, foreign))
    values = {"slug": plan.slug, "unknown_slug": "nowhere-1999", "pk": project.pk,
              "spare_pk": spare.pk, "foreign_pk": foreign.pk, "unknown_pk": foreign.pk + 1000,
              "reported": "2023-01", "unreported": "2023-05", "open": "2023-06",
              "bad_month": "2023-13", "july": "2023-07", "locked": "2023-03",
              "problem": problem.pk, "foreign_problem": foreign_problem.pk}
    headers = {}
    if role != "anonymous":
        secret = token_create(user=cast[role], name="matrix").secret
        headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    url = reverse(name, args=[values[a] for a in args])
    client = Client(**headers)
    if method == "get":
        response = client.get(f"{url}?{data}" if data else url)
    else:
        response = getattr(client, method)(url, data,
                                           content_type="application/json")
    assert response.status_code == expected, response.content[:300]
    if expected >= 400 and name != "api:api-root":
        assert set(response.json()) == {"code", "message", "details"}
