"""Schemathesis against the API's own OpenAPI schema: every operation, with generated input
(valid and not), answers without a server error, with a status code, content type, headers and
body the schema documents. Ids in paths are Alice's, so writes reach her forms and services."""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from api.tests.conftest import make_token
from api.tests.test_scoping import MODELS
from motovault.tests.conftest import alices  # noqa: F401 - one of each of Alice's records
from vehicles.models import Vehicle

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
]


@pytest.fixture(autouse=True)
def _connection_kept():
    """The WSGI handler closes the database connection after each request; in a test that would
    close the test's transaction (Django's test client does the same as this)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(owner, settings):
    settings.API_RATE_PER_MINUTE = 10**6
    return make_token(owner)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_to_its_schema(case, token, alices):  # noqa: F811
    params = case.path_parameters or {}
    if "vehicle_id" in params:
        params["vehicle_id"] = alices[Vehicle].pk
    if "record_id" in params:
        params["record_id"] = alices[MODELS[case.path.removeprefix("/api/v1/").split("/")[0]]].pk
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
