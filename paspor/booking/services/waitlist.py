"""The waitlist of an office and date: a freed seat is offered in turn, held for a while.

While an offer is open the seat stays counted as taken, so nobody else can book it. Accepted →
a booking on that seat; expired or declined → the next person waiting, else back to the public.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.booking import rules
from paspor.booking.conf import setting
from paspor.booking.models import (
    ApplicantProfile,
    ArrivalSession,
    Booking,
    BookingSource,
    WaitlistEntry,
    WaitlistStatus,
)
from paspor.booking.selectors import DayState, day_availability, day_state
from paspor.booking.services.bookings import (
    Origin,
    booking_insert,
    check_month_cap,
    check_person,
    check_pool,
    nik_conflict,
)
from paspor.lib.errors import Conflict
from paspor.notifications.services import notify_person, public_url
from paspor.offices.calendar import is_working_day
from paspor.offices.models import Office


def waitlist_join(
    *,
    account: User,
    profile: ApplicantProfile,
    office: Office,
    day: dt.date,
    pool: str,
    answers: rules.Answers,
    now: dt.datetime | None = None,
    from_ballot: bool = False,
) -> WaitlistEntry:
    now = now or timezone.now()
    if not from_ballot:
        check_person(account=account, profile=profile, now=now)
        check_pool(office=office, day=day, pool=pool, profile=profile, answers=answers)
        state, _opens = day_state(office, day, now=now)
        if state != DayState.OPEN:
            raise Conflict(_("Tanggal ini tidak dapat dipesan."), code="not_open")
        seats = day_availability(office, day, now=now)
        if seats.capacity(pool) == 0:  # not sold out: not offered on that date at all
            raise Conflict(
                _("Kuota ini tidak dibuka pada tanggal tersebut, jadi tidak ada daftar tunggunya."),
                code="no_quota",
            )
        if seats.remaining(pool) > 0:
            raise Conflict(
                _("Masih ada kuota pada tanggal ini. Silakan pesan langsung."), code="seats_left"
            )
    refusal = nik_conflict(profile.nik, account)  # said as the booking page says it
    if refusal is not None:
        raise refusal
    child = rules.is_child(birth_date=profile.birth_date, on=day, married=answers.married)
    try:
        with transaction.atomic():
            return WaitlistEntry.objects.create(
                office=office,
                date=day,
                pool=pool,
                account=account,
                profile=profile,
                nik=profile.nik,
                application_type=rules.application_type(answers, child=child).value,
                passport_kind=answers.passport_kind,
                answers=answers.to_dict(),
            )
    except IntegrityError:
        raise Conflict(
            _("NIK ini sudah ada di daftar tunggu tanggal tersebut."), code="waitlist_exists"
        ) from None


def waitlist_offer_seat(
    *, office: Office, day: dt.date, session: ArrivalSession, pool: str, now: dt.datetime
) -> bool:
    """Offer a seat just freed to the first person waiting; False when nobody waits, or when
    the day can no longer be booked (`offer_refusal`): the seat then goes back to the count.

    Runs in the caller's transaction. Race: two seats freed at once must not go to one person
    — the entry row is locked and moved from waiting to offered with a conditional UPDATE.
    """
    if offer_refusal(office, day, now=now) is not None:
        return False
    minutes = setting("BOOKING_WAITLIST_OFFER_MINUTES")
    waiting = WaitlistEntry.objects.filter(
        office=office, date=day, pool=pool, status=WaitlistStatus.WAITING
    ).order_by("created_at", "id")
    for entry in waiting.select_for_update()[:5]:
        expires = now + dt.timedelta(minutes=minutes)
        taken = WaitlistEntry.objects.filter(pk=entry.pk, status=WaitlistStatus.WAITING).update(
            status=WaitlistStatus.OFFERED,
            offered_session=session,
            offered_at=now,
            offer_expires_at=expires,
        )
        if not taken:
            continue
        notify_person(
            user=entry.account,
            phone=entry.profile.phone,
            template="waitlist_offer",
            context={
                "office": office.name,
                "name": entry.profile.full_name,  # a family account may wait for several people
                "pool": pool,
                "date": day,
                "window_start": session.start.isoformat("minutes"),
                "window_end": session.end.isoformat("minutes"),
                "respond_by": expires,
                "time_zone": office.time_zone,
                "link": _my_bookings_url(),
            },
            office=office,
            dedupe_key=f"waitlist:{entry.pk}:offer:{now.timestamp():.0f}",
        )
        return True
    return False


def offer_refusal(office: Office, day: dt.date, *, now: dt.datetime) -> Conflict | None:
    """Why a seat on `day` can no longer be offered or accepted, or None: booking closes the
    day before (office clock), and a day the office has since closed (a holiday or cuti
    bersama added to its calendar) is never booked. The calendar is read afresh, not cached."""
    if day <= now.astimezone(office.tz).date():
        return Conflict(
            _("Tawaran kursi hanya bisa diterima paling lambat sehari sebelum tanggal kedatangan."),
            code="too_late",
        )
    if not is_working_day(office, day):
        return Conflict(
            _(
                "Kantor tidak melayani pada tanggal %(date)s (libur atau cuti bersama), jadi "
                "tawaran kursi ini tidak dapat diterima. Silakan pilih tanggal lain."
            )
            % {"date": formats.date_format(day, "j F Y")},
            code="closed_day",
        )
    return None


def _my_bookings_url() -> str:
    return public_url(reverse("booking:my_bookings"))


def waitlist_accept(
    *,
    entry: WaitlistEntry,
    account: User,
    origin: Origin = Origin(),  # noqa: B008 - frozen, never mutated
    now: dt.datetime | None = None,
) -> Booking:
    now = now or timezone.now()
    if entry.account_id != account.pk:
        raise Conflict(_("Tawaran tidak ditemukan."), code="not_yours")
    check_person(account=account, profile=entry.profile, now=now)
    try:
        return _accept(entry=entry, account=account, origin=origin, now=now)
    except IntegrityError:
        conflict = nik_conflict(entry.nik, account)
        if conflict is None:
            raise
        raise conflict from None


def _accept(*, entry: WaitlistEntry, account: User, origin: Origin, now: dt.datetime) -> Booking:
    with transaction.atomic():
        locked = (
            WaitlistEntry.objects.select_for_update(of=("self",))
            .select_related("office", "profile", "offered_session")
            .get(pk=entry.pk)
        )
        if locked.status != WaitlistStatus.OFFERED or locked.offered_session is None:
            raise Conflict(_("Tidak ada tawaran kursi yang terbuka."), code="no_offer")
        if locked.offer_expires_at is None or locked.offer_expires_at <= now:
            raise Conflict(_("Tawaran sudah kedaluwarsa."), code="offer_expired")
        refusal = offer_refusal(locked.office, locked.date, now=now)
        if refusal is not None:
            raise refusal
        check_month_cap(account=account, office=locked.office, now=now)
        # The seat was kept counted while offered: no quota move here.
        booking = booking_insert(
            account=account,
            profile=locked.profile,
            office=locked.office,
            day=locked.date,
            session=locked.offered_session,
            pool=locked.pool,
            answers=rules.Answers.from_dict(locked.answers),
            via=BookingSource.WAITLIST,
            origin=origin,
            language=translation.get_language(),
        )
        locked.status = WaitlistStatus.ACCEPTED
        locked.booking = booking
        locked.save(update_fields=["status", "booking"])
    return booking


def _pass_on(entry: WaitlistEntry, *, to: WaitlistStatus, now: dt.datetime) -> bool:
    """Close an entry; an open offer's seat goes to the next person or back to the public."""
    from paspor.booking.services.seats import seat_free

    with transaction.atomic():
        changed = WaitlistEntry.objects.filter(pk=entry.pk, status=entry.status).update(status=to)
        if not changed:
            return False
        if entry.status == WaitlistStatus.OFFERED and entry.offered_session is not None:
            seat_free(entry.office, entry.date, entry.offered_session, entry.pool, now=now)
    return True


def waitlist_leave(*, entry: WaitlistEntry, account: User, now: dt.datetime | None = None) -> None:
    if entry.account_id != account.pk:
        raise Conflict(_("Entri daftar tunggu tidak ditemukan."), code="not_yours")
    if entry.status not in (WaitlistStatus.WAITING, WaitlistStatus.OFFERED):
        raise Conflict(_("Entri ini sudah tidak aktif."), code="not_active")
    _pass_on(entry, to=WaitlistStatus.CANCELLED, now=now or timezone.now())


def waitlist_expire_offers(*, now: dt.datetime | None = None) -> int:
    """Offers past their acceptance window expire; each seat moves on. Safe to run repeatedly."""
    now = now or timezone.now()
    due = WaitlistEntry.objects.filter(
        status=WaitlistStatus.OFFERED, offer_expires_at__lte=now
    ).select_related("office", "offered_session")
    return sum(_pass_on(entry, to=WaitlistStatus.EXPIRED, now=now) for entry in due)


def waitlist_close_past(*, now: dt.datetime | None = None) -> int:
    """Places still waiting for a day that can no longer be booked (the day itself or earlier,
    office clock) are closed as expired: no seat will be offered for it, and an open place
    would keep its profile from being taken off the list. Safe to run repeatedly."""
    now = now or timezone.now()
    latest = (now + dt.timedelta(days=1)).date()  # no office's today is later than this
    waiting = WaitlistEntry.objects.filter(status=WaitlistStatus.WAITING)
    offices = Office.objects.filter(
        pk__in=waiting.filter(date__lte=latest).values("office_id").distinct()
    )
    return sum(
        waiting.filter(office=office, date__lte=now.astimezone(office.tz).date()).update(
            status=WaitlistStatus.EXPIRED
        )
        for office in offices
    )
