"""`flush` wipes the whole database on purpose, the audit log included.

On PostgreSQL it uses TRUNCATE, which the append-only row triggers do not see. SQLite has no
TRUNCATE, so its DELETE would be refused: the guard is lifted for the wipe and put back after.
"""

from typing import Any

from django.core.management.commands import flush
from django.db import connections

from paspor.audit.migrations import _triggers


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            super().handle(**options)
            return
        with connection.cursor() as cursor:
            for statement in _triggers.SQLITE_DOWN:
                cursor.execute(statement)
        try:
            super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                for statement in _triggers.SQLITE_UP:
                    cursor.execute(statement)
