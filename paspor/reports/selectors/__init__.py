"""Reads behind the reports and the capacity planner (history reads go to the read replica
when one is configured: paspor/routers.py)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count

from paspor.booking.models import ACTIVE_BOOKING_STATUSES, Booking, BookingStatus
from paspor.offices.calendar import OfficeCalendar
from paspor.offices.models import Office, OpeningHours, ServiceKind, Station
from paspor.queueing.models import Ticket
from paspor.routers import on_replica

# Which ticket service a booking's pool becomes at the kiosk.
POOL_SERVICE = {
    "regular": ServiceKind.REGULAR,
    "priority": ServiceKind.PRIORITY,
    "express": ServiceKind.EXPRESS,
}
WALK_IN_HISTORY_DAYS = 20


def opening_hours(office: Office, day: dt.date) -> tuple[int, ...]:
    """The whole hours the office is open on `day` (none on a non-working day)."""
    if not OfficeCalendar(office).is_working_day(day):
        return ()
    hours = OpeningHours.objects.filter(office=office, weekday=day.weekday()).first()
    if hours is None:
        return ()
    last = hours.closes.hour - (0 if hours.closes.minute else 1)
    return tuple(range(hours.opens.hour, last + 1))


@on_replica
def booked_arrival_times(office: Office, day: dt.date) -> dict[str, list[float]]:
    """Minutes after midnight at which booked applicants are expected: spread evenly over each
    arrival window (nobody knows the minute, only the window)."""
    result: dict[str, list[float]] = defaultdict(list)
    statuses = [*ACTIVE_BOOKING_STATUSES, BookingStatus.CHECKED_IN]
    windows = (
        Booking.objects.filter(office=office, date=day, status__in=statuses)
        .values("pool", "window_start", "window_end")
        .annotate(n=Count("pk"))
    )
    for row in windows:
        start = row["window_start"].hour * 60 + row["window_start"].minute
        length = row["window_end"].hour * 60 + row["window_end"].minute - start
        kind = POOL_SERVICE.get(row["pool"], ServiceKind.REGULAR).value
        result[kind].extend(start + length * (i + 0.5) / row["n"] for i in range(row["n"]))
    return {k: sorted(v) for k, v in result.items()}


def booked_arrivals(office: Office, day: dt.date) -> dict[str, dict[int, float]]:
    """Booked applicants per service kind and hour of arrival."""
    result: dict[str, dict[int, float]] = {}
    for kind, times in booked_arrival_times(office, day).items():
        by_hour: dict[int, float] = defaultdict(float)
        for minute in times:
            by_hour[int(minute // 60)] += 1
        result[kind] = dict(by_hour)
    return result


@on_replica
def walk_in_arrivals(office: Office, day: dt.date) -> dict[str, dict[int, float]]:
    """Average walk-in tickets per hour over the office's last working days before `day`."""
    calendar = OfficeCalendar(office)
    days: list[dt.date] = []
    cursor = day
    while len(days) < WALK_IN_HISTORY_DAYS and (day - cursor).days < 120:
        cursor -= dt.timedelta(days=1)
        if calendar.is_working_day(cursor):
            days.append(cursor)
    if not days:
        return {}
    counts: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    tickets = Ticket.objects.filter(office=office, day__in=days, booking__isnull=True)
    for kind, arrived_at in tickets.values_list("service__kind", "arrived_at"):
        counts[kind][arrived_at.astimezone(office.tz).hour] += 1 / len(days)
    return {k: dict(v) for k, v in counts.items()}


def expected_arrivals(office: Office, day: dt.date) -> dict[str, dict[int, float]]:
    merged: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for source in (booked_arrivals(office, day), walk_in_arrivals(office, day)):
        for kind, by_hour in source.items():
            for hour, value in by_hour.items():
                merged[kind][hour] += value
    return {k: dict(v) for k, v in merged.items()}


SERVICE_HISTORY_DAYS = 60


def station_service_minutes(station: Station, *, before: dt.date | None = None) -> float:
    """Mean service minutes at a station: measured from the visits served over the last
    SERVICE_HISTORY_DAYS days before `before` (default: today), when there are at least the
    queue policy's minimum samples; the configured default until then."""
    from paspor.offices.calendar import office_today
    from paspor.queueing.models import StationVisit, VisitOutcome
    from paspor.queueing.selectors import queue_policy

    until = before or office_today(station.office)
    visits = StationVisit.objects.filter(
        station=station,
        outcome=VisitOutcome.DONE,
        started_at__isnull=False,
        ended_at__isnull=False,
        ticket__day__lt=until,
        ticket__day__gte=until - dt.timedelta(days=SERVICE_HISTORY_DAYS),
    ).values_list("started_at", "ended_at")
    minutes = [(end - start).total_seconds() / 60 for start, end in visits if start and end]
    if minutes and len(minutes) >= queue_policy(station.office).min_service_samples:
        return sum(minutes) / len(minutes)
    return float(station.default_service_minutes)
