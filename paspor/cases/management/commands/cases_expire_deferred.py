"""Reject deferred cases past their deadline. A scheduler runs this daily (docs/cases.md)."""

from typing import Any

from django.core.management.base import BaseCommand

from paspor.cases.adjudication import cases_expire_deferred


class Command(BaseCommand):
    help = "Tolak otomatis permohonan ditangguhkan yang melewati batas waktu."

    def handle(self, *args: Any, **options: Any) -> None:
        expired = cases_expire_deferred()
        self.stdout.write(f"{expired} permohonan ditolak karena batas waktu terlewati.")
