"""Rebuilds the daily summaries behind the period dashboard (docs/reports.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from paspor.reports.services import daily_summaries_refresh
from paspor.reports.tasks import daily_summaries_refresh_task


class Command(BaseCommand):
    help = "Ringkasan harian laporan: hari yang sudah tutup di setiap kantor."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from",
            dest="start",
            type=dt.date.fromisoformat,
            default=None,
            help="bangun ulang mulai hari ini (YYYY-MM-DD); bawaan: dua hari terakhir yang diringkas",
        )
        parser.add_argument("--enqueue", action="store_true", help="antrekan sebagai tugas latar")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = daily_summaries_refresh_task.enqueue()
            self.stdout.write(f"Tugas diantrekan: {result.id}")
            return
        done = daily_summaries_refresh(start=options["start"])
        if done.start is None:
            held = f"ringkasan sampai {done.through}" if done.through else "belum ada ringkasan"
            self.stdout.write(f"Tidak ada hari baru untuk diringkas ({held}).")
            return
        self.stdout.write(
            f"Diringkas {done.start} s.d. {done.through} di {done.offices} kantor: "
            f"{done.station_days} baris pos, {done.outcome_days} baris keputusan."
        )
