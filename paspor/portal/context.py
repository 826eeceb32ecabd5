from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.utils.http import url_has_allowed_host_and_scheme

from paspor.lib.language import LINK_PARAMETER


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "SITE_NAME": settings.PASPOR_SITE_NAME,
        "PRODUCTION": settings.PRODUCTION,
        "language_next": language_next(request),
    }


def language_next(request: HttpRequest) -> str:
    """Where the language switcher returns to: this page, or — on the answer to a form sent
    (a refusal shown at a POST-only address) — the page the form was on, else the home page.
    Without the link's language parameter (``?bahasa=en`` from an English message), which
    would otherwise choose the language again on the way back."""
    if request.method in ("GET", "HEAD"):
        return _with_query(request.path, request.GET)  # the middleware took the parameter out
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        query = QueryDict(parts.query, mutable=True)
        query.pop(LINK_PARAMETER, None)
        return _with_query(parts.path, query)
    return "/"


def _with_query(path: str, query: QueryDict) -> str:
    return f"{path}?{query.urlencode()}" if query else path
