"""Fixed-window rate limits in Django's cache (Redis in production, local memory in tests).

One implementation for every limit of the site: sign-in, registration and booking (whose
numbers are configurable, `booking.conf.rate`), the status page, the payment lookup and the
complaint forms (fixed numbers, declared where they are used).

A window is aligned to the clock (`now // seconds`), so Retry-After is the time left in the
current window. `hit` counts one attempt and refuses past the limit, `check` only asks,
`unhit` takes one back. `cache.add` + `cache.incr` are atomic on Redis and within one process
on the local-memory cache; without Redis each server process keeps its own counts.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from paspor.lib.env import env_bool
from paspor.lib.errors import RateLimited, wait_text


@dataclass(frozen=True)
class Limit:
    name: str
    limit: int
    seconds: int


def trust_forwarded_for() -> bool:
    """Behind a reverse proxy the client address is the proxy's X-Forwarded-For entry."""
    # Read like every other on/off variable (1/0, true/false, yes/no, on/off): "on" read as off
    # would make every applicant behind the proxy share its one address's limits.
    return bool(getattr(settings, "BOOKING_TRUST_X_FORWARDED_FOR", False)) or env_bool(
        "BOOKING_TRUST_X_FORWARDED_FOR", False
    )


def client_ip(request: HttpRequest) -> str:
    """The address every limit counts: the last X-Forwarded-For entry when
    `BOOKING_TRUST_X_FORWARDED_FOR` is on, else the peer address.

    The last entry is the one our proxy wrote (deploy/nginx replaces the header with the
    peer's address; a proxy set up with `$proxy_add_x_forwarded_for` appends it). Entries
    before it are whatever the client sent: counted by the first, a guesser would get a fresh
    limit and a fresh sign-in lockout with every made-up address."""
    if trust_forwarded_for():
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return str(request.META.get("REMOTE_ADDR", "") or "0.0.0.0")  # noqa: S104 - a label, not a bind


def _key(limit: Limit, ident: str, now: float) -> tuple[str, int]:
    window = int(now // limit.seconds)
    digest = hashlib.sha256(ident.encode()).hexdigest()[:24]  # no raw codes or IPs in the cache
    retry_after = max(1, int((window + 1) * limit.seconds - now) + 1)
    return f"rl:{limit.name}:{digest}:{window}", retry_after


def _refuse(retry_after: int) -> RateLimited:
    return RateLimited(
        _("Terlalu banyak permintaan. Coba lagi dalam %(wait)s.")
        % {"wait": wait_text(retry_after)},
        retry_after=retry_after,
    )


def check(limit: Limit, ident: str) -> None:
    """Refuse when `ident` has already used up the current window, without counting."""
    key, retry_after = _key(limit, ident, time.time())
    if (cache.get(key) or 0) >= limit.limit:
        raise _refuse(retry_after)


def hit(limit: Limit, ident: str) -> None:
    """Count one attempt; raise RateLimited when this one is over the limit."""
    key, retry_after = _key(limit, ident, time.time())
    cache.add(key, 0, timeout=limit.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: start again
        cache.set(key, 1, timeout=limit.seconds + 1)
        count = 1
    if count > limit.limit:
        raise _refuse(retry_after)


def unhit(limit: Limit, ident: str) -> None:
    """Take back one counted attempt of the current window (a sign-in that succeeded)."""
    key, _retry_after = _key(limit, ident, time.time())
    try:
        if cache.decr(key) < 0:
            cache.incr(key)
    except ValueError:  # the window has ended meanwhile: nothing to take back
        pass
