"""Checking uploaded files by their content: the first bytes decide the type, not the name, and
the file must read to its end (an image within the size limits, a PDF with its trailer)."""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from paspor.lib.errors import DomainError
from paspor.lib.filetypes import EXTENSIONS, JPEG, PDF, PNG, content_check, sniff

__all__ = [
    "EXTENSIONS",
    "JPEG",
    "PDF",
    "PNG",
    "CheckedFile",
    "data_url_decode",
    "file_check",
    "sniff",
]


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    content_type: str
    sha256: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def file_check(data: bytes, *, allowed: frozenset[str], max_bytes: int) -> CheckedFile:
    """Refuse empty, oversized, wrongly typed, damaged or cut-off files, and images of too many
    pixels, with a message for the officer."""
    if not data:
        raise DomainError(_("Berkas kosong."), code="file_empty")
    if len(data) > max_bytes:
        raise DomainError(
            _("Berkas terlalu besar (%(size)s MB); paling besar %(limit)s MB.")
            % {
                "size": number_format(len(data) / 1_048_576, 1),
                "limit": number_format(max_bytes / 1_048_576, 1),
            },
            code="file_too_large",
        )
    content_type = sniff(data)
    if content_type not in allowed:
        names = ", ".join(sorted(EXTENSIONS[t].upper() for t in allowed))
        raise DomainError(
            _("Isi berkas bukan %(types)s (jenis diperiksa dari isinya, bukan dari namanya).")
            % {"types": names},
            code="file_type",
        )
    content_check(data, content_type)
    return CheckedFile(
        data=data, content_type=content_type, sha256=hashlib.sha256(data).hexdigest()
    )


def data_url_decode(value: str) -> bytes:
    """Bytes of a `data:image/png;base64,…` URL sent by the signature pad or the camera."""
    _scheme, _comma, payload = value.partition(",")
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise DomainError(_("Data gambar tidak dapat dibaca."), code="file_unreadable") from None
