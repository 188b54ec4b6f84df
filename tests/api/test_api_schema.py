"""A bounded fuzz of the API against its own OpenAPI schema (schemathesis): generated
requests, valid and invalid (12 of each per operation), with a city admin's token, must never
get a 5xx, and every answer must be one the schema declares, in the shape it declares."""

import itertools

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
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
def keep_connection():
    """Django's test client keeps the test's database connection open across requests; a bare
    WSGI application closes it when a request finishes (PostgreSQL then loses the test's
    transaction). Do as the test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(cast, plan, owner_org):
    project = make_project(plan, district="410202", owner=owner_org)
    make_report(project, 1, "10", "10")
    period_open(plan=plan, month=6, user=cast["admin"])
    return token_create(user=cast["admin"], name="fuzz").secret


def test_no_request_gets_a_server_error(token, keep_connection):
    # Loaded inside the test (not schemathesis' pytest plugin, which does not run on this
    # pytest), so the requests share the test's database transaction.
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation, mode in itertools.product(operations, GenerationMode):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=12, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        run()
