from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from paspor.offices.models import Office
from paspor.offices.services import calendar_import_csv


class Command(BaseCommand):
    help = "Imports calendar days from a CSV file (date,kind,name,source); national by default."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv_path", type=Path)
        parser.add_argument("--office", help="office code; omit for national days")

    def handle(self, *args: Any, **options: Any) -> None:
        office = None
        if options["office"]:
            office = Office.objects.filter(code=options["office"]).first()
            if office is None:
                raise CommandError(f"Kantor {options['office']!r} tidak ditemukan")
        path: Path = options["csv_path"]
        if not path.exists():
            raise CommandError(f"Berkas {path} tidak ditemukan")
        result = calendar_import_csv(office=office, text=path.read_text(encoding="utf-8"), by=None)
        if result.errors:
            raise CommandError("\n".join(result.errors))
        self.stdout.write(f"{result.imported} hari diimpor.")
