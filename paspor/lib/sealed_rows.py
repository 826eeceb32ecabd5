"""Re-sealing stored identity numbers: after a key rotation, and once for rows from before sealing.

Each row is read (any key in the ring opens it, a plain number reads as is) and written back,
which seals it with the newest key. Rows go in primary-key batches, each batch in its own
transaction, so a large table is not locked at once and an interrupted run can simply be repeated.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from paspor.lib.fields import SealedIdField

BATCH = 500


def sealed_field_names(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.get_fields() if isinstance(f, SealedIdField)]


def reseal_model(model: Any, names: Iterable[str], *, using: str = "default") -> int:
    """Writes every row's sealed fields back with the newest key; returns the rows written."""
    names = list(names)
    manager = model._base_manager.db_manager(using)
    last_pk: Any = None
    written = 0
    while True:
        rows = manager.order_by("pk")
        if last_pk is not None:
            rows = rows.filter(pk__gt=last_pk)
        batch = list(rows.values_list("pk", *names)[:BATCH])
        if not batch:
            return written
        with transaction.atomic(using=using):
            for pk, *values in batch:
                manager.filter(pk=pk).update(**dict(zip(names, values, strict=True)))
        written += len(batch)
        last_pk = batch[-1][0]


def reseal_app(apps: Any, app_label: str, using: str = "default") -> int:
    """For a data migration: every model of one app with sealed fields (historical models)."""
    written = 0
    for model in apps.get_app_config(app_label).get_models():
        names = sealed_field_names(model)
        if names:
            written += reseal_model(model, names, using=using)
    return written
