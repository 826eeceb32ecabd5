from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from paspor.lib.errors import DomainError
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
                raise CommandError(
                    _("Kantor “%(code)s” tidak ditemukan") % {"code": options["office"]}
                )
        path: Path = options["csv_path"]
        if not path.is_file():
            raise CommandError(_("Berkas %(path)s tidak ditemukan") % {"path": path})
        try:
            result = calendar_import_csv(office=office, text=path.read_text("utf-8"), by=None)
        except UnicodeDecodeError:
            raise CommandError(_("Berkas CSV harus UTF-8.")) from None
        except DomainError as exc:
            raise CommandError(exc.message) from None
        if result.errors:
            raise CommandError("\n".join(result.errors))
        self.stdout.write(_("%(n)s hari diimpor.") % {"n": result.imported})
        if result.told:
            self.stdout.write(
                ngettext(
                    "%(n)s pemohon yang memesan hari yang kini tutup diberi tahu.",
                    "%(n)s pemohon yang memesan hari yang kini tutup diberi tahu.",
                    result.told,
                )
                % {"n": result.told}
            )
        if result.due_dates_moved:
            self.stdout.write(
                ngettext(
                    "Janji selesai %(n)s permohonan yang sudah dibayar dihitung ulang.",
                    "Janji selesai %(n)s permohonan yang sudah dibayar dihitung ulang.",
                    result.due_dates_moved,
                )
                % {"n": result.due_dates_moved}
            )
