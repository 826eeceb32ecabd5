"""The holder's photo for the data page and the handover check: the case's accepted photo.

The cases app owns the photo (`CasePhoto`, with the cropped print version of STANDARDS.md §9);
when a case has none, or its file cannot be read, callers show a placeholder instead of failing.
"""

from __future__ import annotations

import logging

from paspor.cases.biometrics import accepted_photo
from paspor.cases.models import Case

logger = logging.getLogger(__name__)


def case_print_photo(case: Case) -> bytes | None:
    """The bytes of the case's accepted print photo, or None when there is none (yet)."""
    photo = accepted_photo(case)
    if photo is None or not photo.print_version:
        return None
    try:
        with photo.print_version.open("rb") as handle:
            data: bytes = handle.read()
            return data
    except (OSError, ValueError):
        logger.warning("photo of case %s unreadable", case.code)
        return None


def image_mime(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    return "application/octet-stream"
