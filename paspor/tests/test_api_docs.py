"""The API's documentation page works without the internet: Swagger UI comes from the site."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_api_docs_page_loads_only_the_sites_own_files():
    page = Client().get("/api/docs").content.decode()

    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "/static/ninja/swagger-ui.css" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # no CDN, no other host


def test_collectstatic_finds_the_swagger_files():
    for name in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js", "ninja/swagger-ui.css"):
        assert finders.find(name), name


# --- What the OpenAPI document tells a client developer ------------------------------------

# Tags whose operations and schemas are documented; add a tag here once its router is.
# (offices and reports have no operations yet: nothing to check until they do.)
DOCUMENTED_TAGS = [
    "booking",
    "cases",
    "issuance",
    "notifications",
    "offices",
    "reports",
    "payments",
    "queueing",
    "complaints",
    "surveys",
]
# The shared error answer (paspor/api.py's ERROR_SCHEMA), in every operation: checked once below.
SHARED_SCHEMAS = {"Error"}


@functools.cache  # read-only here, and building it takes a moment
def _openapi() -> dict[str, Any]:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def _operations(document: dict[str, Any], tag: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{method.upper()} {path}", operation)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if tag in operation.get("tags", [])
    ]


def _refs(node: object) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"].rsplit("/", 1)[-1]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_refs(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(value) for value in node))
    return set()


def _schemas_used(
    document: dict[str, Any], operations: list[tuple[str, dict[str, Any]]]
) -> set[str]:
    """Every component schema the operations refer to, directly or through other schemas."""
    schemas = document["components"]["schemas"]
    todo = set().union(*(_refs(operation) for _name, operation in operations))
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        seen.add(name)
        todo |= _refs(schemas[name]) - seen
    return seen


def _generated_summary(operation: dict[str, Any]) -> str:
    """The summary django-ninja makes up from the function's name ("profiles_add" →
    "Profiles Add"); the operation id is "<module path>_<function name>"."""
    function: str = operation["operationId"].split("_api_", 1)[1]
    return function.replace("_", " ").title()


def _described(field: dict[str, Any], schemas: dict[str, Any]) -> bool:
    """A field's own description, or, for a bare reference, that of the schema it names:
    pydantic leaves out a field's description that repeats its enum's."""
    if (field.get("description") or "").strip():
        return True
    ref = field.get("$ref")
    return isinstance(ref, str) and bool(schemas[ref.rsplit("/", 1)[-1]].get("description"))


@pytest.mark.parametrize("tag", DOCUMENTED_TAGS)
def test_every_operation_says_what_it_does_and_who_may_call_it(tag):
    problems = []
    for name, operation in _operations(_openapi(), tag):
        summary = (operation.get("summary") or "").strip()
        if not summary or summary == _generated_summary(operation):
            problems.append(f"{name}: summary {summary!r} is the function's name")
        if not (operation.get("description") or "").strip():
            problems.append(f"{name}: no description")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("tag", DOCUMENTED_TAGS)
def test_every_schema_and_field_of_the_tag_is_described(tag):
    document = _openapi()
    schemas = document["components"]["schemas"]
    problems = []
    for name in sorted(_schemas_used(document, _operations(document, tag)) - SHARED_SCHEMAS):
        schema = schemas[name]
        if not (schema.get("description") or "").strip():
            problems.append(f"{name}: no description")
        for field, details in schema.get("properties", {}).items():
            if not _described(details, schemas):
                problems.append(f"{name}.{field}: no description")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("schema", "field", "values"),
    [
        ("DayOut", "state", {"open", "closed", "not_released", "past"}),
        ("PoolOut", "pool", {"regular", "priority", "express"}),
        ("PoolOut", "mode", {"fcfs", "ballot"}),
        ("BookingOut", "status", {"booked", "checked_in", "cancelled", "no_show", "invalid"}),
        ("BookingOut", "passport_kind", {"ordinary", "electronic"}),
        ("WaitlistOut", "status", {"waiting", "offered", "accepted", "expired", "cancelled"}),
        ("BallotOut", "status", {"open", "drawn"}),
        ("BallotEntryOut", "result", {"pending", "won", "waitlisted", "void"}),
        ("CaseOut", "status", {"intake", "deferred", "ready", "handed_over", "cancelled"}),
        ("CaseOut", "fine_kind", {"none", "lost", "damaged"}),
        ("StockLevelOut", "kind", {"ordinary", "electronic"}),
    ],
)
def test_fixed_values_are_listed(schema, field, values):
    schemas = _openapi()["components"]["schemas"]
    ref = schemas[schema]["properties"][field]["$ref"].rsplit("/", 1)[-1]

    assert values <= set(schemas[ref]["enum"])


def test_the_input_schemas_show_an_example():
    schemas = _openapi()["components"]["schemas"]
    inputs = ["ProfileIn", "BookIn", "QuestionnaireIn", "RescheduleIn", "WaitlistIn", "TokenIn"]
    for name in [*inputs, "TransitionIn", "StatusIn"]:
        examples = schemas[name].get("examples")
        assert examples, name
        assert set(examples[0]) <= set(schemas[name]["properties"]), name


def test_the_shared_error_answer_is_described():
    error = _openapi()["components"]["schemas"]["Error"]

    assert error.get("description")
    assert all(details.get("description") for details in error["properties"].values())


def test_every_refusal_an_operation_lists_has_a_body_schema():
    missing = [
        f"{method.upper()} {path} {status}"
        for path, operations in _openapi()["paths"].items()
        for method, operation in operations.items()
        for status, answer in operation["responses"].items()
        if int(status) >= 400 and "content" not in answer
    ]
    assert not missing


def test_answers_an_operation_cannot_give_are_not_listed():
    paths = _openapi()["paths"]
    bank = paths["/api/payments/notifications"]["post"]["responses"]
    assert "422" not in bank and "429" not in bank  # body read raw; no per-address limit
    assert {"400", "401", "409", "413", "503"} <= set(bank)
    for reader in ("/api/payments/bills/{case_code}", "/api/payments/receipts/{case_code}"):
        answers = paths[reader]["get"]["responses"]
        assert "403" not in answers, reader  # a bearer token is read, never refused with 403
        assert {"401", "404"} <= set(answers), reader
    assert all("x-never-answers" not in op for ops in paths.values() for op in ops.values())


def test_the_proxys_rate_limit_answers_like_the_api():
    """deploy/nginx/paspor.conf: every location with a per-address limit turns nginx's HTML
    429 into the API's JSON refusal; the bank endpoint has no such limit (see above)."""
    from django.conf import settings

    from paspor.api import ERROR_SCHEMA

    conf = (settings.BASE_DIR / "deploy" / "nginx" / "paspor.conf").read_text()
    locations = re.findall(r"location ([^{]+)\{(.*?)\n    \}", conf, re.S)
    limited = [name.strip() for name, body in locations if "limit_req " in body]
    assert limited
    for name, body in locations:
        if "limit_req " in body:
            assert "error_page 429 = @api_busy;" in body, name
    assert not any("limit_req " in body for name, body in locations if "notifications" in name)
    busy = dict(locations)["@api_busy "]
    returned = re.search(r"return 429 '(.*)';", busy)
    assert returned is not None
    body = returned.group(1)
    details = re.findall(r'^\s+(default|"~\*\^en") "(.*)";$', conf, re.M)
    assert [language for language, _text in details] == ["default", '"~*^en"']
    for language, text in details:
        answer = json.loads(body.replace("$paspor_busy_detail", text))
        assert set(answer) <= set(ERROR_SCHEMA["properties"]), language
        assert answer["code"] == "rate_limited" and answer["retry_after"] == 1
    assert "add_header Retry-After 1 always;" in busy


def test_no_two_schemas_share_a_name():
    """The document names each component by its class's name alone: two apps' `StepOut`
    became one component, and the status answer was declared with the readiness step's
    fields. Every schema class an operation can answer or take has a name of its own."""
    import importlib
    import pkgutil

    from ninja import Schema

    import paspor

    for module in pkgutil.walk_packages(paspor.__path__, "paspor."):
        if ".tests" not in module.name and module.name.rsplit(".", 1)[-1] in {"api", "schemas"}:
            importlib.import_module(module.name)
    seen: dict[str, str] = {}
    clashes = []

    def walk(cls: type) -> None:
        sub: type
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("paspor.") and ".tests" not in sub.__module__:
                where = f"{sub.__module__}.{sub.__qualname__}"
                if seen.setdefault(sub.__name__, where) != where:
                    clashes.append(f"{sub.__name__}: {seen[sub.__name__]} and {where}")
            walk(sub)

    walk(Schema)
    assert clashes == []
