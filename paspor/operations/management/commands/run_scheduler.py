"""`manage.py run_scheduler`: the periodic jobs, in a small loop (one or more per deployment).

Several schedulers may run at once (one per machine, for availability): each due run is claimed
by a conditional UPDATE, so a job never runs twice for the same due time.
"""

from __future__ import annotations

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from paspor.operations.services import scheduler_run_due


class Command(BaseCommand):
    help = "Menjalankan tugas berkala (booking_tick, outbox, SLA, pengingat) sesuai jadwal."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=10.0, help="Detik antar-putaran.")
        parser.add_argument("--once", action="store_true", help="Satu putaran saja, lalu berhenti.")

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = False

        def stop(*_: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        while True:
            for name in scheduler_run_due():
                self.stdout.write(f"dijalankan: {name}")
            if options["once"] or stopping:
                return
            close_old_connections()  # no connection held open while asleep
            deadline = time.monotonic() + options["interval"]
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.2)
            if stopping:
                return
