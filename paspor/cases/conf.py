"""The case app's settings: each from Django settings when set there, else the environment.

Read at call time, so tests change them with the `settings` fixture and operators with an
environment variable of the same name (docs/cases.md lists them).
"""

from __future__ import annotations

from django.conf import settings

from paspor.lib.env import env_int, env_str


def _int(name: str, default: int, *, minimum: int) -> int:
    value = getattr(settings, name, None)
    if value is None:
        return env_int(name, default, minimum=minimum)
    return int(value)


def defer_days() -> int:
    """Days an applicant has to bring what is missing after a deferral (the issue: 7)."""
    return _int("PASPOR_CASE_DEFER_DAYS", 7, minimum=1)


def scan_max_bytes() -> int:
    """Largest scan or photo accepted, in bytes (default 10 MB)."""
    return _int("PASPOR_CASE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)


def travel_ban_threshold() -> int:
    """Name similarity (0–100, rapidfuzz) from which a list entry with the same birth date hits."""
    return _int("PASPOR_TRAVEL_BAN_THRESHOLD", 88, minimum=50)


def fingerprint_max_nfiq() -> int:
    """Worst NFIQ-like quality (1 best – 5) accepted without a reason."""
    return _int("PASPOR_FINGERPRINT_MAX_NFIQ", 3, minimum=1)


def fingerprint_device() -> str:
    """Dotted path of the fingerprint scanner adapter (paspor/cases/devices.py)."""
    value = getattr(settings, "PASPOR_FINGERPRINT_DEVICE", None)
    if value is None:
        return env_str(
            "PASPOR_FINGERPRINT_DEVICE", "paspor.cases.devices.SimulatedFingerprintScanner"
        )
    return str(value)


def retention_days() -> int:
    """Days after a case closes before its scans, photos and biometrics are deleted (730)."""
    return _int("PASPOR_RETENTION_DAYS", 730, minimum=30)
