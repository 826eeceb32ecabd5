"""The site's own error pages: in the reader's language, in the site's layout, with a way on.

Django's fallbacks are bare English lines ("403 Forbidden", "Not Found"). The pages here use
`400.html`, `403.html` and `404.html` (rendered with the request, in `base.html`) and
`500.html` (rendered without the request, so it stands alone). A staff page opened without
signing in answers with the sign-in page, the way the pages behind `login_required` do: the
officer at counter 3 who followed a bookmark signs in and lands where the bookmark pointed.
The JSON API answers its own errors (`paspor/api.py`).

A form sent with a stale security token (left open overnight, or sent again after signing out in
another tab) is refused by Django's CSRF check; `csrf_failure` says so in plain words instead of
Django's technical page. (The API's views are exempt from that check: django-ninja checks the
token itself for cookie sign-ins and answers 403 in JSON.)
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.defaults import permission_denied

from paspor.lib.http import is_api_request


def forbidden(request: HttpRequest, exception: Exception) -> HttpResponse:
    """`handler403`: sign in first when nobody is signed in, else the styled 403 page."""
    user = getattr(request, "user", None)
    if (user is None or not user.is_authenticated) and not is_api_request(request):
        return redirect_to_login(request.get_full_path())
    return permission_denied(request, exception)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """`CSRF_FAILURE_VIEW`: the form's security token had expired or was missing (403)."""
    message = _(
        "Formulir ini sudah kedaluwarsa atau dikirim dari halaman lama, jadi belum diproses. "
        "Muat ulang halamannya, lalu kirim sekali lagi."
    )
    return render(request, "403_csrf.html", {"message": message}, status=403)
