"""The public status page: a booking or case code plus the date of birth shows the journey.

What it shows is deliberately little: the office, the steps so far in plain words, the next
step, the due date and what to bring. Never the name, NIK, contact details or place of birth. A
wrong date of birth looks exactly like an unknown code, and guessing is rate-limited (per IP and
per code).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from paspor.audit.models import AuditEntry
from paspor.booking.models import Booking, BookingStatus
from paspor.cases.models import Case, CaseEvent, CaseStatus
from paspor.lib.clock import clock_window
from paspor.lib.ratelimit import Limit
from paspor.lib.ratelimit import check as limit_check
from paspor.lib.ratelimit import hit as limit_hit
from paspor.notifications.selectors import case_pickup
from paspor.offices.calendar import office_today
from paspor.offices.models import TimeZone
from paspor.payments.models import BillingCode, BillingCodeStatus
from paspor.queueing.models import UNFINISHED, Ticket
from paspor.queueing.selectors import ticket_open_survey
from paspor.surveys.selectors import case_open_survey

# Every lookup from one address, and every failed lookup of one code.
PER_IP = Limit("status-ip", limit=20, seconds=600)
PER_CODE = Limit("status-code", limit=5, seconds=900)

S = CaseStatus
# What happened when a case entered each status: the step that ended and the one that began.
# A history line describes the moment of the change, never a step still to come.
ENTERED: dict[str, Promise] = {
    S.INTAKE: gettext_lazy("Berkas diperiksa kembali di loket."),
    S.ON_HOLD: gettext_lazy("Permohonan Anda sedang diperiksa lebih lanjut oleh petugas."),
    S.BIOMETRICS: gettext_lazy("Berkas diperiksa; berikutnya foto dan sidik jari."),
    S.INTERVIEW: gettext_lazy("Foto dan sidik jari diambil; berikutnya wawancara."),
    S.AWAITING_SUPERVISOR: gettext_lazy(
        "Wawancara selesai; permohonan menunggu keputusan supervisor."
    ),
    S.DEFERRED: gettext_lazy("Permohonan ditangguhkan: ada berkas yang perlu dilengkapi."),
    S.APPROVED: gettext_lazy("Permohonan disetujui."),
    S.BILLED: gettext_lazy("Kode billing diterbitkan."),
    S.PAID: gettext_lazy("Pembayaran diterima; paspor dalam proses."),
    S.PRINTED: gettext_lazy("Paspor dicetak."),
    S.QC_PASSED: gettext_lazy("Paspor lulus pemeriksaan mutu."),
    S.READY_FOR_PICKUP: gettext_lazy("Paspor siap diambil."),
    S.HANDED_OVER: gettext_lazy("Paspor sudah diserahkan."),
    S.REJECTED: gettext_lazy("Permohonan ditolak."),
    S.CANCELLED: gettext_lazy("Permohonan dibatalkan."),
}
# Entering a step after the further check or after a deferral ends something else than the
# step before it in the usual order; a failed quality check sends the passport back to print.
ENTERED_FROM: dict[tuple[str, str], Promise] = {
    (S.ON_HOLD, S.INTAKE): gettext_lazy(
        "Pemeriksaan lanjutan selesai; berikutnya pemeriksaan berkas."
    ),
    (S.ON_HOLD, S.BIOMETRICS): gettext_lazy(
        "Pemeriksaan lanjutan selesai; berikutnya foto dan sidik jari."
    ),
    (S.ON_HOLD, S.INTERVIEW): gettext_lazy("Pemeriksaan lanjutan selesai; berikutnya wawancara."),
    (S.ON_HOLD, S.AWAITING_SUPERVISOR): gettext_lazy(
        "Pemeriksaan lanjutan selesai; permohonan menunggu keputusan supervisor."
    ),
    (S.DEFERRED, S.INTAKE): gettext_lazy(
        "Berkas yang kurang sudah dibawa; berikutnya pemeriksaan berkas."
    ),
    (S.DEFERRED, S.BIOMETRICS): gettext_lazy(
        "Berkas yang kurang sudah dibawa; berikutnya foto dan sidik jari."
    ),
    (S.DEFERRED, S.INTERVIEW): gettext_lazy(
        "Berkas yang kurang sudah dibawa; berikutnya wawancara."
    ),
    (S.DEFERRED, S.AWAITING_SUPERVISOR): gettext_lazy(
        "Berkas yang kurang sudah dibawa; permohonan menunggu keputusan supervisor."
    ),
    (S.PRINTED, S.PAID): gettext_lazy("Paspor tidak lulus pemeriksaan mutu dan dicetak ulang."),
}
# What the applicant faces while the case is in each status (the page's "next step").
NEXT: dict[str, Promise] = {
    S.INTAKE: gettext_lazy(
        "Petugas loket memeriksa berkas asli Anda; setelah itu foto dan sidik jari."
    ),
    S.ON_HOLD: gettext_lazy(
        "Tunggu kabar dari kantor; tidak ada yang perlu Anda lakukan sekarang."
    ),
    S.BIOMETRICS: gettext_lazy("Tunggu panggilan ke loket foto dan sidik jari."),
    S.INTERVIEW: gettext_lazy("Tunggu panggilan untuk wawancara."),
    S.AWAITING_SUPERVISOR: gettext_lazy(
        "Tunggu keputusan supervisor; setelah disetujui, Anda menerima kode billing untuk membayar."
    ),
    S.DEFERRED: gettext_lazy("Lengkapi berkas yang kurang sebelum batas waktu dan bawa ke kantor."),
    S.APPROVED: gettext_lazy("Kode billing segera dikirim kepada Anda."),
    S.BILLED: gettext_lazy("Bayar PNBP dengan kode billing sebelum kedaluwarsa."),
    S.PAID: gettext_lazy("Tunggu pemberitahuan bahwa paspor siap diambil."),
    S.PRINTED: gettext_lazy("Paspor diperiksa mutunya, lalu siap diambil."),
    S.QC_PASSED: gettext_lazy("Paspor segera siap diambil."),
    S.READY_FOR_PICKUP: gettext_lazy("Ambil paspor di kantor sebelum batas waktu pengambilan."),
    S.HANDED_OVER: gettext_lazy("Selesai. Terima kasih."),
    S.REJECTED: gettext_lazy(
        "Alasan penolakan dikirim kepada Anda. Anda dapat menyampaikan pengaduan."
    ),
    S.CANCELLED: gettext_lazy("Untuk paspor baru, buat booking baru."),
}


# From here on the payment page has something to show: the billing code, then the receipt.
BILLED_OR_LATER = frozenset(
    {S.BILLED, S.PAID, S.PRINTED, S.QC_PASSED, S.READY_FOR_PICKUP, S.HANDED_OVER}
)


def history_text(from_status: str, to_status: str) -> str:
    """The history line of one status change, in the active language."""
    return str(ENTERED_FROM.get((from_status, to_status), ENTERED[to_status]))


@dataclass(frozen=True)
class Step:
    at: dt.datetime
    text: str


@dataclass
class PublicStatus:
    code: str
    office: str
    office_address: str
    status: str
    # For a program: "case" or "booking", and the status as stored (`CaseStatus` or
    # `BookingStatus` value), which does not change with the reader's language.
    kind: str = ""
    state: str = ""
    steps: list[Step] = field(default_factory=list)
    next_step: str = ""
    due_date: dt.date | None = None
    deadline: dt.date | None = None
    deadline_label: str = ""
    bring: list[str] = field(default_factory=list)
    visit_date: dt.date | None = None
    visit_window: str = ""
    # The case whose payment page (billing code, amount, receipt) this answer links to.
    payment_case: str = ""
    awaiting_payment: bool = False
    time_zone: str = TimeZone.WIB  # the office's: the page writes the steps' times on its clock
    # Awaiting payment with a billing code past its expiry: the link asks for a new code.
    billing_expired: bool = False
    # Today's queue ticket while the visit goes on: its number as the board shows it ("A-012")
    # and the token of its phone page.
    ticket: str = ""
    ticket_token: str = ""
    # After the handover, the token of the visit's survey while it is unanswered: a link on the
    # page only, not in the API answer.
    survey_token: str = ""

    @property
    def tz_abbreviation(self) -> str:
        return TimeZone(self.time_zone).name

    def as_json(self) -> dict[str, object]:
        """The API answer; `ticket` only while there is a live ticket (the API adds its page)."""
        answer: dict[str, object] = {
            "code": self.code,
            "office": self.office,
            "status": self.status,
            "kind": self.kind,
            "state": self.state,
            "steps": [{"at": step.at.isoformat(), "text": step.text} for step in self.steps],
            "next_step": self.next_step,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "bring": self.bring,
            "visit_date": self.visit_date.isoformat() if self.visit_date else None,
            "visit_window": self.visit_window,
        }
        if self.ticket:
            answer["ticket"] = self.ticket
        return answer


def _normalise(code: str) -> str:
    return "".join(code.split()).upper()[:20]


def status_lookup(*, code: str, birth_date: dt.date, ip: str) -> PublicStatus | None:
    """The public status, or None for an unknown code or a wrong date (indistinguishable).

    Raises RateLimited (429) past PER_IP lookups from `ip` or PER_CODE failures for `code`.
    """
    code = _normalise(code)
    return guessing_limited(
        code=code,
        ip=ip,
        find=lambda: _case_status(code, birth_date) or _booking_status(code, birth_date),
        missed=lambda found: found is None,
    )


def guessing_limited[T](
    *, code: str, ip: str, find: Callable[[], T], missed: Callable[[T], bool]
) -> T:
    """`find()`, a look-up by a code and a birth date, limited against guessing: PER_IP
    look-ups from one address, PER_CODE misses for one code. The status page and the payment
    lookup share both counts, so a guess costs the same on either. Raises RateLimited (429)."""
    limit_hit(PER_IP, ip)
    limit_check(PER_CODE, code)
    found = find()
    if missed(found):
        limit_hit(PER_CODE, code)
    return found


def _latest_case(queryset: QuerySet[Case]) -> Case | None:
    return (
        queryset.select_related("office", "booking", "ticket", "ticket__office")
        .order_by("-created_at")
        .first()
    )


def _case_status(code: str, birth_date: dt.date) -> PublicStatus | None:
    case = _latest_case(Case.objects.filter(code=code, birth_date=birth_date))
    if case is None:
        case = _latest_case(
            Case.objects.filter(booking__code=code, booking__profile__birth_date=birth_date)
        )
    return None if case is None else _from_case(case)


OVER = frozenset({S.HANDED_OVER, S.CANCELLED, S.REJECTED})


def _from_case(case: Case) -> PublicStatus:
    from paspor.surveys.standards import documents_for

    status = CaseStatus(case.status)
    events = list(case.events.filter(kind="transition").order_by("at", "pk"))
    steps = [Step(at=case.created_at, text=_("Permohonan dibuka di loket."))]
    steps += [
        Step(at=event.at, text=history_text(event.from_status, event.to_status))
        for event in events
        if event.to_status and event.to_status != event.from_status
    ]
    if case.booking is not None:
        # The journey began with the booking: its steps stay at the start (a stable sort keeps
        # them before the case's own on an equal time).
        steps = sorted([*_booking_history(case.booking), *steps], key=lambda step: step.at)
    result = PublicStatus(
        code=case.code,
        office=case.office.name,
        office_address=case.office.address,
        status=str(status.label),
        kind="case",
        state=status.value,
        steps=steps,
        next_step=str(NEXT[status]),
        # The promise of a date stops being news once the passport is handed over, or the
        # application is closed without one.
        due_date=None if status in OVER else case.due_date,
        time_zone=case.office.time_zone,
    )
    _show_live_ticket(result, case.ticket)
    if status == S.HANDED_OVER:
        result.survey_token = _open_survey(case)
    if status in BILLED_OR_LATER:
        result.payment_case = case.code
        result.awaiting_payment = status == S.BILLED
    last = events[-1] if events else None
    if status == S.DEFERRED:
        result.bring = _missing(last) or documents_for(case.application_type)
        # The case row holds the deadline `case_defer` set; the event may name it too.
        result.deadline = (_date(last.data.get("deadline")) if last else None) or (
            case.deferred_until
        )
        result.deadline_label = _("Lengkapi paling lambat")
        if result.deadline is not None:
            result.next_step = _("Bawa berkas yang kurang ke kantor paling lambat %(date)s.") % {
                "date": date_format(result.deadline, "j F Y")
            }
    elif status == S.BILLED:
        _billing_code_said(result, case)
    elif status == S.READY_FOR_PICKUP and last is not None:
        pickup = case_pickup(case, ready_at=last.at)
        if pickup is not None:
            result.deadline, result.deadline_label = pickup.deadline, pickup.deadline_label
            result.bring = pickup.bring
    return result


# A code that can still be paid, or the one that lapsed unpaid (not a cancelled one).
ISSUED_OR_EXPIRED = [BillingCodeStatus.ISSUED, BillingCodeStatus.EXPIRED]


def _billing_code_said(result: PublicStatus, case: Case) -> None:
    """Until when the billing code can be paid, on the office's clock; once it has expired, that
    a bank will refuse it and a new one is asked for on the payment page."""
    code = (
        BillingCode.objects.filter(bill__case=case, status__in=ISSUED_OR_EXPIRED)
        .order_by("-issued_at", "-pk")
        .first()
    )
    if code is None:
        return
    expires = timezone.localtime(code.expires_at, case.office.tz)
    when = date_format(expires, "DATETIME_FORMAT")
    zone = TimeZone(case.office.time_zone).name
    if code.status == BillingCodeStatus.EXPIRED or code.expires_at <= timezone.now():
        result.billing_expired = True
        result.next_step = _(
            "Kode billing Anda kedaluwarsa pada %(when)s %(tz)s dan tidak dapat dibayar lagi. "
            "Minta kode billing baru di halaman pembayaran, lalu bayar dengan kode yang baru."
        ) % {"when": when, "tz": zone}
        return
    result.next_step = _(
        "Bayar PNBP dengan kode billing sebelum %(when)s %(tz)s; setelah itu kode tidak "
        "berlaku lagi."
    ) % {"when": when, "tz": zone}


def _show_live_ticket(result: PublicStatus, ticket: Ticket | None) -> None:
    """The ticket's number and phone page, while it is for today (the office's day) and still
    in the queue; a finished, missed or expired ticket has nothing more to follow."""
    if ticket is None or ticket.status not in UNFINISHED:
        return
    if ticket.day != office_today(ticket.office):
        return
    result.ticket, result.ticket_token = ticket.display, ticket.token


def _open_survey(case: Case) -> str:
    """The survey `survey_invite(case=)` gave the handover: the one of the case's ticket (the
    queue's own selector), or of the case itself when it was opened without one. Its own
    invitation only, unanswered."""
    if case.ticket is not None:
        return ticket_open_survey(case.ticket) or ""
    return case_open_survey(case) or ""


def _missing(event: CaseEvent | None) -> list[str]:
    if event is None:
        return []
    missing = event.data.get("missing") or []
    return [str(item) for item in missing] if isinstance(missing, list) else [str(missing)]


def _date(value: object) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


BOOKING_EVENTS = {
    "booking.rescheduled": gettext_lazy("Jadwal diubah."),
    "booking.cancelled": gettext_lazy("Booking dibatalkan."),
    "booking.invalidated": gettext_lazy("Booking dinyatakan tidak sah oleh petugas."),
    "booking.no_show": gettext_lazy("Tidak hadir sampai akhir sesi."),
    "booking.checked_in": gettext_lazy("Hadir di kantor; nomor antrean diambil."),
}


def _booking_history(booking: Booking) -> list[Step]:
    """The booking's own steps, in the active language, oldest first: made, then what happened
    to it after, from its audit trail."""
    entries = AuditEntry.objects.filter(
        subject_type=Booking._meta.label_lower,
        subject_id=str(booking.pk),
        event__in=BOOKING_EVENTS,
    ).order_by("at", "seq")
    made = Step(at=booking.created_at, text=_("Booking dibuat."))
    return [made, *(Step(at=e.at, text=str(BOOKING_EVENTS[e.event])) for e in entries)]


def _booking_status(code: str, birth_date: dt.date) -> PublicStatus | None:
    from paspor.surveys.standards import documents_for

    booking = (
        Booking.objects.filter(code=code, profile__birth_date=birth_date)
        .select_related("office", "ticket", "ticket__office")
        .first()
    )
    if booking is None:
        return None
    status = BookingStatus(booking.status)
    result = PublicStatus(
        code=booking.code,
        office=booking.office.name,
        office_address=booking.office.address,
        status=str(status.label),
        kind="booking",
        state=status.value,
        steps=_booking_history(booking),
        time_zone=booking.office.time_zone,
    )
    if status == BookingStatus.BOOKED:
        result.visit_date = booking.date
        result.visit_window = f"{clock_window(booking.window_start, booking.window_end)} {booking.office.tz_abbreviation}"
        result.next_step = _(
            "Datang sesuai jadwal, pindai kode QR booking di kios dan ambil nomor antrean."
        )
        result.bring = documents_for(booking.application_type)
    elif status == BookingStatus.CHECKED_IN:
        result.next_step = _checked_in_next_step(booking)
        _show_live_ticket(result, getattr(booking, "ticket", None))
    else:
        result.next_step = _("Booking ini tidak berlaku lagi. Buat booking baru bila perlu.")
    return result


def _checked_in_next_step(booking: Booking) -> str:
    """Checked in, and no application opened (else the case's status answers): still in the
    queue, or the visit ended without one — then the booking is used up and nothing follows."""
    from paspor.queueing.models import TicketStatus

    ticket = getattr(booking, "ticket", None)
    if ticket is None or ticket.status not in (
        TicketStatus.DONE,
        TicketStatus.NO_SHOW,
        TicketStatus.EXPIRED,
    ):
        return str(_("Anda sudah hadir; permohonan dibuka di loket."))
    if ticket.status == TicketStatus.NO_SHOW:
        return str(
            _(
                "Nomor antrean Anda dilewati karena tidak hadir saat dipanggil, dan belum ada "
                "permohonan. Datang ke petugas informasi hari ini, atau buat booking baru."
            )
        )
    return str(
        _(
            "Kunjungan Anda selesai tanpa permohonan paspor. Bila masih perlu paspor, buat "
            "booking baru; tanyakan alasannya ke petugas informasi bila belum jelas."
        )
    )
