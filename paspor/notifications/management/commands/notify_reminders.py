"""Daily: the day-before booking reminders (safe to repeat)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from paspor.notifications.services import reminders_send


class Command(BaseCommand):
    help = "Mengirim pengingat booking (H-1)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = reminders_send()
        self.stdout.write(f"pengingat booking: {counts.bookings}")
