"""`python manage.py queue_close_days`: ends the office days that are over, at every office.

Counter sessions still open are closed and unfinished tickets become expired, each audited
(`services.queue_day_close`). A scheduler runs it daily after closing (docs/queue.md,
"End of the day"); safe to run again: nothing is closed twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from paspor.queueing.services import queue_days_close_due


class Command(BaseCommand):
    help = "Tutup hari antrean yang sudah berakhir: sesi loket dan nomor yang belum selesai."

    def handle(self, *args: Any, **options: Any) -> None:
        closed = queue_days_close_due()
        self.stdout.write(f"sessions closed {closed.sessions}, tickets expired {closed.tickets}")
