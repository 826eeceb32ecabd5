"""Bookings: book, reschedule once, cancel, mark invalid, and the no-show rule."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.booking import rules
from paspor.booking.checkin import checkin_window, policies_by_office
from paspor.booking.conf import setting
from paspor.booking.models import (
    ApplicantProfile,
    ArrivalSession,
    BallotStatus,
    Booking,
    BookingSource,
    BookingStatus,
    NikBlock,
    NikBlockKind,
    Pool,
)
from paspor.booking.selectors import (
    DayState,
    active_block,
    ballot_for,
    bookings_this_month,
    day_state,
    express_terms,
    pool_modes,
    priority_ages,
)
from paspor.booking.services.closures import booking_day_closed, calendars_by_office
from paspor.booking.services.seats import counters_lock, seat_free, seat_take, seats_gone
from paspor.lib.clock import moment
from paspor.lib.errors import Conflict, DomainError
from paspor.lib.text import blank
from paspor.notifications.services import (
    channel_preference_default,
    notify_booking,
    public_url,
    task_enqueue_with,
)
from paspor.offices.models import Office

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed at kiosks
CODE_LENGTH = 10


def booking_code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@dataclass(frozen=True)
class Origin:
    """Where a booking request came from (for the abuse dashboard)."""

    ip: str = ""
    device: str = ""


def _local_today(office: Office, now: dt.datetime) -> dt.date:
    return now.astimezone(office.tz).date()


def check_person(*, account: User, profile: ApplicantProfile, now: dt.datetime) -> None:
    """Rules about who books: verified e-mail, own profile, not blocked, monthly cap."""
    if not account.email_verified:
        raise Conflict(_("Verifikasi e-mail Anda terlebih dahulu."), code="email_unverified")
    if profile.account_id != account.pk:
        raise DomainError(_("Profil tidak ditemukan."), code="profile")
    block = active_block(profile.nik, now=now)
    if block is not None:
        raise Conflict(block_message(block), code="nik_blocked")


def block_message(block: NikBlock) -> str:
    """Why a NIK cannot book or apply now, and until when, in the reader's language."""
    if block.kind == NikBlockKind.NEGLIGENCE:
        # The suspension ends at midnight where it was decided: say that office's date.
        from paspor.cases.models import Case

        case = Case.objects.filter(code=block.case_code).select_related("office").first()
        tz = case.office.tz if case is not None else timezone.get_current_timezone()
        first_day = formats.date_format(block.until.astimezone(tz).date(), "j F Y")
        return _(
            "Penerbitan paspor untuk NIK ini ditangguhkan karena kelalaian atas paspor yang "
            "hilang atau rusak (Permenkumham 8/2014 pasal 41); permohonan baru dapat diajukan "
            "mulai %(date)s."
        ) % {"date": first_day}
    # The date on the clock of the office that was not attended.
    missed = block.booking.office if block.booking is not None else None
    tz = missed.tz if missed is not None else timezone.get_current_timezone()
    until = formats.date_format(block.until.astimezone(tz).date(), "j F Y")
    return _(
        "NIK ini tidak dapat memesan sampai %(date)s karena tidak hadir pada jadwal sebelumnya."
    ) % {"date": until}


def check_month_cap(*, account: User, office: Office, now: dt.datetime, lock: bool = False) -> None:
    """Refuse past the monthly cap, the month as the clock of the `office` booked at reads it.
    With `lock`, the account row is locked by the same query.

    Race: one account booking from many tabs at once would each see the count below the cap —
    the lock (taken inside the booking transaction) makes them count one after another.
    """
    limit = setting("BOOKING_MAX_PER_ACCOUNT_PER_MONTH")
    if bookings_this_month(account, now=now, tz=office.tz, lock=lock) >= limit:
        raise Conflict(
            _("Batas %(n)s booking per akun dalam sebulan sudah tercapai.") % {"n": limit},
            code="month_cap",
        )


def check_day(*, office: Office, day: dt.date, session: ArrivalSession, now: dt.datetime) -> None:
    if session.office_id != office.pk or not session.is_active:
        raise DomainError(_("Sesi kedatangan tidak ditemukan."), code="session")
    state, opens = day_state(office, day, now=now)
    if state == DayState.PAST:
        raise Conflict(_("Booking paling lambat sehari sebelum kedatangan."), code="too_late")
    if state == DayState.CLOSED:
        raise Conflict(_("Kantor tidak melayani pada tanggal ini."), code="closed_day")
    if state == DayState.NOT_RELEASED:
        opens_text = moment(opens.astimezone(office.tz))
        raise Conflict(
            _("Kuota tanggal ini dibuka pada %(when)s %(tz)s.")
            % {"when": opens_text, "tz": office.tz_abbreviation},
            code="not_released",
        )


def priority_allowed(
    answers: rules.Answers,
    *,
    office: Office | None,
    birth_date: dt.date,
    on: dt.date,
    sex: str | None = None,
) -> bool:
    """The priority pool's rule with the office's ages (booking, questionnaire API); with the
    deployment's for no office in particular."""
    ages = priority_ages(office)
    return rules.priority_eligible(
        answers,
        birth_date=birth_date,
        on=on,
        child_under=ages.child_under,
        elderly_from=ages.elderly_from,
        sex=sex,
    )


def priority_ok(
    profile: ApplicantProfile, answers: rules.Answers, day: dt.date, office: Office
) -> bool:
    return priority_allowed(
        answers, office=office, birth_date=profile.birth_date, on=day, sex=profile.sex
    )


def priority_rule(office: Office) -> str:
    """Who the office's priority pool is for, with its ages (STANDARDS.md §7)."""
    ages = priority_ages(office)
    return _(
        "Kuota prioritas (Ramah HAM) untuk anak di bawah %(child)s tahun, lansia %(elderly)s "
        "tahun ke atas, penyandang disabilitas dan ibu hamil."
    ) % {"child": ages.child_under, "elderly": ages.elderly_from}


def check_pool(
    *,
    office: Office,
    day: dt.date,
    pool: str,
    profile: ApplicantProfile,
    answers: rules.Answers,
    allow_ballot: bool = False,
) -> None:
    if pool == "priority" and not priority_ok(profile, answers, day, office):
        raise Conflict(priority_rule(office), code="not_priority")
    if allow_ballot or pool_modes(office)[pool] != "ballot":
        return
    ballot = ballot_for(office, day, pool)
    # Seats left after the draw are first come; so are all of them when the ballot was
    # cancelled because the office closed that day and the date was opened again later.
    if ballot is None or ballot.status == BallotStatus.OPEN:
        raise Conflict(
            _("Kuota ini dibagi melalui undian. Daftar undian, bukan booking langsung."),
            code="ballot_pool",
        )


# A booking whose proof (QR code, PDF) still holds: booked, or checked in (scanned again, the
# kiosk names the queue number it gave). Cancelled, invalid and no-show bookings have none.
PROOF_STATUSES = (BookingStatus.BOOKED, BookingStatus.CHECKED_IN)


def proof_refusal(booking: Booking) -> Conflict | None:
    """Why `booking` has no proof, or None when it has one (`PROOF_STATUSES`). The kiosk gives
    no queue number for a booking that no longer holds, and a proof that still looked valid
    would bring the applicant to the office for nothing."""
    if booking.status in PROOF_STATUSES:
        return None
    return Conflict(
        _(
            "Booking %(code)s sudah tidak berlaku (%(status)s), jadi bukti booking dan kode QR-nya "
            "tidak tersedia lagi."
        )
        % {"code": booking.code, "status": BookingStatus(booking.status).label},
        code="not_active",
    )


def booking_for_child(booking: Booking) -> bool:
    """Booked as a child (under 17 and never married on the visit day): no KTP of their own
    yet. Kept on the booking, so a profile corrected later changes neither its type nor its
    documents."""
    return booking.for_child


def booking_documents(booking: Booking) -> list[rules.Document]:
    return rules.required_documents(booking.application_type, is_child=booking_for_child(booking))


def _confirmation(booking: Booking, *, language: str | None = None) -> None:
    """In the transaction that inserted the booking: the confirmation is written and sent by
    the worker (`booking_confirmation_queue`), so the rush's transaction holds one task row
    instead of a preference look-up, the message and its send task. `language` is the
    interface's when the applicant booked (none for a ballot drawn by the system)."""
    from paspor.booking.tasks import booking_confirmation_send

    task_enqueue_with(
        booking_confirmation_send,
        alongside=Booking,
        booking_id=booking.pk,
        reschedule_count=booking.reschedule_count,
        language=language,
    )


# Each notice about a booking: its template, and the status the booking must still have when
# the worker writes it (a booking cancelled or moved since then has its own notice).
NOTICES: dict[str, tuple[str, BookingStatus]] = {
    "confirmed": ("booking_confirmed", BookingStatus.BOOKED),
    "rescheduled": ("booking_rescheduled", BookingStatus.BOOKED),
    "cancelled": ("booking_cancelled", BookingStatus.CANCELLED),
    "invalidated": ("booking_invalidated", BookingStatus.INVALID),
}


def _notice(
    booking: Booking,
    notice: str,
    *,
    language: str | None = None,
    previous: dict[str, str] | None = None,
) -> None:
    """In the transaction that changed the booking: one task row; the worker writes the notice
    (`booking_notice_queue`), which then goes out through the outbox."""
    from paspor.booking.tasks import booking_notice_send

    task_enqueue_with(
        booking_notice_send,
        alongside=Booking,
        booking_id=booking.pk,
        notice=notice,
        reschedule_count=booking.reschedule_count,
        language=language,
        previous=previous or {},
    )


def booking_confirmation_queue(
    *, booking_id: int, reschedule_count: int, language: str | None = None
) -> bool:
    """The confirmation (with the proof link) of a booking as it was made; False when the
    booking has since been cancelled or moved — that state has its own message. Safe to run
    twice: the key names the booking's state, and a used key writes nothing.
    """
    return booking_notice_queue(
        booking_id=booking_id,
        notice="confirmed",
        reschedule_count=reschedule_count,
        language=language,
    )


def booking_notice_queue(
    *,
    booking_id: int,
    notice: str,
    reschedule_count: int,
    language: str | None = None,
    previous: dict[str, str] | None = None,
) -> bool:
    """Write one notice of `NOTICES` about a booking to its applicant (run by the worker).

    False when the booking is no longer as the notice describes it (cancelled, or moved again)
    or the notice was written already (the dedupe key names the booking's state). `language`
    becomes the applicant's message language when they have none yet.
    """
    template, status = NOTICES[notice]
    booking = (
        Booking.objects.select_related("office", "session", "profile__account")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None or booking.status != status or booking.reschedule_count != reschedule_count:
        return False
    with transaction.atomic():
        if language:
            channel_preference_default(user=booking.profile.account, language=language)
        message = notify_booking(
            booking=booking,
            template=template,
            extra=_notice_context(booking, notice, previous or {}),
            dedupe_key=f"booking:{booking.code}:{notice}:{reschedule_count}",
        )
    return message is not None


def _notice_context(
    booking: Booking, notice: str, previous: dict[str, str]
) -> dict[str, str | int]:
    """What a notice says besides the booking itself: links, the old time, the reason, and for
    an express booking its extra fee and the hour to pay by (as the proof page says them)."""
    context: dict[str, str | int]
    if notice in ("confirmed", "rescheduled"):
        context = {"proof_url": public_url(reverse("booking:proof", args=[booking.code]))}
        context.update(previous)
        if booking.pool == Pool.EXPRESS:
            terms = express_terms(booking.date)
            if terms.amount is not None:
                context.update(express_fee=terms.amount, express_pay_by=terms.pay_by)
        return context
    context = {"booking_url": public_url(reverse("booking:start"))}
    if notice == "invalidated":
        context["reason"] = booking.invalid_reason
    return context


def booking_insert(
    *,
    account: User,
    profile: ApplicantProfile,
    office: Office,
    day: dt.date,
    session: ArrivalSession,
    pool: str,
    answers: rules.Answers,
    via: BookingSource,
    origin: Origin,
    language: str | None = None,
) -> Booking:
    """The booking row, in the caller's transaction; `language` is the applicant's interface
    language when they book themselves (their message language if they have none yet).

    Race: the same NIK booked twice at once (two accounts, two offices) — the partial unique
    index lets one commit; the other's insert fails and its whole transaction rolls back
    (`nik_conflict` turns that into the 409).
    """
    child = rules.is_child(birth_date=profile.birth_date, on=day, married=answers.married)
    booking = Booking.objects.create(
        code=booking_code_new(),
        office=office,
        profile=profile,
        account=account,
        nik=profile.nik,
        date=day,
        session=session,
        window_start=session.start,
        window_end=session.end,
        pool=pool,
        application_type=rules.application_type(answers, child=child).value,
        for_child=child,
        passport_kind=answers.passport_kind,
        via=via,
        answers=answers.to_dict(),
        nik_flags=profile.nik_flags,
        client_ip=origin.ip or None,
        device=origin.device[:64],
    )
    _confirmation(booking, language=language)
    return booking


def nik_conflict(nik: str, account: User) -> Conflict | None:
    """The 409 to give when the NIK already has an active booking (also after an
    IntegrityError). Only the account that made that booking is told to move or cancel it;
    anyone else learns only that another account holds it, and where to report a booking
    made in their name."""
    holder = (
        Booking.objects.filter(nik=nik, status=BookingStatus.BOOKED)
        .values_list("account_id", flat=True)
        .first()
    )
    if holder is None:
        return None
    if holder == account.pk:
        return Conflict(
            _(
                "NIK ini sudah memiliki booking aktif. Ubah jadwal booking tersebut (sekali, "
                "paling lambat sehari sebelumnya) atau batalkan dulu sebelum memesan lagi."
            ),
            code="nik_active",
        )
    return Conflict(
        _(
            "NIK ini sudah punya booking aktif dari akun lain. Bila bukan Anda atau keluarga "
            "Anda yang membuatnya, laporkan lewat halaman pengaduan kantor imigrasi."
        ),
        code="nik_active",
    )


def booking_create(
    *,
    account: User,
    profile: ApplicantProfile,
    office: Office,
    day: dt.date,
    session: ArrivalSession,
    pool: str,
    answers: rules.Answers,
    origin: Origin = Origin(),
    now: dt.datetime | None = None,
) -> Booking:
    """Book a seat first-come-first-served; Conflict (409) says why when it cannot."""
    now = now or timezone.now()
    check_person(account=account, profile=profile, now=now)
    check_day(office=office, day=day, session=session, now=now)
    check_pool(office=office, day=day, pool=pool, profile=profile, answers=answers)
    if seats_gone(office, day, session, pool):
        raise _session_full()
    for _attempt in range(3):
        try:
            return _book_seat(
                account=account,
                profile=profile,
                office=office,
                day=day,
                session=session,
                pool=pool,
                answers=answers,
                origin=origin,
                now=now,
            )
        except IntegrityError:
            conflict = nik_conflict(profile.nik, account)
            if conflict is not None:
                raise conflict from None
            # Otherwise two random booking codes met (1 in 32^10): try again.
    raise RuntimeError("could not find a free booking code")


def _book_seat(
    *,
    account: User,
    profile: ApplicantProfile,
    office: Office,
    day: dt.date,
    session: ArrivalSession,
    pool: str,
    answers: rules.Answers,
    origin: Origin,
    now: dt.datetime,
) -> Booking:
    with transaction.atomic():
        check_month_cap(account=account, office=office, now=now, lock=True)
        booking = booking_insert(
            account=account,
            profile=profile,
            office=office,
            day=day,
            session=session,
            pool=pool,
            answers=answers,
            via=BookingSource.FCFS,
            origin=origin,
            language=translation.get_language(),
        )
        # The seat is taken last: the counter row, which every booking of this session
        # competes for, stays locked only from this UPDATE to the commit.
        if not seat_take(office, day, session, pool):
            raise _session_full()
        return booking


def _session_full() -> Conflict:
    return Conflict(_("Kuota sesi ini sudah habis. Pilih sesi atau tanggal lain."), code="full")


def _locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("office", "session")
        .get(pk=booking.pk)
    )


def cancel_refusal(booking: Booking, *, now: dt.datetime | None = None) -> Conflict | None:
    """Why `booking` cannot be cancelled now, or None when it can: only an active booking, any
    time before its date (office time). `booking_cancel` asks it under the row lock; pages ask
    it first, so a booking that cannot be cancelled is never offered the button."""
    now = now or timezone.now()
    if booking.status != BookingStatus.BOOKED:
        return Conflict(_("Booking ini sudah tidak aktif."), code="not_active")
    if _local_today(booking.office, now) >= booking.date:
        return Conflict(
            _("Pembatalan hanya bisa dilakukan sebelum hari kedatangan."), code="too_late"
        )
    return None


def booking_cancel(*, booking: Booking, by: User | None, now: dt.datetime | None = None) -> Booking:
    """Cancel any time before the day; the seat goes back at once (to the waitlist first)."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        refusal = cancel_refusal(booking, now=now)
        if refusal is not None:
            raise refusal
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.save(update_fields=["status", "cancelled_at"])
        if booking.session is not None:
            seat_free(booking.office, booking.date, booking.session, booking.pool, now=now)
        audit_record(
            actor=by,
            office=booking.office,
            subject=booking,
            event="booking.cancelled",
            old={"status": BookingStatus.BOOKED.value},
            new={"status": booking.status},
        )
        _notice(booking, "cancelled", language=translation.get_language())
    return booking


def reschedule_refusal(booking: Booking, *, now: dt.datetime | None = None) -> Conflict | None:
    """Why `booking` cannot be moved now, or None when it can: only an active booking, once,
    at the latest the day before its date (office time).

    `booking_reschedule` asks it under the row lock; pages ask it first, so a booking that
    cannot move is never offered dates.
    """
    now = now or timezone.now()
    if booking.status != BookingStatus.BOOKED:
        return Conflict(_("Booking ini sudah tidak aktif."), code="not_active")
    if booking_day_closed(booking) and _local_today(booking.office, now) <= booking.date:
        return None  # the office closed that day after it was booked: another date, always
    if booking.reschedule_count >= 1:
        return Conflict(_("Jadwal ulang hanya boleh satu kali."), code="rescheduled")
    if _local_today(booking.office, now) >= booking.date:
        return Conflict(
            _("Jadwal ulang paling lambat sehari sebelum tanggal kedatangan."), code="too_late"
        )
    return None


def booking_reschedule(
    *,
    booking: Booking,
    day: dt.date,
    session: ArrivalSession,
    by: User | None,
    now: dt.datetime | None = None,
) -> Booking:
    """Move a booking once, at the latest the day before the original date."""
    now = now or timezone.now()
    office = booking.office
    # The booking's own state first: its reason, not the new date's, is the one that holds.
    refusal = reschedule_refusal(booking, now=now)
    if refusal is not None:
        raise refusal
    check_day(office=office, day=day, session=session, now=now)
    answers = rules.Answers.from_dict(booking.answers or {})
    check_pool(office=office, day=day, pool=booking.pool, profile=booking.profile, answers=answers)
    with transaction.atomic():
        # Race: the same booking moved or cancelled from two tabs — asked again under the lock.
        booking = _locked(booking)
        refusal = reschedule_refusal(booking, now=now)
        if refusal is not None:
            raise refusal
        if booking.date == day and booking.session_id == session.pk:
            raise DomainError(_("Pilih tanggal atau sesi yang berbeda."), code="same_slot")
        old = {"date": booking.date, "window": f"{booking.window_start:%H:%M}"}
        # Race: two applicants swapping slots in opposite directions would each hold one
        # counter and wait for the other — lock both counter rows first, in primary-key order.
        counters_lock(office, booking.pool, [(booking.date, booking.session), (day, session)])
        if not seat_take(office, day, session, booking.pool):
            raise _session_full()
        old_day, old_session = booking.date, booking.session
        previous = {
            "previous_date": old_day.isoformat(),
            "previous_window_start": booking.window_start.isoformat("minutes"),
            "previous_window_end": booking.window_end.isoformat("minutes"),
        }
        booking.date, booking.session = day, session
        booking.window_start, booking.window_end = session.start, session.end
        booking.reschedule_count += 1
        booking.save(
            update_fields=["date", "session", "window_start", "window_end", "reschedule_count"]
        )
        if old_session is not None:
            seat_free(office, old_day, old_session, booking.pool, now=now)
        audit_record(
            actor=by,
            office=office,
            subject=booking,
            event="booking.rescheduled",
            old=old,
            new={"date": day, "window": session.key},
        )
        _notice(booking, "rescheduled", language=translation.get_language(), previous=previous)
    return booking


def booking_invalidate(
    *, booking: Booking, by: User, reason: str, now: dt.datetime | None = None
) -> Booking:
    """Staff declare a booking invalid (e.g. sold on by a broker); the reason is audited."""
    now = now or timezone.now()
    reason = reason.strip()
    if blank(reason):
        raise DomainError(_("Alasan wajib diisi."), code="reason")
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status != BookingStatus.BOOKED:
            raise Conflict(_("Booking ini sudah tidak aktif."), code="not_active")
        booking.status = BookingStatus.INVALID
        booking.invalid_reason = reason
        booking.save(update_fields=["status", "invalid_reason"])
        if booking.session is not None:
            seat_free(booking.office, booking.date, booking.session, booking.pool, now=now)
        audit_record(
            actor=by,
            office=booking.office,
            subject=booking,
            event="booking.invalidated",
            old={"status": BookingStatus.BOOKED.value},
            new={"status": booking.status},
            reason=reason,
        )
        # Without it the applicant would still come to the office on the day.
        _notice(booking, "invalidated")
    return booking


@transaction.atomic
def _close_for_closed_day(booking: Booking) -> None:
    """A booking left on a day the office turned out to be closed ends as cancelled, so its NIK
    may book again; the applicant was told to move it (`closed_day_notify`)."""
    changed = Booking.objects.filter(pk=booking.pk, status=BookingStatus.BOOKED).update(
        status=BookingStatus.CANCELLED
    )
    if changed:
        audit_record(
            actor=None,
            actor_label="system:office-closed",
            office=booking.office,
            subject=booking,
            event="booking.cancelled_office_closed",
            old={"status": BookingStatus.BOOKED.value},
            new={"status": BookingStatus.CANCELLED.value},
        )


def booking_mark_no_shows(*, now: dt.datetime | None = None) -> int:
    """Bookings not checked in by the last moment the kiosk takes them (the session's end plus
    the office's `checkin_late_minutes`, `checkin_window`) become no-shows; the NIK is blocked.

    Each booking in its own transaction with a conditional UPDATE: a kiosk check-in that
    commits first wins, and a second run changes nothing.
    """
    now = now or timezone.now()
    days = setting("BOOKING_NO_SHOW_BLOCK_DAYS")
    horizon = (now + dt.timedelta(days=1)).date()
    candidates = Booking.objects.filter(
        status=BookingStatus.BOOKED, date__lte=horizon
    ).select_related("office")
    marked = 0
    calendar_of = calendars_by_office()
    policy_of = policies_by_office()
    for booking in candidates:
        ends = dt.datetime.combine(booking.date, booking.window_end, tzinfo=booking.office.tz)
        if ends > now:
            continue
        if booking_day_closed(booking, calendar_of(booking)):
            _close_for_closed_day(booking)  # nobody could come: no no-show, no block
            continue
        _opens, last_checkin = checkin_window(booking, policy_of(booking.office))
        if now <= last_checkin:
            continue  # the kiosk still takes a late arrival's check-in
        with transaction.atomic():
            changed = Booking.objects.filter(pk=booking.pk, status=BookingStatus.BOOKED).update(
                status=BookingStatus.NO_SHOW
            )
            if not changed:
                continue
            until = now + dt.timedelta(days=days)
            NikBlock.objects.create(
                nik=booking.nik,
                until=until,
                reason=_("Tidak hadir pada booking %(code)s") % {"code": booking.code},
                booking=booking,
            )
            audit_record(
                actor=None,
                actor_label="system:no-show",
                office=booking.office,
                subject=booking,
                event="booking.no_show",
                old={"status": BookingStatus.BOOKED.value},
                new={"status": BookingStatus.NO_SHOW.value, "blocked_until": until},
            )
            marked += 1
    return marked
