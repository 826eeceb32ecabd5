"""Migration operations that keep the service open while a release migrates.

An index added to a large table that takes writes (bookings, tickets) must not lock it: on
PostgreSQL `AddIndexWithoutLocking` builds it with `CREATE INDEX CONCURRENTLY`, which lets
inserts go on meanwhile, and needs a migration with `atomic = False`. On SQLite, a single-file
database with one writer, it is an ordinary `AddIndex`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db.migrations.operations import AddIndex


class AddIndexWithoutLocking(AddIndexConcurrently):
    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)
        else:
            AddIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
        else:
            AddIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)
