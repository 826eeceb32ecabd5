"""A small fixed-window rate limiter on Django's cache (Redis when REDIS_URL is set).

`hit(scope, ident)` counts one request of `ident` (an IP, an account, a login name) in the
current window and raises `RateLimited` with the seconds until the window ends once the count
passes the limit. `cache.add` + `cache.incr` are atomic on Redis and within one process on the
local-memory cache; without Redis each server process keeps its own counts (documented).
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _

from paspor.booking.conf import rate, trust_forwarded_for
from paspor.lib.errors import RateLimited, wait_text


def client_ip(request: HttpRequest) -> str:
    if trust_forwarded_for():
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        if forwarded:
            return forwarded.split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", "") or "0.0.0.0")  # noqa: S104 - a label, not a bind


def _key(scope: str, ident: str, now: float) -> str:
    window = int(now // rate(scope).seconds)
    digest = hashlib.sha256(ident.encode()).hexdigest()[:24]
    return f"rl:{scope}:{digest}:{window}"


def hit(scope: str, ident: str) -> None:
    """Count one request; raise `RateLimited` past the scope's limit."""
    limit = rate(scope)
    now = time.time()
    window = int(now // limit.seconds)
    key = _key(scope, ident, now)
    cache.add(key, 0, timeout=limit.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: start again
        cache.set(key, 1, timeout=limit.seconds + 1)
        count = 1
    if count > limit.count:
        retry_after = max(1, int((window + 1) * limit.seconds - now) + 1)
        raise RateLimited(
            _("Terlalu banyak permintaan. Coba lagi dalam %(wait)s.")
            % {"wait": wait_text(retry_after)},
            retry_after=retry_after,
        )


def unhit(scope: str, ident: str) -> None:
    """Take back one counted request of the current window (a sign-in that succeeded)."""
    key = _key(scope, ident, time.time())
    try:
        if cache.decr(key) < 0:
            cache.incr(key)
    except ValueError:  # the window has ended meanwhile: nothing to take back
        pass


def too_many_requests(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = render(request, "booking/too_many.html", {"message": exc.message}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


def limit_login(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Wraps the sign-in view: per-IP and per-login-name limits on failed attempts.

    Every submitted attempt is counted before the password is checked; one that signs in is
    taken back, so an officer who signs in at several counter computers (one office behind one
    address) is never stopped by their own successes, while guessing still is.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method != "POST":
            return view(request, *args, **kwargs)
        ip = client_ip(request)
        name = str(request.POST.get("username", "")).strip().lower()
        signed_in_before = request.user.is_authenticated
        try:
            hit("login_ip", ip)
            if name:
                hit("login_account", name)
        except RateLimited as exc:
            return too_many_requests(request, exc)
        response = view(request, *args, **kwargs)
        if request.user.is_authenticated and not signed_in_before:
            unhit("login_ip", ip)
            if name:
                unhit("login_account", name)
        return response

    return wrapped
