"""Booking fixtures: the office's sessions and small quotas, verified applicants, frozen time.

Time is frozen at Wednesday 10 June 2026, 10.00 WIB. Under the default monthly release, June
dates opened on Friday 29 May 2026 (27 May is a holiday, 28 May cuti bersama) and July dates
open on Tuesday 30 June 2026 at 09.00. Monday 15 June is a working day; Tuesday 16 June 2026
is a national holiday (Islamic New Year).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.cache import cache

from paspor.accounts.models import User
from paspor.booking.models import ApplicantProfile, ArrivalSession, Booking, Pool, QuotaDefault
from paspor.booking.rules import Answers, OldPassport
from paspor.booking.services import booking_create
from paspor.booking.services.applicants import nik_check
from paspor.offices.models import Office

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2026, 6, 10, 10, 0, tzinfo=WIB)
DAY = dt.date(2026, 6, 15)  # Monday, open for booking
HOLIDAY = dt.date(2026, 6, 16)
ADULT = Answers(old_passport=OldPassport.NONE)
QUOTA = {Pool.REGULAR: 2, Pool.PRIORITY: 1, Pool.EXPRESS: 1}
# As in production: tasks are rows in the database, run by the worker.
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def nik_for(serial: int, *, born: dt.date = dt.date(1990, 5, 15), female: bool = False) -> str:
    day = born.day + (40 if female else 0)
    return f"610401{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def make_profile(
    account: User,
    serial: int,
    *,
    born: dt.date = dt.date(1990, 5, 15),
    female: bool = False,
    name: str | None = None,
) -> ApplicantProfile:
    nik = nik_for(serial, born=born, female=female)
    _nik, flags = nik_check(nik=nik, birth_date=born, sex="F" if female else "M")
    return ApplicantProfile.objects.create(
        account=account,
        nik=nik,
        full_name=name or f"Pemohon {serial}",
        sex="F" if female else "M",
        birth_date=born,
        birth_place="Ketapang",
        nik_flags=flags,
    )


def book(
    profile: ApplicantProfile,
    office: Office,
    session: ArrivalSession,
    day: dt.date = DAY,
    pool: str = "regular",
    answers: Answers = ADULT,
    now: dt.datetime | None = None,
) -> Booking:
    """A first-come booking by the profile's own account."""
    return booking_create(
        account=profile.account,
        profile=profile,
        office=office,
        day=day,
        session=session,
        pool=pool,
        answers=answers,
        now=now,
    )


def make_sessions(office: Office, quota: dict[str, int] | None = None) -> list[ArrivalSession]:
    sessions = []
    for start, end in ((8, 10), (10, 12), (13, 15)):
        session = ArrivalSession.objects.create(
            office=office, start=dt.time(start), end=dt.time(end)
        )
        for weekday in range(5):
            for pool, capacity in (quota or QUOTA).items():
                QuotaDefault.objects.create(
                    office=office, weekday=weekday, session=session, pool=pool, capacity=capacity
                )
        sessions.append(session)
    return sessions


def verified(user: User) -> User:
    user.email_verified = True
    user.save(update_fields=["email_verified"])
    return user


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def sessions(office):
    return make_sessions(office)


@pytest.fixture
def morning(sessions):
    return sessions[0]


@pytest.fixture
def budi(applicant):
    return make_profile(verified(applicant), 1, name="Budi Santoso")


@pytest.fixture
def lain(other_applicant):
    return make_profile(verified(other_applicant), 2, name="Rina Lestari")


@pytest.fixture
def booking(office, sessions, budi):
    """Budi's regular booking in the first session of DAY, made by his own account."""
    return book(budi, office, sessions[0])
