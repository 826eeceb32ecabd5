"""Session sign-in for the JSON API, answering in the reader's language.

django-ninja's own `django_auth` checks the CSRF token before it looks at the user, so a
client that is not signed in at all got 403 "CSRF check Failed" (English, and the wrong
status: the API documents 401 for "not signed in"). Here a request without a signed-in user
is simply not authenticated (401, "Silakan masuk terlebih dahulu."); a signed-in browser
session must still carry its CSRF token on every unsafe request, and a missing or wrong one
is refused with a sentence that says what to do (403 `csrf_failed`).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import SessionAuth as NinjaSessionAuth
from ninja.utils import check_csrf

from paspor.lib.errors import Forbidden


class SessionAuth(NinjaSessionAuth):  # the name is the OpenAPI security scheme's
    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None  # nothing a forged request could use: 401, not a CSRF refusal
        exempt = not self.csrf or getattr(request, "_ninja_csrf_exempt", False)
        if not exempt and check_csrf(request):
            raise Forbidden(
                _(
                    "Pemeriksaan keamanan formulir (CSRF) gagal. Muat ulang halaman, lalu coba lagi."
                ),
                code="csrf_failed",
            )
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user if request.user.is_authenticated else None


session_auth = SessionAuth()
