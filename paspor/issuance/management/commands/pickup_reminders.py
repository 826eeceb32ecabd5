"""`python manage.py pickup_reminders`: reminders on days 7, 21, 28; cancellation after day 30.

Run once a day (cron or the task worker). Safe to run again: nothing is sent or cancelled twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from paspor.issuance.services import pickup_reminders_run


class Command(BaseCommand):
    help = "Send pickup reminders and cancel passports uncollected for 30 days (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        run = pickup_reminders_run()
        self.stdout.write(f"reminded={run.reminded} cancelled={run.cancelled}")
