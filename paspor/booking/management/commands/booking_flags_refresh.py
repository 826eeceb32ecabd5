"""Count again which accounts, devices and IP addresses book for many NIKs (every ten minutes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from paspor.booking.services import booking_flags_refresh
from paspor.booking.tasks import booking_flags_refresh_task


class Command(BaseCommand):
    help = (
        "Hitung ulang akun, perangkat dan alamat IP yang memesan untuk banyak NIK berbeda "
        "(halaman Pengawasan booking setiap kantor)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="antrekan sebagai tugas latar")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = booking_flags_refresh_task.enqueue()
            self.stdout.write(f"Tugas diantrekan: {result.id}")
            return
        flags = booking_flags_refresh()
        self.stdout.write(f"sumber booking ditandai: {flags}")
