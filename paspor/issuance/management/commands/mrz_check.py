"""`python manage.py mrz_check LINE1 LINE2`: verify a TD3 machine-readable zone.

Exit 0 when every check passes; 1 with one line per failing field otherwise. Used at quality
control and for old passports brought in for replacement.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from paspor.lib.mrz import parse_td3


class Command(BaseCommand):
    help = "Verify a passport MRZ (ICAO Doc 9303 TD3, two lines of 44 characters)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("line1")
        parser.add_argument("line2")

    def handle(self, *args: Any, **options: Any) -> None:
        line1 = str(options["line1"]).strip().upper()
        line2 = str(options["line2"]).strip().upper()
        result = parse_td3(line1, line2)
        if result.valid:
            self.stdout.write(
                f"MRZ valid: {result.document_code} {result.issuing_state} "
                f"{result.passport_number} {result.primary_identifier}"
                f"{', ' + result.secondary_identifier if result.secondary_identifier else ''} "
                f"lahir {result.birth_date} berlaku s.d. {result.expiry_date}"
            )
            return
        for error in result.errors:
            self.stderr.write(f"{error.field}: {error.message}")
        raise CommandError(
            f"MRZ tidak valid ({len(result.errors)} pemeriksaan gagal).", returncode=1
        )
