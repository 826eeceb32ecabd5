"""Send the outbox messages that are due: once, or every N seconds (the periodic worker)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from paspor.notifications.sending import outbox_flush


class Command(BaseCommand):
    help = "Mengirim pesan kotak keluar yang sudah jatuh waktu (termasuk percobaan ulang)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit", type=int, default=500, help="Pesan paling banyak per putaran."
        )
        parser.add_argument(
            "--every", type=int, default=0, help="Ulangi setiap N detik (0: sekali saja)."
        )
        parser.add_argument(
            "--rounds", type=int, default=0, help="Berhenti setelah N putaran (0: tanpa batas)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        rounds = 0
        while True:
            result = outbox_flush(limit=options["limit"])
            rounds += 1
            self.stdout.write(f"outbox: {result.due} jatuh waktu, {result.sent} terkirim")
            if options["every"] <= 0 or (options["rounds"] and rounds >= options["rounds"]):
                return
            time.sleep(options["every"])
