"""Quotas set by the office or headquarters: weekday defaults, per-date exceptions, and the
arrival sessions they are set for.

A change reaches the counter rows already created, except that a quota never drops below the
seats already booked (the database refuses it; staff are told which dates). Seats a change
adds on a date people are waiting for are offered to them first, in turn, as a cancelled seat
would be. A session with bookings or ballot entries still ahead cannot be taken out of
service.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.booking.models import (
    QUOTA_REASON_MAX,
    ArrivalSession,
    BallotEntry,
    BallotStatus,
    Booking,
    BookingStatus,
    QuotaCounter,
    QuotaDefault,
    QuotaException,
    WaitlistEntry,
    WaitlistStatus,
)
from paspor.booking.selectors import availability_changed
from paspor.lib.errors import Conflict, DomainError, NotFound
from paspor.lib.text import blank
from paspor.offices.calendar import is_working_day, office_today
from paspor.offices.models import Office


def _check(office: Office, session: ArrivalSession, capacity: int) -> None:
    if session.office_id != office.pk:
        raise DomainError(
            _("Sesi kedatangan ini milik kantor lain; pilih sesi %(office)s.")
            % {"office": office.name},
            code="session",
        )
    if capacity < 0:
        raise DomainError(_("Kapasitas tidak boleh negatif."), code="capacity")


def _dates_in_words(days: list[dt.date]) -> str:
    # Written as the supervisor reads dates, in the page's language ("15 Juni 2026").
    return ", ".join(formats.date_format(day, "j F Y") for day in days)


def _refuse_below_booked(counters: QuerySet[QuotaCounter], capacity: int) -> None:
    over = list(
        counters.filter(booked__gt=capacity).order_by("date").values_list("date", flat=True)[:5]
    )
    if over:
        raise Conflict(
            _("Kuota tidak bisa di bawah jumlah yang sudah dipesan (tanggal %(dates)s).")
            % {"dates": _dates_in_words(over)},
            code="below_booked",
        )


def _capacity_apply(
    office: Office, counters: QuerySet[QuotaCounter], capacity: int, *, now: dt.datetime
) -> None:
    """Give the counter rows their new quota; seats it adds go to the waitlist first."""
    _refuse_below_booked(counters, capacity)
    counters.update(capacity=capacity)
    today = now.astimezone(office.tz).date()
    waited = WaitlistEntry.objects.filter(office=office, status=WaitlistStatus.WAITING)
    for counter in counters.filter(date__gt=today, booked__lt=F("capacity")).select_related(
        "session"
    ):
        if waited.filter(date=counter.date, pool=counter.pool).exists():
            _offer_added_seats(office, counter, now=now)


def _offer_added_seats(office: Office, counter: QuotaCounter, *, now: dt.datetime) -> None:
    """Hold each new seat and offer it to the next person waiting, until seats or people end;
    none on a day that can no longer be booked (closed since, or too near: `offer_refusal`)."""
    from paspor.booking.services.waitlist import offer_refusal, waitlist_offer_seat

    if offer_refusal(office, counter.date, now=now) is not None:
        return
    seat = QuotaCounter.objects.filter(pk=counter.pk, booked__lt=F("capacity"))
    while seat.update(booked=F("booked") + 1):
        offered = waitlist_offer_seat(
            office=office, day=counter.date, session=counter.session, pool=counter.pool, now=now
        )
        if not offered:
            QuotaCounter.objects.filter(pk=counter.pk).update(booked=F("booked") - 1)
            return


@transaction.atomic
def quota_default_set(
    *,
    office: Office,
    weekday: int,
    session: ArrivalSession,
    pool: str,
    capacity: int,
    by: User | None,
    now: dt.datetime | None = None,
) -> QuotaDefault:
    _check(office, session, capacity)
    now = now or timezone.now()
    old = QuotaDefault.objects.filter(
        office=office, weekday=weekday, session=session, pool=pool
    ).first()
    row, _created = QuotaDefault.objects.update_or_create(
        office=office,
        weekday=weekday,
        session=session,
        pool=pool,
        defaults={"capacity": capacity},
    )
    _capacity_apply(
        office, _weekday_counters(office, weekday, session, pool, now), capacity, now=now
    )
    availability_changed(office.pk)
    audit_record(
        actor=by,
        office=office,
        subject=row,
        event="quota.default_set",
        old={"capacity": old.capacity if old else None},
        new={"weekday": weekday, "session": session.key, "pool": pool, "capacity": capacity},
    )
    return row


def _weekday_counters(
    office: Office, weekday: int, session: ArrivalSession, pool: str, now: dt.datetime
) -> QuerySet[QuotaCounter]:
    """The counters a weekday default governs: later dates of that weekday without exception."""
    today = now.astimezone(office.tz).date()
    excepted = QuotaException.objects.filter(office=office, session=session, pool=pool).values(
        "date"
    )
    return (
        QuotaCounter.objects.filter(office=office, session=session, pool=pool, date__gt=today)
        .filter(date__week_day=(weekday + 1) % 7 + 1)
        .exclude(date__in=excepted)
    )


@transaction.atomic
def quota_default_remove(
    *,
    office: Office,
    weekday: int,
    session: ArrivalSession,
    pool: str,
    by: User | None,
    now: dt.datetime | None = None,
) -> None:
    """The weekday has no quota for this session and pool any more (as if set to 0)."""
    _check(office, session, 0)
    now = now or timezone.now()
    row = QuotaDefault.objects.filter(
        office=office, weekday=weekday, session=session, pool=pool
    ).first()
    if row is None:
        raise NotFound(_("Kuota baku itu tidak ada."), code="quota_not_found")
    _capacity_apply(office, _weekday_counters(office, weekday, session, pool, now), 0, now=now)
    audit_record(
        actor=by,
        office=office,
        subject=row,
        event="quota.default_removed",
        old={"weekday": weekday, "session": session.key, "pool": pool, "capacity": row.capacity},
    )
    row.delete()
    availability_changed(office.pk)


# How far ahead a date's own quota may be set: a year, as the office's calendar is known. A
# year typed as 2206 for 2026 was kept for a day no one would see.
EXCEPTION_DAYS_AHEAD = 366


def _refuse_closed_or_past(office: Office, day: dt.date) -> None:
    today = office_today(office)
    if day < today:
        raise DomainError(_("Tanggal itu sudah lewat."), code="quota_past")
    if day > today + dt.timedelta(days=EXCEPTION_DAYS_AHEAD):
        raise DomainError(
            _("Kuota khusus dapat diatur paling jauh satu tahun ke depan; periksa tahunnya."),
            code="quota_far",
        )
    if not is_working_day(office, day):
        raise DomainError(
            _(
                "Kantor tutup pada tanggal itu (akhir pekan, libur nasional, cuti bersama atau "
                "penutupan kantor), jadi kuotanya tidak dapat dipesan. Bila kantor tetap melayani, "
                "kantor pusat menetapkannya sebagai hari kerja di kalender lebih dulu."
            ),
            code="quota_closed_day",
        )


@transaction.atomic
def quota_exception_set(
    *,
    office: Office,
    day: dt.date,
    session: ArrivalSession,
    pool: str,
    capacity: int,
    reason: str,
    by: User | None,
    now: dt.datetime | None = None,
) -> QuotaException:
    _check(office, session, capacity)
    _refuse_closed_or_past(office, day)
    reason = reason.strip()
    if blank(reason):
        raise DomainError(_("Tuliskan alasan kuota khusus untuk tanggal ini."), code="quota_reason")
    if len(reason) > QUOTA_REASON_MAX:
        raise DomainError(
            _("Alasan kuota khusus paling banyak %(n)s karakter.") % {"n": QUOTA_REASON_MAX},
            code="quota_reason",
        )
    old = QuotaException.objects.filter(office=office, date=day, session=session, pool=pool).first()
    row, _created = QuotaException.objects.update_or_create(
        office=office,
        date=day,
        session=session,
        pool=pool,
        defaults={"capacity": capacity, "reason": reason},
    )
    counters = QuotaCounter.objects.select_for_update().filter(
        office=office, date=day, session=session, pool=pool
    )
    _capacity_apply(office, counters, capacity, now=now or timezone.now())
    availability_changed(office.pk, day)
    audit_record(
        actor=by,
        office=office,
        subject=row,
        event="quota.exception_set",
        old={"capacity": old.capacity if old else None},
        new={"date": day, "session": session.key, "pool": pool, "capacity": capacity},
        reason=reason,
    )
    return row


@transaction.atomic
def quota_exception_remove(
    *,
    office: Office,
    day: dt.date,
    session: ArrivalSession,
    pool: str,
    by: User | None,
    now: dt.datetime | None = None,
) -> int:
    """The date follows its weekday's quota again; returns that quota."""
    _check(office, session, 0)
    row = QuotaException.objects.filter(office=office, date=day, session=session, pool=pool).first()
    if row is None:
        raise NotFound(_("Kuota khusus itu tidak ada."), code="quota_not_found")
    if day < office_today(office):
        raise DomainError(_("Tanggal itu sudah lewat."), code="quota_past")
    default = QuotaDefault.objects.filter(
        office=office, weekday=day.weekday(), session=session, pool=pool
    ).first()
    capacity = default.capacity if default is not None else 0
    counters = QuotaCounter.objects.select_for_update().filter(
        office=office, date=day, session=session, pool=pool
    )
    _capacity_apply(office, counters, capacity, now=now or timezone.now())
    audit_record(
        actor=by,
        office=office,
        subject=row,
        event="quota.exception_removed",
        old={"date": day, "session": session.key, "pool": pool, "capacity": row.capacity},
        new={"capacity": capacity},
    )
    row.delete()
    availability_changed(office.pk, day)
    return capacity


def _refuse_overlap(office: Office, start: dt.time, end: dt.time) -> None:
    other = (
        ArrivalSession.objects.filter(office=office, is_active=True, start__lt=end, end__gt=start)
        .exclude(start=start)
        .first()
    )
    if other is not None:
        raise DomainError(
            _("Sesi ini bertumpang tindih dengan sesi %(other)s.") % {"other": str(other)},
            code="session_overlap",
        )


@transaction.atomic
def session_set(*, office: Office, start: dt.time, end: dt.time, by: User | None) -> ArrivalSession:
    """Add an arrival session, change when one ends, or put one back in service."""
    if start >= end:
        raise DomainError(_("Jam mulai harus sebelum jam selesai."), code="session_times")
    _refuse_overlap(office, start, end)
    session, created = ArrivalSession.objects.update_or_create(
        office=office, start=start, defaults={"end": end, "is_active": True}
    )
    audit_record(
        actor=by,
        office=office,
        subject=session,
        event="session.created" if created else "session.changed",
        new={"start": start, "end": end},
    )
    availability_changed(office.pk)
    return session


@transaction.atomic
def session_retire(
    *, office: Office, session: ArrivalSession, by: User | None, now: dt.datetime | None = None
) -> ArrivalSession:
    """Take an arrival session out of service: it is no longer offered on any date.

    Refused while people still hold something in it from today on — a booking, a seat offered
    from the waitlist, or an entry in a ballot not drawn yet; those are moved or cancelled first.

    Race: a booking made in the same moment, or by a process whose cached office setup (one
    minute at most) still offers the session, can land in it after the check. It stays a valid
    booking with its own arrival window on the day list, and the session shows as in use if it
    is retired again.
    """
    if session.office_id != office.pk:
        raise DomainError(_("Sesi kedatangan tidak ditemukan."), code="session")
    today = (now or timezone.now()).astimezone(office.tz).date()
    ArrivalSession.objects.select_for_update().filter(pk=session.pk).first()
    held = sorted(
        set(
            Booking.objects.filter(
                session=session, status=BookingStatus.BOOKED, date__gte=today
            ).values_list("date", flat=True)
        )
        | set(
            WaitlistEntry.objects.filter(
                offered_session=session, status=WaitlistStatus.OFFERED, date__gte=today
            ).values_list("date", flat=True)
        )
        | set(
            BallotEntry.objects.filter(
                session=session, ballot__status=BallotStatus.OPEN, ballot__date__gte=today
            ).values_list("ballot__date", flat=True)
        )
    )
    if held:
        raise Conflict(
            _(
                "Sesi %(session)s masih dipakai pemohon pada tanggal %(dates)s (booking, "
                "tawaran daftar tunggu atau undian). Sesi ini dapat dinonaktifkan setelah "
                "tanggal itu lewat atau bookingnya dibatalkan."
            )
            % {"session": str(session), "dates": _dates_in_words(held[:5])},
            code="session_in_use",
        )
    if session.is_active:
        ArrivalSession.objects.filter(pk=session.pk).update(is_active=False)
        session.is_active = False
        audit_record(
            actor=by,
            office=office,
            subject=session,
            event="session.retired",
            old={"start": session.start, "end": session.end},
        )
        availability_changed(office.pk)
    return session
