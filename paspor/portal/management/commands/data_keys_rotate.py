"""Re-seals every identity number and personal file with the newest key in PASPOR_DATA_KEYS.

Run after putting a new key first in the ring; when it reports zero left under older keys,
the old key can be removed. Safe to interrupt and run again.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models

from paspor.lib.sealed_rows import reseal_model, sealed_field_names
from paspor.lib.sealing import key_ring, sealed_key_id
from paspor.lib.storage import SealedStorage


class Command(BaseCommand):
    help = "Menyegel ulang semua NIK dan berkas pribadi dengan kunci terbaru."

    def handle(self, *args: Any, **options: Any) -> None:
        newest = key_ring()[0].key_id
        rows = 0
        for model in apps.get_models():
            names = sealed_field_names(model)
            if names:
                rows += reseal_model(model, names)
        # Every personal file lives under MEDIA_ROOT: all of it is re-sealed, referenced or not.
        files = SealedStorage().reseal_all()
        self.stdout.write(f"Kunci terbaru: {newest}. Baris disegel ulang: {rows}. Berkas: {files}.")
        left = stale_row_count(newest)
        self.stdout.write(f"Tersisa dengan kunci lama: {left}.")
        if left:
            raise SystemExit(1)


def stale_row_count(newest: str) -> int:
    """Rows whose stored token is not under the newest key (read raw, without unsealing)."""
    stale = 0
    for model in apps.get_models():
        for name in sealed_field_names(model):
            raw = model._base_manager.annotate(
                _raw=models.functions.Cast(name, models.CharField())
            ).exclude(**{name: ""})
            for token in raw.values_list("_raw", flat=True):
                if token and sealed_key_id(token) != newest:
                    stale += 1
    return stale
