"""Booking settings: environment defaults, overridable in settings (and by tests).

Each value is read at call time from `django.conf.settings` first (so a deployment, or a test
with the `settings` fixture, can change it), then from the environment, then the default.
Rate limits are written "count/seconds", e.g. ``BOOKING_RATE_BOOK_IP=60/60``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from paspor.lib.env import ConfigError, env_int, env_str

INT_DEFAULTS: dict[str, int] = {
    # Minutes a waitlist offer holds its seat before it passes to the next person.
    "BOOKING_WAITLIST_OFFER_MINUTES": 30,
    # Days a NIK may not book after a no-show.
    "BOOKING_NO_SHOW_BLOCK_DAYS": 30,
    # Bookings an account may make in a calendar month (cancelled ones count: churn is abuse).
    "BOOKING_MAX_PER_ACCOUNT_PER_MONTH": 10,
    # People (profiles) an account books for: self and family.
    "BOOKING_MAX_PROFILES": 5,
    # Distinct NIKs booked from one account, device or IP within the window that raise a flag.
    "BOOKING_FLAG_DISTINCT_NIKS": 6,
    "BOOKING_FLAG_WINDOW_DAYS": 30,
    # Seconds an availability answer may be served from the cache (it is also cleared on change).
    "BOOKING_AVAILABILITY_CACHE_SECONDS": 10,
    # Days shown ahead on the availability pages.
    "BOOKING_DAYS_SHOWN": 45,
    # Seconds a mobile API token stays valid.
    "BOOKING_TOKEN_MAX_AGE": 7 * 24 * 3600,
    # Minutes an e-mail verification code stays valid, and wrong tries allowed per code.
    "BOOKING_VERIFY_CODE_MINUTES": 30,
    "BOOKING_VERIFY_MAX_ATTEMPTS": 5,
    # Ramah HAM age thresholds (STANDARDS.md §7: some offices use 65 for the elderly).
    "BOOKING_PRIORITY_CHILD_UNDER": 5,
    "BOOKING_PRIORITY_ELDERLY_FROM": 60,
}

RATE_DEFAULTS: dict[str, str] = {
    "register_ip": "10/3600",
    "password_reset_ip": "10/3600",
    "password_reset_email": "3/3600",
    "login_ip": "30/300",
    "login_account": "10/900",
    "token_ip": "30/300",
    "book_ip": "60/60",
    "book_account": "10/60",
}


def setting(name: str) -> int:
    value = getattr(settings, name, None)
    if value is not None:
        return int(value)
    return env_int(name, INT_DEFAULTS[name], minimum=0)


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def parse_rate(raw: str, *, name: str) -> Rate:
    count, sep, seconds = raw.partition("/")
    try:
        rate = Rate(int(count), int(seconds))
    except ValueError:
        raise ConfigError(f"{name}: expected count/seconds such as 60/60, got {raw!r}") from None
    if not sep or rate.count < 1 or rate.seconds < 1:
        raise ConfigError(f"{name}: expected count/seconds such as 60/60, got {raw!r}")
    return rate


def rate(scope: str) -> Rate:
    name = f"BOOKING_RATE_{scope.upper()}"
    overrides: dict[str, str] = getattr(settings, "BOOKING_RATE_LIMITS", {})
    raw = overrides.get(scope) or env_str(name, RATE_DEFAULTS[scope])
    return parse_rate(raw, name=name)
