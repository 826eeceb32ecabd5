"""The ballot draw: a documented, deterministic order anyone can recompute.

When a ballot's entry window opens, SHA-256(seed) is published (the seed is 32 random bytes,
shown as 64 hex digits). At the draw the seed itself is published. The order is:

    key(nik) = SHA-256( seed_bytes || ":" || nik )   (hex digest, NIK as ASCII digits)
    order    = entries sorted by (key, nik) ascending

Nobody can choose a seed that favours a NIK after the hash is published, and nobody (not even
the office) can change the order after the seed is published. Seats are then given in that
order: each entry gets its preferred session while it has room, otherwise the earliest session
that still has room; entries left over go to the waitlist in draw order.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping


def new_seed() -> str:
    return secrets.token_hex(32)


def seed_commitment(seed: str) -> str:
    return hashlib.sha256(bytes.fromhex(seed)).hexdigest()


def draw_key(seed: str, nik: str) -> str:
    return hashlib.sha256(bytes.fromhex(seed) + b":" + nik.encode("ascii")).hexdigest()


def draw_order(seed: str, niks: Iterable[str]) -> list[str]:
    return sorted(niks, key=lambda nik: (draw_key(seed, nik), nik))


def allocate(
    order: list[str], preferences: Mapping[str, str], capacity: Mapping[str, int]
) -> dict[str, str | None]:
    """Session key for each NIK in draw order (None: no seat, goes to the waitlist).

    `capacity` maps session keys (sortable start times "08:00") to free seats.
    """
    free = dict(capacity)
    result: dict[str, str | None] = {}
    for nik in order:
        wanted = preferences.get(nik)
        if wanted is not None and free.get(wanted, 0) > 0:
            chosen: str | None = wanted
        else:
            chosen = next((key for key in sorted(free) if free[key] > 0), None)
        if chosen is not None:
            free[chosen] -= 1
        result[nik] = chosen
    return result
