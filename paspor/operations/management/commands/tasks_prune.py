"""The scheduler's nightly `tasks_prune`: the task worker's finished results older than a week.

The database task backend keeps a row per task for good; the outbox flush looks through them
every minute for notice tasks a dead worker left (`notice_tasks_requeue`), so the table must
not only grow. Running and waiting tasks are never removed. With another task backend (the
tests' immediate one) there is nothing to remove.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.tasks import task_backends
from django_tasks_db.backend import DatabaseBackend


class Command(BaseCommand):
    help = "Menghapus hasil tugas latar yang selesai lebih dari --days hari lalu (bawaan 7)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        backend = task_backends["default"]
        if not isinstance(backend, DatabaseBackend):
            self.stdout.write(f"tasks_prune: {type(backend).__name__} keeps no results")
            return
        call_command(
            "prune_db_task_results", "--min-age-days", str(days), stdout=self.stdout, verbosity=1
        )
