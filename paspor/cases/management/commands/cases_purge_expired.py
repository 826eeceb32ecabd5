"""Deletes scans, photos and biometrics of cases closed longer than PASPOR_RETENTION_DAYS.

A scheduler runs this daily (docs/data-protection.md). `--dry-run` lists what would go.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from paspor.cases import conf
from paspor.cases.retention import retention_due, retention_run


class Command(BaseCommand):
    help = "Hapus berkas pribadi permohonan yang sudah selesai melewati masa simpan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, help="masa simpan dalam hari (bawaan: pengaturan)")
        parser.add_argument("--dry-run", action="store_true", help="hanya tampilkan daftarnya")

    def handle(self, *args: Any, days: int | None, dry_run: bool, **options: Any) -> None:
        days = days or conf.retention_days()
        if dry_run:
            codes = list(retention_due(days=days).values_list("code", flat=True))
            self.stdout.write(f"{len(codes)} permohonan melewati masa simpan {days} hari.")
            for code in codes:
                self.stdout.write(f"  {code}")
            return
        done = retention_run(days=days)
        files = sum(p.total for p in done)
        self.stdout.write(
            f"{len(done)} permohonan diproses; {files} berkas pribadi dihapus (masa simpan {days} hari)."
        )
