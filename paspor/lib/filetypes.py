"""What an uploaded file is, by its first bytes ("magic numbers"), never by its name or the
type the browser claims: a renamed executable is none of these. Case files, the signature pad
and complaint attachments all ask here."""

from __future__ import annotations

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
_MAGIC = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}


def sniff(data: bytes) -> str | None:
    """The content type the bytes start with, or None when none of PDF, JPEG or PNG."""
    for magic, content_type in _MAGIC:
        if data.startswith(magic):
            return content_type
    return None
