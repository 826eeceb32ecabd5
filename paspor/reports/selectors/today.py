"""Reads behind the live dashboard of one office: the queue as it stands now."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q

from paspor.booking.models import Booking, BookingStatus
from paspor.offices.models import Office, Station
from paspor.queueing.models import Ticket, TicketStatus
from paspor.queueing.selectors import sessions_open


@dataclass(frozen=True)
class OpenCounter:
    number: int  # shown as "Loket 5" in the reader's language
    officer: str


@dataclass
class StationNow:
    station: Station
    waiting: int = 0
    longest_wait_minutes: float | None = None
    counters: list[OpenCounter] = field(default_factory=list)


@dataclass(frozen=True)
class TodaySummary:
    office: Office
    day: dt.date
    at: dt.datetime
    stations: list[StationNow]
    tickets_issued: int
    tickets_served: int
    tickets_no_show: int  # called and never came to the counter
    bookings_no_show: int  # booked for today and marked as not come
    bookings_expected: int  # still booked for today, not checked in yet

    @property
    def waiting(self) -> int:
        return sum(s.waiting for s in self.stations)


def today_summary(office: Office, *, now: dt.datetime) -> TodaySummary:
    """People waiting and the longest wait per station, counters open and who staffs them,
    tickets served and no-shows, for the office's current day."""
    day = now.astimezone(office.tz).date()
    stations = {s.pk: StationNow(s) for s in Station.objects.filter(office=office).order_by("pk")}
    waiting = (
        Ticket.objects.filter(office=office, day=day, status=TicketStatus.WAITING)
        .values("station_id")
        .annotate(n=Count("pk"), oldest=Min("queued_at"))
        .order_by()
    )
    for row in waiting:
        entry = stations.get(row["station_id"])
        if entry is None:
            continue
        entry.waiting = row["n"]
        if row["oldest"] is not None:
            entry.longest_wait_minutes = max((now - row["oldest"]).total_seconds() / 60, 0.0)
    # A session belongs to the day it was opened on: one left open last week is not open now.
    sessions = (
        sessions_open(office, day).select_related("counter", "officer").order_by("counter__number")
    )
    for session in sessions:
        entry = stations.get(session.station_id)
        if entry is not None:
            name = session.officer.get_full_name() or session.officer.username
            entry.counters.append(OpenCounter(session.counter.number, name))
    tickets = Ticket.objects.filter(office=office, day=day).aggregate(
        issued=Count("pk"),
        served=Count("pk", filter=Q(status=TicketStatus.DONE)),
        no_show=Count("pk", filter=Q(status=TicketStatus.NO_SHOW)),
    )
    bookings: dict[str, int] = defaultdict(int)
    for status, n in (
        Booking.objects.filter(office=office, date=day)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    ):
        bookings[status] = n
    return TodaySummary(
        office=office,
        day=day,
        at=now,
        stations=list(stations.values()),
        tickets_issued=tickets["issued"],
        tickets_served=tickets["served"],
        tickets_no_show=tickets["no_show"],
        bookings_no_show=bookings[BookingStatus.NO_SHOW],
        bookings_expected=bookings[BookingStatus.BOOKED],
    )
