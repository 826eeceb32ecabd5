"""Writes of the office queue: kiosk tickets, the journey through stations, counter actions.

Each service is one transaction with its audit row and, when boards must know, one board
event. Locks are always taken in this order: booking → ticket-number row → counter session →
tickets → audit chain → board channel.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from paspor.accounts.access import staff_can_work_station
from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.booking.checkin import checkin_window
from paspor.booking.models import Booking, BookingStatus, Pool
from paspor.booking.qr import qr_code, qr_matches_nik
from paspor.booking.rules import Answers
from paspor.booking.services.bookings import priority_ok
from paspor.lib.clock import clock
from paspor.lib.errors import Conflict, DomainError, Forbidden, NotFound
from paspor.lib.nik import sixteen_digits
from paspor.notifications.services import notify_turn_near
from paspor.offices.calendar import office_today
from paspor.offices.models import (
    Counter,
    Office,
    OfficeService,
    ServiceKind,
    Station,
    StationType,
)
from paspor.queueing import selectors
from paspor.queueing.models import (
    AT_COUNTER,
    UNFINISHED,
    BoardChannel,
    BoardEvent,
    BoardEventKind,
    CounterSession,
    StationVisit,
    Ticket,
    TicketCall,
    TicketNumber,
    TicketStatus,
    VisitOutcome,
)
from paspor.queueing.routing import FinishKind
from paspor.queueing.speech import call_sentence
from paspor.surveys.services import survey_invite

POOL_SERVICE = {
    Pool.REGULAR: ServiceKind.REGULAR,
    Pool.PRIORITY: ServiceKind.PRIORITY,
    Pool.EXPRESS: ServiceKind.EXPRESS,
}


class NotCertified(Forbidden):
    """The officer may not work this station (no role for it or no valid certification): 403."""

    code = "not_certified"


# --- Kiosk -----------------------------------------------------------------------------------


# The longest a booking code can be (its column); a longer scan is no booking's code.
BOOKING_CODE_MAX = Booking._meta.get_field("code").max_length or 12


def booking_code_from_scan(raw: str) -> str:
    """The booking code from what the scanner typed: the proof's QR payload
    (`PASPOR1:<code>:<tag>`), the code itself, or a URL ending in it."""
    from_qr = qr_code(raw)
    if from_qr is not None:
        return re.sub(r"[^A-Za-z0-9-]", "", from_qr).upper()
    text = raw.strip().rstrip("/")
    last = re.split(r"[/=?#&]", text)[-1] if text else ""
    return re.sub(r"[^A-Za-z0-9-]", "", last).upper()


def _check_in_allowed(*, office: Office, booking: Booking, now: dt.datetime) -> None:
    """Refuses, in plain Indonesian, a booking that is not for here and now."""
    if booking.office_id != office.pk:
        raise Conflict(
            _("Booking ini untuk %(office)s, bukan kantor ini.") % {"office": booking.office.name},
            code="wrong_office",
        )
    if booking.status == BookingStatus.CHECKED_IN:
        ticket = Ticket.objects.filter(booking=booking).first()
        at = booking.checked_in_at.astimezone(office.tz) if booking.checked_in_at else None
        raise Conflict(
            _("Booking ini sudah check-in pukul %(time)s dengan nomor antrean %(ticket)s.")
            % {"time": clock(at) if at else "-", "ticket": ticket.display if ticket else "-"},
            code="already_checked_in",
        )
    if booking.status != BookingStatus.BOOKED:
        raise Conflict(
            _("Booking ini tidak berlaku lagi (%(status)s). Silakan ke petugas informasi.")
            % {"status": BookingStatus(booking.status).label},
            code="booking_not_active",
        )
    local = now.astimezone(office.tz)
    if booking.date > local.date():
        raise Conflict(
            _("Booking ini untuk tanggal %(date)s: silakan datang kembali pada tanggal itu.")
            % {"date": formats.date_format(booking.date, "j F Y")},
            code="wrong_day",
        )
    if booking.date < local.date():
        raise Conflict(
            _(
                "Booking ini untuk tanggal %(date)s dan sudah lewat. Pesan jadwal baru secara "
                "online atau tanyakan ke petugas informasi."
            )
            % {"date": formats.date_format(booking.date, "j F Y")},
            code="wrong_day",
        )
    # The same window the no-show job waits for: never a no-show while the kiosk takes it.
    earliest, latest = checkin_window(booking, selectors.queue_policy(office))
    if local < earliest:
        raise Conflict(
            _("Anda datang terlalu awal: silakan kembali pukul %(time)s.")
            % {"time": clock(earliest)},
            code="too_early",
        )
    if local > latest:
        raise Conflict(
            _(
                "Anda datang terlambat: batas kedatangan pukul %(time)s. "
                "Silakan ke petugas informasi."
            )
            % {"time": clock(latest)},
            code="too_late",
        )


def booking_mark_checked_in(*, booking: Booking, at: dt.datetime) -> bool:
    """Sets the booking checked in, once; False when it was no longer `booked`. The caller
    writes the audit row (`booking_checked_in_audit`) once the ticket's number is taken."""
    # Race: the same code scanned at two kiosks at once; only the UPDATE that still finds the
    # booking `booked` changes it, the other kiosk is told the booking is already checked in.
    changed = Booking.objects.filter(pk=booking.pk, status=BookingStatus.BOOKED).update(
        status=BookingStatus.CHECKED_IN, checked_in_at=at
    )
    return bool(changed)


def booking_checked_in_audit(*, booking: Booking, at: dt.datetime, by: User | None) -> None:
    audit_record(
        actor=by,
        office=booking.office,
        subject=booking,
        event="booking.checked_in",
        old={"status": BookingStatus.BOOKED},
        new={"status": BookingStatus.CHECKED_IN, "checked_in_at": at},
    )


def _ktp_nik(nik: str, *, required: bool) -> str:
    """The NIK the KTP reader (or the keypad) typed, without its spaces; "" when none was
    given and none is required."""
    nik = "".join(nik.split())
    if not nik and required:
        raise DomainError(
            _("Tempelkan KTP pada pembaca, atau ketik NIK Anda (16 angka)."), code="nik_missing"
        )
    if nik and not sixteen_digits(nik):
        raise DomainError(
            _("NIK terdiri dari 16 angka. Periksa NIK pada KTP Anda."), code="nik_invalid"
        )
    return nik


def _qr_bound_to(*, scanned: str, booking: Booking, nik: str) -> None:
    """A scanned QR must carry the tag of its booking's NIK and, when the kiosk read the KTP,
    match that KTP: a QR copied from someone else's booking proof is refused. A code typed on
    the keypad (or a proof's link) carries no tag, but the KTP the kiosk read must still be the
    booking holder's: otherwise typing the printed code would get round the QR's binding."""
    if qr_code(scanned) is None:
        if nik and nik != booking.nik:
            raise DomainError(
                _("KTP ini bukan milik pemilik booking. Silakan ke petugas informasi."),
                code="nik_mismatch",
            )
        return
    if not qr_matches_nik(scanned, booking.nik) or (nik and not qr_matches_nik(scanned, nik)):
        raise DomainError(
            _("QR ini tidak cocok dengan KTP pemilik booking. Silakan ke petugas informasi."),
            code="qr_mismatch",
        )


def ticket_check_in(
    *, office: Office, code: str, by: User | None, nik: str = "", nik_required: bool = False
) -> Ticket:
    """Kiosk check-in of a booking: today, this office, inside its arrival window.

    `code` is what the scanner or the keypad typed; `nik` what the KTP reader (or the keypad)
    typed, spaces allowed: the booking must be that KTP holder's. The kiosk page requires it
    (`nik_required`); the API checks it when sent."""
    cleaned = booking_code_from_scan(code)
    if not cleaned:
        raise DomainError(_("Masukkan atau pindai kode booking Anda."), code="code_missing")
    nik = _ktp_nik(nik, required=nik_required)
    booking = (
        Booking.objects.select_related("office", "profile").filter(code__iexact=cleaned).first()
    )
    if booking is None and len(cleaned) > BOOKING_CODE_MAX:
        # Not a code at all (another QR, two scans run together): not echoed, it would fill
        # the kiosk's screen.
        raise NotFound(
            _(
                "Yang dipindai bukan kode booking. Pindai QR pada bukti booking Anda, atau "
                "ketik kodenya."
            ),
            code="booking_not_found",
        )
    if booking is None:
        raise NotFound(
            _("Kode booking %(code)s tidak ditemukan. Periksa kode pada bukti booking Anda.")
            % {"code": cleaned},
            code="booking_not_found",
        )
    _qr_bound_to(scanned=code, booking=booking, nik=nik)
    now = timezone.now()
    _check_in_allowed(office=office, booking=booking, now=now)
    priority = _booking_priority(office, booking)
    service = _check_in_service(office, booking, priority=priority)
    if service is None:
        raise Conflict(
            _("Layanan ini belum dibuka di kantor ini. Silakan ke petugas informasi."),
            code="service_closed",
        )
    with transaction.atomic():
        if not booking_mark_checked_in(booking=booking, at=now):
            raise Conflict(
                _("Booking ini baru saja check-in di kios lain."), code="already_checked_in"
            )
        # Lock order (docs/queue.md): the booking, then the ticket number, then the audit
        # chain. Audited before the number was taken, a check-in held the chain while a
        # walk-in of the same prefix held the number and waited for the chain: a deadlock.
        ticket = _ticket_issue(
            office=office,
            service=service,
            booking=booking,
            holder_name=booking.profile.full_name,
            walk_in=False,
            by=by,
            now=now,
            priority=priority,
        )
        booking_checked_in_audit(booking=booking, at=now, by=by)
        return ticket


def _booking_priority(office: Office, booking: Booking) -> bool:
    """Whether the booking's holder is one the priority pool takes (Ramah HAM: by the office's
    ages on the visit day, or the disability or pregnancy the questionnaire recorded). Such a
    person is called as priority whichever seat they booked (UU 25/2009 art. 29)."""
    if booking.pool == Pool.PRIORITY:
        return True
    answers = Answers.from_dict(booking.answers or {})
    return priority_ok(booking.profile, answers, booking.date, office)


def _check_in_service(office: Office, booking: Booking, *, priority: bool) -> OfficeService | None:
    """The queue a booking joins: its pool's, except that a regular booking of a priority
    holder joins the priority queue (B) when the office runs one. An express booking keeps the
    express service it paid for; its ticket is still called as priority (`Ticket.is_priority`).
    The pool is the day's quota; the queue is how the person is treated at the office."""
    kind = POOL_SERVICE.get(Pool(booking.pool), ServiceKind.REGULAR)
    services = {
        service.kind: service
        for service in OfficeService.objects.filter(
            office=office, kind__in=[kind, ServiceKind.PRIORITY], is_active=True
        )
    }
    if kind == ServiceKind.REGULAR and priority and ServiceKind.PRIORITY in services:
        return services[ServiceKind.PRIORITY]
    return services.get(kind)


REQUEST_KEY = re.compile(r"[A-Za-z0-9_-]{8,48}")


def walk_in_request_key(*, source: str, key: str) -> str:
    """The stored key of one walk-in request ("kiosk:…", "api:…"), or "" for none. Keys of the
    kiosk screen and of API clients never meet; a malformed key is refused (400)."""
    if not key:
        return ""
    if not REQUEST_KEY.fullmatch(key):
        raise DomainError(
            _("Kunci permintaan harus 8–48 huruf, angka, '-' atau '_'."),
            code="invalid_request_key",
        )
    return f"{source}:{key}"


def ticket_walk_in(
    *, office: Office, service: OfficeService, by: User | None, request_key: str = ""
) -> Ticket:
    """A ticket without a booking, for a service the office opens to walk-ins.

    `request_key` names one request of the office day: sent again (a second tap on the kiosk,
    a retry after a timeout) it answers the ticket it already issued, with no second number;
    sent for another service the same day it is refused (409); another day it is a new request."""
    if service.office_id != office.pk or not service.is_active or not service.walk_in:
        raise DomainError(_("Layanan ini tidak melayani tanpa booking."), code="not_walk_in")
    now = timezone.now()
    day = now.astimezone(office.tz).date()
    issued = _issued_for_request(office=office, day=day, service=service, request_key=request_key)
    if issued is not None:
        return issued
    try:
        with transaction.atomic():
            return _ticket_issue(
                office=office,
                service=service,
                booking=None,
                holder_name="",
                walk_in=True,
                by=by,
                now=now,
                request_key=request_key,
            )
    except IntegrityError:
        # Race: the same request twice at once. The second insert meets the unique key and
        # its whole transaction, number included, rolls back: no gap, one ticket.
        issued = _issued_for_request(
            office=office, day=day, service=service, request_key=request_key
        )
        if issued is None:
            raise
        return issued


def _issued_for_request(
    *, office: Office, day: dt.date, service: OfficeService, request_key: str
) -> Ticket | None:
    """The ticket `request_key` already got at `office` on `day`, if any; the same key for
    another service is not a retry of that request, and is refused."""
    issued = selectors.ticket_of_request(office=office, request_key=request_key, day=day)
    if issued is not None and issued.service_id != service.pk:
        raise Conflict(
            _(
                "Kunci permintaan ini sudah dipakai hari ini untuk layanan lain. Kirim "
                "permintaan baru dengan kunci baru."
            ),
            code="idempotency_key_reused",
        )
    return issued


def _station_of(office: Office, station_type: str) -> Station:
    station = Station.objects.filter(office=office, station_type=station_type).first()
    if station is None:
        # A setup gap (a route through a station the office lacks), not the applicant's input.
        raise Conflict(
            _("Pos %(station)s belum ada di kantor ini. Hubungi petugas.")
            % {"station": StationType(station_type).label},
            code="station_missing",
        )
    return station


def _number_take(*, office: Office, day: dt.date, service: OfficeService, walk_in: bool) -> int:
    """The next number of the day for the service's prefix, inside the caller's transaction."""
    # Race: the first two tickets of the day both create the counter row; the second insert
    # is ignored and both then use the one row.
    TicketNumber.objects.bulk_create(
        [TicketNumber(office=office, day=day, prefix=service.ticket_prefix)],
        ignore_conflicts=True,
    )
    # Race: two kiosks issuing at once. The row lock (SQLite: the IMMEDIATE transaction)
    # makes the second wait for the first to commit, so numbers follow each other; taken in
    # the ticket's own transaction, a failed insert rolls the number back — no gaps.
    row = TicketNumber.objects.select_for_update().get(
        office=office, day=day, prefix=service.ticket_prefix
    )
    cap = service.walk_in_daily_cap
    if walk_in and cap and row.walk_ins >= cap:
        raise Conflict(
            _(
                "Kuota tanpa booking untuk %(service)s hari ini (%(cap)s) sudah habis. Pesan "
                "jadwal secara online, atau tanyakan ke petugas informasi."
            )
            % {"service": service.get_kind_display(), "cap": cap},
            code="walk_in_cap_reached",
        )
    row.last_number += 1
    row.walk_ins += 1 if walk_in else 0
    row.save(update_fields=["last_number", "walk_ins"])
    return row.last_number


def _ticket_issue(
    *,
    office: Office,
    service: OfficeService,
    booking: Booking | None,
    holder_name: str,
    walk_in: bool,
    by: User | None,
    now: dt.datetime,
    request_key: str = "",
    priority: bool = False,
) -> Ticket:
    route = list(service.route or [])
    if not route:
        raise DomainError(_("Layanan ini belum punya rute pos. Hubungi petugas."))
    station = _station_of(office, route[0])
    day = now.astimezone(office.tz).date()
    number = _number_take(office=office, day=day, service=service, walk_in=walk_in)
    ticket = Ticket.objects.create(
        office=office,
        service=service,
        day=day,
        prefix=service.ticket_prefix,
        number=number,
        booking=booking,
        holder_name=holder_name,
        is_priority=priority or service.kind == ServiceKind.PRIORITY,
        arrived_at=now,
        station=station,
        step=0,
        queued_at=now,
        status_at=now,
        request_key=request_key,
    )
    StationVisit.objects.create(ticket=ticket, station=station, queued_at=now)
    audit_record(
        actor=by,
        office=office,
        subject=ticket,
        event="queue.ticket_issued",
        new={
            "ticket": ticket.display,
            "service": service.kind,
            "booking": booking.code if booking else None,
            "priority": ticket.is_priority,
        },
    )
    board_event_emit(office=office, kind=BoardEventKind.QUEUE, payload={"ticket": ticket.display})
    return ticket


# --- Board events ----------------------------------------------------------------------------


def board_event_emit(
    *, office: Office, kind: BoardEventKind, payload: dict[str, object]
) -> BoardEvent:
    """Appends one event to the office's board stream, inside the caller's transaction."""
    now = timezone.now()
    # Race: two actions of one office commit in either order. Holding the channel row while
    # the event row takes its id makes ids commit in order, so a board reading "after id N"
    # can never miss an event that commits later with a smaller id.
    channel = BoardChannel.objects.select_for_update().filter(office=office).first()
    if channel is None:
        # Race: the office's first two events both create the row; one insert is ignored.
        BoardChannel.objects.bulk_create([BoardChannel(office=office)], ignore_conflicts=True)
        channel = BoardChannel.objects.select_for_update().get(office=office)
    day = now.astimezone(office.tz).date()
    event = BoardEvent.objects.create(
        office=office,
        kind=kind,
        at=now,
        # Every event carries who is at which counter now: a board clears a counter's slot when
        # its ticket left (finished, parked, transferred, no-show) or the counter closed.
        payload={
            **payload,
            "waiting": selectors.waiting_counts(office, day),
            "counters": selectors.counter_slots(office, day),
        },
    )
    channel.last_event_id = event.pk
    channel.save(update_fields=["last_event_id"])
    office_id = office.pk
    transaction.on_commit(lambda: _board_wake(office_id))
    return event


def _board_wake(office_id: int) -> None:
    from paspor.queueing.broadcast import board_wake

    board_wake(office_id)


def _call_event(ticket: Ticket, counter: Counter, *, recall: bool) -> None:
    text = call_sentence(prefix=ticket.prefix, number=ticket.number, counter_number=counter.number)
    board_event_emit(
        office=ticket.office,
        kind=BoardEventKind.RECALL if recall else BoardEventKind.CALL,
        payload={
            "ticket": ticket.display,
            "counter": counter.number,
            "station": ticket.station.name if ticket.station else "",
            "text": text,
        },
    )


# --- Counters --------------------------------------------------------------------------------


def counter_open(*, office: Office, counter: Counter, station: Station, by: User) -> CounterSession:
    """An officer opens `counter` for `station` — only when certified for that station."""
    if counter.office_id != office.pk or station.office_id != office.pk:
        raise DomainError(_("Loket atau pos ini bukan milik kantor ini."))
    if not counter.stations.filter(pk=station.pk).exists():
        raise DomainError(
            _("%(counter)s tidak melayani pos %(station)s.")
            % {"counter": counter.name or counter.number, "station": station.label}
        )
    now = timezone.now()
    today = now.astimezone(office.tz).date()
    if not staff_can_work_station(
        user=by, office=office, station_type=station.station_type, on=today
    ):
        raise NotCertified(
            _("Anda belum bersertifikat (atau sertifikat habis) untuk pos %(station)s.")
            % {"station": station.label}
        )
    with transaction.atomic():
        _earlier_days_close(office=office, officer=by, now=now)
        mine = CounterSession.objects.filter(officer=by, closed_at__isnull=True).first()
        if mine is not None:
            if mine.counter_id == counter.pk and mine.station_id == station.pk:
                return mine
            raise Conflict(
                _("Anda masih membuka loket lain: tutup loket itu dulu."),
                code="officer_has_counter",
            )
        try:
            with transaction.atomic():
                session = CounterSession.objects.create(
                    counter=counter, station=station, officer=by, opened_at=now
                )
        except IntegrityError:
            # Race: two officers open the same counter together; the partial unique index
            # lets one have it.
            raise Conflict(
                _("Loket ini sedang dibuka petugas lain."), code="counter_taken"
            ) from None
        audit_record(
            actor=by,
            office=office,
            subject=session,
            event="queue.counter_opened",
            new={"counter": counter.number, "station": station.station_type},
        )
    return session


def _earlier_days_close(*, office: Office, officer: User, now: dt.datetime) -> None:
    """Closes what earlier office days left open before a counter opens today: the counter
    may still have last week's session (or a ticket at it), the officer one at another office.
    The partial unique indexes would refuse the new session otherwise."""
    offices = {office.pk: office}
    for session in CounterSession.objects.select_related("counter__office").filter(
        officer=officer, closed_at__isnull=True
    ):
        offices.setdefault(session.counter.office_id, session.counter.office)
    for each in offices.values():
        yesterday = now.astimezone(each.tz).date() - dt.timedelta(days=1)
        queue_days_close(office=each, through=yesterday, by=None)


def _session_locked(session: CounterSession) -> CounterSession:
    locked = (
        CounterSession.objects.select_for_update()
        .select_related("counter", "station", "station__office")
        .filter(pk=session.pk, closed_at__isnull=True)
        .first()
    )
    if locked is None:
        raise Conflict(_("Loket ini sudah ditutup. Buka loket lagi."), code="counter_closed")
    office = locked.station.office
    if selectors.session_day(locked, office) != office_today(office):
        raise Conflict(
            _("Loket ini dibuka pada hari sebelumnya. Buka loket untuk hari ini."),
            code="session_of_earlier_day",
        )
    return locked


def counter_close(*, session: CounterSession, by: User) -> None:
    """Closes the counter. Tickets transferred to it go back to their station's queue, at the
    place their arrival gives them: nobody would call them at a closed counter."""
    with transaction.atomic():
        session = _session_locked(session)
        current = selectors.ticket_at_counter(session.counter)
        if current is not None:
            raise Conflict(
                _("Selesaikan, tunda atau alihkan nomor %(ticket)s dulu.")
                % {"ticket": current.display},
                code="ticket_at_counter",
            )
        session.closed_at = timezone.now()
        session.save(update_fields=["closed_at"])
        office = session.counter.office
        # Race: a transfer to this counter holds this session's lock while it writes (see
        # ticket_transfer), so every ticket transferred here has committed before this reads.
        returned = list(
            Ticket.objects.select_for_update()
            .filter(target_counter=session.counter, status=TicketStatus.WAITING)
            .order_by("pk")
        )
        for ticket in returned:
            ticket.target_counter = None
            ticket.save(update_fields=["target_counter"])
        audit_record(
            actor=by,
            office=office,
            subject=session,
            event="queue.counter_closed",
            old={"counter": session.counter.number, "station": session.station.station_type},
            new={"returned_to_station": [ticket.display for ticket in returned]},
        )
        board_event_emit(
            office=office,
            kind=BoardEventKind.QUEUE,
            payload={"closed_counter": session.counter.number},
        )


def _current_locked(session: CounterSession, statuses: tuple[str, ...]) -> Ticket:
    ticket = (
        Ticket.objects.select_for_update()
        .filter(counter=session.counter, status__in=AT_COUNTER)
        .first()
    )
    if ticket is None:
        raise Conflict(
            _("Belum ada nomor yang dipanggil di loket ini."), code="no_ticket_at_counter"
        )
    if ticket.status not in statuses:
        raise Conflict(
            _("Nomor %(ticket)s berstatus %(status)s.")
            % {"ticket": ticket.display, "status": TicketStatus(ticket.status).label},
            code="wrong_status",
        )
    return ticket


def _open_visit(ticket: Ticket) -> StationVisit:
    visit = StationVisit.objects.filter(ticket=ticket, ended_at__isnull=True).first()
    if visit is None:  # a ticket made without the kiosk (e.g. by another app's tests)
        if ticket.station is None:
            raise Conflict(
                _("Nomor %(ticket)s belum di pos mana pun.") % {"ticket": ticket.display},
                code="no_station",
            )
        visit = StationVisit.objects.create(
            ticket=ticket, station=ticket.station, queued_at=ticket.queued_at or ticket.arrived_at
        )
    return visit


def _record_call(
    ticket: Ticket, session: CounterSession, by: User, now: dt.datetime, *, recall: bool
) -> None:
    visit = _open_visit(ticket)
    if visit.first_called_at is None:
        visit.first_called_at = now
    visit.counter, visit.officer = session.counter, by
    visit.save(update_fields=["first_called_at", "counter", "officer"])
    TicketCall.objects.create(
        visit=visit, at=now, counter=session.counter, officer=by, is_recall=recall
    )


def _ticket_audit(ticket: Ticket, by: User, event: str, **new: object) -> None:
    audit_record(
        actor=by,
        office=ticket.office,
        subject=ticket,
        event=event,
        new={"ticket": ticket.display, "status": ticket.status, **new},
    )


def ticket_call_next(*, session: CounterSession, by: User) -> Ticket | None:
    """Calls the next ticket by the call-next rule (docs/queue.md); None when nobody waits."""
    now = timezone.now()
    with transaction.atomic():
        session = _session_locked(session)
        current = selectors.ticket_at_counter(session.counter)
        if current is not None:
            raise Conflict(
                _("Nomor %(ticket)s masih di loket ini: selesaikan, tunda atau alihkan dulu.")
                % {"ticket": current.display},
                code="ticket_at_counter",
            )
        taken_id = None
        for entry in selectors.station_order(session.station, now=now, counter=session.counter):
            # Race: two officers press "call next" at the same moment and both see this ticket
            # first. The conditional UPDATE lets exactly one take it (PostgreSQL makes the
            # other wait for that commit, then finds it no longer waiting); the loser moves on.
            taken = Ticket.objects.filter(
                pk=entry.ticket_id, status=TicketStatus.WAITING, station=session.station
            ).update(
                status=TicketStatus.CALLED,
                counter=session.counter,
                officer=by,
                target_counter=None,
                call_count=1,
                status_at=now,
            )
            if taken:
                taken_id = entry.ticket_id
                break
        if taken_id is None:
            return None
        ticket = Ticket.objects.select_related("office", "station").get(pk=taken_id)
        _record_call(ticket, session, by, now, recall=False)
        _ticket_audit(ticket, by, "queue.called", counter=session.counter.number)
        _call_event(ticket, session.counter, recall=False)
        _turn_near_notify(session.station, now)
    return ticket


def _turn_near_notify(station: Station, now: dt.datetime) -> None:
    """Tells those now near the front of this station's line (each ticket once, ever), by
    the place the phone page shows them."""
    near = sorted(
        (position, ticket_id)
        for ticket_id, position in selectors.station_positions(station, now=now).items()
        if selectors.turn_near(position)
    )
    found = Ticket.objects.select_related("office", "booking__profile__account").in_bulk(
        [ticket_id for _position, ticket_id in near]
    )
    for position, ticket_id in near:
        if ticket_id in found:
            notify_turn_near(ticket=found[ticket_id], ahead=position - 1)


def ticket_recall(*, session: CounterSession, by: User) -> Ticket:
    """Announces the called ticket again."""
    now = timezone.now()
    with transaction.atomic():
        session = _session_locked(session)
        ticket = _current_locked(session, (TicketStatus.CALLED,))
        ticket.call_count = F("call_count") + 1
        ticket.save(update_fields=["call_count"])
        ticket.refresh_from_db()
        _record_call(ticket, session, by, now, recall=True)
        _ticket_audit(ticket, by, "queue.recalled", calls=ticket.call_count)
        _call_event(ticket, session.counter, recall=True)
    return ticket


def ticket_start(*, session: CounterSession, by: User) -> Ticket:
    """The person has come to the counter: service starts."""
    now = timezone.now()
    with transaction.atomic():
        session = _session_locked(session)
        ticket = _current_locked(session, (TicketStatus.CALLED,))
        ticket.status, ticket.status_at = TicketStatus.SERVING, now
        ticket.save(update_fields=["status", "status_at"])
        visit = _open_visit(ticket)
        visit.started_at = now
        visit.save(update_fields=["started_at"])
        _ticket_audit(ticket, by, "queue.service_started")
    return ticket


def _visit_end(ticket: Ticket, outcome: VisitOutcome, now: dt.datetime) -> None:
    # A visit ended without "Mulai layani" keeps no start time: the estimate and the reports
    # take service times from start → end, and a call ended at once is no service sample.
    visit = _open_visit(ticket)
    visit.ended_at, visit.outcome = now, outcome
    visit.save(update_fields=["ended_at", "outcome"])


def _ticket_queue_at(
    ticket: Ticket,
    *,
    station: Station,
    step: int,
    now: dt.datetime,
    target_counter: Counter | None = None,
    waiting_since: dt.datetime | None = None,
) -> None:
    """Puts the ticket in the queue of `station`; its place still follows its arrival.

    `waiting_since` keeps an earlier start of the wait at this station (for aging).
    """
    ticket.status = TicketStatus.WAITING
    ticket.station, ticket.step, ticket.queued_at = station, step, waiting_since or now
    ticket.counter, ticket.officer, ticket.target_counter = None, None, target_counter
    ticket.call_count, ticket.status_at = 0, now
    ticket.save(
        update_fields=[
            "status",
            "station",
            "step",
            "queued_at",
            "counter",
            "officer",
            "target_counter",
            "call_count",
            "status_at",
        ]
    )
    StationVisit.objects.create(ticket=ticket, station=station, queued_at=now)


def _visit_over(ticket: Ticket, now: dt.datetime) -> None:
    """The ticket leaves the office's queue for today."""
    ticket.status, ticket.status_at = TicketStatus.DONE, now
    ticket.counter, ticket.target_counter = None, None
    ticket.save(update_fields=["status", "status_at", "counter", "target_counter"])
    survey_invite(ticket=ticket)  # the visit is over: ask how it went (IKM)


def _finish_refusal(ticket: Ticket, outlook: selectors.FinishOutlook) -> Conflict:
    station = outlook.station.label if outlook.station is not None else "-"
    if outlook.kind == FinishKind.NO_CASE:
        return Conflict(
            _(
                "Nomor %(ticket)s belum punya permohonan. Buka permohonan dulu, atau pilih: "
                "akhiri kunjungan (pemohon pulang) atau teruskan ke %(station)s."
            )
            % {"ticket": ticket.display, "station": station},
            code="no_case",
        )
    if outlook.station is None:  # the work of this very station is not done yet
        return Conflict(
            _(
                "Permohonan %(case)s masih berstatus “%(status)s”: selesaikan dulu langkah di "
                "pos ini (atau tunda nomor ini), atau akhiri kunjungan bila pemohon pulang."
            )
            % {
                "case": outlook.case.code if outlook.case is not None else "-",
                "status": outlook.case_status_label,
            },
            code="case_not_ready",
        )
    return Conflict(
        _(
            "Permohonan %(case)s masih berstatus “%(status)s”, belum siap ke %(station)s. "
            "Selesaikan langkah itu dulu (atau tunda nomor ini), atau akhiri kunjungan bila "
            "pemohon pulang."
        )
        % {
            "case": outlook.case.code if outlook.case is not None else "-",
            "status": outlook.case_status_label,
            "station": station,
        },
        code="case_not_ready",
    )


def ticket_finish(*, session: CounterSession, by: User, without_case: bool = False) -> Ticket:
    """Done at this station: on to the next station its case waits for, or done for today.

    The route says where a ticket goes next; the case says whether it goes (`routing.py`). A case
    deferred, rejected or cancelled ends the visit; a case still being worked (or held) is
    refused, as is a ticket without a case unless the officer forwards it (`without_case`).
    """
    now = timezone.now()
    with transaction.atomic():
        session = _session_locked(session)
        ticket = _current_locked(session, AT_COUNTER)
        # The case is read, not locked: its steps are worked by the officer at this counter
        # (intake) or are the next station's, which has not called the ticket yet.
        outlook = selectors.finish_outlook(ticket)
        forward = outlook.kind == FinishKind.FORWARD or (
            outlook.kind == FinishKind.NO_CASE and without_case
        )
        if not forward and outlook.kind != FinishKind.END:
            raise _finish_refusal(ticket, outlook)
        step, station = outlook.plan.step, outlook.station
        if forward and (step is None or station is None):
            raise DomainError(
                _("Pos %(station)s belum ada di kantor ini. Hubungi petugas.")
                % {"station": ticket.service.route[step or 0]}
            )
        _visit_end(ticket, VisitOutcome.DONE, now)
        if forward and step is not None and station is not None:
            _ticket_queue_at(ticket, station=station, step=step, now=now)
        else:
            _visit_over(ticket, now)
        _ticket_audit(
            ticket,
            by,
            "queue.finished",
            station=session.station.station_type,
            to=outlook.station.station_type if forward and outlook.station else None,
            case=outlook.case.code if outlook.case is not None else None,
            case_status=outlook.case.status if outlook.case is not None else None,
            without_case=forward and outlook.kind == FinishKind.NO_CASE,
        )
        board_event_emit(
            office=ticket.office, kind=BoardEventKind.QUEUE, payload={"ticket": ticket.display}
        )
    return ticket


def ticket_end_visit(*, session: CounterSession, by: User) -> Ticket:
    """The applicant goes home from this counter (e.g. sent to complete the papers): no next
    station, whatever the route says."""
    now = timezone.now()
    with transaction.atomic():
        session = _session_locked(session)
        ticket = _current_locked(session, AT_COUNTER)
        case = selectors.ticket_case(ticket)
        _visit_end(ticket, VisitOutcome.DONE, now)
        _visit_over(ticket, now)
        _ticket_audit(
            ticket,
            by,
            "queue.visit_ended",
            station=session.station.station_type,
            case=case.code if case is not None else None,
            case_status=case.status if case is not None else None,
        )
        board_event_emit(
            office=ticket.office, kind=BoardEventKind.QUEUE, payload={"ticket": ticket.display}
        )
    return ticket


def ticket_park(*, session: CounterSession, by: User) -> Ticket:
    """Sets the ticket aside (e.g. to fetch a document); the counter can call the next one."""
    now = timezone.now()
    with transaction.atomic():
        session = _session_locked(session)
        ticket = _current_locked(session, AT_COUNTER)
        ticket.status, ticket.status_at = TicketStatus.PARKED, now
        ticket.save(update_fields=["status", "status_at"])
        _ticket_audit(ticket, by, "queue.parked")
        board_event_emit(
            office=ticket.office, kind=BoardEventKind.QUEUE, payload={"ticket": ticket.display}
        )
    return ticket


def ticket_resume(*, session: CounterSession, ticket: Ticket, by: User) -> Ticket:
    """Calls a parked ticket of this station to this counter."""
    now = timezone.now()
    with transaction.atomic():
        session = _session_locked(session)
        if selectors.ticket_at_counter(session.counter) is not None:
            raise Conflict(
                _("Selesaikan dulu nomor yang sedang di loket ini."), code="ticket_at_counter"
            )
        today = now.astimezone(session.station.office.tz).date()
        taken = Ticket.objects.filter(
            pk=ticket.pk, status=TicketStatus.PARKED, station=session.station, day=today
        ).update(
            status=TicketStatus.CALLED,
            counter=session.counter,
            officer=by,
            call_count=1,  # a new call: its own recalls before a no-show, as at "call next"
            status_at=now,
        )
        if not taken:
            raise Conflict(_("Nomor ini tidak sedang ditunda di pos ini."), code="not_parked")
        ticket = Ticket.objects.select_related("office", "station").get(pk=ticket.pk)
        _record_call(ticket, session, by, now, recall=False)
        _ticket_audit(ticket, by, "queue.resumed", counter=session.counter.number)
        _call_event(ticket, session.counter, recall=False)
    return ticket


def ticket_mark_no_show(*, session: CounterSession, by: User) -> Ticket:
    """Nobody came after the call and the configured number of recalls."""
    now = timezone.now()
    with transaction.atomic():
        session = _session_locked(session)
        ticket = _current_locked(session, (TicketStatus.CALLED,))
        needed = selectors.queue_policy(ticket.office).recalls_before_no_show
        recalls = ticket.call_count - 1
        if recalls < needed:
            raise Conflict(
                _(
                    "Panggil ulang dulu: nomor %(ticket)s baru dipanggil ulang %(done)s "
                    "dari %(needed)s kali."
                )
                % {"ticket": ticket.display, "done": recalls, "needed": needed},
                code="recalls_needed",
            )
        _visit_end(ticket, VisitOutcome.NO_SHOW, now)
        ticket.status, ticket.status_at = TicketStatus.NO_SHOW, now
        ticket.counter, ticket.officer = None, None
        ticket.save(update_fields=["status", "status_at", "counter", "officer"])
        _ticket_audit(ticket, by, "queue.no_show", recalls=recalls)
        board_event_emit(
            office=ticket.office, kind=BoardEventKind.QUEUE, payload={"ticket": ticket.display}
        )
    return ticket


def ticket_reinstate(
    *, office: Office, ticket: Ticket, by: User, station: Station | None = None
) -> Ticket:
    """A no-show who comes back within the tolerance rejoins the queue at their old place.

    From a counter's console `station` is the counter's: it reinstates only its own no-shows.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = Ticket.objects.select_for_update().filter(pk=ticket.pk, office=office).first()
        if locked is None or locked.status != TicketStatus.NO_SHOW:
            raise Conflict(_("Nomor ini tidak berstatus tidak hadir."), code="not_no_show")
        if station is not None and locked.station_id != station.pk:
            raise Conflict(
                _("Nomor %(ticket)s tidak hadir di pos lain, bukan di pos ini.")
                % {"ticket": locked.display},
                code="no_show_elsewhere",
            )
        policy = selectors.queue_policy(office)
        tolerance = policy.reinstate_minutes
        if locked.day != now.astimezone(office.tz).date() or now > selectors.reinstate_deadline(
            locked, policy
        ):
            raise Conflict(
                _(
                    "Batas waktu kembali (%(minutes)s menit) untuk nomor %(ticket)s sudah lewat: "
                    "silakan ambil nomor baru."
                )
                % {"minutes": tolerance, "ticket": locked.display},
                code="reinstate_window_passed",
            )
        station = locked.station or _station_of(office, locked.service.route[locked.step])
        # Back in line as if never gone: the wait at this station counts from the first time.
        _ticket_queue_at(
            locked, station=station, step=locked.step, now=now, waiting_since=locked.queued_at
        )
        _ticket_audit(locked, by, "queue.reinstated")
        board_event_emit(
            office=office, kind=BoardEventKind.QUEUE, payload={"ticket": locked.display}
        )
    return locked


def _target_session_locked(target: CounterSession) -> CounterSession | None:
    return (
        CounterSession.objects.select_for_update()
        .select_related("station")
        .filter(pk=target.pk, closed_at__isnull=True)
        .first()
    )


def _sessions_locked_for_transfer(
    session: CounterSession, counter: Counter
) -> tuple[CounterSession, CounterSession | None]:
    """Locks the officer's session and the target counter's open session (None when closed).

    Race: the target counter closes while the ticket is transferred to it; holding its session
    row makes the close wait for this commit and then return the ticket to its station (or
    this transfer find the counter closed). Both rows are locked in id order, so two officers
    transferring to each other's counter at once cannot deadlock.
    """
    office = session.counter.office
    target = selectors.sessions_open(office).filter(counter=counter).first()
    if target is not None and target.pk < session.pk:
        target = _target_session_locked(target)
        return _session_locked(session), target
    session = _session_locked(session)
    return session, _target_session_locked(target) if target is not None else None


def _transfer_target(
    *,
    session: CounterSession,
    ticket: Ticket,
    station: Station | None,
    counter: Counter | None,
    counter_session: CounterSession | None,
) -> Station:
    """The station the ticket goes to; refuses a closed counter and a move that is no move."""
    if counter is not None:
        label = counter.number
        if counter.pk == session.counter_id:
            raise Conflict(_("Nomor ini sudah di loket ini."), code="same_counter")
        if counter_session is None:
            raise Conflict(
                _(
                    "Loket %(counter)s tidak buka: di sana tidak ada yang akan memanggil nomor "
                    "ini. Pilih loket yang buka atau sebuah pos."
                )
                % {"counter": label},
                code="counter_closed",
            )
        if station is not None and station.pk != counter_session.station_id:
            raise Conflict(
                _("Loket %(counter)s sedang melayani %(station)s, bukan pos yang dipilih.")
                % {"counter": label, "station": counter_session.station.label},
                code="counter_serves_other_station",
            )
        return counter_session.station
    assert station is not None
    if station.pk == ticket.station_id:
        raise Conflict(
            _("Nomor %(ticket)s sudah di %(station)s. Pilih pos lain atau sebuah loket.")
            % {"ticket": ticket.display, "station": station.label},
            code="same_station",
        )
    return station


def ticket_transfer(
    *,
    session: CounterSession,
    by: User,
    station: Station | None = None,
    counter: Counter | None = None,
) -> Ticket:
    """Sends the ticket to another station (its queue) or to one open counter (called there
    next, at the station that counter is open for)."""
    office = session.counter.office
    if station is None and counter is None:
        raise DomainError(_("Pilih pos atau loket tujuan."), code="target_missing")
    if (counter is not None and counter.office_id != office.pk) or (
        station is not None and station.office_id != office.pk
    ):
        raise DomainError(_("Pos atau loket tujuan bukan milik kantor ini."), code="other_office")
    now = timezone.now()
    with transaction.atomic():
        counter_session = None
        if counter is not None:
            session, counter_session = _sessions_locked_for_transfer(session, counter)
        else:
            session = _session_locked(session)
        ticket = _current_locked(session, AT_COUNTER)
        target = _transfer_target(
            session=session,
            ticket=ticket,
            station=station,
            counter=counter,
            counter_session=counter_session,
        )
        route = list(ticket.service.route or [])
        step = route.index(target.station_type) if target.station_type in route else ticket.step
        _visit_end(ticket, VisitOutcome.TRANSFERRED, now)
        _ticket_queue_at(ticket, station=target, step=step, now=now, target_counter=counter)
        _ticket_audit(
            ticket,
            by,
            "queue.transferred",
            station=target.station_type,
            counter=counter.number if counter else None,
        )
        board_event_emit(
            office=office, kind=BoardEventKind.QUEUE, payload={"ticket": ticket.display}
        )
    return ticket


# --- End of the office day -------------------------------------------------------------------

# Office-local time after which the day-close job closes the current day too: long after the
# last applicant has gone, so a run by hand in the afternoon cannot end a live queue.
DAY_CLOSES_AT = dt.time(23, 0)
DAY_CLOSE_LABEL = "system:day-close"
DAY_CLOSE_REASON = "hari layanan berakhir"  # the audit row's reason (data, not a page text)


@dataclass(frozen=True)
class DayClosed:
    sessions: int
    tickets: int

    def __add__(self, other: DayClosed) -> DayClosed:
        return DayClosed(self.sessions + other.sessions, self.tickets + other.tickets)


NOTHING_CLOSED = DayClosed(0, 0)


def queue_day_close(*, office: Office, day: dt.date, by: User | None = None) -> DayClosed:
    """Ends the office day `day` for the record: the counter sessions opened that day and still
    open are closed, and its tickets still waiting, at a counter or parked become `expired`
    (their open station visit ends the same way), each with its audit row.

    Safe to repeat: a second run finds nothing open. The pages do not wait for it (a session or
    a ticket of an earlier day is over in the selectors); this makes the rows say so and frees
    the counters for the partial unique indexes.
    """
    start, end = selectors.office_day_bounds(office, day)
    # A day closed after it ended is closed at its end: a session is not open for a week.
    at = min(timezone.now(), end)
    with transaction.atomic():
        # Lock order as in every service: counter sessions → tickets → audit → board.
        # Race: an officer acting at closing time holds their session first; their action
        # commits, then this finds the session and the ticket as it left them (PostgreSQL
        # re-reads a locked row's status). One who waits for this finds the counter closed.
        sessions = list(
            CounterSession.objects.select_for_update(of=("self",))
            .select_related("counter", "station")
            .filter(
                counter__office=office,
                closed_at__isnull=True,
                opened_at__gte=start,
                opened_at__lt=end,
            )
            .order_by("pk")
        )
        tickets = list(
            Ticket.objects.select_for_update()
            .filter(office=office, day=day, status__in=UNFINISHED)
            .order_by("pk")
        )
        for session in sessions:
            _session_end_of_day(session, office=office, by=by, at=at)
        for ticket in tickets:
            _ticket_expire(ticket, office=office, by=by, at=at)
        if tickets:
            board_event_emit(
                office=office, kind=BoardEventKind.QUEUE, payload={"closed_day": day.isoformat()}
            )
    return DayClosed(len(sessions), len(tickets))


def _session_end_of_day(
    session: CounterSession, *, office: Office, by: User | None, at: dt.datetime
) -> None:
    session.closed_at = at
    session.save(update_fields=["closed_at"])
    audit_record(
        actor=by,
        actor_label="" if by else DAY_CLOSE_LABEL,
        office=office,
        subject=session,
        event="queue.counter_closed",
        old={"counter": session.counter.number, "station": session.station.station_type},
        new={"closed_at": at},
        reason=DAY_CLOSE_REASON,
    )


def _ticket_expire(ticket: Ticket, *, office: Office, by: User | None, at: dt.datetime) -> None:
    old = {"status": ticket.status, "counter": ticket.counter_id}
    visit = StationVisit.objects.filter(ticket=ticket, ended_at__isnull=True).first()
    if visit is not None:
        visit.ended_at, visit.outcome = at, VisitOutcome.EXPIRED
        visit.save(update_fields=["ended_at", "outcome"])
    ticket.status, ticket.status_at = TicketStatus.EXPIRED, at
    ticket.counter, ticket.target_counter = None, None
    ticket.save(update_fields=["status", "status_at", "counter", "target_counter"])
    audit_record(
        actor=by,
        actor_label="" if by else DAY_CLOSE_LABEL,
        office=office,
        subject=ticket,
        event="queue.expired",
        old=old,
        new={"ticket": ticket.display, "status": ticket.status, "day": ticket.day},
        reason=DAY_CLOSE_REASON,
    )


def queue_days_close(*, office: Office, through: dt.date, by: User | None = None) -> DayClosed:
    """Closes every office day up to `through` that still has a session or a ticket open."""
    _start, end = selectors.office_day_bounds(office, through)
    ticket_days = set(
        Ticket.objects.filter(office=office, day__lte=through, status__in=UNFINISHED)
        .order_by()
        .values_list("day", flat=True)
        .distinct()
    )
    session_days = {
        opened.astimezone(office.tz).date()
        for opened in CounterSession.objects.filter(
            counter__office=office, closed_at__isnull=True, opened_at__lt=end
        ).values_list("opened_at", flat=True)
    }
    closed = NOTHING_CLOSED
    for day in sorted(ticket_days | session_days):
        closed += queue_day_close(office=office, day=day, by=by)
    return closed


def queue_days_close_due() -> DayClosed:
    """The day-close job: at every office, the days before today and, once the office's clock
    is past `DAY_CLOSES_AT`, today. Run daily after closing (paspor/operations/jobs.py)."""
    now = timezone.now()
    closed = NOTHING_CLOSED
    for office in Office.objects.order_by("pk"):
        local = now.astimezone(office.tz)
        through = local.date() - dt.timedelta(days=0 if local.time() >= DAY_CLOSES_AT else 1)
        closed += queue_days_close(office=office, through=through)
    return closed
