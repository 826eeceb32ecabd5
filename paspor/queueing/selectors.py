"""Reads of the office queue: the order at a station, positions, wait estimates, board state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from paspor.accounts.models import User
from paspor.cases.models import Case, CaseStatus
from paspor.notifications.services import TURN_NEAR_AHEAD
from paspor.offices.calendar import office_today
from paspor.offices.models import Counter, Office, OfficeService, Station, StationType
from paspor.queueing.models import (
    AT_COUNTER,
    UNFINISHED,
    BoardEvent,
    CounterSession,
    QueuePolicy,
    StationVisit,
    Ticket,
    TicketCall,
    TicketNumber,
    TicketStatus,
    VisitOutcome,
)
from paspor.queueing.ordering import QueueEntry, call_order
from paspor.queueing.routing import FinishKind, FinishPlan, finish_plan, next_step
from paspor.surveys.models import SurveyInvitation
from paspor.surveys.selectors import survey_link_expired


def queue_policy(office: Office) -> QueuePolicy:
    """The office's rules, or the defaults when the office has not set its own."""
    policy = QueuePolicy.objects.filter(office=office).first()
    return policy if policy is not None else QueuePolicy(office=office)


def local_now(office: Office) -> dt.datetime:
    return timezone.now().astimezone(office.tz)


def office_day_bounds(office: Office, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The office day `day` as [start, end): midnight to midnight on the office's clock."""
    start = dt.datetime.combine(day, dt.time.min, tzinfo=office.tz)
    return start, dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=office.tz)


def session_day(session: CounterSession, office: Office) -> dt.date:
    """The office day a counter session belongs to: the one it was opened on."""
    return session.opened_at.astimezone(office.tz).date()


def sessions_open(office: Office, day: dt.date | None = None) -> QuerySet[CounterSession]:
    """Counter sessions open on the office day `day` (today unless given).

    A session belongs to the day it was opened on: one an officer left open on an earlier day
    is not open today, whether or not the day-close job has closed it yet.
    """
    start, end = office_day_bounds(office, day or office_today(office))
    return CounterSession.objects.filter(
        counter__office=office, closed_at__isnull=True, opened_at__gte=start, opened_at__lt=end
    )


def waiting_at(station: Station, day: dt.date) -> QuerySet[Ticket]:
    return Ticket.objects.filter(
        office_id=station.office_id, day=day, station=station, status=TicketStatus.WAITING
    )


def station_entries(station: Station, day: dt.date) -> list[QueueEntry]:
    rows = waiting_at(station, day).values_list(
        "pk",
        "service_id",
        "is_priority",
        "booking_id",
        "arrived_at",
        "queued_at",
        "target_counter_id",
    )
    return [
        QueueEntry(
            ticket_id=pk,
            service_id=service_id,
            is_priority=is_priority,
            is_booked=booking_id is not None,
            arrived_at=arrived_at,
            queued_at=queued_at or arrived_at,
            target_counter_id=target_counter_id,
        )
        for pk, service_id, is_priority, booking_id, arrived_at, queued_at, target_counter_id in rows
    ]


def station_order(
    station: Station, *, now: dt.datetime | None = None, counter: Counter | None = None
) -> list[QueueEntry]:
    """Waiting tickets at `station` in call order (as seen from `counter` when given)."""
    now = now or timezone.now()
    policy = queue_policy(station.office)
    day = now.astimezone(station.office.tz).date()
    return call_order(
        station_entries(station, day),
        now=now,
        aging=dt.timedelta(minutes=policy.aging_minutes),
        counter_id=counter.pk if counter is not None else None,
    )


def station_positions(station: Station, *, now: dt.datetime | None = None) -> dict[int, int]:
    """Each waiting ticket's place at `station` (1: called next), as its holder is told it.

    A ticket transferred to a counter is first at that counter (in transfer order); the
    others come after every ticket transferred to a counter of the station, in call order."""
    order = station_order(station, now=now)
    positions: dict[int, int] = {}
    at_counter: dict[int, int] = {}
    transferred = sorted(
        (e for e in order if e.target_counter_id is not None),
        key=lambda e: (e.queued_at, e.ticket_id),
    )
    for entry in transferred:
        counter_id = entry.target_counter_id or 0
        at_counter[counter_id] = at_counter.get(counter_id, 0) + 1
        positions[entry.ticket_id] = at_counter[counter_id]
    line = [entry for entry in order if entry.target_counter_id is None]
    for index, entry in enumerate(line, start=1):
        positions[entry.ticket_id] = len(transferred) + index
    return positions


def ticket_position(ticket: Ticket, *, now: dt.datetime | None = None) -> int | None:
    """1 for the next to be called; None when the ticket is not waiting."""
    if ticket.status != TicketStatus.WAITING or ticket.station is None:
        return None
    return station_positions(ticket.station, now=now).get(ticket.pk)


# A ticket among the next NEAR_POSITIONS of its line (at most TURN_NEAR_AHEAD ahead of it) is
# near its turn: the phone page says to stay near the counters, and the "your turn is near"
# notice goes out. Both read `turn_near`.
NEAR_POSITIONS = TURN_NEAR_AHEAD + 1


def turn_near(position: int) -> bool:
    return 1 <= position <= NEAR_POSITIONS


@dataclass(frozen=True)
class WaitEstimate:
    minutes: int
    service_minutes: float
    counters_open: int
    measured: bool

    @property
    def no_counter_open(self) -> bool:
        return self.counters_open == 0


def service_minutes(station: Station, day: dt.date) -> tuple[float, bool]:
    """Mean service time at `station` today, or its configured default; and whether measured."""
    visits = StationVisit.objects.filter(
        station=station,
        ticket__day=day,
        outcome=VisitOutcome.DONE,
        started_at__isnull=False,
        ended_at__isnull=False,
    ).values_list("started_at", "ended_at")
    durations = [(end - start).total_seconds() / 60 for start, end in visits if start and end]
    if durations and len(durations) >= queue_policy(station.office).min_service_samples:
        return sum(durations) / len(durations), True
    return float(station.default_service_minutes), False


def counters_open(station: Station, day: dt.date) -> int:
    """Counters open for `station` on the office day `day`."""
    return sessions_open(station.office, day).filter(station=station).count()


def busy_counters(station: Station, day: dt.date) -> int:
    return Ticket.objects.filter(
        station=station, day=day, status__in=AT_COUNTER, counter__isnull=False
    ).count()


def estimate_wait(station: Station, *, ahead: int, day: dt.date) -> WaitEstimate:
    """W = s · (n + b/2) / c (docs/queue.md): n tickets ahead, b busy counters each with half
    a service left on average, c counters open, s the mean service time measured today."""
    minutes_each, measured = service_minutes(station, day)
    open_count = counters_open(station, day)
    busy = min(busy_counters(station, day), open_count)
    work = minutes_each * (ahead + busy / 2)
    wait = work / max(open_count, 1)
    return WaitEstimate(
        minutes=round(wait),
        service_minutes=round(minutes_each, 1),
        counters_open=open_count,
        measured=measured,
    )


@dataclass(frozen=True)
class TicketView:
    """What the phone page may show: nothing personal."""

    display: str
    service: str
    status: str
    status_label: str
    station: str
    position: int | None
    wait: WaitEstimate | None
    counter_number: int | None
    calls: list[tuple[dt.datetime, int]]
    day: dt.date
    # The ticket cannot be used any more: its day is over and the visit did not end there.
    no_longer_valid: bool = False
    # A no-show may come back until then (the reinstatement window); None otherwise.
    reinstate_until: dt.datetime | None = None

    @property
    def near(self) -> bool:
        """Its turn is close: the applicant should stay near the counters now.

        Never while no counter is open for its station: nobody is called shortly then."""
        if self.position is None or self.wait is None or self.wait.no_counter_open:
            return False
        return turn_near(self.position) or not self.wait.minutes

    @property
    def final(self) -> bool:
        """Nothing will change any more: the page stops saying it refreshes itself."""
        return (
            self.no_longer_valid
            or self.status in (TicketStatus.DONE, TicketStatus.EXPIRED)
            or (self.status == TicketStatus.NO_SHOW and self.reinstate_until is None)
        )


def ticket_status_now(ticket: Ticket, *, today: dt.date) -> TicketStatus:
    """The ticket's status as the applicant must read it `today`: a ticket of an earlier day
    still waiting, at a counter or parked is expired, as the day-close job will record it."""
    status = TicketStatus(ticket.status)
    if ticket.day < today and status in UNFINISHED:
        return TicketStatus.EXPIRED
    return status


def reinstate_deadline(ticket: Ticket, policy: QueuePolicy) -> dt.datetime:
    """Until when a no-show may come back into the queue at its old place."""
    since = ticket.status_at or ticket.arrived_at
    return since + dt.timedelta(minutes=policy.reinstate_minutes)


def ticket_view(ticket: Ticket, *, now: dt.datetime | None = None) -> TicketView:
    today = (now or timezone.now()).astimezone(ticket.office.tz).date()
    status = ticket_status_now(ticket, today=today)
    # A no-show may come back the same day only; a finished visit keeps its thanks and survey.
    over = status == TicketStatus.EXPIRED or (status == TicketStatus.NO_SHOW and ticket.day < today)
    position = None if over else ticket_position(ticket, now=now)
    wait = None
    if position is not None and ticket.station is not None:
        wait = estimate_wait(ticket.station, ahead=position - 1, day=ticket.day)
    reinstate_until = None
    if status == TicketStatus.NO_SHOW and not over:
        until = reinstate_deadline(ticket, queue_policy(ticket.office))
        if (now or timezone.now()) <= until:
            reinstate_until = until
    called = TicketCall.objects.filter(visit__ticket=ticket)
    if status != TicketStatus.DONE and ticket.station_id is not None:
        # In the line of (or at) a station, only its own calls: "09.00 — loket 1" from the
        # previous station would send the applicant back there.
        called = called.filter(visit__station_id=ticket.station_id)
    calls = list(called.order_by("-at").values_list("at", "counter__number")[:5])
    return TicketView(
        display=ticket.display,
        service=str(ticket.service.get_kind_display()),
        status=status.value,
        status_label=str(status.label),
        station=ticket.station.label if ticket.station is not None else "",
        position=position,
        wait=wait,
        counter_number=ticket.counter.number if ticket.counter is not None and not over else None,
        calls=[] if over else calls,
        day=ticket.day,
        no_longer_valid=over,
        reinstate_until=reinstate_until,
    )


def ticket_case(ticket: Ticket) -> Case | None:
    """The case opened from the ticket: the live one, else the latest cancelled one."""
    cases = sorted(
        Case.objects.filter(ticket=ticket).only("pk", "code", "status", "created_at"),
        key=lambda case: (case.status != CaseStatus.CANCELLED, case.created_at, case.pk),
    )
    return cases[-1] if cases else None


@dataclass(frozen=True)
class FinishOutlook:
    """What "Selesai" will do with the ticket at a counter, shown before it is pressed."""

    plan: FinishPlan
    station: Station | None  # the next station of the route, when there is one
    case: Case | None

    @property
    def kind(self) -> FinishKind:
        return self.plan.kind

    @property
    def case_status_label(self) -> str:
        status = self.plan.case_status
        return str(status.label) if status is not None else ""


def finish_outlook(ticket: Ticket) -> FinishOutlook:
    """Where finishing sends `ticket`: by its route and by the real state of its case."""
    route = list(ticket.service.route or [])
    here = ticket.station.station_type if ticket.station is not None else None
    step = next_step(route, step=ticket.step, station_type=here)
    case = ticket_case(ticket)
    plan = finish_plan(
        route,
        step=step,
        case_status=CaseStatus(case.status) if case is not None else None,
        here=here,
    )
    station = None
    if plan.step is not None:
        station = Station.objects.filter(
            office_id=ticket.office_id, station_type=route[plan.step]
        ).first()
    return FinishOutlook(plan=plan, station=station, case=case)


def _sessions_left_open(user: User, office: Office | None) -> list[CounterSession]:
    sessions = CounterSession.objects.select_related(
        "counter", "counter__office", "station", "station__office"
    ).filter(officer=user, closed_at__isnull=True)
    if office is not None:
        sessions = sessions.filter(counter__office=office)
    return list(sessions)


def open_session(user: User, office: Office | None = None) -> CounterSession | None:
    """The counter `user` works today (at `office` when given); a session left open on an
    earlier office day is not it: the officer opens the counter again for today."""
    return next(
        (
            session
            for session in _sessions_left_open(user, office)
            if session_day(session, session.counter.office) == office_today(session.counter.office)
        ),
        None,
    )


def session_left_from_earlier_day(user: User, office: Office) -> CounterSession | None:
    """A session `user` opened at `office` on an earlier day and never closed (for the console
    to say so)."""
    return next(
        (
            session
            for session in _sessions_left_open(user, office)
            if session_day(session, office) < office_today(office)
        ),
        None,
    )


def ticket_at_counter(counter: Counter) -> Ticket | None:
    return (
        Ticket.objects.select_related("service", "booking", "station")
        .filter(counter=counter, status__in=AT_COUNTER)
        .first()
    )


def ticket_being_served(*, office: Office, officer: User) -> Ticket | None:
    """The ticket called or served by `officer` at their open counter of `office` (for cases)."""
    session = open_session(officer, office)
    if session is None:
        return None
    ticket = ticket_at_counter(session.counter)
    if ticket is None or ticket.officer_id != officer.pk:
        return None
    return ticket


def workable_stations(office: Office) -> list[tuple[Counter, Station]]:
    """Every (counter, station) pair the office can open."""
    pairs = []
    for counter in Counter.objects.filter(office=office, is_active=True).prefetch_related(
        "stations"
    ):
        for station in counter.stations.all():
            pairs.append((counter, station))
    return pairs


@dataclass(frozen=True)
class WalkInOffer:
    service: OfficeService
    used_up: bool  # today's walk-in cap is reached: the kiosk shows it as "habis"


def walk_in_services(office: Office, day: dt.date | None = None) -> list[WalkInOffer]:
    """The services the kiosk offers without a booking, each marked when its cap is used up."""
    day = day or office_today(office)
    taken = dict(
        TicketNumber.objects.filter(office=office, day=day).values_list("prefix", "walk_ins")
    )
    return [
        WalkInOffer(
            service,
            bool(service.walk_in_daily_cap)
            and taken.get(service.ticket_prefix, 0) >= service.walk_in_daily_cap,
        )
        for service in OfficeService.objects.filter(
            office=office, is_active=True, walk_in=True
        ).order_by("ticket_prefix")
    ]


JOURNEY_ORDER = {value: index for index, value in enumerate(StationType.values)}


def stations_in_journey_order(office: Office) -> list[Station]:
    """The office's stations in the order an applicant meets them (intake, biometrics, …)."""
    return sorted(
        Station.objects.filter(office=office),
        key=lambda station: (JOURNEY_ORDER.get(station.station_type, 99), station.pk),
    )


def counter_slots(office: Office, day: dt.date) -> list[dict[str, Any]]:
    """Which ticket is at which counter now (for the boards' per-counter slots)."""
    return [
        {"counter": number, "ticket": f"{prefix}-{n:03d}"}
        for number, prefix, n in Ticket.objects.filter(
            office=office, day=day, status__in=AT_COUNTER, counter__isnull=False
        )
        .order_by("counter__number")
        .values_list("counter__number", "prefix", "number")
    ]


def tickets_today(office: Office, status: str) -> QuerySet[Ticket]:
    return (
        Ticket.objects.select_related("service", "station", "counter")
        .filter(office=office, day=office_today(office), status=status)
        .order_by("arrived_at", "pk")
    )


def waiting_counts(office: Office, day: dt.date) -> list[dict[str, Any]]:
    """Tickets waiting per service (at whichever station), for the board and the overview."""
    waiting = Q(
        tickets__day=day, tickets__status=TicketStatus.WAITING, tickets__office_id=office.pk
    )
    services = (
        OfficeService.objects.filter(office=office, is_active=True)
        .annotate(n=Count("tickets", filter=waiting))
        .order_by("ticket_prefix")
    )
    return [
        {
            "prefix": service.ticket_prefix,
            "label": str(service.get_kind_display()),
            "waiting": service.n,
        }
        for service in services
    ]


@dataclass(frozen=True)
class BoardCall:
    ticket: str
    counter: int
    station: str


BOARD_RECENT = 6  # previous calls on the board, one per ticket


def board_state(office: Office) -> dict[str, Any]:
    """What a board shows when it (re)loads; later changes arrive as events.

    `latest` is the last call while its ticket is still at that counter (None once it left:
    the board must not keep sending people to a counter nobody waits at); `recent` the calls
    before it, one line per ticket, without the one shown as `latest`.
    """
    day = office_today(office)
    current = [
        BoardCall(t.display, t.counter.number, t.station.label if t.station else "")
        for t in Ticket.objects.select_related("counter", "station")
        .filter(office=office, day=day, status__in=AT_COUNTER)
        .order_by("counter__number")
        if t.counter is not None
    ]
    # One line per ticket, its latest call: recalls must not push earlier calls off the board.
    calls: list[BoardCall] = []
    seen: set[int] = set()
    for call in (
        TicketCall.objects.select_related("visit__ticket", "visit__station", "counter")
        .filter(visit__ticket__office=office, visit__ticket__day=day)
        .order_by("-at", "-pk")[: (BOARD_RECENT + 1) * 8]
    ):
        if call.visit.ticket_id not in seen and len(calls) <= BOARD_RECENT:
            seen.add(call.visit.ticket_id)
            calls.append(
                BoardCall(call.visit.ticket.display, call.counter.number, call.visit.station.label)
            )
    at_counter = {(call.ticket, call.counter) for call in current}
    latest = calls[0] if calls and (calls[0].ticket, calls[0].counter) in at_counter else None
    recent = calls[1:] if latest is not None else calls[:BOARD_RECENT]
    return {
        "current": current,
        "latest": latest,
        "any_call": bool(calls),
        "recent": recent,
        "waiting": waiting_counts(office, day),
    }


def latest_event_id(office_id: int) -> int:
    last = (
        BoardEvent.objects.filter(office_id=office_id).order_by("-id").values_list("id", flat=True)
    )
    return last.first() or 0


def event_id_before_day(office: Office, day: dt.date) -> int:
    """The id of the office's last event before the office day `day` (0 for none): a board
    replays no further back than that."""
    start, _end = office_day_bounds(office, day)
    # Read from the newest back (the stream index): at most that day's events are passed.
    before = (
        BoardEvent.objects.filter(office=office, at__lt=start)
        .order_by("-id")
        .values_list("id", flat=True)
    )
    return before.first() or 0


def events_after(office_id: int, after_id: int, *, limit: int = 200) -> list[BoardEvent]:
    return list(
        BoardEvent.objects.filter(office_id=office_id, id__gt=after_id).order_by("id")[:limit]
    )


def ticket_open_survey(ticket: Ticket) -> str | None:
    """The token of the ticket's own survey invitation, once the visit is over and while the
    survey is unanswered and its link open (PASPOR_SURVEY_LINK_DAYS); None otherwise. Never
    another ticket's invitation."""
    if ticket.status != TicketStatus.DONE:
        return None
    invitation = (
        SurveyInvitation.objects.filter(ticket=ticket, response__isnull=True)
        .select_related("office")
        .only("token", "created_at", "office__time_zone")
        .first()
    )
    if invitation is None or survey_link_expired(invitation):
        return None
    return invitation.token


def ticket_of_request(
    *, office: Office, request_key: str, day: dt.date | None = None
) -> Ticket | None:
    """The ticket a walk-in request key got at `office` on `day` (default today), if any."""
    if not request_key:
        return None
    return Ticket.objects.filter(
        office=office, day=day or office_today(office), request_key=request_key
    ).first()
