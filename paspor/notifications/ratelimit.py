"""Fixed-window rate limits in Django's cache (Redis in production, local memory in tests).

A window is aligned to the clock (`now // seconds`), so Retry-After is simply the time left in
the current window. `limit_hit` counts one attempt; `limit_check` only asks.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from paspor.lib.errors import RateLimited


@dataclass(frozen=True)
class Limit:
    name: str
    limit: int
    seconds: int


def _key(limit: Limit, ident: str, now: float) -> tuple[str, int]:
    window = int(now // limit.seconds)
    digest = hashlib.sha256(ident.encode()).hexdigest()[:24]  # no raw codes or IPs in the cache
    retry_after = max(1, int((window + 1) * limit.seconds - now))
    return f"rl:{limit.name}:{digest}:{window}", retry_after


def _refuse(retry_after: int) -> RateLimited:
    minutes = max(1, round(retry_after / 60))
    return RateLimited(
        _("Terlalu banyak percobaan. Coba lagi dalam %(m)s menit.") % {"m": minutes},
        retry_after=retry_after,
    )


def limit_check(limit: Limit, ident: str) -> None:
    key, retry_after = _key(limit, ident, time.time())
    if (cache.get(key) or 0) >= limit.limit:
        raise _refuse(retry_after)


def limit_hit(limit: Limit, ident: str) -> None:
    """Count one attempt; raise RateLimited when this one is over the limit."""
    key, retry_after = _key(limit, ident, time.time())
    if cache.add(key, 1, timeout=limit.seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=limit.seconds + 1)
            count = 1
    if count > limit.limit:
        raise _refuse(retry_after)


def client_ip(request: HttpRequest) -> str:
    """The peer address. Behind a proxy, configure it to set REMOTE_ADDR (docs/notifications.md)."""
    return str(request.META.get("REMOTE_ADDR", ""))
