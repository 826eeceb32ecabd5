"""The JSON API fuzzed against its own OpenAPI document (schemathesis).

Every operation gets generated requests, valid and invalid, anonymously and as an intake
officer of the office; each response must not be a 5xx, must use a declared status code and
content type, and its body must match the declared schema. Bounded and derandomized so the
default suite stays quick and repeatable; PASPOR_FUZZ_EXAMPLES raises the bound for long runs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from paspor.wsgi import application

EXAMPLES = int(os.environ.get("PASPOR_FUZZ_EXAMPLES", "10"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
REQUESTS: list[int] = []
if os.environ.get("PASPOR_FUZZ_REPORT"):
    import atexit

    atexit.register(lambda: print(f"\nAPI fuzzing: {len(REQUESTS)} requests"))

# The document as served (Django's test client keeps the request away from the database).
schema = schemathesis.openapi.from_dict(Client().get("/api/openapi.json").json())
schema.app = application


@pytest.fixture(autouse=True)
def _keep_the_test_connection(db: None) -> Iterator[None]:
    """Like Django's test client: the test's transaction must outlive each request, so the
    handler may not close the connection when a request ends."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _fuzz(case: Any, headers: dict[str, str] | None = None) -> None:
    REQUESTS.append(1)
    case.call_and_validate(headers=headers, checks=CHECKS)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_api_anonymous(case: Any, queue_office: Any) -> None:
    _fuzz(case)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_api_as_intake_officer(case: Any, queue_office: Any, intake_officer: Any) -> None:
    client = Client()
    client.force_login(intake_officer)
    _fuzz(case, {"Cookie": f"sessionid={client.cookies['sessionid'].value}"})
