"""The queue API (/api/queue/): kiosk, counter console and ticket status, same rules as pages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from paspor.accounts.access import StaffAccess, require_office_role
from paspor.accounts.models import Role, User
from paspor.lib.api_auth import session_auth
from paspor.lib.api_types import Text
from paspor.lib.errors import Conflict, DomainError
from paspor.offices.models import Counter, OfficeService, Station
from paspor.queueing import selectors, services
from paspor.queueing.models import CounterSession, Ticket
from paspor.queueing.views import (
    KIOSK_ROLES,
    OFFICER_ROLES,
    ticket_public_url,
    transfer_notice,
)

router = Router(tags=["queueing"])


class TicketOut(Schema):
    ticket: str
    token: str
    service: str
    status: str
    station: str
    position: int | None
    estimated_wait_minutes: int | None
    counter: int | None
    arrived_at: dt.datetime
    url: str


class PublicTicketOut(Schema):
    ticket: str
    service: str
    status: str
    station: str
    position: int | None
    estimated_wait_minutes: int | None
    counter: int | None


# A counter's number (`Counter.number` is a small positive integer).
CounterNumber = Annotated[int, Field(ge=1, le=32767)]
# The kind of a station or a service ("intake", "pickup"): a choice's value.
Kind = Annotated[str, Text(20)]


class CheckInIn(Schema):
    # What the scanner typed: the proof's QR payload, the code, or the proof's URL.
    code: Annotated[str, Text(200)]
    # From the KTP, when the kiosk reads it: must match the QR's binding.
    nik: Annotated[str, Text(16, blank=True)] = ""


class WalkInIn(Schema):
    service: Kind  # the service kind, e.g. "pickup"


class OpenIn(Schema):
    counter: CounterNumber
    station: Kind  # the station type, e.g. "intake"


class TransferIn(Schema):
    station: Kind | None = None
    counter: CounterNumber | None = None


class TicketRef(Schema):
    # "A-012": a prefix of one or two letters and up to four digits (anything else is 404).
    # Bounded like the ticket's other identifier (`Ticket.token`, 32 characters) so a
    # 5 000-digit number is refused before any conversion.
    ticket: Annotated[str, Text(32)]


class ActionOut(Schema):
    ticket: TicketOut | None
    detail: str = ""


class ErrorOut(Schema):
    detail: str
    code: str = ""


ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def _access(request: HttpRequest, office: str, roles: frozenset[Role]) -> StaffAccess:
    try:
        return require_office_role(request, office, roles)
    except PermissionDenied:
        raise HttpError(403, _("Anda tidak berwenang untuk tindakan ini.")) from None


Refusal = tuple[int, ErrorOut]


def _refusal(error: DomainError) -> Refusal:
    """403 for a missing certification, 404 for what does not exist, each with its `code`;
    any other refusal goes to paspor/api.py: a Conflict is 409, the rest 400 (bad input)."""
    if isinstance(error, services.NotCertified):
        return 403, ErrorOut(detail=error.message, code=error.code)
    if isinstance(error, services.NotFound):
        return 404, ErrorOut(detail=error.message, code=error.code)
    raise error


def _out(request: HttpRequest, ticket: Ticket) -> TicketOut:
    view = selectors.ticket_view(ticket)
    return TicketOut(
        ticket=ticket.display,
        token=ticket.token,
        service=ticket.service.kind,
        status=ticket.status,
        station=ticket.station.station_type if ticket.station else "",
        position=view.position,
        estimated_wait_minutes=_minutes(view.wait),
        counter=view.counter_number,
        arrived_at=ticket.arrived_at,
        url=ticket_public_url(request, ticket),
    )


@router.post("/{office}/check-in", response={201: TicketOut, **ERRORS}, auth=session_auth)
def check_in(
    request: HttpRequest, office: str, payload: CheckInIn
) -> tuple[int, TicketOut | ErrorOut]:
    """Refusals: 404 `booking_not_found`; 409 `wrong_day`, `too_early`, `too_late`,
    `wrong_office`, `already_checked_in`, `booking_not_active`; 400 `qr_mismatch`."""
    access = _access(request, office, KIOSK_ROLES)
    try:
        ticket = services.ticket_check_in(
            office=access.office, code=payload.code, nik=payload.nik, by=access.user
        )
    except DomainError as error:
        return _refusal(error)
    return 201, _out(request, ticket)


@router.post("/{office}/walk-in", response={201: TicketOut, **ERRORS}, auth=session_auth)
def walk_in(
    request: HttpRequest, office: str, payload: WalkInIn
) -> tuple[int, TicketOut | ErrorOut]:
    """Refusals: 409 `walk_in_cap_reached`; 400 `unknown_service`, `not_walk_in`."""
    access = _access(request, office, KIOSK_ROLES)
    service = OfficeService.objects.filter(office=access.office, kind=payload.service).first()
    try:
        if service is None:
            raise DomainError(_("Layanan tidak dikenal."), code="unknown_service")
        ticket = services.ticket_walk_in(office=access.office, service=service, by=access.user)
    except DomainError as error:
        return _refusal(error)
    return 201, _out(request, ticket)


def _session(access: StaffAccess) -> CounterSession:
    session = selectors.open_session(access.user, access.office)
    if session is None:
        raise Conflict(_("Buka loket dulu."), code="counter_not_open")
    return session


@router.post("/{office}/counter/open", response={200: ActionOut, **ERRORS}, auth=session_auth)
def counter_open(request: HttpRequest, office: str, payload: OpenIn) -> ActionOut | Refusal:
    access = _access(request, office, OFFICER_ROLES)
    counter = Counter.objects.filter(office=access.office, number=payload.counter).first()
    station = Station.objects.filter(office=access.office, station_type=payload.station).first()
    try:
        if counter is None or station is None:
            raise DomainError(_("Loket atau pos tidak dikenal."), code="unknown_counter")
        services.counter_open(
            office=access.office, counter=counter, station=station, by=access.user
        )
    except DomainError as error:
        return _refusal(error)
    detail = _("Loket %(counter)s dibuka untuk %(station)s.") % {
        "counter": counter.number,
        "station": station.label,
    }
    return ActionOut(ticket=None, detail=detail)


def _act(request: HttpRequest, office: str, action: str, **extra: object) -> ActionOut | Refusal:
    access = _access(request, office, OFFICER_ROLES)
    detail = ""
    try:
        session = _session(access)
        by = access.user
        ticket: Ticket | None
        if action == "call-next":
            ticket = services.ticket_call_next(session=session, by=by)
            if ticket is None:
                detail = _("Tidak ada nomor yang menunggu.")
        elif action == "close":
            services.counter_close(session=session, by=by)
            ticket, detail = None, _("Loket ditutup.")
        elif action == "transfer":
            ticket = services.ticket_transfer(session=session, by=by, **extra)  # type: ignore[arg-type]
            detail = transfer_notice(ticket)
        else:
            ticket = ACTIONS[action](session=session, by=by)
    except DomainError as error:
        return _refusal(error)
    return ActionOut(ticket=_out(request, ticket) if ticket else None, detail=detail)


def _forward(*, session: CounterSession, by: User) -> Ticket:
    """Finish a ticket without a case and send it on anyway (the officer's explicit choice)."""
    return services.ticket_finish(session=session, by=by, without_case=True)


ACTIONS: dict[str, Callable[..., Ticket]] = {
    "recall": services.ticket_recall,
    "start": services.ticket_start,
    "finish": services.ticket_finish,
    "forward": _forward,
    "end-visit": services.ticket_end_visit,
    "park": services.ticket_park,
    "no-show": services.ticket_mark_no_show,
}


@router.post("/{office}/counter/{action}", response={200: ActionOut, **ERRORS}, auth=session_auth)
def counter_action(request: HttpRequest, office: str, action: str) -> ActionOut | Refusal:
    """call-next, recall, start, finish, forward, end-visit, park, no-show, close.

    `finish` follows the route and the ticket's case: 409 `no_case` or `case_not_ready` when it
    cannot decide; `forward` sends a ticket without a case on, `end-visit` ends the visit here.
    """
    if action not in {*ACTIONS, "call-next", "close"}:
        raise HttpError(404, _("Tindakan tidak dikenal."))
    return _act(request, office, action)


@router.post("/{office}/counter-transfer", response={200: ActionOut, **ERRORS}, auth=session_auth)
def counter_transfer(request: HttpRequest, office: str, payload: TransferIn) -> ActionOut | Refusal:
    """409 `counter_closed` for a counter nobody works now, `same_station`, `same_counter`,
    `counter_serves_other_station`; 400 for an unknown station or counter."""
    access = _access(request, office, OFFICER_ROLES)
    station = (
        Station.objects.filter(office=access.office, station_type=payload.station).first()
        if payload.station
        else None
    )
    counter = (
        Counter.objects.filter(office=access.office, number=payload.counter).first()
        if payload.counter is not None
        else None
    )
    if (payload.station and station is None) or (payload.counter is not None and counter is None):
        raise HttpError(400, _("Pos atau loket tujuan tidak dikenal."))
    return _act(request, office, "transfer", station=station, counter=counter)


TICKET_DISPLAY = re.compile(r"([A-Z]{1,2})-?([0-9]{1,4})")


def _ticket_by_display(access: StaffAccess, display: str) -> Ticket:
    shape = TICKET_DISPLAY.fullmatch(display.upper())
    ticket = (
        Ticket.objects.filter(
            office=access.office,
            day=selectors.local_now(access.office).date(),
            prefix=shape.group(1),
            number=int(shape.group(2)),
        ).first()
        if shape is not None
        else None
    )
    if ticket is None:
        raise services.NotFound(_("Nomor antrean tidak ditemukan."), code="ticket_not_found")
    return ticket


@router.post("/{office}/counter-resume", response={200: ActionOut, **ERRORS}, auth=session_auth)
def counter_resume(request: HttpRequest, office: str, payload: TicketRef) -> ActionOut | Refusal:
    access = _access(request, office, OFFICER_ROLES)
    try:
        ticket = _ticket_by_display(access, payload.ticket)
        called = services.ticket_resume(session=_session(access), ticket=ticket, by=access.user)
    except DomainError as error:
        return _refusal(error)
    return ActionOut(ticket=_out(request, called))


@router.post("/{office}/reinstate", response={200: ActionOut, **ERRORS}, auth=session_auth)
def reinstate(request: HttpRequest, office: str, payload: TicketRef) -> ActionOut | Refusal:
    access = _access(request, office, OFFICER_ROLES)
    try:
        ticket = _ticket_by_display(access, payload.ticket)
        back = services.ticket_reinstate(office=access.office, ticket=ticket, by=access.user)
    except DomainError as error:
        return _refusal(error)
    return ActionOut(ticket=_out(request, back))


@router.get("/t/{token}", response={200: PublicTicketOut, 404: ErrorOut})
def ticket_status(request: HttpRequest, token: str) -> PublicTicketOut:
    """The phone view of a ticket: public by its unguessable token, nothing personal."""
    ticket = (
        Ticket.objects.select_related("office", "service", "station", "counter")
        .filter(token=token)
        .first()
    )
    if ticket is None:
        raise HttpError(404, _("Nomor antrean tidak ditemukan."))
    view = selectors.ticket_view(ticket)
    return PublicTicketOut(
        ticket=view.display,
        service=ticket.service.kind,
        status=view.status,
        station=ticket.station.station_type if ticket.station else "",
        position=view.position,
        estimated_wait_minutes=_minutes(view.wait),
        counter=view.counter_number,
    )


def _minutes(wait: selectors.WaitEstimate | None) -> int | None:
    """The estimate, or none while no counter of the station is open: a number would read as
    a promise that nobody is there to keep."""
    return wait.minutes if wait is not None and not wait.no_counter_open else None
