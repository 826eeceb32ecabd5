"""Does a real answer of the JSON API match what the OpenAPI document declares for it?

`Declared(document).problems(method, url, response)` lists each difference a client developer
would trip on: a status the operation does not declare, a content type it does not declare, a
body that does not match the declared schema (a field missing, of another type, or one the
schema does not name), a refusal without its `code`, a 429 without `Retry-After`. Used by the
access crawl (every operation, every persona) and by the applicant's journey through the API.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import jsonschema_rs

# The answers of the API's own shared handlers that no operation declares: an address that
# does not exist, a method an address does not take.
UNDECLARED_CODES = {404: "unknown_endpoint", 405: "method_not_allowed"}


def _closed(node: Any) -> Any:
    """The schema with every object that names its properties closed to any other: a field the
    document does not name is a difference too."""
    if isinstance(node, dict):
        closed = {key: _closed(value) for key, value in node.items()}
        if "properties" in closed and "additionalProperties" not in closed:
            closed["additionalProperties"] = False
        return closed
    if isinstance(node, list):
        return [_closed(value) for value in node]
    return node


class Declared:
    def __init__(self, document: dict[str, Any]) -> None:
        document = json.loads(json.dumps(document))  # as served: status codes are strings
        self.document = document
        self.components = _closed(copy.deepcopy(document.get("components", {})))
        templates = []
        for path, operations in document["paths"].items():
            pattern = re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(path))
            # Literal paths win over templated ones (`/account/verify` over `/{code}`).
            templates.append((path.count("{"), re.compile(pattern + r"\Z"), path, operations))
        self.templates = sorted(templates, key=lambda item: item[0])
        self._validators: dict[str, Any] = {}

    def operation(self, method: str, url: str) -> tuple[str, dict[str, Any]] | None:
        path = url.split("?", 1)[0]
        for _params, pattern, template, operations in self.templates:
            if pattern.match(path) and method.lower() in operations:
                return template, operations[method.lower()]
        return None

    def _validator(self, schema: dict[str, Any]) -> Any:
        key = json.dumps(schema, sort_keys=True)
        if key not in self._validators:
            root = {**_closed(schema), "components": self.components}
            self._validators[key] = jsonschema_rs.Draft202012Validator(root)
        return self._validators[key]

    def problems(self, method: str, url: str, response: Any) -> list[str]:
        """What in `response` (a Django test client answer) the document does not declare."""
        status = response.status_code
        name = f"{method.upper()} {url} {status}"
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        has_json = content_type == "application/json" and response.content  # 204: nothing
        body = response.json() if has_json else None
        refusal = body if isinstance(body, dict) else {}
        found: list[str] = []
        if 400 <= status < 500 and status != 422:
            code = refusal.get("code") or refusal.get("result")
            if not code:
                found.append(f"{name}: a refusal without `code`: {response.content[:200]!r}")
        if status == 429 and not response.get("Retry-After"):
            found.append(f"{name}: no Retry-After")
        if status in UNDECLARED_CODES and refusal.get("code") == UNDECLARED_CODES[status]:
            return found
        matched = self.operation(method, url)
        if matched is None:
            return [*found, f"{name}: no such operation in the document"]
        template, operation = matched
        declared = operation["responses"].get(str(status))
        if declared is None:
            listed = ", ".join(sorted(operation["responses"]))
            return [*found, f"{method.upper()} {template}: answered {status}, declares {listed}"]
        contents = declared.get("content") or {}
        if not contents:
            if response.content:
                found.append(f"{name}: a body where the document declares none")
            return found
        if content_type not in contents:
            found.append(f"{name}: {content_type!r}, declares {sorted(contents)}")
            return found
        schema = contents[content_type].get("schema")
        if body is not None and schema:
            for error in self._validator(schema).iter_errors(body):
                found.append(f"{method.upper()} {template} {status}: {error.message}")
        return found
