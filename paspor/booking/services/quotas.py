"""Quotas set by the office or headquarters: weekday defaults and per-date exceptions.

A change reaches the counter rows already created, except that a quota never drops below the
seats already booked (the database refuses it; staff are told which dates).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.booking.models import ArrivalSession, QuotaCounter, QuotaDefault, QuotaException
from paspor.booking.selectors import availability_changed
from paspor.lib.errors import Conflict, DomainError
from paspor.offices.calendar import is_working_day, office_today
from paspor.offices.models import Office


def _check(office: Office, session: ArrivalSession, capacity: int) -> None:
    if session.office_id != office.pk:
        raise DomainError(_("Sesi kedatangan tidak ditemukan."), code="session")
    if capacity < 0:
        raise DomainError(_("Kapasitas tidak boleh negatif."), code="capacity")


def _refuse_below_booked(counters: QuerySet[QuotaCounter], capacity: int) -> None:
    over = list(
        counters.filter(booked__gt=capacity).order_by("date").values_list("date", flat=True)[:5]
    )
    if over:
        # Written as the supervisor reads dates, in the page's language ("15 Juni 2026").
        dates = ", ".join(formats.date_format(day, "j F Y") for day in over)
        raise Conflict(
            _("Kuota tidak bisa di bawah jumlah yang sudah dipesan (tanggal %(dates)s).")
            % {"dates": dates},
            code="below_booked",
        )


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
    today = (now or timezone.now()).astimezone(office.tz).date()
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
    excepted = QuotaException.objects.filter(office=office, session=session, pool=pool).values(
        "date"
    )
    counters = (
        QuotaCounter.objects.filter(office=office, session=session, pool=pool, date__gt=today)
        .filter(date__week_day=(weekday + 1) % 7 + 1)
        .exclude(date__in=excepted)
    )
    _refuse_below_booked(counters, capacity)
    counters.update(capacity=capacity)
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
) -> QuotaException:
    _check(office, session, capacity)
    if day < office_today(office):
        raise DomainError(_("Tanggal itu sudah lewat."), code="quota_past")
    if not is_working_day(office, day):
        raise DomainError(
            _(
                "Kantor tutup pada tanggal itu (akhir pekan, libur nasional, cuti bersama atau "
                "penutupan kantor), jadi kuotanya tidak dapat dipesan. Bila kantor tetap melayani, "
                "kantor pusat menetapkannya sebagai hari kerja di kalender lebih dulu."
            ),
            code="quota_closed_day",
        )
    if not reason.strip():
        raise DomainError(_("Tuliskan alasan kuota khusus untuk tanggal ini."), code="quota_reason")
    old = QuotaException.objects.filter(office=office, date=day, session=session, pool=pool).first()
    row, _created = QuotaException.objects.update_or_create(
        office=office,
        date=day,
        session=session,
        pool=pool,
        defaults={"capacity": capacity, "reason": reason.strip()},
    )
    counters = QuotaCounter.objects.select_for_update().filter(
        office=office, date=day, session=session, pool=pool
    )
    _refuse_below_booked(counters, capacity)
    counters.update(capacity=capacity)
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
def session_set(*, office: Office, start: dt.time, end: dt.time, by: User | None) -> ArrivalSession:
    if start >= end:
        raise DomainError(_("Jam mulai harus sebelum jam selesai."), code="session_times")
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
