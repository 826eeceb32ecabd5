"""The call-next rule (docs/queue.md), as a pure function over the tickets waiting at a station.

1. Aging: a ticket that has waited at this station for at least the aging bound goes first
   (oldest arrival first), so a stream of priority tickets cannot hold a regular ticket back
   for longer than the bound. A priority ticket ages too: on a busy day, when regular tickets
   that waited the bound never run out, it is not passed by regular tickets that came after it.
2. Then priority tickets (Ramah HAM), then all others.
3. Within each of these groups, first come first served by the ORIGINAL arrival at the office
   (not the moment the ticket reached this station) — except that a walk-in never goes before a
   booked ticket of the same service waiting in the same group (bookings checked in inside
   their window keep the time they reserved).

A ticket transferred to one counter is called by that counter before anything else and is not
offered to the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class QueueEntry:
    ticket_id: int
    service_id: int
    is_priority: bool
    is_booked: bool
    arrived_at: dt.datetime
    queued_at: dt.datetime
    target_counter_id: int | None = None


def _group(entry: QueueEntry, *, now: dt.datetime, aging: dt.timedelta) -> int:
    if now - entry.queued_at >= aging:
        return 0
    return 1 if entry.is_priority else 2


def _first_come(entries: list[QueueEntry]) -> list[QueueEntry]:
    """FCFS by original arrival, a walk-in waiting while a booked ticket of its service does.

    The walk-in steps back; nothing else moves. (Pulling the booked ticket forward instead let
    it pass earlier tickets of other services too, bookings among them.) When only walk-ins
    held back are left, a booked ticket is among the rest, so someone is always first."""
    pending = sorted(entries, key=lambda e: (e.arrived_at, e.ticket_id))
    ordered: list[QueueEntry] = []
    while pending:
        booked_services = {e.service_id for e in pending if e.is_booked}
        head = next(e for e in pending if e.is_booked or e.service_id not in booked_services)
        pending.remove(head)
        ordered.append(head)
    return ordered


def call_order(
    entries: Sequence[QueueEntry],
    *,
    now: dt.datetime,
    aging: dt.timedelta,
    counter_id: int | None = None,
) -> list[QueueEntry]:
    """The waiting tickets in the order they will be called (at `counter_id` when given)."""
    targeted = [e for e in entries if counter_id is not None and e.target_counter_id == counter_id]
    open_to_all = [e for e in entries if e.target_counter_id is None]
    if counter_id is None:
        open_to_all = list(entries)
    groups: dict[int, list[QueueEntry]] = {0: [], 1: [], 2: []}
    for entry in open_to_all:
        groups[_group(entry, now=now, aging=aging)].append(entry)
    ordered = sorted(targeted, key=lambda e: (e.queued_at, e.ticket_id))
    for key in (0, 1, 2):
        ordered += _first_come(groups[key])
    return ordered
