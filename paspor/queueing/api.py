"""The queue API (/api/queue/): kiosk, counter console and ticket status, same rules as pages.

The kiosk and the counter console use the signed-in session of their account (kiosk: the role
`kiosk`; console: `intake`, `biometrics`, `handover` or `supervisor` at the office) and send
the CSRF token on every write. A ticket's phone view (`GET /t/{token}`) is public. Refusals
answer `{"detail", "code"}`: 400 a refused input, 403 without the role or certification, 404
what does not exist, 409 refused by the queue's state (act on `code`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import P, PathEx, Router, Schema
from pydantic import ConfigDict, Field, StrictInt

from paspor.accounts.access import StaffAccess, require_office_role
from paspor.accounts.models import Role, User
from paspor.lib.api_auth import session_auth
from paspor.lib.api_types import Described, Text
from paspor.lib.errors import Conflict, DomainError, Forbidden, NotFound
from paspor.offices.models import Counter, OfficeService, ServiceKind, Station
from paspor.queueing import selectors, services
from paspor.queueing.models import CounterSession, Ticket, TicketStatus
from paspor.queueing.views import (
    KIOSK_ROLES,
    OFFICER_ROLES,
    ticket_public_url,
    transfer_notice,
)

router = Router(tags=["queueing"])

TicketStatusValue = Annotated[
    TicketStatus,
    Described(
        "Where a ticket is: `waiting` (in its station's line); `called` (to a counter, see "
        "`counter`); `serving` (at the counter); `parked` (set aside, e.g. to fetch a "
        "document, and called back later); `no_show` (did not come after the call and its "
        "recalls; may come back within the office's tolerance, 30 minutes by default); `done` "
        "(the visit is over); `expired` (its office day ended before the visit did)."
    ),
]
ServiceKindValue = Annotated[
    ServiceKind,
    Described(
        "The service a ticket is for: `regular`, `priority` (Ramah HAM), `express` (the fast "
        "service), `pickup` (collecting a passport), `information`, `lost_damaged` (a lost or "
        "damaged passport)."
    ),
]
STATION_TYPES = (
    "`intake` (documents), `biometrics` (photo, fingerprints, interview), `payment_help`, "
    "`handover` (passport pickup), `information`"
)
OfficePath = PathEx[str, P(description="The office's code, e.g. `ketapang`.")]
TokenPath = PathEx[
    str, P(description="The ticket's `token` (32 characters), from the kiosk's answer or the QR.")
]
ActionPath = PathEx[
    str,
    P(
        description="`call-next`, `recall`, `start`, `finish`, `forward`, `end-visit`, `park`, "
        "`no-show` or `close` (anything else is 404)."
    ),
]


class PublicTicketOut(Schema):
    """A ticket as the applicant's phone shows it: nothing personal."""

    ticket: str = Field(
        description="The number shown and called: the service's prefix (one or two letters), "
        "`-`, and at least three digits; it starts again each office day.",
        examples=["A-012"],
    )
    service: ServiceKindValue
    status: TicketStatusValue
    station: str = Field(
        description=f"The station whose line or counter the ticket is at: {STATION_TYPES}; "
        "empty when none.",
        examples=["intake"],
    )
    position: int | None = Field(
        description="Place in its station's line, 1 for the next to be called; `null` unless "
        "`waiting` today."
    )
    estimated_wait_minutes: int | None = Field(
        description="Estimated minutes until the call; `null` when not waiting or while no "
        "counter of the station is open (a number would be a promise nobody is there to keep)."
    )
    counter: int | None = Field(
        description="The number of the counter the ticket is called to or served at; `null` "
        "otherwise."
    )


class TicketOut(PublicTicketOut):
    """A queue ticket as the kiosk prints it and the counter console works it: what the phone
    shows, and the token, arrival and phone page."""

    token: str = Field(
        description="The ticket's unguessable token: `GET /api/queue/t/{token}` shows it to "
        "anyone who has it (the QR code on the slip)."
    )
    arrived_at: dt.datetime = Field(
        description="When the ticket was issued, ISO 8601 with UTC offset."
    )
    url: str = Field(
        description="The phone page of the ticket (absolute URL, with its token): the slip's "
        "QR code."
    )


# A counter's number (`Counter.number` is a small positive integer). Strict: JSON `true` would
# otherwise be read as counter 1.
CounterNumber = Annotated[StrictInt, Field(ge=1, le=32767)]
# The kind of a station or a service ("intake", "pickup"): a choice's value.
Kind = Annotated[str, Text(20)]


class CheckInIn(Schema):
    """What the kiosk read for a booked visit."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"code": "PASPOR1:K7M2QX9TRA:3f9a1c0b7d2e4a65", "nik": "3201015704900002"}]
        }
    )

    code: Annotated[str, Text(200)] = Field(
        description="What the scanner or keypad typed: the proof's QR payload "
        "(`PASPOR1:<code>:<tag>`), the booking code, or the proof's URL ending in it."
    )
    nik: Annotated[str, Text(16, blank=True)] = Field(
        "",
        description="The NIK from the KTP the kiosk read (or the holder typed): a scanned QR "
        "must belong to it (400 `qr_mismatch` otherwise), and a typed code's booking must be "
        "its holder's (400 `nik_mismatch`). Required: without it 400 `nik_missing`, as on the "
        "kiosk page, so a QR copied from someone else's proof is not enough.",
    )


class WalkInIn(Schema):
    """The service of a ticket without a booking."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"service": "pickup"}]})

    service: Kind = Field(
        description="The service's kind, one the office opens to walk-ins: `regular`, "
        "`priority`, `express`, `pickup`, `information` or `lost_damaged` (400 "
        "`unknown_service` or `not_walk_in` otherwise)."
    )


class OpenIn(Schema):
    """The counter to open and the station it serves."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"counter": 1, "station": "intake"}]})

    counter: CounterNumber = Field(description="The counter's number at the office.")
    station: Kind = Field(
        description=f"The station type the counter is opened for: {STATION_TYPES}."
    )


class TransferIn(Schema):
    """Where to send the ticket at the caller's counter: a station, an open counter, or both
    (the counter must then be open for that station)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"station": "payment_help"}]})

    station: Kind | None = Field(
        None,
        description=f"The station type to queue the ticket at: {STATION_TYPES}.",
    )
    counter: CounterNumber | None = Field(
        None,
        description="The number of an open counter: the ticket is called there next, at the "
        "station that counter is open for.",
    )


class TicketRef(Schema):
    """A ticket of today by its number."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"ticket": "A-012"}]})

    # Bounded like the ticket's other identifier (`Ticket.token`, 32 characters) so a
    # 5 000-digit number is refused before any conversion.
    ticket: Annotated[str, Text(32)] = Field(
        description="The ticket's number as shown, e.g. `A-012` (the dash may be left out, "
        "letters are case-insensitive): a prefix of one or two letters and up to four digits; "
        "anything else, or no such ticket today, is 404 `ticket_not_found`."
    )


class ActionOut(Schema):
    """What a counter action did."""

    ticket: TicketOut | None = Field(
        description="The ticket the action concerned, as it is now; `null` when there is none "
        "(nobody waiting, a counter opened or closed)."
    )
    detail: str = Field(
        default="",
        description="A sentence for the officer in the reader's language (\"Tidak ada nomor "
        'yang menunggu.", "Loket ditutup.", where a transfer went); empty when the ticket '
        "says it all.",
    )


class QueueErrorOut(Schema):
    """A refusal: `detail` for people in the reader's language, `code` for programs."""

    detail: str = Field(description="What was refused and what to do, for people.")
    code: str = Field(
        description="What was refused, for programs (`too_early`, `counter_not_open`, "
        "`forbidden`, `not_found`, …); never translated.",
    )


ERRORS = {400: QueueErrorOut, 403: QueueErrorOut, 404: QueueErrorOut, 409: QueueErrorOut}


def _access(request: HttpRequest, office: str, roles: frozenset[Role]) -> StaffAccess:
    """403 `forbidden` without any of `roles`; 404 `not_found` for an office where the caller
    holds none of them (paspor/api.py answers Http404 so)."""
    try:
        return require_office_role(request, office, roles)
    except PermissionDenied:
        raise Forbidden(_("Anda tidak berwenang untuk tindakan ini.")) from None


def _out(request: HttpRequest, ticket: Ticket) -> TicketOut:
    view = selectors.ticket_view(ticket)
    return TicketOut(
        ticket=ticket.display,
        token=ticket.token,
        service=ServiceKind(ticket.service.kind),
        status=TicketStatus(ticket.status),
        station=ticket.station.station_type if ticket.station else "",
        position=view.position,
        estimated_wait_minutes=_minutes(view.wait),
        counter=view.counter_number,
        arrived_at=ticket.arrived_at,
        url=ticket_public_url(request, ticket),
    )


# First of the routes: Django takes the first pattern that matches, and "/t/reinstate" would
# otherwise match "/{office}/reinstate" (POST only: a GET of that ticket answered 405). No
# office has the one-letter code "t" (offices.services.OFFICE_CODE: two letters or more).
@router.get(
    "/t/{token}",
    response={200: PublicTicketOut, 404: QueueErrorOut},
    summary="Show a ticket's place in the line (phone view)",
)
def ticket_status(request: HttpRequest, token: TokenPath) -> PublicTicketOut:
    """Anonymous: the unguessable token is the key. The phone view of a ticket, nothing
    personal: its number, status, place in the line, estimated wait and, once called, the
    counter. A ticket of an earlier day still unfinished reads `expired`.

    404 `ticket_not_found` for an unknown token."""
    ticket = (
        Ticket.objects.select_related("office", "service", "station", "counter")
        .filter(token=token)
        .first()
    )
    if ticket is None:
        raise NotFound(_("Nomor antrean tidak ditemukan."), code="ticket_not_found")
    view = selectors.ticket_view(ticket)
    return PublicTicketOut(
        ticket=view.display,
        service=ServiceKind(ticket.service.kind),
        status=TicketStatus(view.status),
        station=ticket.station.station_type if ticket.station else "",
        position=view.position,
        estimated_wait_minutes=_minutes(view.wait),
        counter=view.counter_number,
    )


@router.post(
    "/{office}/check-in",
    response={201: TicketOut, **ERRORS},
    auth=session_auth,
    summary="Check in a booking at the kiosk and issue its ticket",
)
def check_in(request: HttpRequest, office: OfficePath, payload: CheckInIn) -> tuple[int, TicketOut]:
    """The office's kiosk (session with the role `kiosk`, `X-CSRFToken`). Checks in a booking
    of today at this office, inside its arrival window (from 30 minutes before it to 15
    minutes after it by default, per office), and issues a ticket for the booking's pool's
    service, in the line of the service's first station.

    - 401 not signed in (`not_signed_in`); 403 `csrf_failed` without the CSRF token, or
      `token_not_accepted` for an applicant's bearer token.
    - 403 `forbidden`: not a kiosk account.
    - 404 `not_found`: an unknown office, or a kiosk of another office.
    - 400 `code_missing` (nothing that reads as a booking code), `nik_missing` (no `nik`: the
      KTP is read for every check-in), `nik_invalid` (a `nik` that is not 16 digits), `qr_mismatch` (the QR is not the booking's, or not the KTP's NIK),
      `nik_mismatch` (a typed code whose booking is not the KTP holder's); `invalid` when the
      service's route or station is not set up at the office.
    - 404 `booking_not_found`.
    - 409 `wrong_office`, `already_checked_in` (the answer says when, and the ticket),
      `booking_not_active` (cancelled, invalid or no-show), `wrong_day` (another date),
      `too_early` (the answer says when to come back), `too_late`, `service_closed` (the
      office does not offer the booking's service now)."""
    access = _access(request, office, KIOSK_ROLES)
    ticket = services.ticket_check_in(
        office=access.office,
        code=payload.code,
        nik=payload.nik,
        by=access.user,
        nik_required=True,  # the booking QR is bound to its holder's KTP, as on the page
    )
    return 201, _out(request, ticket)


@router.post(
    "/{office}/walk-in",
    response={201: TicketOut, **ERRORS},
    auth=session_auth,
    summary="Issue a ticket without a booking",
)
def walk_in(request: HttpRequest, office: OfficePath, payload: WalkInIn) -> tuple[int, TicketOut]:
    """The office's kiosk (session with the role `kiosk`, `X-CSRFToken`). Issues a ticket for
    a service the office opens to walk-ins, within the service's daily walk-in quota.

    - 401 not signed in (`not_signed_in`); 403 `csrf_failed` without the CSRF token, or
      `token_not_accepted` for an applicant's bearer token.
    - 403 `forbidden`: not a kiosk account.
    - 404 `not_found`: an unknown office, or a kiosk of another office.
    - 400 `unknown_service` (the office has no such service), `not_walk_in` (not open to
      walk-ins, or inactive); `invalid` when the service's route or station is not set up.
    - 409 `walk_in_cap_reached` (today's walk-in quota is used up; the answer says what to
      do instead).

    An `Idempotency-Key` header (8–48 letters, digits, `-` or `_`) names the request of one
    office day: sent again with the same key for the same service (a retry after a timeout) it
    answers the ticket already issued, with no second number; for another service the same day
    it is 409 `idempotency_key_reused`; on a later day it is a new request. A malformed key is
    400 `invalid_request_key`."""
    access = _access(request, office, KIOSK_ROLES)
    service = OfficeService.objects.filter(office=access.office, kind=payload.service).first()
    if service is None:
        raise DomainError(_("Layanan tidak dikenal."), code="unknown_service")
    ticket = services.ticket_walk_in(
        office=access.office,
        service=service,
        by=access.user,
        request_key=services.walk_in_request_key(
            source="api", key=request.headers.get("Idempotency-Key", "")
        ),
    )
    return 201, _out(request, ticket)


def _session(access: StaffAccess) -> CounterSession:
    session = selectors.open_session(access.user, access.office)
    if session is None:
        raise Conflict(_("Buka loket dulu."), code="counter_not_open")
    return session


@router.post(
    "/{office}/counter/open",
    response={200: ActionOut, **ERRORS},
    auth=session_auth,
    summary="Open a counter for a station",
)
def counter_open(request: HttpRequest, office: OfficePath, payload: OpenIn) -> ActionOut:
    """An officer of the office (session with the role `intake`, `biometrics`, `handover` or
    `supervisor`, `X-CSRFToken`) certified for the station today. Opens the counter for the
    station, for the caller, until closed; asking again for the same counter and station
    changes nothing. Sessions left open on earlier office days are closed first. Answers
    `ticket: null` and a sentence.

    - 401 not signed in (`not_signed_in`); 403 `csrf_failed` without the CSRF token, or
      `token_not_accepted` for an applicant's bearer token.
    - 403 `forbidden`: none of the roles `intake`, `biometrics`, `handover`, `supervisor`.
    - 404 `not_found`: an unknown office, or none of these roles at this office.
    - 400 `unknown_counter` (no such counter number or station type at the office);
      `invalid` when the counter does not serve that station.
    - 403 `not_certified`: no role for that station, or no valid certification for it today.
    - 409 `officer_has_counter` (the caller has another counter open: close it first),
      `counter_taken` (another officer has this counter open)."""
    access = _access(request, office, OFFICER_ROLES)
    counter = Counter.objects.filter(
        office=access.office, number=payload.counter, is_active=True
    ).first()
    station = Station.objects.filter(office=access.office, station_type=payload.station).first()
    if counter is None or station is None:
        raise DomainError(_("Loket atau pos tidak dikenal."), code="unknown_counter")
    services.counter_open(office=access.office, counter=counter, station=station, by=access.user)
    detail = _("Loket %(counter)s dibuka untuk %(station)s.") % {
        "counter": counter.number,
        "station": station.label,
    }
    return ActionOut(ticket=None, detail=detail)


def _act(request: HttpRequest, office: str, action: str, **extra: object) -> ActionOut:
    access = _access(request, office, OFFICER_ROLES)
    detail = ""
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


@router.post(
    "/{office}/counter/{action}",
    response={200: ActionOut, **ERRORS},
    auth=session_auth,
    summary="Act at the caller's counter (call, recall, start, finish, park, close …)",
)
def counter_action(request: HttpRequest, office: OfficePath, action: ActionPath) -> ActionOut:
    """An officer of the office (session with the role `intake`, `biometrics`, `handover` or
    `supervisor`, `X-CSRFToken`) with a counter open today (`POST …/counter/open`). Answers
    the ticket the action concerned, as it is now:

    - `call-next`: calls the next ticket of the counter's station (docs/queue.md): tickets
      transferred to this counter first, then ordinary tickets that waited past the office's
      aging bound (20 minutes by default), then priority, then the rest, each by arrival;
      `ticket: null` and a sentence when nobody waits.
    - `recall`: announces the called ticket again.
    - `start`: the person came to the counter; service starts.
    - `finish`: done at this station; on to the next station of the service's route whose
      work the ticket's case waits for, or the visit ends (a case deferred, rejected or
      cancelled, or the route's end).
    - `forward`: as `finish`, and a ticket without a case goes on all the same.
    - `end-visit`: the applicant goes home from this counter, whatever the route says.
    - `park`: sets the ticket aside; it is called back with `POST …/counter-resume`.
    - `no-show`: nobody came after the call and the office's recalls (2 by default).
    - `close`: closes the counter; tickets transferred to it go back to their station's line.

    - 401 not signed in (`not_signed_in`); 403 `csrf_failed` without the CSRF token, or
      `token_not_accepted` for an applicant's bearer token.
    - 403 `forbidden`: none of the roles `intake`, `biometrics`, `handover`, `supervisor`.
    - 404 `not_found`: an unknown office, or none of these roles at this office.
    - 404 `unknown_action` (after the access check).
    - 409 `counter_not_open` (open a counter first), `counter_closed`,
      `session_of_earlier_day` (open the counter again for today); `ticket_at_counter`
      (`call-next`, `close`: finish, park or transfer the ticket at the counter first);
      `no_ticket_at_counter` (every action on a ticket); `wrong_status` (`recall`, `start`,
      `no-show` need a ticket called, not yet served); `no_case` (`finish`: the ticket has
      no case: open one, forward or end the visit), `case_not_ready` (`finish`, `forward`:
      the case's step is not done); `recalls_needed` (`no-show`: recall first).
    - 400 `invalid` when the next station of the route is not set up at the office."""
    if action not in {*ACTIONS, "call-next", "close"}:
        _access(request, office, OFFICER_ROLES)  # a stranger learns nothing of the actions
        raise NotFound(_("Tindakan tidak dikenal."), code="unknown_action")
    return _act(request, office, action)


@router.post(
    "/{office}/counter-transfer",
    response={200: ActionOut, **ERRORS},
    auth=session_auth,
    summary="Send the ticket at the caller's counter to another station or counter",
)
def counter_transfer(request: HttpRequest, office: OfficePath, payload: TransferIn) -> ActionOut:
    """An officer of the office (session with the role `intake`, `biometrics`, `handover` or
    `supervisor`, `X-CSRFToken`) with a counter open today and a ticket at it (called or
    served). The ticket joins the line of another station, at the place its arrival gives it,
    or is called next at one open counter. `detail` says where it went.

    - 401 not signed in (`not_signed_in`); 403 `csrf_failed` without the CSRF token, or
      `token_not_accepted` for an applicant's bearer token.
    - 403 `forbidden`: none of the roles `intake`, `biometrics`, `handover`, `supervisor`.
    - 404 `not_found`: an unknown office, or none of these roles at this office.
    - 400 `unknown_target`: an unknown station type or counter number; `target_missing` (neither
      given).
    - 409 `counter_not_open`, `counter_closed` (the target counter, or the caller's own, is
      not open: nobody would call the ticket there), `session_of_earlier_day`,
      `no_ticket_at_counter`, `same_counter`, `same_station`, `counter_serves_other_station`
      (the counter is open for another station than the one given)."""
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
        raise DomainError(_("Pos atau loket tujuan tidak dikenal."), code="unknown_target")
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
        raise NotFound(_("Nomor antrean tidak ditemukan."), code="ticket_not_found")
    return ticket


@router.post(
    "/{office}/counter-resume",
    response={200: ActionOut, **ERRORS},
    auth=session_auth,
    summary="Call a parked ticket back to the caller's counter",
)
def counter_resume(request: HttpRequest, office: OfficePath, payload: TicketRef) -> ActionOut:
    """An officer of the office (session with the role `intake`, `biometrics`, `handover` or
    `supervisor`, `X-CSRFToken`) with a counter open today and no ticket at it. Calls a ticket
    of today parked at the counter's station to this counter (announced as a call).

    - 401 not signed in (`not_signed_in`); 403 `csrf_failed` without the CSRF token, or
      `token_not_accepted` for an applicant's bearer token.
    - 403 `forbidden`: none of the roles `intake`, `biometrics`, `handover`, `supervisor`.
    - 404 `not_found`: an unknown office, or none of these roles at this office.
    - 404 `ticket_not_found`: no ticket of today at the office has that number.
    - 409 `counter_not_open`, `counter_closed`, `session_of_earlier_day`,
      `ticket_at_counter` (finish the ticket at the counter first), `not_parked` (the ticket
      is not parked at this station)."""
    access = _access(request, office, OFFICER_ROLES)
    ticket = _ticket_by_display(access, payload.ticket)
    called = services.ticket_resume(session=_session(access), ticket=ticket, by=access.user)
    return ActionOut(ticket=_out(request, called))


@router.post(
    "/{office}/reinstate",
    response={200: ActionOut, **ERRORS},
    auth=session_auth,
    summary="Put a no-show who came back into the line again",
)
def reinstate(request: HttpRequest, office: OfficePath, payload: TicketRef) -> ActionOut:
    """An officer of the office (session with the role `intake`, `biometrics`, `handover` or
    `supervisor`, `X-CSRFToken`); no counter needs to be open. A ticket of today marked
    `no_show` rejoins its station's line at its old place, if it comes back within the
    office's tolerance (30 minutes by default).

    - 401 not signed in (`not_signed_in`); 403 `csrf_failed` without the CSRF token, or
      `token_not_accepted` for an applicant's bearer token.
    - 403 `forbidden`: none of the roles `intake`, `biometrics`, `handover`, `supervisor`.
    - 404 `not_found`: an unknown office, or none of these roles at this office.
    - 404 `ticket_not_found`: no ticket of today at the office has that number.
    - 409 `not_no_show` (the ticket is not a no-show), `reinstate_window_passed` (too late:
      take a new ticket)."""
    access = _access(request, office, OFFICER_ROLES)
    ticket = _ticket_by_display(access, payload.ticket)
    back = services.ticket_reinstate(office=access.office, ticket=ticket, by=access.user)
    return ActionOut(ticket=_out(request, back))


def _minutes(wait: selectors.WaitEstimate | None) -> int | None:
    """The estimate, or none while no counter of the station is open: a number would read as
    a promise that nobody is there to keep."""
    return wait.minutes if wait is not None and not wait.no_counter_open else None
