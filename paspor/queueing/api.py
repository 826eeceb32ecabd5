"""The queue API (/api/queue/): kiosk, counter console and ticket status, same rules as pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from paspor.accounts.access import StaffAccess, require_office_role
from paspor.accounts.models import Role, User
from paspor.lib.api_auth import session_auth
from paspor.lib.errors import Conflict, DomainError
from paspor.offices.models import Counter, OfficeService, Station
from paspor.queueing import selectors, services
from paspor.queueing.models import CounterSession, Ticket
from paspor.queueing.views import KIOSK_ROLES, OFFICER_ROLES, ticket_public_url

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


class CheckInIn(Schema):
    code: str
    nik: str = ""  # from the KTP, when the kiosk reads it: must match the QR's binding


class WalkInIn(Schema):
    service: str  # the service kind, e.g. "pickup"


class OpenIn(Schema):
    counter: int  # the counter's number
    station: str  # the station type, e.g. "intake"


class TransferIn(Schema):
    station: str | None = None
    counter: int | None = None


class TicketRef(Schema):
    ticket: str  # "A-012"


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


def _refused(error: DomainError) -> HttpError:
    if isinstance(error, Conflict):
        raise error  # the API maps it to 409
    status = 403 if isinstance(error, services.NotCertified) else 400
    return HttpError(status, error.message)


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
def check_in(request: HttpRequest, office: str, payload: CheckInIn) -> tuple[int, TicketOut]:
    access = _access(request, office, KIOSK_ROLES)
    try:
        ticket = services.ticket_check_in(
            office=access.office, code=payload.code, nik=payload.nik, by=access.user
        )
    except DomainError as error:
        raise _refused(error) from None
    return 201, _out(request, ticket)


@router.post("/{office}/walk-in", response={201: TicketOut, **ERRORS}, auth=session_auth)
def walk_in(request: HttpRequest, office: str, payload: WalkInIn) -> tuple[int, TicketOut]:
    access = _access(request, office, KIOSK_ROLES)
    service = OfficeService.objects.filter(office=access.office, kind=payload.service).first()
    try:
        if service is None:
            raise DomainError(_("Layanan tidak dikenal."))
        ticket = services.ticket_walk_in(office=access.office, service=service, by=access.user)
    except DomainError as error:
        raise _refused(error) from None
    return 201, _out(request, ticket)


def _session(access: StaffAccess) -> CounterSession:
    session = selectors.open_session(access.user, access.office)
    if session is None:
        raise Conflict(_("Buka loket dulu."))
    return session


@router.post("/{office}/counter/open", response={200: ActionOut, **ERRORS}, auth=session_auth)
def counter_open(request: HttpRequest, office: str, payload: OpenIn) -> ActionOut:
    access = _access(request, office, OFFICER_ROLES)
    counter = Counter.objects.filter(office=access.office, number=payload.counter).first()
    station = Station.objects.filter(office=access.office, station_type=payload.station).first()
    try:
        if counter is None or station is None:
            raise DomainError(_("Loket atau pos tidak dikenal."))
        services.counter_open(
            office=access.office, counter=counter, station=station, by=access.user
        )
    except DomainError as error:
        raise _refused(error) from None
    return ActionOut(ticket=None, detail="Loket dibuka.")


def _act(request: HttpRequest, office: str, action: str, **extra: object) -> ActionOut:
    access = _access(request, office, OFFICER_ROLES)
    try:
        session = _session(access)
        by = access.user
        ticket: Ticket | None
        if action == "call-next":
            ticket = services.ticket_call_next(session=session, by=by)
        elif action == "close":
            services.counter_close(session=session, by=by)
            ticket = None
        elif action == "transfer":
            ticket = services.ticket_transfer(session=session, by=by, **extra)  # type: ignore[arg-type]
        else:
            ticket = ACTIONS[action](session=session, by=by)
    except DomainError as error:
        raise _refused(error) from None
    return ActionOut(ticket=_out(request, ticket) if ticket else None)


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
def counter_action(request: HttpRequest, office: str, action: str) -> ActionOut:
    """call-next, recall, start, finish, forward, end-visit, park, no-show, close.

    `finish` follows the route and the ticket's case: 409 `no_case` or `case_not_ready` when it
    cannot decide; `forward` sends a ticket without a case on, `end-visit` ends the visit here.
    """
    if action not in {*ACTIONS, "call-next", "close"}:
        raise HttpError(404, _("Tindakan tidak dikenal."))
    return _act(request, office, action)


@router.post("/{office}/counter-transfer", response={200: ActionOut, **ERRORS}, auth=session_auth)
def counter_transfer(request: HttpRequest, office: str, payload: TransferIn) -> ActionOut:
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


def _ticket_by_display(access: StaffAccess, display: str) -> Ticket:
    prefix, _dash, number = display.upper().partition("-")
    ticket = Ticket.objects.filter(
        office=access.office,
        day=selectors.local_now(access.office).date(),
        prefix=prefix,
        number=int(number) if number.isdigit() else -1,
    ).first()
    if ticket is None:
        raise HttpError(404, _("Nomor antrean tidak ditemukan."))
    return ticket


@router.post("/{office}/counter-resume", response={200: ActionOut, **ERRORS}, auth=session_auth)
def counter_resume(request: HttpRequest, office: str, payload: TicketRef) -> ActionOut:
    access = _access(request, office, OFFICER_ROLES)
    ticket = _ticket_by_display(access, payload.ticket)
    try:
        called = services.ticket_resume(session=_session(access), ticket=ticket, by=access.user)
    except DomainError as error:
        raise _refused(error) from None
    return ActionOut(ticket=_out(request, called))


@router.post("/{office}/reinstate", response={200: ActionOut, **ERRORS}, auth=session_auth)
def reinstate(request: HttpRequest, office: str, payload: TicketRef) -> ActionOut:
    access = _access(request, office, OFFICER_ROLES)
    ticket = _ticket_by_display(access, payload.ticket)
    try:
        back = services.ticket_reinstate(office=access.office, ticket=ticket, by=access.user)
    except DomainError as error:
        raise _refused(error) from None
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
