"""The public status page: a booking or case code plus the date of birth shows the journey.

What it shows is deliberately little: the office, the steps so far in plain words, the next
step, the due date and what to bring. Never the name, NIK, contact details or place of birth. A
wrong date of birth looks exactly like an unknown code, and guessing is rate-limited (per IP and
per code).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from paspor.audit.models import AuditEntry
from paspor.booking.models import Booking, BookingStatus
from paspor.cases.models import Case, CaseEvent, CaseStatus
from paspor.notifications.ratelimit import Limit, limit_check, limit_hit
from paspor.notifications.services import PICKUP_WINDOW_DAYS

# Every lookup from one address, and every failed lookup of one code.
PER_IP = Limit("status-ip", limit=20, seconds=600)
PER_CODE = Limit("status-code", limit=5, seconds=900)

S = CaseStatus
# What each status means to the applicant, and what happens next.
PLAIN: dict[str, tuple[Promise, Promise]] = {
    S.INTAKE: (
        gettext_lazy("Berkas Anda diperiksa di loket."),
        gettext_lazy("Ikuti panggilan untuk foto, sidik jari dan wawancara."),
    ),
    S.ON_HOLD: (
        gettext_lazy("Permohonan Anda sedang diperiksa lebih lanjut oleh petugas."),
        gettext_lazy("Tunggu kabar dari kantor; tidak ada yang perlu Anda lakukan sekarang."),
    ),
    S.BIOMETRICS: (
        gettext_lazy("Foto dan sidik jari diambil."),
        gettext_lazy("Ikuti wawancara."),
    ),
    S.INTERVIEW: (
        gettext_lazy("Wawancara dilakukan."),
        gettext_lazy("Permohonan menunggu persetujuan supervisor."),
    ),
    S.AWAITING_SUPERVISOR: (
        gettext_lazy("Permohonan menunggu persetujuan supervisor."),
        gettext_lazy("Setelah disetujui, Anda menerima kode billing untuk membayar."),
    ),
    S.DEFERRED: (
        gettext_lazy("Permohonan ditangguhkan: ada berkas yang perlu dilengkapi."),
        gettext_lazy("Lengkapi berkas yang kurang sebelum batas waktu dan bawa ke kantor."),
    ),
    S.APPROVED: (
        gettext_lazy("Permohonan disetujui."),
        gettext_lazy("Kode billing segera dikirim kepada Anda."),
    ),
    S.BILLED: (
        gettext_lazy("Kode billing diterbitkan."),
        gettext_lazy("Bayar PNBP dengan kode billing sebelum kedaluwarsa."),
    ),
    S.PAID: (
        gettext_lazy("Pembayaran diterima; paspor dalam proses."),
        gettext_lazy("Tunggu pemberitahuan bahwa paspor siap diambil."),
    ),
    S.PRINTED: (
        gettext_lazy("Paspor dicetak."),
        gettext_lazy("Paspor diperiksa mutunya, lalu siap diambil."),
    ),
    S.QC_PASSED: (
        gettext_lazy("Paspor lulus pemeriksaan mutu."),
        gettext_lazy("Paspor segera siap diambil."),
    ),
    S.READY_FOR_PICKUP: (
        gettext_lazy("Paspor siap diambil."),
        gettext_lazy("Ambil paspor di kantor sebelum batas waktu pengambilan."),
    ),
    S.HANDED_OVER: (
        gettext_lazy("Paspor sudah diserahkan."),
        gettext_lazy("Selesai. Terima kasih."),
    ),
    S.REJECTED: (
        gettext_lazy("Permohonan ditolak."),
        gettext_lazy("Alasan penolakan dikirim kepada Anda. Anda dapat menyampaikan pengaduan."),
    ),
    S.CANCELLED: (
        gettext_lazy("Permohonan dibatalkan."),
        gettext_lazy("Untuk paspor baru, buat booking baru."),
    ),
}


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
    steps: list[Step] = field(default_factory=list)
    next_step: str = ""
    due_date: dt.date | None = None
    deadline: dt.date | None = None
    deadline_label: str = ""
    bring: list[str] = field(default_factory=list)
    visit_date: dt.date | None = None
    visit_window: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "office": self.office,
            "status": self.status,
            "steps": [{"at": step.at.isoformat(), "text": step.text} for step in self.steps],
            "next_step": self.next_step,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "bring": self.bring,
            "visit_date": self.visit_date.isoformat() if self.visit_date else None,
            "visit_window": self.visit_window,
        }


def _normalise(code: str) -> str:
    return "".join(code.split()).upper()[:20]


def status_lookup(*, code: str, birth_date: dt.date, ip: str) -> PublicStatus | None:
    """The public status, or None for an unknown code or a wrong date (indistinguishable).

    Raises RateLimited (429) past PER_IP lookups from `ip` or PER_CODE failures for `code`.
    """
    code = _normalise(code)
    limit_hit(PER_IP, ip)
    limit_check(PER_CODE, code)
    found = _case_status(code, birth_date) or _booking_status(code, birth_date)
    if found is None:
        limit_hit(PER_CODE, code)
    return found


def _latest_case(queryset: QuerySet[Case]) -> Case | None:
    return queryset.select_related("office").order_by("-created_at").first()


def _case_status(code: str, birth_date: dt.date) -> PublicStatus | None:
    case = _latest_case(Case.objects.filter(code=code, birth_date=birth_date))
    if case is None:
        case = _latest_case(
            Case.objects.filter(booking__code=code, booking__profile__birth_date=birth_date)
        )
    return None if case is None else _from_case(case)


def _from_case(case: Case) -> PublicStatus:
    from paspor.surveys.standards import documents_for

    status = CaseStatus(case.status)
    events = list(case.events.filter(kind="transition").order_by("at", "pk"))
    steps = [Step(at=case.created_at, text=_("Permohonan dibuka di loket."))]
    steps += [
        Step(at=event.at, text=str(PLAIN[event.to_status][0]))
        for event in events
        if event.to_status and event.to_status != event.from_status
    ]
    result = PublicStatus(
        code=case.code,
        office=case.office.name,
        office_address=case.office.address,
        status=str(status.label),
        steps=steps,
        next_step=str(PLAIN[status][1]),
        due_date=case.due_date,
    )
    last = events[-1] if events else None
    if status == S.DEFERRED:
        result.bring = _missing(last) or documents_for(case.application_type)
        result.deadline = _date(last.data.get("deadline")) if last else None
        result.deadline_label = _("Lengkapi paling lambat")
    elif status == S.READY_FOR_PICKUP and last is not None:
        ready_on = timezone.localtime(last.at, case.office.tz).date()
        result.deadline = ready_on + dt.timedelta(days=PICKUP_WINDOW_DAYS)
        result.deadline_label = _("Ambil paling lambat")
        result.bring = [_("KTP asli"), _("Bukti pembayaran")]
    return result


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


def _booking_steps(booking: Booking) -> list[Step]:
    """What happened to the booking after it was made, from its audit trail (oldest first)."""
    entries = AuditEntry.objects.filter(
        subject_type=Booking._meta.label_lower,
        subject_id=str(booking.pk),
        event__in=BOOKING_EVENTS,
    ).order_by("at", "seq")
    return [Step(at=e.at, text=str(BOOKING_EVENTS[e.event])) for e in entries]


def _booking_status(code: str, birth_date: dt.date) -> PublicStatus | None:
    from paspor.surveys.standards import documents_for

    booking = (
        Booking.objects.filter(code=code, profile__birth_date=birth_date)
        .select_related("office")
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
        steps=[Step(at=booking.created_at, text=_("Booking dibuat.")), *_booking_steps(booking)],
    )
    if status == BookingStatus.BOOKED:
        result.visit_date = booking.date
        result.visit_window = f"{booking.window_start:%H.%M}–{booking.window_end:%H.%M} {booking.office.tz_abbreviation}"
        result.next_step = _(
            "Datang sesuai jadwal, pindai kode QR booking di kios dan ambil nomor antrean."
        )
        result.bring = documents_for(booking.application_type)
    elif status == BookingStatus.CHECKED_IN:
        result.next_step = _("Anda sudah hadir; permohonan dibuka di loket.")
    else:
        result.next_step = _("Booking ini tidak berlaku lagi. Buat booking baru bila perlu.")
    return result
