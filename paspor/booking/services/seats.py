"""Seats: the quota counter rows and the two moves on them.

A seat is taken with one conditional UPDATE (`booked = booked + 1 WHERE booked < capacity`) in
the transaction that inserts the booking: under any number of concurrent requests only
`capacity` of them match the row; the others match nothing and are told the session is full.
The row is created beforehand with INSERT … ON CONFLICT DO NOTHING, so two first bookings of a
session cannot create it twice. On SQLite the IMMEDIATE transactions serialise all of this.
"""

from __future__ import annotations

import datetime as dt

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
