"""Where case files live: under MEDIA_ROOT (var/media), never at a public URL.

Scans, photos, fingerprints and signatures are personal data. Nothing in the URL map serves
MEDIA_ROOT; pages show them through `cases:file`, which checks the viewer's office and role.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage


class PrivateCaseStorage(FileSystemStorage):
    """MEDIA_ROOT (read when used, so tests can point it elsewhere) without a public URL."""

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Case files are served only through the access-checked view.")


case_files = PrivateCaseStorage()
