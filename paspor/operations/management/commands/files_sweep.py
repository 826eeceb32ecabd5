"""The scheduler's nightly `files_sweep`: personal files that no row names.

A scan, photo, fingerprint, signature or complaint attachment is written before its row is
committed. When the transaction then fails, the service deletes the file again; when the
process dies first, or a caller's transaction rolls back, the file stays with no row naming it,
out of reach of every page and of the retention purge. This deletes such files once they are
older than `--hours` (default 24), which no commit takes.
"""

from __future__ import annotations

import datetime as dt
import logging
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from paspor.lib.storage import personal_files_sweep

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Menghapus berkas pribadi yang tidak tercatat pada baris mana pun (sisa transaksi gagal)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--hours", type=int, default=24, help="umur paling muda (bawaan 24)")
        parser.add_argument("--dry-run", action="store_true", help="hanya tampilkan daftarnya")

    def handle(self, *args: Any, hours: int, dry_run: bool, **options: Any) -> None:
        if hours < 1:
            raise CommandError(
                "--hours paling sedikit 1: berkas yang barisnya belum tersimpan tetap"
            )
        swept = personal_files_sweep(older_than=dt.timedelta(hours=hours), dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"files_sweep: {len(swept)} berkas tanpa baris akan dihapus")
            for name in swept:
                self.stdout.write(f"  {name}")
            return
        if swept:
            logger.warning("files_sweep: %d personal files without a row deleted", len(swept))
        self.stdout.write(f"files_sweep: {len(swept)} berkas tanpa baris dihapus")
