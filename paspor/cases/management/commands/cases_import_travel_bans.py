"""Load the travel-ban list (cegah tangkal) from a CSV file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from paspor.cases.travel_ban import travel_ban_import_csv
from paspor.lib.errors import DomainError


class Command(BaseCommand):
    help = (
        "Impor daftar cegah tangkal dari CSV (name, aliases, birth_date, nik, reason, valid_until)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(_("Berkas %(path)s tidak ditemukan") % {"path": path})
        try:
            result = travel_ban_import_csv(text=path.read_text("utf-8"), by=None)
        except UnicodeDecodeError:
            raise CommandError(_("Berkas CSV harus UTF-8.")) from None
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"{result.created} baru, {result.updated} diperbarui.")
