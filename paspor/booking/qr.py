"""What the booking QR code says, and how the kiosk checks it against the KTP.

The QR carries the booking code and a tag bound to the NIK, never the NIK itself:

    PASPOR1:<booking code>:<tag>,  tag = first 16 hex digits of HMAC-SHA256(key, code ":" nik)

The kiosk reads the QR, reads the NIK from the KTP (chip or typed), and calls
`qr_matches_nik`. A QR copied from someone else's booking does not match their KTP.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

PREFIX = "PASPOR1"


def _tag(code: str, nik: str) -> str:
    key = hashlib.sha256(f"paspor.booking.qr:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, f"{code}:{nik}".encode(), hashlib.sha256).hexdigest()[:16]


def qr_payload(*, code: str, nik: str) -> str:
    return f"{PREFIX}:{code}:{_tag(code, nik)}"


def qr_code(payload: str) -> str | None:
    """The booking code in a QR payload, or None when it is not a Paspor booking QR."""
    parts = payload.strip().split(":")
    if len(parts) != 3 or parts[0] != PREFIX:
        return None
    return parts[1]


def qr_matches_nik(payload: str, nik: str) -> bool:
    code = qr_code(payload)
    if code is None:
        return False
    expected = qr_payload(code=code, nik=nik)
    return hmac.compare_digest(expected, payload.strip())
