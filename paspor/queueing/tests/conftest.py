"""Fixtures of the office queue: an office laid out like Ketapang, bookings, frozen clocks."""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo
from typing import Any

import pytest

from conftest import make_user
from paspor.accounts.models import Role
from paspor.booking.models import ApplicantProfile, Booking, Pool
from paspor.offices.models import Counter, Office, OfficeService, ServiceKind, Station, StationType
from paspor.queueing.models import QueuePolicy, Ticket

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
# Thursday 12 March 2026, 09:00 in Ketapang.
MORNING = dt.datetime(2026, 3, 12, 9, 0, tzinfo=WIB)
TODAY = MORNING.date()

SERVICES = (
    (ServiceKind.REGULAR, "A", ["intake", "biometrics"], False, 0),
    (ServiceKind.PRIORITY, "B", ["intake", "biometrics"], True, 20),
    (ServiceKind.EXPRESS, "C", ["intake", "biometrics"], True, 10),
    (ServiceKind.PICKUP, "D", ["handover"], True, 3),
    (ServiceKind.INFORMATION, "E", ["information"], True, 0),
    (ServiceKind.LOST_DAMAGED, "F", ["intake", "biometrics"], True, 10),
)
COUNTERS = (
    (1, ["intake"]),
    (2, ["intake", "payment_help"]),
    (3, ["biometrics"]),
    (4, ["biometrics"]),
    (5, ["handover", "information"]),
)


def lay_out(office: Office) -> None:
    for kind, prefix, route, walk_in, cap in SERVICES:
        OfficeService.objects.create(
            office=office,
            kind=kind,
            ticket_prefix=prefix,
            route=route,
            walk_in=walk_in,
            walk_in_daily_cap=cap,
        )
    for number, types in COUNTERS:
        counter = Counter.objects.create(office=office, number=number, name=f"Loket {number}")
        counter.stations.set(Station.objects.filter(office=office, station_type__in=types))
    QueuePolicy.objects.create(office=office)


@pytest.fixture
def queue_office(office: Office) -> Office:
    lay_out(office)
    return office


@pytest.fixture
def other_queue_office(other_office: Office) -> Office:
    lay_out(other_office)
    return other_office


@pytest.fixture
def frozen(request):
    """Time frozen at 09:00 on 12 March 2026 (Ketapang); `frozen.shift(minutes=...)` moves it."""
    import time_machine

    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


_codes = itertools.count(1)


def make_booking(
    office: Office,
    *,
    date: dt.date = TODAY,
    start: dt.time = dt.time(9),
    end: dt.time = dt.time(10),
    pool: str = Pool.REGULAR,
    name: str = "Siti Rahmawati",
    code: str | None = None,
    born: dt.date = dt.date(1990, 1, 1),
    answers: dict[str, object] | None = None,
) -> Booking:
    n = next(_codes)
    account = make_user(f"pemohon{n}", email=f"pemohon{n}@example.com")
    nik = f"610401410190{n:04d}"  # Ketapang, a woman born 1 January 1990
    profile = ApplicantProfile.objects.create(
        account=account,
        nik=nik,
        full_name=name,
        sex="F",
        birth_date=born,
        birth_place="Ketapang",
    )
    return Booking.objects.create(
        code=code or f"KTP{n:05d}",
        office=office,
        profile=profile,
        nik=nik,
        date=date,
        window_start=start,
        window_end=end,
        pool=pool,
        application_type="new_adult",
        answers=answers or {},
    )


def case_for(ticket: Ticket, *, by, to: str | None = None):
    """The case an intake officer opens from `ticket` (and moves to `to`) in the cases app.

    Walk-in tickets get typed applicant data, booked ones the booking's profile.
    """
    from paspor.cases.models import CaseStatus
    from paspor.cases.services import ApplicantData, case_open, case_transition

    n = next(_codes)
    data = ApplicantData(
        nik=f"610401050585{n:04d}",  # Ketapang, a man born 5 May 1985
        full_name="Rudi Hartono",
        sex="M",
        birth_date=dt.date(1985, 5, 5),
        birth_place="Ketapang",
        application_type="new_adult",
    )
    case = case_open(
        office=ticket.office, by=by, ticket=ticket, data=None if ticket.booking_id else data
    )
    if to is not None:
        case = case_transition(case=case, to=CaseStatus(to), by=by, reason="uji")
    return case


def station(office: Office, station_type: str) -> Station:
    return Station.objects.get(office=office, station_type=station_type)


def counter(office: Office, number: int) -> Counter:
    return Counter.objects.get(office=office, number=number)


@pytest.fixture
def second_intake_officer(queue_office: Office):
    return make_user(
        "petugas_loket_dua", role=Role.INTAKE, office=queue_office, stations=(StationType.INTAKE,)
    )


@pytest.fixture
def board_connections_closed():
    """Closes the board pollers' database connections after the test (before teardown)."""
    from paspor.queueing.broadcast import close_board_connections

    yield
    close_board_connections()


def booked(office: Office, **kwargs: Any) -> Ticket:
    """A booking for today, checked in at the kiosk: its ticket."""
    from paspor.queueing.services import ticket_check_in

    return ticket_check_in(office=office, code=make_booking(office, **kwargs).code, by=None)


@pytest.fixture
def intake_desk(queue_office, intake_officer, frozen):
    """Counter 1 opened at the intake station by the (certified) intake officer."""
    from paspor.queueing.services import counter_open

    return counter_open(
        office=queue_office,
        counter=counter(queue_office, 1),
        station=station(queue_office, "intake"),
        by=intake_officer,
    )


@pytest.fixture
def bio_desk(queue_office, biometrics_officer, frozen):
    """Counter 3 opened at the biometrics station by the biometrics officer."""
    from paspor.queueing.services import counter_open

    return counter_open(
        office=queue_office,
        counter=counter(queue_office, 3),
        station=station(queue_office, "biometrics"),
        by=biometrics_officer,
    )
