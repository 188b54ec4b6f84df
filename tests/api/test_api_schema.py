"""A bounded fuzz of the API against its own OpenAPI schema (schemathesis), served by a real
server on loopback: generated requests, valid and invalid (12 of each per operation), with a
city admin's token, must never get a 5xx, and every answer must be one the schema declares, in
the shape it declares."""

import itertools
import json
import urllib.request

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as settings_
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import make_project, make_report
from tuijin.accounts.tokens import token_create
from tuijin.projects.cycle_services import period_open

CHECKS = [schemathesis.checks.not_a_server_error, status_code_conformance,
          content_type_conformance, response_schema_conformance]


@pytest.fixture
def token(reference_divisions, cast, plan, owner_org):
    project = make_project(plan, district="410202", owner=owner_org)
    make_report(project, 1, "10", "10")
    period_open(plan=plan, month=6, user=cast["admin"])
    return token_create(user=cast["admin"], name="fuzz").secret


def test_no_request_gets_a_server_error(token, live_server, settings):
    # A real server on loopback (pytest-django's live server: Django's threaded WSGI server on
    # 127.0.0.1), the schema read from it as a client would. Loaded inside the test, not by
    # schemathesis' pytest plugin (which does not run on this pytest). The write limit is
    # lifted, or the fuzz would test mostly the 429.
    settings.TUIJIN_API_WRITES_PER_MINUTE = 100_000
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    headers = {"Authorization": f"Bearer {token}"}
    # The server sees the test's data (the token), so the fuzz is not 401s alone.
    me = urllib.request.urlopen(urllib.request.Request(f"{live_server.url}/api/v1/me",
                                                       headers=headers))
    assert json.load(me)["username"] == "admin"
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation, mode in itertools.product(operations, GenerationMode):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings_(max_examples=12, deadline=None, derandomize=True, database=None,
                   suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        run()
