"""Staff sign-in rules applied to every request: the idle timeout, the devices' long sessions
and two-step verification.

Runs after django-otp's middleware, so `request.user.is_verified()` is known. A staff member who
must use two-step sign-in reaches nothing but the enrolment/verification pages, sign-out, static
files and language switching until verified; the JSON API answers 403 instead of redirecting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from paspor.accounts.models import User
from paspor.accounts.security import (
    active_roles,
    idle_timeout_applies,
    is_device_account,
    two_factor_applies,
)
from paspor.lib.http import is_api_request

LAST_SEEN_KEY = "paspor_last_seen"
TOUCH_EVERY_SECONDS = 30  # write the session at most this often, not on every request
DEVICE_TOUCH_SECONDS = 600


def _open_paths() -> tuple[str, ...]:
    return (
        reverse("accounts:login"),
        reverse("accounts:logout"),
        reverse("accounts:two_factor_setup"),
        reverse("accounts:two_factor_verify"),
        reverse("set_language"),
        reverse("javascript-catalog"),
        "/" + settings.STATIC_URL.lstrip("/"),
    )


class StaffSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = request.user
        if isinstance(user, User) and user.is_authenticated:
            refused = self._check(request, user)
            if refused is not None:
                return refused
        return self.get_response(request)

    def _check(self, request: HttpRequest, user: User) -> HttpResponseBase | None:
        roles = active_roles(user)
        if idle_timeout_applies(user, roles) and self._idle_expired(request):
            logout(request)
            if is_api_request(request):
                return JsonResponse(
                    {
                        "detail": _("Sesi berakhir. Silakan masuk kembali."),
                        "code": "session_expired",
                    },
                    status=401,
                )
            messages.info(
                request, _("Sesi Anda berakhir karena tidak aktif. Silakan masuk kembali.")
            )
            return redirect(
                f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}"
            )
        if is_device_account(user, roles):
            self._keep_device_signed_in(request)
        if two_factor_applies(user, roles) and not user.is_verified():  # type: ignore[attr-defined]
            return self._second_step_needed(request, user)
        # A kiosk's or board's password is the office's device password, typed in the lobby by
        # whoever starts the device: no one person's to replace.
        if user.password_change_required and not is_device_account(user, roles):
            return self._password_change_needed(request)
        return None

    @staticmethod
    def _password_change_needed(request: HttpRequest) -> HttpResponseBase | None:
        """A password another typed is replaced before anything else is reached."""
        page = reverse("accounts:password_change")
        if request.path.startswith((*_open_paths(), page)):
            return None
        if is_api_request(request):
            return JsonResponse(
                {
                    "detail": _("Ganti kata sandi dulu melalui halaman web."),
                    "code": "password_change_required",
                },
                status=403,
            )
        return redirect(f"{page}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def _second_step_needed(request: HttpRequest, user: User) -> HttpResponseBase | None:
        if request.path.startswith(_open_paths()):
            return None
        if is_api_request(request):
            return JsonResponse(
                {
                    "detail": _("Verifikasi dua langkah diperlukan. Masuk melalui halaman web."),
                    "code": "two_factor_required",
                },
                status=403,
            )
        page = "two_factor_verify" if user_has_device(user, confirmed=True) else "two_factor_setup"
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('accounts:' + page)}?{query}")

    @staticmethod
    def _keep_device_signed_in(request: HttpRequest) -> None:
        """A kiosk or a board is signed in once in the morning and used all day, longer than a
        staff session lasts (SESSION_COOKIE_AGE, 8 hours from sign-in): each use moves its end
        to DEVICE_SESSION_HOURS ahead, so a device in daily use never signs itself out in
        the afternoon, and one left unused past that signs in again."""
        now = int(time.time())
        last = request.session.get(LAST_SEEN_KEY)
        if not isinstance(last, int) or now - last >= DEVICE_TOUCH_SECONDS:
            request.session[LAST_SEEN_KEY] = now
            request.session.set_expiry(settings.DEVICE_SESSION_HOURS * 3600)

    @staticmethod
    def _idle_expired(request: HttpRequest) -> bool:
        now = int(time.time())
        last = request.session.get(LAST_SEEN_KEY)
        limit = settings.STAFF_IDLE_TIMEOUT_MINUTES * 60
        if isinstance(last, int) and now - last > limit:
            return True
        if not isinstance(last, int) or now - last >= TOUCH_EVERY_SECONDS:
            request.session[LAST_SEEN_KEY] = now
        return False
