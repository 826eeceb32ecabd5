"""The JSON API (django-ninja). Each app contributes its own router; OpenAPI at /api/docs."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.db import InterfaceError, OperationalError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.http.multipartparser import MultiPartParserError
from django.urls import Resolver404, URLPattern, URLResolver, resolve
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser
from ninja.types import DictStrAny

from paspor.lib.api_errors import explained
from paspor.lib.api_types import NEVER_ANSWERS
from paspor.lib.errors import DomainError, RateLimited
from paspor.lib.nul_guard import unreadable_form_message
from paspor.lib.outage import outage_response

ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "description": (
        "Every refusal: `detail` for people in the language of `Accept-Language` (Indonesian "
        "by default, English with `en`), `code` for programs where the refusal has one."
    ),
    "type": "object",
    "properties": {
        "detail": {
            "description": (
                "A sentence for people; with a 422, pydantic's list of invalid fields (`type` "
                "and `loc` for programs, each `msg` in words)."
            ),
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}],
        },
        "message": {
            "description": "With a 422: one sentence naming every invalid field.",
            "type": "string",
        },
        "code": {
            "description": (
                "What was refused, for programs: e.g. `full`, `nik_active`, `too_late` (409), "
                "`profile_not_found` (404), `token_expired` (401). Every 401, 403 and 404 has "
                "one: at least `not_signed_in`, `forbidden` (no role for this here) and "
                "`not_found` (nothing the caller may see); a 400 body that is not JSON is "
                "`body_not_json`, a 413 `body_too_large`, a 429 `rate_limited` (`locked_out` from "
                "`POST /api/booking/token` during the sign-in lockout), a 503 "
                "`unavailable`. A staff session idle too long is 401 `session_expired`; one "
                "that has not passed its two-step sign-in, or must change its password first, "
                "403 `two_factor_required` or `password_change_required` (both in the browser). "
                "Absent on 422. "
                "Never translated."
            ),
            "type": "string",
        },
        "retry_after": {
            "description": "With a 429 or 503: seconds to wait, as in the Retry-After header.",
            "type": "integer",
        },
    },
    "required": ["detail"],
}
ERRORS = {
    "400": "The body could not be read, or a rule refused the input (the body says why).",
    "401": "Not signed in.",
    "403": "Signed in, but not allowed to do this here.",
    "404": "No such object, or not one this caller may see.",
    "409": "Refused by the current state (the body says why).",
    "413": "The body is larger than the server reads (DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB).",
    "422": "The request does not match the documented parameters or body.",
    "429": "Too many requests; retry after the given seconds.",
    "503": "The database is briefly unreachable; retry after the given seconds.",
}


def _error_statuses(method: str, operation: dict[str, Any]) -> set[str]:
    """The answers the API's shared handlers give, whatever the endpoint itself declares."""
    statuses = {"429", "503"}
    if operation.get("parameters") or operation.get("requestBody"):
        statuses.add("422")
    if operation.get("requestBody"):
        statuses |= {"400", "413"}  # a body that is not JSON at all, or too large to read
    if operation.get("security"):
        statuses |= {"401", "403"}
    if any(p.get("in") == "path" for p in operation.get("parameters", [])):
        statuses.add("404")
    if method != "get":
        statuses.add("409")
    return statuses


View = Callable[..., HttpResponseBase]


def _method_refused_in_json(view: View) -> View:
    """django-ninja answers a method an address does not take with a plain-text 405; a
    client reads the same JSON refusal as everywhere else, with the `Allow` header kept."""

    @functools.wraps(view)  # keeps `csrf_exempt`: the API checks CSRF itself
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        allowed = response["Allow"]
        detail = _("Metode %(method)s tidak berlaku di alamat ini; yang berlaku: %(allowed)s.") % {
            "method": request.method,
            "allowed": allowed,
        }
        refused = JsonResponse({"detail": detail, "code": "method_not_allowed"}, status=405)
        refused["Allow"] = allowed
        return refused

    return wrapped


class PasporAPI(NinjaAPI):
    """Declares in the OpenAPI document the error answers every endpoint can give.

    An operation whose shape misleads `_error_statuses` lists what it never answers in its
    `openapi_extra` under `x-never-answers` (a body read raw is never a 422; a reader that takes
    a bearer token never refuses one with 403). An error answer an operation declares itself
    without a body gets the shared `Error` body.

    Its addresses answer in JSON what django-ninja answers otherwise: a method an address does
    not take (405), and /api/ itself (404, as any unknown address)."""

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        urls = super()._get_urls()
        for pattern in urls:
            if not isinstance(pattern, URLPattern):
                continue
            if pattern.name == "api-root":
                pattern.callback = unknown_endpoint
            elif pattern.name not in ("openapi-json", "openapi-view"):
                pattern.callback = _method_refused_in_json(pattern.callback)
        return urls

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        error = {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        }
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                never = {str(status) for status in operation.pop(NEVER_ANSWERS, ())}
                responses = operation.setdefault("responses", {})
                for status in sorted(_error_statuses(method, operation) - never):
                    responses.setdefault(int(status), {"description": ERRORS[status], **error})
                for status, answer in responses.items():
                    if int(status) >= 400 and "content" not in answer:
                        answer.update(error)
        return schema


API_DESCRIPTION = """Booking, queue, case, payment and issuance operations of Paspor, the passport
service of an Indonesian immigration office.

**Signing in**

- *Applicants (mobile app):* `POST /api/booking/register` creates an account and
  `POST /api/booking/token` with `{"email", "password"}` signs in; both answer a token and its
  `expires_at`. Send it as `Authorization: Bearer <token>` on the applicant endpoints. It is
  valid 7 days and void once the account's password changes: the endpoint then answers 401
  with `code` `token_expired` or `token_invalid` and `WWW-Authenticate: Bearer
  error="invalid_token"`, and the app asks for a new token. Staff accounts get none. Booking
  needs a verified e-mail (409 `email_unverified` before): `GET /api/booking/account` tells,
  `POST /api/booking/account/verify` takes the six-digit code from the e-mail.
- *Staff, and applicants in the browser:* the session cookie of the site's sign-in. Every write
  (POST, PUT, PATCH, DELETE) also sends the `csrftoken` cookie's value in the `X-CSRFToken`
  header, or gets 403 asking to reload. An applicant's token on a staff endpoint is 403
  `token_not_accepted`.
- Not signed in at all: 401 `not_signed_in`; on an endpoint that takes a bearer token, with
  `WWW-Authenticate: Bearer realm="paspor"`.
- *Banks:* `POST /api/payments/notifications` is signed per channel (HMAC-SHA256, see there).

**Language:** `Accept-Language: id` (the default) or `en` chooses the language of every
`detail`, `message` and label in the answers (a language cookie the client sends wins).

**Formats:** dates `YYYY-MM-DD`; moments ISO 8601 with their UTC offset (`Z` or
`+07:00`); a time of day `HH:MM` (a session, an arrival window) is on the office's clock,
whose zone `GET /api/offices/` gives (`Asia/Jakarta`, WIB); money in whole rupiah as JSON
integers. Lists are not paged: an account's bookings and waitlist places come 50 at most.

**Device:** send a stable `X-Device-Id` header (at most 64 characters) on booking writes; a
booking records the device and address it came from, so one source booking for many NIKs is
flagged for the office.

**Refusals:** JSON `{"detail", "code"}`; every 4xx but 422 has a `code` (act on it, show
`detail`). 400 an unreadable body or a refused input; 401 not signed in; 403 `forbidden` (no role
for this here), `csrf_failed`, `token_not_accepted`; 404 `not_found` (not yours, or not your
office's) or a named unknown object; 409 refused by the current state; 410 `link_expired` (a
survey link past its period); 413 `body_too_large`
(a body over 2.5 MB); 422 invalid fields
(`detail` list plus a `message` sentence); 429 and 503 with `Retry-After` and `retry_after`.
An address that does not exist is 404 `unknown_endpoint` (naming the address with or without
the final slash when that one exists); a method an address does not take is 405
`method_not_allowed` with the `Allow` header.

**Browsers on other sites:** the API sends no CORS headers; it serves the site's own pages and
native apps, which CORS does not concern.
"""

# A JSON escape of half a UTF-16 pair ("\\ud800" … "\\udfff", either case).
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


class TextOnlyParser(Parser):
    """JSON whose strings are text: a lone surrogate escape (``"\\ud800"``) is valid JSON but
    no text any column, log or hasher can encode, so such a body is refused as not JSON (400
    `body_not_json`) before a schema or a service sees it. Bodies without such an escape, that
    is nearly all, are only searched once for it."""

    def parse_body(self, request: HttpRequest) -> DictStrAny:
        data = super().parse_body(request)
        if _SURROGATE_ESCAPE.search(request.body):
            json.dumps(data, ensure_ascii=False).encode("utf-8")  # UnicodeEncodeError: refused
        return data


api = PasporAPI(
    title="Paspor API",
    version="1",
    description=API_DESCRIPTION,
    urls_namespace="api",
    parser=TextOnlyParser(),
)


@api.exception_handler(DomainError)
def _refused(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """A rule refused the request: the error's own status (400 a refused input, 409 the
    current state, 404, 403, 401, 429) with the reason and its code."""
    body: dict[str, object] = {"detail": exc.message, "code": exc.code}
    if isinstance(exc, RateLimited):
        body["retry_after"] = exc.retry_after
    response = api.create_response(request, body, status=exc.status)
    if isinstance(exc, RateLimited):
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def _database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    # A lost connection (database restarted): a clean 503; the next request reconnects.
    return outage_response(request)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    # Access helpers shared with the pages raise PermissionDenied; the API answers it in JSON.
    detail = str(exc) or _("Anda tidak berhak mengakses data ini.")
    return api.create_response(request, {"detail": detail, "code": "forbidden"}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # Django's own text names a model ("No Complaint matches the given query.") and is English.
    body = {"detail": _("Data tidak ditemukan."), "code": "not_found"}
    return api.create_response(request, body, status=404)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    body = {"detail": str(exc)}
    if exc.status_code == 400 and body["detail"].startswith("Cannot parse request body"):
        # django-ninja's refusal of a body that is not JSON at all.
        body = {"detail": _("Isi permintaan bukan JSON yang sah."), "code": "body_not_json"}
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def _too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    # Django refuses to read a body past DATA_UPLOAD_MAX_MEMORY_SIZE: without this the client
    # got a 500 (or the HTML 400 page) instead of JSON it can act on.
    body = {"detail": _("Isi permintaan terlalu besar untuk dibaca."), "code": "body_too_large"}
    return api.create_response(request, body, status=413)


@api.exception_handler(MultiPartParserError)
@api.exception_handler(TooManyFieldsSent)
@api.exception_handler(TooManyFilesSent)
def _unreadable(request: HttpRequest, exc: Exception) -> HttpResponse:
    # A form body Django cannot read (a multipart type without its boundary, a cut-off body):
    # first read by the CSRF check of a signed-in session, it was a 500.
    body = {"detail": unreadable_form_message(exc), "code": "body_unreadable"}
    return api.create_response(request, body, status=400)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    items, sentence = explained(exc.errors)
    return api.create_response(request, {"detail": items, "message": sentence}, status=422)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    """401 with a `code` a client can act on: nothing sent, or a bearer token expired or void.
    A valid applicant token on an endpoint for staff sessions is 403: signing in again with it
    would not help."""
    from paspor.booking.services.applicants import api_token_read

    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        body = {"detail": _("Silakan masuk terlebih dahulu."), "code": "not_signed_in"}
        response = api.create_response(request, body, status=401)
        if getattr(request, "_bearer_accepted", False):
            response["WWW-Authenticate"] = 'Bearer realm="paspor"'
        return response
    account, problem = api_token_read(token.strip())
    if account is not None:
        detail = _(
            "Token aplikasi hanya berlaku untuk layanan pemohon; bagian ini untuk petugas yang "
            "masuk lewat peramban."
        )
        return api.create_response(
            request, {"detail": detail, "code": "token_not_accepted"}, status=403
        )
    if problem == "token_expired":
        detail = _("Token sudah kedaluwarsa. Masuk lagi untuk mendapat token baru.")
    else:
        detail = _(
            "Token tidak sah atau sudah tidak berlaku (misalnya kata sandi diganti). Masuk lagi "
            "untuk mendapat token baru."
        )
    response = api.create_response(request, {"detail": detail, "code": problem}, status=401)
    response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


@csrf_exempt  # a POST to a wrong address is told so, not refused as a forged form (HTML 403)
def unknown_endpoint(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address under /api/: a JSON 404 for the client, not the site's HTML page.
    An address that exists with or without the final slash is named."""
    other = request.path[:-1] if request.path.endswith("/") else request.path + "/"
    try:
        exists = resolve(other).func is not unknown_endpoint
    except Resolver404:
        exists = False
    if exists and other != "/api":
        detail = _("Alamat API ini tidak ada. Maksud Anda %(path)s? Lihat /api/docs.") % {
            "path": other
        }
    else:
        detail = _("Alamat API ini tidak ada. Lihat /api/docs.")
    return JsonResponse({"detail": detail, "code": "unknown_endpoint"}, status=404)


api.add_router("/offices/", "paspor.offices.api.router")
api.add_router("/booking/", "paspor.booking.api.router")
api.add_router("/queue/", "paspor.queueing.api.router")
api.add_router("/cases/", "paspor.cases.api.router")
api.add_router("/payments/", "paspor.payments.api.router")
api.add_router("/issuance/", "paspor.issuance.api.router")
api.add_router("/notifications/", "paspor.notifications.api.router")
api.add_router("/surveys/", "paspor.surveys.api.router")
api.add_router("/reports/", "paspor.reports.api.router")
api.add_router("/complaints/", "paspor.complaints.api.router")
