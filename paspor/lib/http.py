"""Where a request goes (the JSON API answers in JSON, every other path is a page), and what
may keep a copy of the answer."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

API_PREFIX = "/api/"


def whole_number(value: str | None, *, max_digits: int = 18) -> int | None:
    """A number a request sends (a row id, an event id) written in ASCII digits, at most
    `max_digits` of them (18 fit a bigint), or None. `str.isdigit` alone lets "²" or "١"
    through, which `int` refuses or reads."""
    if value and len(value) <= max_digits and value.isascii() and value.isdigit():
        return int(value)
    return None


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


class HtmxSignInMiddleware:
    """A request made by htmx (a panel refreshing itself, a console button) after its session
    ended is answered, like any page, by a redirect to sign in. The browser would follow it
    inside the request and htmx would put the whole sign-in page into the panel, its form
    leading back to the fragment. Instead htmx is told to send the browser to sign in
    (`HX-Redirect`), and back after to the page it was on (`HX-Current-URL`, when it is ours).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not request.headers.get("HX-Request") or response.status_code not in (301, 302, 303):
            return response
        location = response.get("Location", "")
        if urlsplit(location).path != resolve_url(settings.LOGIN_URL):
            return response
        page = request.headers.get("HX-Current-URL", "")
        if page and url_has_allowed_host_and_scheme(
            page, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            parts = urlsplit(page)
            location = redirect_to_login(parts.path + (f"?{parts.query}" if parts.query else ""))[
                "Location"
            ]
        redirected = HttpResponse(status=204)
        redirected["HX-Redirect"] = location
        return redirected
