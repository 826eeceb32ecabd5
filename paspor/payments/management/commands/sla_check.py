"""One pass of the SLA clock (at-risk and breach alerts) and billing-code expiry."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from paspor.payments.sla_alerts import sla_check
from paspor.payments.tasks import sla_check_task


class Command(BaseCommand):
    help = (
        "Periksa janji selesai (SLA): peringatan berisiko/terlambat, kedaluwarsakan kode billing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="antrekan sebagai tugas latar")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = sla_check_task.enqueue()
            self.stdout.write(f"Tugas diantrekan: {result.id}")
            return
        done = sla_check()
        self.stdout.write(
            f"berisiko: {done.at_risk}, terlambat: {done.breaches}, "
            f"kode kedaluwarsa: {done.codes_expired}"
        )
