"""Requests carrying a NUL character are refused before any view reads them.

PostgreSQL text cannot hold NUL (U+0000): a code, token or search term carrying one — in the
path, the query, a header, a form field or a JSON string ("\\u0000") — made the lookup fail
with a server error wherever a view passed it on unchecked. No field of Paspor holds a NUL,
so the request is answered 400 at the door, in the reader's language: JSON for the API, the
"request cannot be processed" page otherwise. Uploaded files are not looked into (a photo's
bytes hold NULs), nor the API's bodies, whose schemas refuse control characters per field. The bank's notification endpoint is left to its own checks: it logs every
request and checks the signature before anything else, and refuses a NUL as malformed after.

A form body this check cannot read (more files or fields than Django's DATA_UPLOAD_MAX_NUMBER_*
settings allow, a broken multipart body) is answered here too, 400 with the reason: Django
keeps an empty form after such an error, and the view would have shown it blank, silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from paspor.lib.http import is_api_request
from paspor.lib.language import page_language

NUL = "\x00"
# A JSON string's escaped NUL: \u0000, with the backslash not itself escaped.
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# A form body Django cannot read: after it, Django hands the view an empty form (it says why
# to the first reader only, which is this check).
UNREADABLE_FORM = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, MultiPartParserError)
# Addresses whose own checks answer a NUL (paspor.payments.bank).
EXEMPT = ("/api/payments/notifications",)


def nul_message() -> str:
    return _("Permintaan berisi karakter yang tidak sah (NUL). Periksa isian lalu kirim lagi.")


def request_has_nul(request: HttpRequest, *, body: bool = True) -> bool:
    """Whether the path, the query, a header or (with `body`) a form field or a JSON body holds
    a NUL."""
    if NUL in request.path_info:
        return True
    for key, values in request.GET.lists():
        if NUL in key or any(NUL in value for value in values):
            return True
    for name, value in request.META.items():
        if name.startswith("HTTP_") and isinstance(value, str) and NUL in value:
            return True
    if not body or request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return False
    content_type = request.content_type or ""
    if content_type in FORM_TYPES:
        # A body that cannot be read raises here (see `RefuseNulMiddleware`).
        fields = list(request.POST.lists())
        return any(NUL in key or any(NUL in value for value in values) for key, values in fields)
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            raw = request.body
        except RequestDataTooBig:
            return False  # the view answers 413 on its own
        return b"\x00" in raw or _JSON_NUL.search(raw) is not None
    return False


def unreadable_form_message(exc: Exception) -> str:
    if isinstance(exc, (TooManyFieldsSent, TooManyFilesSent)):
        return _("Kiriman berisi terlalu banyak berkas atau isian. Kurangi, lalu kirim lagi.")
    if isinstance(exc, RequestDataTooBig):
        return _("Isian formulir terlalu panjang. Persingkat, lalu kirim lagi.")
    return _("Kiriman formulir rusak atau terputus. Muat ulang halaman, lalu kirim lagi.")


def bad_request_page(request: HttpRequest, detail: str) -> HttpResponse:
    """The 400 page with the reason (call it in the page's language)."""
    page = render_to_string("400.html", {"detail": detail}, request=request)
    return HttpResponse(page, status=400)


def nul_refusal(request: HttpRequest) -> HttpResponse:
    """In the language the request would have been answered in (the API's Accept-Language, a
    page's link or switcher), though the locale middleware has not run yet.

    The API answers as its document declares: an address with a NUL names nothing (404
    `not_found`); a NUL in a query parameter or a header does not match the documented input
    (422 `nul_character`). A page's address likewise answers 404; anything else 400 with the
    reason."""
    if is_api_request(request):
        with translation.override(translation.get_language_from_request(request)):
            if NUL in request.path_info:
                body = {"detail": _("Data tidak ditemukan."), "code": "not_found"}
                return JsonResponse(body, status=404)
            body = {"detail": nul_message(), "code": "nul_character"}
        return JsonResponse(body, status=422)
    with translation.override(page_language(request)):
        if NUL in request.path_info:
            return HttpResponse(render_to_string("404.html", request=request), status=404)
        return bad_request_page(request, nul_message())


class RefuseNulMiddleware:
    """400 for a request with a NUL anywhere a view reads text (see the module's docstring).

    Placed before the session middleware: a NUL in the session cookie never reaches its
    lookup."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # The API's bodies are read by its schemas, whose text fields refuse a control
        # character and name the field (422): only its address, query and headers are looked
        # into here.
        api = is_api_request(request)
        if request.path_info.startswith(EXEMPT):
            return self.get_response(request)
        try:
            has_nul = request_has_nul(request, body=not api)
        except UNREADABLE_FORM as exc:
            with translation.override(page_language(request)):
                return bad_request_page(request, unreadable_form_message(exc))
        return nul_refusal(request) if has_nul else self.get_response(request)
