"""Recompute a drawn ballot from its published seed: `manage.py ballot_verify <office> <date>`."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from paspor.booking import ballot as draw
from paspor.booking.models import Ballot, Pool
from paspor.booking.services import ballot_verify


class Command(BaseCommand):
    help = "Check a ballot: SHA-256 of the seed and the order recomputed from seed and entries."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("office")
        parser.add_argument("date", type=dt.date.fromisoformat)
        parser.add_argument("--pool", choices=Pool.values, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        ballots = Ballot.objects.filter(office__code=options["office"], date=options["date"])
        if options["pool"]:
            ballots = ballots.filter(pool=options["pool"])
        if not ballots:
            raise CommandError("Undian tidak ditemukan (no ballot for that office and date).")
        failed = False
        for ballot in ballots.order_by("pool"):
            self.stdout.write(f"{ballot.office.code} {ballot.date} {ballot.pool}")
            self.stdout.write(f"  seed hash {ballot.seed_hash}")
            self.stdout.write(f"  seed      {ballot.published_seed or '(belum diundi)'}")
            order = draw.draw_order(ballot.seed, ballot.entries.values_list("nik", flat=True))
            for rank, nik in enumerate(order[:10], start=1):
                self.stdout.write(f"  {rank:>4} {nik[:4]}********{nik[-4:]}")
            problems = ballot_verify(ballot)
            for problem in problems:
                self.stdout.write(self.style.ERROR(f"  {problem}"))
            failed = failed or bool(problems)
            if not problems:
                self.stdout.write(self.style.SUCCESS(f"  OK: {len(order)} entries, order verified"))
        if failed:
            raise CommandError("Verification failed.")
