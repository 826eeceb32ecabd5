"""The holder's photo for the data page and the handover check, read from the cases app.

The cases app owns the photo (a `CasePhoto` with a cropped print version, STANDARDS.md §9).
This adapter reads it without depending on its exact shape: when the model, the row or the
file is missing, callers show a placeholder instead of failing.
"""

from __future__ import annotations

import logging
from typing import Any

from django.apps import apps

from paspor.cases.models import Case

logger = logging.getLogger(__name__)

# Field names tried in order: the print version first, then the captured image.
_IMAGE_FIELDS = ("print_image", "print_version", "print_file", "cropped", "image", "file")


def _photo_rows(case: Case) -> list[Any]:
    try:
        model = apps.get_model("cases", "CasePhoto")  # type: ignore[misc]  # may not exist yet
    except LookupError:
        return []
    queryset = model._default_manager.filter(case=case)
    names = {f.name for f in model._meta.get_fields()}
    for flag in ("is_current", "accepted", "is_accepted"):
        if flag in names:
            queryset = queryset.filter(**{flag: True})
    order = "-created_at" if "created_at" in names else "-pk"
    return list(queryset.order_by(order)[:1])


def case_print_photo(case: Case) -> bytes | None:
    """The bytes of the case's print photo, or None when there is none (yet)."""
    for row in _photo_rows(case):
        for name in _IMAGE_FIELDS:
            stored = getattr(row, name, None)
            if not stored:
                continue
            try:
                if isinstance(stored, bytes | memoryview):
                    return bytes(stored)
                with stored.open("rb") as handle:
                    data: bytes = handle.read()
                    return data
            except (OSError, ValueError, AttributeError):
                logger.warning("photo of case %s unreadable in field %s", case.code, name)
    return None


def image_mime(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    return "application/octet-stream"
