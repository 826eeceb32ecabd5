from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "SITE_NAME": settings.PASPOR_SITE_NAME,
        "PRODUCTION": settings.PRODUCTION,
        "language_next": language_next(request),
    }


def language_next(request: HttpRequest) -> str:
    """Where the language switcher returns to: this page, or — on the answer to a form sent
    (a refusal shown at a POST-only address) — the page the form was on, else the home page."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return "/"
