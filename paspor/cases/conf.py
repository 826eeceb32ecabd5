"""The case app's settings: each from Django settings when set there, else the environment.

Read at call time, so tests change them with the `settings` fixture and operators with an
environment variable of the same name (docs/cases.md lists them).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from django.conf import settings

from paspor.lib.env import ConfigError, env_float, env_int, env_str

if TYPE_CHECKING:
    from paspor.lib.photo_quality import PhotoThresholds


def _int(name: str, default: int, *, minimum: int, maximum: int | None = None) -> int:
    value = getattr(settings, name, None)
    if value is None:
        return env_int(name, default, minimum=minimum, maximum=maximum)
    return int(value)


def defer_days() -> int:
    """Days an applicant has to bring what is missing after a deferral (the issue: 7)."""
    return _int("PASPOR_CASE_DEFER_DAYS", 7, minimum=1)


def scan_max_bytes() -> int:
    """Largest scan or photo accepted, in bytes (default 10 MB)."""
    return _int("PASPOR_CASE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)


def travel_ban_threshold() -> int:
    """Name similarity (50–100, rapidfuzz) from which a list entry with the same birth date hits.

    Above 100 nothing would ever hit, so such a value is refused like a malformed one."""
    return _int("PASPOR_TRAVEL_BAN_THRESHOLD", 88, minimum=50, maximum=100)


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


def photo_thresholds() -> PhotoThresholds:
    """The automatic photo checks' limits (STANDARDS.md §9: every threshold configurable).

    Each field of `PhotoThresholds` keeps its default unless the Django setting
    `PASPOR_PHOTO_THRESHOLDS` (a dict keyed by field name) or the environment variable
    `PASPOR_PHOTO_<FIELD>` (e.g. `PASPOR_PHOTO_EYE_DISTANCE_MIN_PX=120`) gives another value.
    Imported here, not at the top, so reading the other settings does not load OpenCV.
    """
    from paspor.lib.photo_quality import DEFAULT_THRESHOLDS

    names = [item.name for item in dataclasses.fields(DEFAULT_THRESHOLDS)]
    configured = dict(getattr(settings, "PASPOR_PHOTO_THRESHOLDS", None) or {})
    unknown = sorted(set(configured) - set(names))
    if unknown:
        raise ConfigError(f"PASPOR_PHOTO_THRESHOLDS: unknown field(s) {', '.join(unknown)}")
    values = {
        name: float(configured[name])
        if name in configured
        else env_float(f"PASPOR_PHOTO_{name.upper()}", getattr(DEFAULT_THRESHOLDS, name))
        for name in names
    }
    thresholds = dataclasses.replace(DEFAULT_THRESHOLDS, **values)
    for low, high in (
        ("head_min_pct", "head_max_pct"),
        ("eye_line_min_pct", "eye_line_max_pct"),
        ("brightness_min", "brightness_max"),
        ("contrast_min", "contrast_max"),
    ):
        if getattr(thresholds, low) > getattr(thresholds, high):
            raise ConfigError(f"Photo thresholds: {low} is above {high}")
    return thresholds


def negligence_suspension_months() -> tuple[int, int]:
    """Shortest and longest suspension of issuance after a passport lost or damaged through
    carelessness, in months (Permenkumham 8/2014 art. 41: 6 months to 2 years)."""
    shortest = _int("PASPOR_NEGLIGENCE_SUSPENSION_MIN_MONTHS", 6, minimum=1)
    longest = _int("PASPOR_NEGLIGENCE_SUSPENSION_MAX_MONTHS", 24, minimum=1)
    if longest < shortest:
        raise ConfigError("PASPOR_NEGLIGENCE_SUSPENSION_MAX_MONTHS is below the minimum")
    return shortest, longest
