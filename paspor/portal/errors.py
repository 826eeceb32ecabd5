"""The site's own error pages: in the reader's language, in the site's layout, with a way on.

Django's fallbacks are bare English lines ("403 Forbidden", "Not Found"). The pages here use
`400.html`, `403.html` and `404.html` (rendered with the request, in `base.html`) and
`500.html` (rendered without the request, so it stands alone). A staff page opened without
signing in answers with the sign-in page, the way the pages behind `login_required` do: the
officer at counter 3 who followed a bookmark signs in and lands where the bookmark pointed.
The JSON API answers its own errors (`paspor/api.py`); what Django refuses before the API's
views (an unknown Host, a broken form body, a crash) is answered here in the API's JSON shape
for an /api/ address.

A form sent with a stale security token (left open overnight, or sent again after signing out in
another tab) is refused by Django's CSRF check; `csrf_failure` says so in plain words instead of
Django's technical page. (The API's views are exempt from that check: django-ninja checks the
token itself for cookie sign-ins and answers 403 in JSON.)
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import permission_denied

from paspor.lib.http import is_api_request


def forbidden(request: HttpRequest, exception: Exception) -> HttpResponse:
    """`handler403`: sign in first when nobody is signed in, else the styled 403 page; the
    API's JSON error under /api/ (django-ninja answers its own views' refusals; this is for
    one raised before them)."""
    if is_api_request(request):
        detail = _("Anda tidak berhak mengakses data ini.")
        return JsonResponse({"detail": detail, "code": "forbidden"}, status=403)
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return permission_denied(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """`handler400`: the styled 400 page, or under /api/ a JSON error — for what Django refuses
    before any view: an unknown Host, too many form fields, a broken multipart body."""
    if is_api_request(request):
        detail = _("Permintaan ini tidak lengkap atau tidak sah.")
        return JsonResponse({"detail": detail, "code": "bad_request"}, status=400)
    return django_bad_request(request, exception)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """`CSRF_FAILURE_VIEW`: the form's security token had expired or was missing (403)."""
    message = _(
        "Formulir ini sudah kedaluwarsa atau dikirim dari halaman lama, jadi belum diproses. "
        "Muat ulang halamannya, lalu kirim sekali lagi."
    )
    return render(request, "403_csrf.html", {"message": message}, status=403)
