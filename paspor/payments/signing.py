"""The signature of a bank notification: our own contract (STANDARDS.md §5).

The channel signs ``timestamp + "." + raw body`` with HMAC-SHA256 and its own secret, and sends

    X-Paspor-Channel:   <channel code>
    X-Paspor-Timestamp: <Unix seconds>
    X-Paspor-Signature: sha256=<64 hex digits>

The timestamp is inside the signed text, so an old request cannot be made fresh again; a
request outside the freshness window is refused, and one replayed inside it is a duplicate of
the same channel reference. Pure functions: the bench and the simulator import this too.
"""

from __future__ import annotations

import hashlib
import hmac
import re

CHANNEL_HEADER = "X-Paspor-Channel"
TIMESTAMP_HEADER = "X-Paspor-Timestamp"
SIGNATURE_HEADER = "X-Paspor-Signature"
PREFIX = "sha256="
TIMESTAMP_RE = re.compile(r"[0-9]{1,12}")  # Unix seconds, digits only


def signature_for(*, secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return PREFIX + digest.hexdigest()


def signature_valid(*, secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """Constant-time comparison; a missing prefix or a wrong length is simply invalid."""
    expected = signature_for(secret=secret, timestamp=timestamp, body=body)
    return hmac.compare_digest(expected.encode(), signature.strip().encode())


def timestamp_seconds(timestamp: str) -> int | None:
    """The header's Unix seconds; None when it is not written as whole seconds."""
    return int(timestamp) if TIMESTAMP_RE.fullmatch(timestamp) else None


def timestamp_fresh(*, timestamp: str, now: float, max_age: int) -> bool:
    """Within `max_age` seconds of now, either way (a bank's clock may run a little ahead)."""
    sent = timestamp_seconds(timestamp)
    return sent is not None and abs(now - sent) <= max_age


def signed_headers(*, channel: str, secret: str, body: bytes, now: float) -> dict[str, str]:
    timestamp = str(int(now))
    return {
        CHANNEL_HEADER: channel,
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature_for(secret=secret, timestamp=timestamp, body=body),
    }
