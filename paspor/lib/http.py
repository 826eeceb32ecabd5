"""Where a request goes: the JSON API answers in JSON, every other path is a page."""

from __future__ import annotations

from django.http import HttpRequest

API_PREFIX = "/api/"


def is_api_request(request: HttpRequest) -> bool:
    """By the path the URL map sees (`path_info`), where the API is mounted at `api/`."""
    return request.path_info.startswith(API_PREFIX)
