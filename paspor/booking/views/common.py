"""What every applicant page does first: who is asking, from where."""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from paspor.accounts.access import user_roles
from paspor.accounts.models import STAFF_ROLES, User
from paspor.booking.models import Booking
from paspor.booking.ratelimit import client_ip, too_many_requests
from paspor.booking.services import Origin
from paspor.lib.errors import DomainError, RateLimited

DEVICE_COOKIE = "paspor_device"
DEVICE_COOKIE_AGE = 2 * 365 * 24 * 3600

View = Callable[..., HttpResponse]


def origin_of(request: HttpRequest) -> Origin:
    device = request.COOKIES.get(DEVICE_COOKIE) or request.headers.get("X-Device-Id", "")
    return Origin(ip=client_ip(request), device=device[:64])


def may_book(user: User | AnonymousUser) -> bool:
    """Whether the booking pages would take this visitor (`applicant_page`): an applicant, or
    someone not signed in (asked to sign in first). Staff and devices are refused there, so no
    page offers them a link that ends in 403."""
    return not (isinstance(user, User) and user_roles(user) & STAFF_ROLES)


def applicant_page(*, verified: bool = True) -> Callable[[View], View]:
    """Sign-in required (redirect), staff and devices refused (403), unverified e-mail sent to
    the verification page.

    Also gives the browser a long-lived device cookie, so many NIKs booked from one device can
    be flagged, and turns a rate limit into a 429 page.
    """

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            assert isinstance(user, User)
            if not may_book(user):
                raise PermissionDenied  # staff and devices use staff pages, not an applicant area
            if verified and not user.email_verified:
                return redirect("booking:verify")
            try:
                response = view(request, *args, **kwargs)
            except RateLimited as exc:
                response = too_many_requests(request, exc)
            if DEVICE_COOKIE not in request.COOKIES:
                response.set_cookie(
                    DEVICE_COOKIE,
                    secrets.token_hex(16),
                    max_age=DEVICE_COOKIE_AGE,
                    httponly=True,
                    samesite="Lax",
                )
            return response

        return wrapped

    return decorate


def current_applicant(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def own_booking(request: HttpRequest, code: str) -> Booking:
    """The applicant's own booking by code; anyone else's is 404 (its existence stays hidden)."""
    return get_object_or_404(
        Booking.objects.select_related("office", "profile", "session"),
        code=code.upper(),
        account=current_applicant(request),
    )


def refused(
    request: HttpRequest, template: str, context: dict[str, Any], exc: DomainError
) -> HttpResponse:
    """Render the page again with the reason at its top, with the refusal's own status."""
    context = {**context, "error": exc.message}
    return render(request, template, context, status=exc.status)
