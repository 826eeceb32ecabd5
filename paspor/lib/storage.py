"""File storage for personal data: sealed on disk, never at a public URL.

Scans, photos, fingerprints, signatures and complaint attachments are written through Fernet
(paspor.lib.sealing) under MEDIA_ROOT; a copy of the disk or a backup of it shows nothing.
Nothing in the URL map serves MEDIA_ROOT: pages show these files through views that check the
viewer's office and role.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage

from paspor.lib.sealing import reseal_bytes, seal_bytes, unseal_bytes


class SealedStorage(FileSystemStorage):
    """MEDIA_ROOT (read when used, so tests can point it elsewhere), sealed, without a URL."""

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Personal files are served only through access-checked views.")

    def _save(self, name: str, content: File[Any]) -> str:
        content.seek(0)
        saved: str = super()._save(name, ContentFile(seal_bytes(content.read())))  # type: ignore[misc]
        return saved

    def _open(self, name: str, mode: str = "rb") -> File[Any]:
        with super()._open(name, "rb") as handle:  # type: ignore[misc]
            data = unseal_bytes(handle.read())
        return ContentFile(data, name=name)

    def reseal(self, name: str) -> None:
        """Seals one stored file again with the newest key (key rotation)."""
        path = self.path(name)
        with open(path, "rb") as handle:
            sealed = reseal_bytes(handle.read())
        temporary = f"{path}.reseal"
        with open(temporary, "wb") as out:
            out.write(sealed)
        os.replace(temporary, path)  # atomic: a crash leaves the old or the new file, not half

    def reseal_all(self) -> int:
        """Every file under this storage's root, sealed with the newest key (plain ones too)."""
        root = Path(self.location)
        done = 0
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.name.endswith(".reseal"):
                self.reseal(str(path.relative_to(root)))
                done += 1
        return done


personal_files = SealedStorage()
