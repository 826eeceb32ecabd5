"""Answers while the database is unreachable (a restart, a failover): 503, never a traceback.

The API maps a lost database connection to 503 JSON with `Retry-After`; `server_error`, the
project's `handler500`, gives the same answer when the connection is lost before a view runs
(in a middleware), and the usual 500 page otherwise. Django drops a broken connection at the
end of the request, so the next request opens a fresh one: the service recovers by itself.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

from paspor.lib.http import is_api_request

RETRY_AFTER = 5  # seconds: a database restart or failover usually takes a few
DATABASE_ERRORS = (OperationalError, InterfaceError)


def outage_message() -> str:
    return _("Layanan sedang sibuk sebentar. Silakan coba lagi dalam beberapa detik.")


def outage_response(request: HttpRequest) -> HttpResponse:
    if is_api_request(request):
        response: HttpResponse = JsonResponse(
            {"detail": outage_message(), "code": "unavailable", "retry_after": RETRY_AFTER},
            status=503,
        )
    else:
        response = HttpResponse(
            outage_message(), status=503, content_type="text/plain; charset=utf-8"
        )
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """`handler500`: a lost database is 503 with Retry-After; anything else the 500 page, or
    for the API its JSON error (a client that reads JSON never gets the HTML page)."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return outage_response(request)
    if is_api_request(request):
        detail = _(
            "Maaf, permintaan Anda tidak dapat diselesaikan. Silakan coba lagi beberapa saat lagi."
        )
        return JsonResponse({"detail": detail, "code": "server_error"}, status=500)
    return django_server_error(request, template_name)
