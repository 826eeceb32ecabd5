"""Where a request goes (the JSON API answers in JSON, every other path is a page), and what
may keep a copy of the answer."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

API_PREFIX = "/api/"


def is_api_request(request: HttpRequest) -> bool:
    """By the path the URL map sees (`path_info`), where the API is mounted at `api/`."""
    return request.path_info.startswith(API_PREFIX)


class PrivateNoStoreMiddleware:
    """Answers to a signed-in person, or to a request carrying credentials, are never stored:
    not by a proxy, nor by the browser of a counter's shared computer, where after sign-out the
    Back button would otherwise show the last applicant's case page. An answer that says how it
    may be cached (the board's event stream, a public page) is left as it is."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        personal = bool(user is not None and user.is_authenticated)
        if (personal or "Authorization" in request.headers) and not response.has_header(
            "Cache-Control"
        ):
            response["Cache-Control"] = "private, no-store"
        return response
