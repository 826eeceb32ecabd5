"""The devices signed in to an account, one row each (`SignIn`): how a browser session finds
its row, the middleware that refuses a session whose device was signed out, and the list the
owner reads (docs/security.md, "Signed-in devices, and signing out everywhere").

A browser session carries its row's id under SESSION_KEY; an app's bearer token carries it in
its signed payload (booking.services.applicants.api_token_issue).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.backends.base import SessionBase
from django.db.models import QuerySet
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _
from ua_parser import parse

from paspor.accounts.models import SignIn, SignInKind, User
from paspor.accounts.services import sign_in_closed, sign_in_seen, sign_in_start
from paspor.lib.http import is_api_request

SESSION_KEY = "paspor_sign_in"


def _session_sign_in_id(request: HttpRequest) -> uuid.UUID | None:
    session = getattr(request, "session", None)
    return session_sign_in_id(session) if session is not None else None


def session_sign_in_id(session: SessionBase | dict[str, Any]) -> uuid.UUID | None:
    """The device row a session (or a session's stored data) names, or None."""
    value = session.get(SESSION_KEY)
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def open_sign_in(public_id: uuid.UUID, user: User) -> SignIn | None:
    """The user's device row `public_id` while it is signed in (not signed out by its owner,
    a password change or "sign out everywhere")."""
    return SignIn.objects.filter(public_id=public_id, user=user, ended_at__isnull=True).first()


@receiver(user_logged_in, dispatch_uid="paspor.sign_in_started")
def _signed_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """Every browser sign-in (the sign-in page, the API's session sign-in, a test's
    force_login) opens a row and marks the session with it."""
    if request is None or getattr(request, "session", None) is None:
        return
    _session_sign_in_start(request, user)


def _session_sign_in_start(request: HttpRequest, user: User) -> SignIn:
    sign_in = sign_in_start(
        user=user,
        kind=SignInKind.BROWSER,
        user_agent=request.headers.get("User-Agent", ""),
        expires_at=request.session.get_expiry_date(),
    )
    request.session[SESSION_KEY] = str(sign_in.public_id)
    return sign_in


@receiver(user_logged_out, dispatch_uid="paspor.sign_in_closed")
def _signed_out(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    public_id = _session_sign_in_id(request) if request is not None else None
    if public_id is not None:
        sign_in_closed(user=user if isinstance(user, User) else None, public_id=public_id)


def current_sign_in_id(request: HttpRequest) -> uuid.UUID | None:
    """The row of the device asking: its bearer token's, or its browser session's."""
    by_token = getattr(request, "_sign_in_id", None)
    if isinstance(by_token, uuid.UUID):
        return by_token
    return _session_sign_in_id(request)


class SignInMiddleware:
    """A browser session whose device the owner signed out is signed out on its next request
    and goes on as a visitor (a page that needs an account asks to sign in again; the API
    answers 401). A session from before the list existed gets its row. After the answer, the
    row's "last used" moves on (`sign_in_seen`), with the session's end as saved."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = request.user
        sign_in = None
        if isinstance(user, User) and user.is_authenticated:
            sign_in = self._sign_in(request, user)
            if sign_in is None:
                logout(request)
                if not is_api_request(request):  # the API's own 401 says it
                    messages.info(
                        request,
                        _("Perangkat ini sudah dikeluarkan dari akun Anda. Silakan masuk kembali."),
                    )
        response = self.get_response(request)
        if sign_in is not None and request.user.is_authenticated and request.user.pk == user.pk:
            # A session is saved, and its end moved, only when it changed.
            ends = request.session.get_expiry_date() if request.session.modified else None
            sign_in_seen(sign_in=sign_in, user=user, expires_at=ends or sign_in.expires_at)
        return response

    @staticmethod
    def _sign_in(request: HttpRequest, user: User) -> SignIn | None:
        public_id = _session_sign_in_id(request)
        if public_id is None:
            return _session_sign_in_start(request, user)
        return open_sign_in(public_id, user)


def sign_ins_active(user: User) -> QuerySet[SignIn]:
    """The account's devices still signed in, the last used first: not signed out, not past
    their end, and signed in with the account's present session hash (a password change or
    "sign out everywhere" has ended the others already)."""
    return SignIn.objects.filter(
        user=user,
        ended_at__isnull=True,
        expires_at__gt=timezone.now(),
        auth_hash=user.get_session_auth_hash()[:16],
    ).order_by("-last_seen_at", "-pk")


def device_name(user_agent: str) -> str:
    """A name the owner recognises: "Chrome Mobile, Android (Samsung SM-A556E)", the text an
    app sends that names itself otherwise, or "Tidak dikenal" when nothing was sent."""
    if not user_agent.strip():
        return _("Tidak dikenal")
    return _named(user_agent)


@lru_cache(maxsize=512)
def _named(user_agent: str) -> str:
    if not user_agent.startswith(("Mozilla/", "Opera/")):  # an app names itself
        return user_agent[:60]
    parsed = parse(user_agent)
    browser = parsed.user_agent.family if parsed.user_agent else ""
    system = parsed.os.family if parsed.os else ""
    model = parsed.device.family if parsed.device else ""
    if not browser or browser == "Other":
        return user_agent[:60]
    name = f"{browser}, {system}" if system and system not in {"Other", browser} else browser
    if model and model not in {"Other", "Mac", "K"} and not model.startswith("Generic"):
        name += f" ({model})"
    return name
