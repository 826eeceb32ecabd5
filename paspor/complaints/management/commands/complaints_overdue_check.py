"""One pass of the complaint deadlines: the office is told of each complaint left past it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from paspor.complaints.services import complaints_overdue_check
from paspor.complaints.tasks import complaints_overdue_check_task


class Command(BaseCommand):
    help = (
        "Periksa batas waktu pengaduan: beri tahu kepala kantor dan supervisor tentang "
        "pengaduan yang lewat batas waktu tanpa tanggapan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="antrekan sebagai tugas latar")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = complaints_overdue_check_task.enqueue()
            self.stdout.write(f"Tugas diantrekan: {result.id}")
            return
        raised = complaints_overdue_check()
        self.stdout.write(f"pengaduan lewat batas waktu diberitahukan: {raised}")
