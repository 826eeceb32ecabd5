"""Where case files live: sealed under MEDIA_ROOT (var/media), never at a public URL.

Scans, photos, fingerprints and signatures are personal data. Pages show them through
`cases:file`, which checks the viewer's office and role (paspor.lib.storage).
"""

from __future__ import annotations

from paspor.lib.storage import SealedStorage

case_files = SealedStorage()

PrivateCaseStorage = SealedStorage  # the name early migrations recorded


def case_files_delete(names: list[str | None]) -> None:
    """Deletes stored case files by name; run on commit, so a rollback keeps them."""
    for name in filter(None, names):
        case_files.delete(name)
