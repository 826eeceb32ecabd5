"""Pages of the office queue: kiosk, counter console, display board, the ticket on a phone.

Every staff view starts with the access helper; a refused rule renders the page with its
message (400, 409 for a conflict, 403 for a missing certification).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from asgiref.sync import sync_to_async
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connections
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from paspor.accounts.access import StaffAccess, require_office_role, staff_can_work_station
from paspor.accounts.models import Role
from paspor.lib.errors import Conflict, DomainError
from paspor.offices.calendar import office_today
from paspor.offices.models import Counter, Office, OfficeService, Station
from paspor.queueing import selectors, services
from paspor.queueing.broadcast import board_stream, hub
from paspor.queueing.models import CounterSession, Ticket, TicketStatus
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


def error_status(error: DomainError) -> int:
    if isinstance(error, Conflict):
        return 409
    if isinstance(error, services.NotCertified):
        return 403
    return 400


def _office_ticket(office: Office, token: str) -> Ticket:
    return get_object_or_404(
        Ticket.objects.select_related("office", "service", "station", "counter"),
        office=office,
        token=token,
    )


def ticket_public_url(request: HttpRequest, ticket: Ticket) -> str:
    return request.build_absolute_uri(reverse("queueing:ticket_public", args=[ticket.token]))


# --- Kiosk -----------------------------------------------------------------------------------


def _kiosk_page(
    request: HttpRequest, access: StaffAccess, *, error: str = "", status: int = 200
) -> HttpResponse:
    services_open = selectors.walk_in_services(access.office)
    return render(
        request,
        "queueing/kiosk.html",
        {
            "office": access.office,
            "walk_ins": services_open,
            "error": error,
            "idle_seconds": KIOSK_IDLE_SECONDS,
        },
        status=status,
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
    try:
        ticket = services.ticket_check_in(
            office=access.office,
            code=request.POST.get("code", ""),
            nik=request.POST.get("nik", ""),
            by=access.user,
        )
    except DomainError as error:
        return _kiosk_page(request, access, error=error.message, status=error_status(error))
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
        ticket = services.ticket_walk_in(office=access.office, service=service, by=access.user)
    except DomainError as error:
        return _kiosk_page(request, access, error=error.message, status=error_status(error))
    return _to_kiosk_ticket(access, ticket)


def _ticket_context(request: HttpRequest, ticket: Ticket) -> dict[str, Any]:
    url = ticket_public_url(request, ticket)
    return {
        "ticket": ticket,
        "view": selectors.ticket_view(ticket),
        "public_url": url,
        "qr": qr_svg(url),
    }


@login_required
@require_GET
def kiosk_ticket(request: HttpRequest, office: str, token: str) -> HttpResponse:
    access = require_office_role(request, office, KIOSK_ROLES)
    ticket = _office_ticket(access.office, token)
    if ticket.day != office_today(access.office):
        raise Http404
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
    view = selectors.ticket_view(ticket)
    pdf = ticket_pdf(ticket, url=ticket_public_url(request, ticket), wait=view.wait)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="antrean-{ticket.display}.pdf"'
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
        url = request.build_absolute_uri(reverse("surveys:answer", args=[survey]))
        context |= {"survey_url": url, "survey_qr": qr_svg(url)}
    return context


@require_GET
def ticket_public(request: HttpRequest, token: str) -> HttpResponse:
    ticket = _public_ticket(token)
    return render(request, "queueing/ticket_public.html", _phone_context(request, ticket))


@require_GET
def ticket_public_status(request: HttpRequest, token: str) -> HttpResponse:
    ticket = _public_ticket(token)
    return render(request, "queueing/_ticket_status.html", _phone_context(request, ticket))


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
        context["choices"] = [
            (
                counter,
                station,
                staff_can_work_station(
                    user=access.user, office=office, station_type=station.station_type, on=today
                ),
            )
            for counter, station in selectors.workable_stations(office)
        ]
        return context
    current = selectors.ticket_at_counter(session.counter)
    order = selectors.station_order(session.station, counter=session.counter)
    waiting = {
        t.pk: t
        for t in Ticket.objects.select_related("service").filter(
            pk__in=[e.ticket_id for e in order[:10]]
        )
    }
    policy = selectors.queue_policy(office)
    context |= {
        "ticket": current,
        "policy": policy,
        "recalls_done": (current.call_count - 1) if current else 0,
        "waiting": [waiting[e.ticket_id] for e in order[:10] if e.ticket_id in waiting],
        "waiting_total": len(order),
        "parked": selectors.tickets_today(office, TicketStatus.PARKED).filter(
            station=session.station
        ),
        "no_shows": selectors.tickets_today(office, TicketStatus.NO_SHOW).filter(
            station=session.station
        ),
        "outlook": selectors.finish_outlook(current) if current is not None else None,
        "stations": Station.objects.filter(office=office).order_by("station_type"),
        "counters": Counter.objects.filter(office=office, is_active=True).exclude(
            pk=session.counter_id
        ),
    }
    return context


def _console_render(
    request: HttpRequest,
    access: StaffAccess,
    *,
    template: str = "queueing/console.html",
    error: str = "",
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    session = selectors.open_session(access.user, access.office)
    context = _console_context(access, session) | {"error": error, "notice": notice}
    response = render(request, template, context, status=status)
    if request.headers.get("HX-Request"):
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
    return _console_render(request, access, template="queueing/_console_queue.html")


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
        return _console_render(request, access, error=error.message, status=error_status(error))
    return redirect("queueing:console", office=access.office.code)


def _int(value: str | None) -> int:
    """A posted id; 0 (matching nothing) when it is not a number."""
    return int(value) if value and value.isdigit() else 0


def _console_do(request: HttpRequest, access: StaffAccess, action: str) -> str:
    """Runs one console action; returns a notice for the officer."""
    session = selectors.open_session(access.user, access.office)
    if session is None:
        raise Conflict(_("Buka loket dulu."))
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
        return _("%(ticket)s dialihkan.") % {"ticket": ticket.display}
    if action in ("finish", "forward"):
        ticket = services.ticket_finish(session=session, by=by, without_case=action == "forward")
        return _finished_notice(ticket)
    act, message = SIMPLE_ACTIONS[action]
    return str(message) % {"ticket": act(session=session, by=by).display}


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
        raise DomainError(_("Nomor antrean tidak ditemukan."))
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
            request, access, template=template, error=error.message, status=error_status(error)
        )
    return _console_render(request, access, template=template, notice=notice)


# --- Display board ---------------------------------------------------------------------------


@login_required
@require_GET
def board(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, BOARD_ROLES)
    state = selectors.board_state(access.office)
    return render(
        request,
        "queueing/board.html",
        {
            "office": access.office,
            "state": state,
            "last_event_id": selectors.latest_event_id(access.office.pk),
            "counters": Counter.objects.filter(office=access.office, is_active=True),
        },
    )


def _board_open(request: HttpRequest, office: str, after: str) -> tuple[int, int]:
    """Access check and starting point of a board's stream: (office id, last event id seen)."""
    office_id = require_office_role(request, office, BOARD_ROLES).office.pk
    last = int(after) if after.isdigit() else selectors.latest_event_id(office_id)
    # A stream stays open for hours: it must not keep this thread's database connection
    # (100 boards would exhaust PostgreSQL). The shared poller reads for all of them.
    connections.close_all()
    return office_id, last


async def board_events(request: HttpRequest, office: str) -> HttpResponseBase:
    """Server-sent events for a board; resumes after Last-Event-ID (or ?after= on first load)."""
    raw = request.headers.get("Last-Event-ID") or request.GET.get("after") or ""
    try:
        async with hub().gate:
            office_id, after = await sync_to_async(_board_open)(request, office, raw)
    except PermissionDenied:
        return HttpResponse(_("Silakan masuk sebagai papan tampilan."), status=403)
    limit = request.GET.get("max")
    response = StreamingHttpResponse(
        board_stream(
            office_id, after, max_events=int(limit) if limit and limit.isdigit() else None
        ),
        content_type="text/event-stream",
    )
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


# --- Overview for the head of office ----------------------------------------------------------


@login_required
@require_GET
def overview(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, OVERVIEW_ROLES)
    day = office_today(access.office)
    rows = []
    for station in Station.objects.filter(office=access.office).order_by("station_type"):
        waiting = selectors.waiting_at(station, day).count()
        # The last one waiting has everyone else ahead; with nobody waiting there is no wait
        # to estimate (the estimate would be the busy counters' half service).
        estimate = selectors.estimate_wait(station, ahead=max(waiting - 1, 0), day=day)
        rows.append((station, waiting, estimate))
    sessions = (
        selectors.sessions_open(access.office, day)
        .select_related("counter", "station", "officer")
        .order_by("counter__number")
    )
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
