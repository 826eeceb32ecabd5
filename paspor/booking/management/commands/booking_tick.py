"""Periodic booking work; run every minute (cron or a systemd timer): `manage.py booking_tick`.

Each step is repeat-safe: open ballots of released dates (their seed hash goes public), draw
ballots whose window closed, expire waitlist offers (the seat moves on), close waitlist places
for days that can no longer be booked, mark no-shows.
"""

from typing import Any

from django.core.management.base import BaseCommand

from paspor.booking import services


class Command(BaseCommand):
    help = "Ballots, waitlist offers and no-shows (run every minute)."

    def handle(self, *args: Any, **options: Any) -> None:
        opened = services.ballots_open_released()
        drawn = services.ballots_draw_due()
        expired = services.waitlist_expire_offers()
        closed = services.waitlist_close_past()
        no_shows = services.booking_mark_no_shows()
        self.stdout.write(
            f"ballots opened {opened}, drawn {drawn}; offers expired {expired}; "
            f"waiting places closed {closed}; no-shows {no_shows}"
        )
