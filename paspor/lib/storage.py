"""File storage for personal data: sealed on disk, never at a public URL.

Scans, photos, fingerprints, signatures and complaint attachments are written through Fernet
(paspor.lib.sealing) under MEDIA_ROOT; a copy of the disk or a backup of it shows nothing.
Nothing in the URL map serves MEDIA_ROOT: pages show these files through views that check the
viewer's office and role.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage

from paspor.lib.sealing import reseal_bytes, seal_bytes, unseal_bytes

# The files written inside `files_undone_on_failure`, innermost block last.
_written: ContextVar[list[tuple[SealedStorage, str]] | None] = ContextVar(
    "sealed_files_written", default=None
)


class SealedStorage(FileSystemStorage):
    """MEDIA_ROOT (read when used, so tests can point it elsewhere), sealed, without a URL."""

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Personal files are served only through access-checked views.")

    def _save(self, name: str, content: File[Any]) -> str:
        content.seek(0)
        saved: str = super()._save(name, ContentFile(seal_bytes(content.read())))  # type: ignore[misc]
        written = _written.get()
        if written is not None:
            written.append((self, saved))
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


@contextmanager
def files_undone_on_failure() -> Iterator[None]:
    """Deletes again the personal files the block wrote when the block fails.

    A service writes a file before the row naming it is committed; put this outside its
    transaction (decorator above ``@transaction.atomic``, or the first of the ``with``), so a
    failure anywhere up to the commit leaves no file without a row. Nested, a block's files go
    to the enclosing one, which deletes them if it fails later. A rollback the block does not
    see (an enclosing transaction of the caller's, a killed process) is left to
    ``personal_files_sweep``.
    """
    outer = _written.get()
    written: list[tuple[SealedStorage, str]] = []
    token = _written.set(written)
    try:
        yield
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise
    else:
        if outer is not None:
            outer.extend(written)
    finally:
        _written.reset(token)


def personal_files_sweep(*, older_than: dt.timedelta, dry_run: bool = False) -> list[str]:
    """Deletes the personal files no row names, once older than ``older_than``.

    A file is written before its row is committed; when the transaction is rolled back where
    `files_undone_on_failure` cannot see it (a caller's enclosing transaction, a process killed
    mid-request), the file stays with no row to name it, and neither a page nor the retention
    purge would ever reach it. The age keeps a file whose row is still being committed. Returns
    the names deleted (or that would be, with ``dry_run``), relative to each storage's root.
    """
    from django.apps import apps

    roots: dict[Path, set[str]] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            storage = getattr(field, "storage", None)
            if not isinstance(storage, SealedStorage):
                continue
            named = roots.setdefault(Path(storage.location), set())
            rows = model._default_manager.exclude(**{field.name: ""}).values_list(field.name)
            named.update(name for (name,) in rows.iterator() if name)
    cutoff = dt.datetime.now(tz=dt.UTC).timestamp() - older_than.total_seconds()
    swept: list[str] = []
    for root, named in roots.items():
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            name = path.relative_to(root).as_posix()
            if not path.is_file() or name in named or path.stat().st_mtime > cutoff:
                continue
            if not dry_run:
                path.unlink(missing_ok=True)
            swept.append(name)
    return swept
