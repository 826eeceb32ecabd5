"""The walk through the office's past days: the office's day, the staff on duty, and a SimPy
clock that the real clock follows (time-machine) before every service call."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

import simpy
import time_machine
from django.utils import timezone

from paspor.accounts.models import User
from paspor.audit.pii import PiiData
from paspor.audit.services import pii_access_record
from paspor.booking.models import ApplicantProfile, ArrivalSession
from paspor.cases.models import Case
from paspor.offices.calendar import OfficeCalendar
from paspor.offices.models import Counter as OfficeCounter
from paspor.offices.models import Office, OfficeService, ServiceKind, Station
from paspor.payments.models import PaymentChannel
from paspor.portal.demo_history.people import Applicants, Family, Person, Visit
from paspor.queueing.services import ticket_walk_in

Process = Generator[Any, Any, None]

# The office's day (docs/queue.md): counters open before the first arrival window, the public
# counters close at 16.00, the photo counter finishes whoever is still in its line.
COUNTERS_OPEN = dt.time(7, 30)  # the kiosk checks in from 30 minutes before a window
COUNTERS_CLOSE = dt.time(16, 0)
LAST_PHOTO = dt.time(16, 45)
SUPERVISOR_ROUNDS = (dt.time(9, 45), dt.time(11, 15), dt.time(13, 15), dt.time(14, 45))
# On the last day the back office stops at 10.00 (a meeting at the office): the day's
# interviews, payments and prints wait for the supervisor, the printer and the checker when
# the demo opens.
LAST_DAY_BACK_OFFICE_UNTIL = dt.time(10)
PRINT_ROUNDS = (dt.time(9, 0), dt.time(13, 30))
QC_DELAY = dt.timedelta(minutes=75)
SLA_CHECKS = (dt.time(8, 5), dt.time(12, 5), dt.time(16, 35))
FUTURE_BOOKING_DAYS = 2  # working days after today with bookings (the counter plan's input)


@dataclass
class Staff:
    intake: User
    biometrics: User
    supervisor: User
    printer: User
    checker: User
    handover: User
    kiosk: User


def weighted[T](rng: random.Random, options: tuple[tuple[int, T], ...]) -> T:
    return rng.choices([value for _w, value in options], [w for w, _v in options])[0]


class Walk:
    """One walk through the office's past days: a SimPy clock of minutes since `epoch`, and the
    real clock moved to it (time-machine) before every service call."""

    def __init__(self, office: Office, *, channel: PaymentChannel, rng: random.Random) -> None:
        self.office, self.channel, self.rng = office, channel, rng
        self.calendar = OfficeCalendar(office)
        self.staff = Staff(
            *(
                User.objects.get(username=name)
                for name in ("loket", "biometrik", "supervisor", "cetak", "cetak2", "serah", "kios")
            )
        )
        self.stations = {s.station_type: s for s in Station.objects.filter(office=office)}
        self.counters = {c.number: c for c in OfficeCounter.objects.filter(office=office)}
        self.services = {s.kind: s for s in OfficeService.objects.filter(office=office)}
        self.sessions = list(ArrivalSession.objects.filter(office=office, is_active=True))
        self.env = simpy.Environment()
        self.visits: dict[int, Visit] = {}
        self.people_by_case: dict[int, tuple[Person, Family]] = {}
        self.steps: Counter[str] = Counter()
        self.applicants = Applicants(
            rng, niks=set(ApplicantProfile.objects.values_list("nik", flat=True))
        )
        self.queues: dict[str, simpy.Store] = {}
        self.epoch = timezone.now()
        self.traveller: time_machine.Traveller | None = None

    # --- time --------------------------------------------------------------------------

    def working_days_before(self, today: dt.date, count: int) -> list[dt.date]:
        days: list[dt.date] = []
        day = today - dt.timedelta(days=1)
        while len(days) < count:
            if self.calendar.is_working_day(day):
                days.append(day)
            day -= dt.timedelta(days=1)
        return sorted(days)

    def local(self, day: dt.date, at: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, at, tzinfo=self.office.tz)

    def minutes(self, moment: dt.datetime) -> float:
        return (moment - self.epoch).total_seconds() / 60

    def now(self) -> dt.datetime:
        """The history's moment; the real clock is moved to it."""
        moment = self.epoch + dt.timedelta(minutes=self.env.now)
        if self.traveller is not None:
            self.traveller.move_to(moment)
        return moment

    def pause(self, minutes: float) -> Process:
        yield self.env.timeout(minutes)
        self.now()

    def until(self, moment: dt.datetime) -> Process:
        yield self.env.timeout(max(0.0, self.minutes(moment) - self.env.now))
        self.now()

    def at(self, moment: dt.datetime, action: Callable[..., Any], *args: Any) -> None:
        """Run `action` at `moment`: a plain call, or a process when it yields."""

        def process() -> Process:
            yield from self.until(moment)
            result = action(*args)
            if isinstance(result, Generator):
                yield from result

        self.env.process(process())

    def looked_at(self, user: User, case: Case, what: PiiData) -> None:
        """The page the officer opened to do the step, in the personal-data access log as the
        page itself records it, so the head of office's log has the days' looks."""
        pii_access_record(user=user, case=case, what=what)
        self.steps["pii_looks"] += 1

    # --- the kiosk's lines -------------------------------------------------------------

    def queue_for(self, station_type: str) -> None:
        self.queues[station_type].put(station_type)

    def walk_in(self, kind: ServiceKind, visit: Visit) -> None:
        ticket = ticket_walk_in(
            office=self.office, service=self.services[kind], by=self.staff.kiosk
        )
        self.visits[ticket.pk] = visit
        self.steps[f"walk_ins_{kind}"] += 1
        self.queue_for(ticket.service.route[0])
