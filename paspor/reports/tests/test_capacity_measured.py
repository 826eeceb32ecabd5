"""The planner's service time comes from the visits served, once there are enough of them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from paspor.offices.models import OfficeService, ServiceKind, Station, StationType
from paspor.queueing.models import StationVisit, Ticket, TicketStatus, VisitOutcome
from paspor.reports import selectors
from paspor.reports.capacity import plan_capacity

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 12, 1)
WIB = ZoneInfo("Asia/Jakarta")


def _served(office, station, n: int, minutes: int, day: dt.date) -> None:
    service = OfficeService.objects.get_or_create(
        office=office,
        kind=ServiceKind.REGULAR,
        defaults={"ticket_prefix": "A", "route": ["intake"]},
    )[0]
    start = dt.datetime.combine(day, dt.time(9), tzinfo=WIB)
    ticket = Ticket.objects.create(
        office=office,
        service=service,
        day=day,
        prefix="A",
        number=n,
        arrived_at=start,
        status=TicketStatus.DONE,
    )
    StationVisit.objects.create(
        ticket=ticket,
        station=station,
        queued_at=start,
        first_called_at=start,
        started_at=start,
        ended_at=start + dt.timedelta(minutes=minutes),
        outcome=VisitOutcome.DONE,
    )


def test_default_until_enough_visits_then_the_measured_mean(office) -> None:
    intake = Station.objects.get(office=office, station_type=StationType.INTAKE)
    assert selectors.station_service_minutes(intake, before=DAY) == intake.default_service_minutes
    _served(office, intake, 1, 4, dt.date(2026, 11, 30))
    _served(office, intake, 2, 6, dt.date(2026, 11, 27))
    assert selectors.station_service_minutes(intake, before=DAY) == intake.default_service_minutes
    _served(office, intake, 3, 11, dt.date(2026, 11, 26))
    _served(office, intake, 4, 99, DAY)  # the planned day itself is not history
    assert selectors.station_service_minutes(intake, before=DAY) == pytest.approx(7.0)


def test_plan_uses_the_measured_service_time(office) -> None:
    intake = Station.objects.get(office=office, station_type=StationType.INTAKE)
    for n, minutes in enumerate((8, 9, 10, 13), start=1):
        _served(office, intake, n, minutes, dt.date(2026, 11, 20 + n))
    plan = plan_capacity(office=office, day=DAY)
    by_type = {s.station_type: s for s in plan.stations}
    assert by_type["intake"].mean_service_minutes == pytest.approx(10.0)
