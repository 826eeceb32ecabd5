"""The booking side of the rate limits (`paspor.lib.ratelimit`): scopes whose numbers are
configurable (`booking.conf.rate`), the 429 page, and the sign-in wrapper.

`hit(scope, ident)` counts one request of `ident` (an IP, an account, a login name) in the
scope's current window and raises `RateLimited` once the count passes the limit.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from paspor.booking.conf import rate
from paspor.lib import ratelimit
from paspor.lib.errors import RateLimited
from paspor.lib.ratelimit import client_ip

__all__ = ["client_ip", "hit", "limit_login", "too_many_requests", "unhit"]


def _limit(scope: str) -> ratelimit.Limit:
    configured = rate(scope)
    return ratelimit.Limit(scope, limit=configured.count, seconds=configured.seconds)


def hit(scope: str, ident: str) -> None:
    """Count one request; raise `RateLimited` past the scope's limit."""
    ratelimit.hit(_limit(scope), ident)


def unhit(scope: str, ident: str) -> None:
    """Take back one counted request of the current window (a sign-in that succeeded)."""
    ratelimit.unhit(_limit(scope), ident)


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
        if name and AxesProxyHandler.is_locked(request, {"username": name}):
            # Already locked out (django-axes): the lockout page gives the real wait. Counting
            # here could answer "try again in 4 minutes" while the lock lasts 30.
            return view(request, *args, **kwargs)
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
