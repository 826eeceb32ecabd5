"""`manage.py prod_check`: is this environment ready for production? Non-zero exit if not."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from paspor.operations.prod_check import prod_check_run


class Command(BaseCommand):
    help = "Memeriksa kesiapan lingkungan produksi / checks a production environment."
    requires_system_checks: list[str] = []  # the checks run inside, reported as one line

    def handle(self, *args: Any, **options: Any) -> None:
        results = prod_check_run()
        for result in results:
            mark = "LULUS" if result.ok else "GAGAL"
            line = f"[{mark}] {result.label}"
            if result.detail:
                line += f" — {result.detail}"
            style = self.style.SUCCESS if result.ok else self.style.ERROR
            self.stdout.write(style(line))
        failed = sum(1 for result in results if not result.ok)
        if failed:
            raise CommandError(f"{failed} pemeriksaan gagal / {failed} checks failed")
        self.stdout.write(self.style.SUCCESS("Siap produksi / ready for production"))
