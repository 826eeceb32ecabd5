"""Demo booking data for an office: sessions, quotas, and an applicant with two profiles.

Idempotent: running it again changes nothing that is already there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone

from paspor.accounts.models import User
from paspor.booking.models import (
    ApplicantProfile,
    ArrivalSession,
    Booking,
    BookingPolicy,
    Pool,
    QuotaDefault,
    ReleaseRule,
)
from paspor.booking.rules import Answers, OldPassport
from paspor.booking.selectors import DayState, availability
from paspor.booking.services.applicants import nik_check
from paspor.booking.services.bookings import Origin, booking_create
from paspor.lib.errors import Conflict
from paspor.offices.models import Office

DEMO_APPLICANT_EMAIL = "pemohon@example.com"
DEMO_APPLICANT_PASSWORD = "paspor-demo-2026"  # noqa: S105 - printed demo login, never production
DEMO_APPLICANT_NAME = "Budi Santoso"
DEMO_ROLLING_DAYS = 30
SESSIONS = ((dt.time(8), dt.time(10)), (dt.time(10), dt.time(12)), (dt.time(13), dt.time(15)))
QUOTAS = {Pool.REGULAR: 40, Pool.PRIORITY: 8, Pool.EXPRESS: 5}
PROFILES = (
    # NIKs of Kabupaten Ketapang (61.04), district Matan Hilir Utara (61.04.01).
    ("6104011505900001", "Budi Santoso", "M", dt.date(1990, 5, 15), "Ketapang"),
    ("6104014203150003", "Siti Aisyah", "F", dt.date(2015, 3, 2), "Ketapang"),
)
# A broker's phone, for the booking review page: two accounts book six NIKs from one device and
# one address (203.0.113.0/24 is kept for documentation, RFC 5737).
BROKER_ORIGIN = Origin(ip="203.0.113.77", device="demo-ponsel-calo")
BROKER_ACCOUNTS = ("calo.satu@example.com", "calo.dua@example.com")
BROKER_PROFILES = (
    ("6104012304880002", "Agus Pratama", "M", dt.date(1988, 4, 23)),
    ("6104015107920004", "Dewi Lestari", "F", dt.date(1992, 7, 11)),
    ("6104010911850001", "Hendra Wijaya", "M", dt.date(1985, 11, 9)),
    ("6104016812790003", "Rina Marlina", "F", dt.date(1979, 12, 28)),
    ("6104011702950005", "Yusuf Hidayat", "M", dt.date(1995, 2, 17)),
    ("6104014401010006", "Nur Halimah", "F", dt.date(2001, 1, 4)),
)


@transaction.atomic
def seed_booking_demo(office: Office) -> None:
    # Rolling release: whatever the day the demo is started, the next weeks can be booked and
    # the dates beyond them show when they open (a monthly release leaves nothing bookable in
    # the last days of a month). An office chooses its rule on the quota page.
    BookingPolicy.objects.get_or_create(
        office=office,
        defaults={"release_rule": ReleaseRule.ROLLING, "rolling_days": DEMO_ROLLING_DAYS},
    )
    for start, end in SESSIONS:
        session, _ = ArrivalSession.objects.get_or_create(
            office=office, start=start, defaults={"end": end}
        )
        for weekday in range(5):
            for pool, capacity in QUOTAS.items():
                QuotaDefault.objects.get_or_create(
                    office=office,
                    weekday=weekday,
                    session=session,
                    pool=pool,
                    defaults={"capacity": capacity},
                )
    applicant, created = User.objects.get_or_create(
        username=DEMO_APPLICANT_EMAIL,
        defaults={"email": DEMO_APPLICANT_EMAIL, "first_name": "Budi", "email_verified": True},
    )
    if created:
        applicant.set_password(DEMO_APPLICANT_PASSWORD)
        applicant.save(update_fields=["password"])
    for nik, name, sex, born, place in PROFILES:
        _nik, flags = nik_check(nik=nik, birth_date=born, sex=sex)
        ApplicantProfile.objects.get_or_create(
            account=applicant,
            nik=nik,
            defaults={
                "full_name": name,
                "sex": sex,
                "birth_date": born,
                "birth_place": place,
                "nik_flags": flags,
            },
        )


def _regular_seats(office: Office) -> Iterator[tuple[dt.date, ArrivalSession]]:
    """The days and sessions with a regular seat left, the nearest first."""
    today = timezone.now().astimezone(office.tz).date()
    days = [today + dt.timedelta(days=n) for n in range(1, DEMO_ROLLING_DAYS + 1)]
    for view in availability(office, days):
        if view.state != DayState.OPEN:
            continue
        for session_view in view.sessions:
            if any(p.pool == Pool.REGULAR and p.remaining for p in session_view.pools):
                yield view.date, ArrivalSession.objects.get(office=office, start=session_view.start)


def _book_first_seat(
    office: Office, profile: ApplicantProfile, origin: Origin | None = None
) -> Booking | None:
    for day, session in _regular_seats(office):
        try:
            return booking_create(
                account=profile.account,
                profile=profile,
                office=office,
                day=day,
                session=session,
                pool=Pool.REGULAR,
                answers=Answers(old_passport=OldPassport.NONE, married=True),
                origin=origin or Origin(),
            )
        except Conflict:
            continue  # taken meanwhile: the next session
    return None


def demo_applicant_book(office: Office) -> Booking | None:
    """Book the demo applicant himself on the first bookable day with a regular seat, so his
    page shows a booking to open, print, move or cancel, and the kiosk has a code to check in
    that day. None when he has booked before (a demo started again) or nothing is bookable."""
    profile = ApplicantProfile.objects.select_related("account").get(
        account__email=DEMO_APPLICANT_EMAIL, full_name=DEMO_APPLICANT_NAME, removed_at=None
    )
    if Booking.objects.filter(profile=profile).exists():
        return None
    return _book_first_seat(office, profile)


def demo_broker_book(office: Office) -> list[Booking]:
    """The broker's six bookings, so the review page has a source to look at: the device and
    the address are flagged at the next count (`booking_flags_refresh`). Nothing when the
    broker's accounts exist already (a demo started again)."""
    if User.objects.filter(email__in=BROKER_ACCOUNTS).exists():
        return []
    made = []
    for number, (nik, name, sex, born) in enumerate(BROKER_PROFILES):
        email = BROKER_ACCOUNTS[number % len(BROKER_ACCOUNTS)]
        account, created = User.objects.get_or_create(
            username=email, defaults={"email": email, "email_verified": True}
        )
        if created:
            account.set_unusable_password()  # nobody signs in as the broker
            account.save(update_fields=["password"])
        _nik, flags = nik_check(nik=nik, birth_date=born, sex=sex)
        profile = ApplicantProfile.objects.create(
            account=account,
            nik=nik,
            full_name=name,
            sex=sex,
            birth_date=born,
            birth_place="Ketapang",
            nik_flags=flags,
        )
        if (booking := _book_first_seat(office, profile, BROKER_ORIGIN)) is not None:
            made.append(booking)
    return made
