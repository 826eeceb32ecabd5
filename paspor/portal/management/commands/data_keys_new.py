"""Prints a new entry for PASPOR_DATA_KEYS (docs/security.md, key rotation)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from paspor.lib.sealing import new_key_text


class Command(BaseCommand):
    help = "Membuat kunci baru untuk PASPOR_DATA_KEYS (letakkan paling depan, lalu rotasi)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("key_id", help="pengenal kunci, huruf/angka, mis. 2027a")

    def handle(self, *args: Any, key_id: str, **options: Any) -> None:
        if not key_id.isalnum():
            self.stderr.write("Pengenal kunci hanya huruf dan angka.")
            raise SystemExit(2)
        self.stdout.write(new_key_text(key_id))
