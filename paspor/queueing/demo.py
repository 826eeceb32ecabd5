"""Demo data of the office queue: the office's queue rules (idempotent)."""

from __future__ import annotations

from paspor.offices.models import Office
from paspor.queueing.models import QueuePolicy


def seed_queue_demo(office: Office) -> None:
    QueuePolicy.objects.get_or_create(office=office)
