"""Pages of the office queue: kiosk, counter console, display board, the ticket on a phone.

Every staff view starts with the access helper; a refused rule renders the page with its
message (400, 409 for a conflict, 403 for a missing certification).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib import import_module
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import HASH_SESSION_KEY
from django.contrib.auth import SESSION_KEY as AUTH_USER_KEY
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connections
from django.db.models import Count
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET, require_POST

from paspor.accounts.access import (
    StaffAccess,
    require_office_role,
    staff_can_work_station,
    user_roles,
)
from paspor.accounts.models import ROLE_STATIONS, Role, User
from paspor.accounts.sign_ins import open_sign_in, session_sign_in_id
from paspor.cases.selectors import VIEW_ROLES as CASE_VIEW_ROLES
from paspor.lib.errors import Conflict, DomainError, NotFound
from paspor.lib.http import whole_number
from paspor.lib.language import link_in_language
from paspor.offices.calendar import office_today
from paspor.offices.models import Counter, Office, OfficeService, Station
from paspor.queueing import selectors, services
from paspor.queueing.broadcast import board_stream, hub
from paspor.queueing.models import AT_COUNTER, CounterSession, Ticket, TicketStatus
from paspor.queueing.printing import qr_svg, ticket_pdf

KIOSK_ROLES = frozenset({Role.KIOSK})
OFFICER_ROLES = frozenset({Role.INTAKE, Role.BIOMETRICS, Role.HANDOVER, Role.SUPERVISOR})
BOARD_ROLES = frozenset({Role.DISPLAY, Role.SUPERVISOR, Role.HEAD})
OVERVIEW_ROLES = frozenset({Role.HEAD, Role.SUPERVISOR, Role.HQ, Role.ADMIN})
PRINT_ROLES = KIOSK_ROLES | OFFICER_ROLES
# Seconds without a touch after which a kiosk screen other than the clean start (an error, a
# half-typed code, English, the ticket) returns to the start: the next person must not see the
# last one's data.
KIOSK_IDLE_SECONDS = 30
KIOSK_TICKET_SECONDS = 20
# The console's queue list shows this many; the rest are counted ("+3 lainnya").
CONSOLE_QUEUE_ROWS = 10


def _office_ticket(office: Office, token: str) -> Ticket:
    return get_object_or_404(
        Ticket.objects.select_related("office", "service", "station", "counter"),
        office=office,
        token=token,
    )


def ticket_public_url(request: HttpRequest, ticket: Ticket) -> str:
    return request.build_absolute_uri(reverse("queueing:ticket_public", args=[ticket.token]))


# --- Kiosk -----------------------------------------------------------------------------------


# Refusals of the KTP: the page keeps the code just scanned or typed (never the NIK), so the
# holder only reads the KTP again. Any other refusal starts from an empty field.
KTP_REFUSALS = frozenset({"nik_missing", "nik_invalid", "nik_mismatch", "qr_mismatch"})


def _kiosk_page(
    request: HttpRequest,
    access: StaffAccess,
    *,
    error: DomainError | None = None,
    code: str = "",
) -> HttpResponse:
    offers = selectors.walk_in_services(access.office)
    ktp = error is not None and error.code in KTP_REFUSALS
    return render(
        request,
        "queueing/kiosk.html",
        {
            "office": access.office,
            "walk_ins": offers,
            "walk_ins_used_up": any(offer.used_up for offer in offers),
            "error": error.message if error is not None else "",
            "code": code if ktp else "",
            "focus": "nik" if ktp else "code",
            "idle_seconds": KIOSK_IDLE_SECONDS,
            # One key per screen shown: a second tap, or a tap again after a slow answer,
            # sends the same key and gets the ticket already printed, not a second number.
            "attempt": secrets.token_urlsafe(16),
        },
        status=error.status if error is not None else 200,
    )


@login_required
@require_GET
def kiosk(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, KIOSK_ROLES)
    return _kiosk_page(request, access)


def _to_kiosk_ticket(access: StaffAccess, ticket: Ticket) -> HttpResponse:
    url = reverse("queueing:kiosk_ticket", args=[access.office.code, ticket.token])
    return redirect(f"{url}?cetak=1")


@login_required
@require_POST
def kiosk_check_in(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, KIOSK_ROLES)
    code = request.POST.get("code", "")
    try:
        ticket = services.ticket_check_in(
            office=access.office,
            code=code,
            nik=request.POST.get("nik", ""),
            nik_required=True,  # the booking QR is bound to its holder's KTP
            by=access.user,
        )
    except DomainError as error:
        return _kiosk_page(request, access, error=error, code=code[:200])
    return _to_kiosk_ticket(access, ticket)


@login_required
@require_POST
def kiosk_walk_in(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, KIOSK_ROLES)
    service = OfficeService.objects.filter(
        office=access.office, ticket_prefix=request.POST.get("service", "")
    ).first()
    try:
        if service is None:
            raise DomainError(_("Pilih layanan."))
        request_key = services.walk_in_request_key(
            source="kiosk", key=request.POST.get("attempt", "")
        )
        ticket = services.ticket_walk_in(
            office=access.office, service=service, by=access.user, request_key=request_key
        )
    except DomainError as error:
        # A second button tapped before the screen showed the first one's ticket: that ticket
        # is shown (and printed), never lost in a queue its holder cannot know they are in.
        issued = (
            selectors.ticket_of_request(office=access.office, request_key=request_key)
            if error.code == "idempotency_key_reused"
            else None
        )
        if issued is None:
            return _kiosk_page(request, access, error=error)
        ticket = issued
    return _to_kiosk_ticket(access, ticket)


def _ticket_context(request: HttpRequest, ticket: Ticket) -> dict[str, Any]:
    # A ticket taken in English opens in English on the phone that scans it, whatever that
    # phone's browser had chosen before: the kiosk returns to Indonesian for the next person.
    url = link_in_language(ticket_public_url(request, ticket), translation.get_language())
    return {
        "ticket": ticket,
        "view": selectors.ticket_view(ticket),
        "public_url": url,
        "qr": qr_svg(url),
    }


def _kiosk_today_only(access: StaffAccess, ticket: Ticket) -> None:
    """A kiosk shows today's tickets only (404 for another day's): it stands in the lobby, and
    a ticket's link kept in its history must not bring back a past visitor's name. Officers
    may print any ticket of their office."""
    if not access.roles & OFFICER_ROLES and ticket.day != office_today(access.office):
        raise Http404


@login_required
@require_GET
def kiosk_ticket(request: HttpRequest, office: str, token: str) -> HttpResponse:
    access = require_office_role(request, office, KIOSK_ROLES)
    ticket = _office_ticket(access.office, token)
    _kiosk_today_only(access, ticket)
    context = _ticket_context(request, ticket) | {
        "office": access.office,
        "auto_print": request.GET.get("cetak") == "1",
        "idle_seconds": KIOSK_TICKET_SECONDS,
    }
    return render(request, "queueing/kiosk_ticket.html", context)


@login_required
@require_GET
def ticket_print_pdf(request: HttpRequest, office: str, token: str) -> HttpResponse:
    access = require_office_role(request, office, PRINT_ROLES)
    ticket = _office_ticket(access.office, token)
    _kiosk_today_only(access, ticket)
    view = selectors.ticket_view(ticket)
    url = link_in_language(ticket_public_url(request, ticket), translation.get_language())
    pdf = ticket_pdf(ticket, url=url, view=view)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{pgettext("file name", "antrean")}-{ticket.display}.pdf"'
    )
    return response


# --- Ticket on the phone (public, nothing personal) -------------------------------------------


def _public_ticket(token: str) -> Ticket:
    return get_object_or_404(
        Ticket.objects.select_related("office", "service", "station", "counter"), token=token
    )


def _phone_context(request: HttpRequest, ticket: Ticket) -> dict[str, Any]:
    """The phone page; once the visit is over, the link (and QR) of this ticket's own survey:
    walk-ins get no e-mail, so this page is their way to it."""
    context: dict[str, Any] = {
        "ticket": ticket,
        "office": ticket.office,
        "view": selectors.ticket_view(ticket),
    }
    survey = selectors.ticket_open_survey(ticket)
    if survey is not None:
        # A link, no QR: this page is on the phone that would have to scan it.
        context["survey_url"] = request.build_absolute_uri(reverse("surveys:answer", args=[survey]))
    # The status page follows an application: a walk-in who came for information has none.
    context["has_application"] = (
        ticket.booking_id is not None or selectors.ticket_case(ticket) is not None
    )
    return context


@require_GET
def ticket_public(request: HttpRequest, token: str) -> HttpResponse:
    ticket = _public_ticket(token)
    return render(request, "queueing/ticket_public.html", _phone_context(request, ticket))


# htmx swaps this answer in and stops polling: nothing on the page can change any more.
HTMX_STOP_POLLING = 286


@require_GET
def ticket_public_status(request: HttpRequest, token: str) -> HttpResponse:
    ticket = _public_ticket(token)
    context = _phone_context(request, ticket)
    status = HTMX_STOP_POLLING if context["view"].final else 200
    return render(request, "queueing/_ticket_status.html", context, status=status)


# --- Counter console -------------------------------------------------------------------------


def _console_context(access: StaffAccess, session: CounterSession | None) -> dict[str, Any]:
    office = access.office
    context: dict[str, Any] = {"office": office, "session": session}
    if session is None:
        today = office_today(office)
        left_open = selectors.session_left_from_earlier_day(access.user, office)
        if left_open is not None:
            # Last week's session is over: the officer opens the counter for today.
            context["left_open"] = (left_open.counter, selectors.session_day(left_open, office))
        context["choices"] = _open_choices(access.user, office, today)
        return context
    current = selectors.ticket_at_counter(session.counter)
    order = selectors.station_order(session.station, counter=session.counter)
    shown = order[:CONSOLE_QUEUE_ROWS]
    waiting = {
        t.pk: t
        for t in Ticket.objects.select_related("service").filter(
            pk__in=[e.ticket_id for e in shown]
        )
    }
    policy = selectors.queue_policy(office)
    context |= {
        "ticket": current,
        # The case link only for those who may open case pages (not a handover officer who
        # took a transferred ticket at the information desk).
        "may_open_cases": bool(user_roles(access.user, office) & CASE_VIEW_ROLES),
        "policy": policy,
        "recalls_done": (current.call_count - 1) if current else 0,
        "waiting": [waiting[e.ticket_id] for e in shown if e.ticket_id in waiting],
        "waiting_total": len(order),
        "waiting_more": max(len(order) - len(shown), 0),
        "parked": selectors.tickets_today(office, TicketStatus.PARKED).filter(
            station=session.station
        ),
        "no_shows": [
            NoShowRow(ticket, until, timezone.now() <= until)
            for ticket in selectors.tickets_today(office, TicketStatus.NO_SHOW).filter(
                station=session.station
            )
            for until in [selectors.reinstate_deadline(ticket, policy)]
        ],
        "outlook": selectors.finish_outlook(current) if current is not None else None,
        # Where the ticket can go: another station, or a counter that is open (whose officer
        # will call it) at the station it is open for.
        "stations": [
            station
            for station in selectors.stations_in_journey_order(office)
            if current is None or station.pk != current.station_id
        ],
        "open_counters": selectors.sessions_open(office)
        .exclude(counter=session.counter)
        .select_related("counter", "station")
        .order_by("counter__number"),
    }
    return context


@dataclass(frozen=True)
class NoShowRow:
    """A no-show of the console's station: until when it may come back into the queue."""

    ticket: Ticket
    until: dt.datetime
    may_return: bool


@dataclass(frozen=True)
class OpenChoice:
    """A counter and station the console offers to open; `reason` says why it cannot be."""

    counter: Counter
    station: Station
    reason: str = ""


def _open_choices(user: User, office: Office, today: dt.date) -> list[OpenChoice]:
    roles = user_roles(user, office)
    taken = {
        session.counter_id: session.officer
        for session in selectors.sessions_open(office, today).select_related("officer")
    }
    choices = []
    for counter, station in selectors.workable_stations(office):
        reason = ""
        if counter.pk in taken:
            officer = taken[counter.pk]
            reason = _("sedang dibuka %(officer)s") % {
                "officer": officer.get_full_name() or officer.username
            }
        elif not any(station.station_type in ROLE_STATIONS.get(role, ()) for role in roles):
            reason = _("bukan tugas peran Anda")
        elif not staff_can_work_station(
            user=user, office=office, station_type=station.station_type, on=today
        ):
            reason = _("belum bersertifikat atau sertifikat habis")
        choices.append(OpenChoice(counter, station, reason))
    return choices


def _console_render(
    request: HttpRequest,
    access: StaffAccess,
    *,
    template: str = "queueing/console.html",
    error: str = "",
    notice: str = "",
    status: int = 200,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    session = selectors.open_session(access.user, access.office)
    context = _console_context(access, session) | {"error": error, "notice": notice}
    context |= extra or {}
    response = render(request, template, context, status=status)
    # After an action the queue list reloads at once. Not after the list's own refresh: it
    # listens for this event, and would reload itself again and again without pause.
    if request.headers.get("HX-Request") and template != "queueing/_console_queue.html":
        response["HX-Trigger"] = "queue-changed"
    return response


@login_required
@require_GET
def console(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, OFFICER_ROLES)
    return _console_render(request, access)


@login_required
@require_GET
def console_queue(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, OFFICER_ROLES)
    # The refresh brings the open counters of the "Alihkan ke" list too (out of band).
    return _console_render(
        request, access, template="queueing/_console_queue.html", extra={"refresh": True}
    )


@login_required
@require_POST
def console_open(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, OFFICER_ROLES)
    counter_id, _sep, station_id = request.POST.get("choice", "").partition(":")
    counter = Counter.objects.filter(office=access.office, pk=_int(counter_id)).first()
    station = Station.objects.filter(office=access.office, pk=_int(station_id)).first()
    try:
        if counter is None or station is None:
            raise DomainError(_("Pilih loket dan pos."))
        services.counter_open(
            office=access.office, counter=counter, station=station, by=access.user
        )
    except DomainError as error:
        return _console_render(request, access, error=error.message, status=error.status)
    return redirect("queueing:console", office=access.office.code)


def _int(value: str | None) -> int:
    """A posted id; 0 (matching nothing) when it is not a number."""
    return whole_number(value) or 0


def _console_do(request: HttpRequest, access: StaffAccess, action: str) -> str:
    """Runs one console action; returns a notice for the officer."""
    session = selectors.open_session(access.user, access.office)
    if session is None:
        raise Conflict(_("Buka loket dulu."), code="counter_not_open")
    by = access.user
    if action == "call":
        called = services.ticket_call_next(session=session, by=by)
        if called is None:
            return _("Tidak ada yang menunggu di pos ini.")
        return _("Memanggil %(ticket)s.") % {"ticket": called.display}
    if action == "close":
        services.counter_close(session=session, by=by)
        return _("Loket ditutup.")
    if action in ("resume", "reinstate"):
        return _console_pick(request, access, session, action)
    if action == "transfer":
        kind, _sep, pk = request.POST.get("target", "").partition(":")
        ticket = services.ticket_transfer(
            session=session,
            by=by,
            station=Station.objects.filter(office=access.office, pk=_int(pk)).first()
            if kind == "station"
            else None,
            counter=Counter.objects.filter(office=access.office, pk=_int(pk)).first()
            if kind == "counter"
            else None,
        )
        return transfer_notice(ticket)
    if action in ("finish", "forward"):
        ticket = services.ticket_finish(session=session, by=by, without_case=action == "forward")
        return _finished_notice(ticket)
    act, message = SIMPLE_ACTIONS[action]
    return str(message) % {"ticket": act(session=session, by=by).display}


def transfer_notice(ticket: Ticket) -> str:
    """ "B-001 dialihkan ke Loket 3." or "… ke Bantuan pembayaran." """
    if ticket.target_counter is not None:
        return _("%(ticket)s dialihkan ke Loket %(counter)s.") % {
            "ticket": ticket.display,
            "counter": ticket.target_counter.number,
        }
    return _("%(ticket)s dialihkan ke %(station)s.") % {
        "ticket": ticket.display,
        "station": ticket.station.label if ticket.station is not None else "-",
    }


def _finished_notice(ticket: Ticket) -> str:
    if ticket.status == TicketStatus.DONE:
        return _("%(ticket)s selesai: kunjungannya berakhir.") % {"ticket": ticket.display}
    return _("%(ticket)s diteruskan ke %(station)s.") % {
        "ticket": ticket.display,
        "station": ticket.station.label if ticket.station is not None else "-",
    }


def _console_pick(
    request: HttpRequest, access: StaffAccess, session: CounterSession, action: str
) -> str:
    """Actions on a ticket picked from a list: resume a parked one, reinstate a no-show."""
    picked = Ticket.objects.filter(
        office=access.office, token=request.POST.get("ticket", "")
    ).first()
    if picked is None:
        raise NotFound(_("Nomor antrean tidak ditemukan."), code="ticket_not_found")
    if action == "resume":
        ticket = services.ticket_resume(session=session, ticket=picked, by=access.user)
        return _("Memanggil %(ticket)s.") % {"ticket": ticket.display}
    services.ticket_reinstate(
        office=access.office, ticket=picked, by=access.user, station=session.station
    )
    return _("%(ticket)s kembali ke antrean.") % {"ticket": picked.display}


SIMPLE_ACTIONS: dict[str, tuple[Callable[..., Ticket], str | Promise]] = {
    "recall": (services.ticket_recall, gettext_lazy("Memanggil ulang %(ticket)s.")),
    "start": (services.ticket_start, gettext_lazy("Melayani %(ticket)s.")),
    "end_visit": (
        services.ticket_end_visit,
        gettext_lazy("%(ticket)s selesai: kunjungannya berakhir."),
    ),
    "park": (services.ticket_park, gettext_lazy("%(ticket)s ditunda.")),
    "no_show": (services.ticket_mark_no_show, gettext_lazy("%(ticket)s tidak hadir.")),
}

CONSOLE_ACTIONS = frozenset(
    {
        "call",
        "recall",
        "start",
        "finish",
        "forward",
        "end_visit",
        "park",
        "no_show",
        "transfer",
        "resume",
        "reinstate",
        "close",
    }
)


@login_required
@require_POST
def console_action(request: HttpRequest, office: str, action: str) -> HttpResponse:
    access = require_office_role(request, office, OFFICER_ROLES)
    if action not in CONSOLE_ACTIONS:
        raise Http404
    template = (
        "queueing/_console_body.html"
        if request.headers.get("HX-Request")
        else "queueing/console.html"
    )
    try:
        notice = _console_do(request, access, action)
    except DomainError as error:
        return _console_render(
            request, access, template=template, error=error.message, status=error.status
        )
    if action == "close" and not request.headers.get("HX-Request"):
        # Post/redirect/get: a reload must not post "close" again. The console then offers to
        # open a counter, above it the notice that this one closed (one K key press closes it).
        messages.success(request, notice)
        see_other = HttpResponseRedirect(reverse("queueing:console", args=[access.office.code]))
        see_other.status_code = 303
        return see_other
    return _console_render(request, access, template=template, notice=notice)


# --- Display board ---------------------------------------------------------------------------


@login_required
@require_GET
def board(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, BOARD_ROLES)
    # Race: a call commits while the page is read. The stream's starting point is read first,
    # so such a call is replayed to the board (at worst shown twice), never lost between the
    # state the page shows and the events after it.
    last_event_id = selectors.latest_event_id(access.office.pk)
    state = selectors.board_state(access.office)
    return render(
        request,
        "queueing/board.html",
        {
            "office": access.office,
            "state": state,
            # The clock in the page's language: "09.30" in Indonesian, "09:30" in English.
            "time_separator": ":" if ":" in str(get_format("TIME_FORMAT")) else ".",
            "last_event_id": last_event_id,
            # The board's clock runs from the server's time (a TV's own clock is often off).
            "now_ms": int(timezone.now().timestamp() * 1000),
            "counters": Counter.objects.filter(office=access.office, is_active=True),
        },
    )


@dataclass(frozen=True)
class BoardViewer:
    """Who opened a board's stream, checked again while the stream runs."""

    session_key: str
    user_id: int
    office: Office


def board_viewer_allowed(viewer: BoardViewer) -> bool:
    """Whether the viewer may still watch the board: its session still exists and has not
    expired, for the same active account with the same password, its device was not signed
    out, and the account still holds a board role at the office. Reads only: the session is
    left as it is."""
    store = import_module(settings.SESSION_ENGINE).SessionStore(viewer.session_key)
    data = store.load()
    if str(data.get(AUTH_USER_KEY)) != str(viewer.user_id):
        return False
    user = User.objects.filter(pk=viewer.user_id, is_active=True).first()
    if user is None or not constant_time_compare(
        str(data.get(HASH_SESSION_KEY, "")), user.get_session_auth_hash()
    ):
        return False
    device = session_sign_in_id(data)
    if device is None or open_sign_in(device, user) is None:
        return False
    return bool(user_roles(user, viewer.office) & BOARD_ROLES)


def _board_open(request: HttpRequest, office: str, after: str) -> tuple[BoardViewer, int]:
    """Access check and starting point of a board's stream: who watches, and the last event
    id seen. A board resumes after the event it names, but never before today's first: a
    stale or made-up id (`?after=0`) does not replay the office's whole history."""
    access = require_office_role(request, office, BOARD_ROLES)
    asked = whole_number(after)
    if asked is None:
        last = selectors.latest_event_id(access.office.pk)
    else:
        last = max(asked, selectors.event_id_before_day(access.office, office_today(access.office)))
    viewer = BoardViewer(
        session_key=request.session.session_key or "",
        user_id=access.user.pk,
        office=access.office,
    )
    # A stream stays open for hours: it must not keep this thread's database connection
    # (100 boards would exhaust PostgreSQL). The shared poller reads for all of them.
    connections.close_all()
    return viewer, last


async def board_events(request: HttpRequest, office: str) -> HttpResponseBase:
    """Server-sent events for a board; resumes after Last-Event-ID (or ?after= on first load).
    The stream ends when the viewer's access ends, or after QUEUE_BOARD_STREAM_SECONDS; the
    browser then opens it again after the last event it received."""
    raw = request.headers.get("Last-Event-ID") or request.GET.get("after") or ""
    try:
        async with hub().gate:
            viewer, after = await sync_to_async(_board_open)(request, office, raw)
    except PermissionDenied:
        return HttpResponse(_("Silakan masuk sebagai papan tampilan."), status=403)
    response = StreamingHttpResponse(
        board_stream(
            viewer.office.pk,
            after,
            max_events=whole_number(request.GET.get("max")),
            allowed=partial(board_viewer_allowed, viewer),
        ),
        content_type="text/event-stream",
    )
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


# --- Overview for the head of office ----------------------------------------------------------


@dataclass(frozen=True)
class OverviewRow:
    station: Station
    waiting: int
    parked: int
    no_shows: int
    estimate: selectors.WaitEstimate


@login_required
@require_GET
def overview(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, OVERVIEW_ROLES)
    day = office_today(access.office)
    set_aside = {
        (station_id, status): n
        for station_id, status, n in Ticket.objects.filter(
            office=access.office, day=day, status__in=(TicketStatus.PARKED, TicketStatus.NO_SHOW)
        )
        .values_list("station_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = []
    for station in selectors.stations_in_journey_order(access.office):
        waiting = selectors.waiting_at(station, day).count()
        # The last one waiting has everyone else ahead; with nobody waiting there is no wait
        # to estimate (the estimate would be the busy counters' half service).
        estimate = selectors.estimate_wait(station, ahead=max(waiting - 1, 0), day=day)
        rows.append(
            OverviewRow(
                station,
                waiting,
                set_aside.get((station.pk, TicketStatus.PARKED), 0),
                set_aside.get((station.pk, TicketStatus.NO_SHOW), 0),
                estimate,
            )
        )
    at_counter = {
        ticket.counter_id: ticket
        for ticket in Ticket.objects.filter(
            office=access.office, day=day, status__in=AT_COUNTER, counter__isnull=False
        )
    }
    sessions = [
        (session, at_counter.get(session.counter_id))
        for session in selectors.sessions_open(access.office, day)
        .select_related("counter", "station", "officer")
        .order_by("counter__number")
    ]
    return render(
        request,
        "queueing/overview.html",
        {
            "office": access.office,
            "rows": rows,
            "sessions": sessions,
            "waiting": selectors.waiting_counts(access.office, day),
            "done_today": Ticket.objects.filter(
                office=access.office, day=day, status=TicketStatus.DONE
            ).count(),
            "issued_today": Ticket.objects.filter(office=access.office, day=day).count(),
        },
    )
