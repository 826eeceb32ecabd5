"""Seats: the quota counter rows and the two moves on them.

A seat is taken with one conditional UPDATE (`booked = booked + 1 WHERE booked < capacity`) in
the transaction that inserts the booking: under any number of concurrent requests only
`capacity` of them match the row; the others match nothing and are told the session is full.
The row is created beforehand with INSERT … ON CONFLICT DO NOTHING, so two first bookings of a
session cannot create it twice. On SQLite the IMMEDIATE transactions serialise all of this.
"""

from __future__ import annotations

import datetime as dt
import time

from django.db.models import F, Q

from paspor.booking.models import ArrivalSession, QuotaCounter
from paspor.booking.selectors import availability_changed, capacity_for
from paspor.offices.models import Office


def counter_ensure(office: Office, day: dt.date, session: ArrivalSession, pool: str) -> None:
    capacity = capacity_for(office, day, session, pool)
    QuotaCounter.objects.bulk_create(
        [QuotaCounter(office=office, date=day, session=session, pool=pool, capacity=capacity)],
        ignore_conflicts=True,
    )


def counters_lock(
    office: Office, pool: str, slots: list[tuple[dt.date, ArrivalSession | None]]
) -> None:
    """Lock several counter rows in primary-key order (a no-op on SQLite, which serialises)."""
    keys = Q(pk__in=[])
    for day, session in slots:
        if session is None:
            continue
        counter_ensure(office, day, session, pool)
        keys |= Q(date=day, session=session)
    list(
        QuotaCounter.objects.select_for_update()
        .filter(keys, office=office, pool=pool)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# Sessions this process has just found full. Only a hint that sends the next request for the
# same session to a cheap check first (`seats_gone`); never a verdict on its own.
FULL_HINT_SECONDS = 5.0
_full_hints: dict[tuple[int, dt.date, int, str], float] = {}


def _hint_key(
    office: Office, day: dt.date, session: ArrivalSession, pool: str
) -> tuple[int, dt.date, int, str]:
    return (office.pk, day, session.pk, pool)


def _remember_full(key: tuple[int, dt.date, int, str]) -> None:
    now = time.monotonic()
    if len(_full_hints) > 10_000:  # bounded: drop what has gone stale
        # A copy first: other threads of this process may add hints meanwhile.
        for stale, seen in list(_full_hints.items()):
            if now - seen > FULL_HINT_SECONDS:
                _full_hints.pop(stale, None)
    _full_hints[key] = now


def seats_gone(office: Office, day: dt.date, session: ArrivalSession, pool: str) -> bool:
    """True when the session and pool is full now — checked only for a session this process
    saw full in the last few seconds, with one read and no transaction.

    A quota rush is mostly requests for seats already gone; this turns them away before the
    booking's transaction (month-cap lock, inserts, seat UPDATE, rollback). The read is the
    truth at that moment: a seat freed since the hint was set is found, the hint dropped and the
    booking goes on. `seat_take`'s conditional UPDATE stays the only judge of a seat taken.
    """
    key = _hint_key(office, day, session, pool)
    seen = _full_hints.get(key)
    if seen is None or time.monotonic() - seen > FULL_HINT_SECONDS:
        return False
    full = QuotaCounter.objects.filter(
        office=office, date=day, session=session, pool=pool, booked__gte=F("capacity")
    ).exists()
    if not full:
        _full_hints.pop(key, None)
    return full


def seat_take(office: Office, day: dt.date, session: ArrivalSession, pool: str) -> bool:
    """Take one seat; False when the session and pool is full. Call inside the transaction."""
    rows = QuotaCounter.objects.filter(office=office, date=day, session=session, pool=pool)
    # Race: many applicants want the last seat — only `capacity` UPDATEs match the row.
    if rows.filter(booked__lt=F("capacity")).update(booked=F("booked") + 1):
        availability_changed(office.pk, day)
        return True
    # Race: the first two bookings of a session. The other one's row may have been committed
    # after our UPDATE looked (and found nothing), so "the row exists" does not mean "full":
    # take the seat with a fresh statement, which sees the committed row, before saying so.
    if not rows.exists():
        counter_ensure(office, day, session, pool)
    if rows.filter(booked__lt=F("capacity")).update(booked=F("booked") + 1):
        availability_changed(office.pk, day)
        return True
    _remember_full(_hint_key(office, day, session, pool))
    return False


def seat_return(office: Office, day: dt.date, session: ArrivalSession, pool: str) -> None:
    """Give a seat back to the public count (nobody on the waitlist wanted it)."""
    QuotaCounter.objects.filter(
        office=office, date=day, session=session, pool=pool, booked__gt=0
    ).update(booked=F("booked") - 1)
    availability_changed(office.pk, day)


def seat_free(
    office: Office, day: dt.date, session: ArrivalSession, pool: str, *, now: dt.datetime
) -> None:
    """A seat came free: offer it to the first on the waitlist, else return it at once."""
    from paspor.booking.services.waitlist import waitlist_offer_seat

    if day > now.astimezone(office.tz).date() and waitlist_offer_seat(
        office=office, day=day, session=session, pool=pool, now=now
    ):
        return
    seat_return(office, day, session, pool)
