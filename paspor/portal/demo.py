"""The demo office: Kantor Imigrasi Kelas III Non TPI Ketapang, with staff of every role.

Idempotent: running it again creates what is missing; the office and its layout, once there,
are left as an administrator may have changed them. A fresh office
also gets a history of its last working days (paspor/portal/demo_history/), made once: the
office is then set up before that history begins.
"""

from __future__ import annotations

import base64
import datetime as dt
from contextlib import nullcontext
from dataclasses import dataclass

import holidays
import time_machine
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from paspor.accounts.groups import OFFICE_SETUP_GROUP
from paspor.accounts.models import Role, User
from paspor.accounts.security import two_factor_required
from paspor.accounts.services import certification_grant, staff_assign, totp_device_install
from paspor.booking.demo import demo_applicant_book, demo_broker_book, seed_booking_demo
from paspor.booking.models import Booking
from paspor.booking.services import booking_flags_refresh
from paspor.cases.demo import seed_cases_demo
from paspor.issuance.demo import seed_issuance_demo
from paspor.offices.models import (
    COUNTER_STATIONS,
    CalendarDay,
    CalendarDayKind,
    Office,
    ServiceKind,
    StationType,
)
from paspor.offices.services import (
    calendar_day_set,
    counter_set,
    office_open,
    office_service_set,
    office_set,
    opening_hours_set,
    station_set,
)
from paspor.payments.demo import seed_payments_demo
from paspor.portal.demo_history import HistoryMade, history_set_up_moment, seed_demo_history
from paspor.queueing.demo import seed_queue_demo

DEMO_PASSWORD = "paspor-demo-2026"  # noqa: S105 - printed demo logins, never production
# The authenticator key of the demo accounts that must use two-step sign-in (admin, pusat,
# supervisor): printed by seed_demo, current codes from `manage.py demo_totp`.
DEMO_TOTP_KEY_HEX = b"paspor-demo-totp-2026".hex()
DEMO_TOTP_SECRET = base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY_HEX)).decode().rstrip("=")
OFFICE_CODE = "ketapang"


# Printing and quality control are certified work (docs/issuance.md): both demo print/QC
# officers hold both certificates, so either prints and the other checks.
PRINT_AND_QC = (StationType.PRINTING, StationType.QUALITY_CONTROL)


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    name: str
    stations: tuple[str, ...] = ()
    national: bool = False
    groups: tuple[str, ...] = ()


DEMO_USERS = (
    DemoUser("admin", Role.ADMIN, "Administrator Sistem", national=True),
    # Sets up offices as well (docs/onboarding.md), so the demo shows putting one into service.
    DemoUser(
        "pusat", Role.HQ, "Operator Ditjen Imigrasi", national=True, groups=(OFFICE_SETUP_GROUP,)
    ),
    DemoUser("kakanim", Role.HEAD, "Kepala Kantor Ketapang"),
    DemoUser("supervisor", Role.SUPERVISOR, "Kasubsi Dokumen Perjalanan", COUNTER_STATIONS),
    DemoUser(
        "loket",
        Role.INTAKE,
        "Petugas Loket Berkas",
        (StationType.INTAKE, StationType.INFORMATION, StationType.PAYMENT_HELP),
    ),
    DemoUser("biometrik", Role.BIOMETRICS, "Petugas Foto dan Wawancara", (StationType.BIOMETRICS,)),
    DemoUser("cetak", Role.PRINT_QC, "Petugas Cetak dan QC", PRINT_AND_QC),
    # Quality control is four-eyes (docs/issuance.md): another print/QC officer checks what
    # `cetak` printed, so the demo can take a passport to pickup.
    DemoUser("cetak2", Role.PRINT_QC, "Petugas Kendali Mutu", PRINT_AND_QC),
    DemoUser(
        "serah",
        Role.HANDOVER,
        "Petugas Penyerahan",
        (StationType.HANDOVER, StationType.INFORMATION),
    ),
    DemoUser("kios", Role.KIOSK, "Kios Lobi Ketapang"),
    DemoUser("layar", Role.DISPLAY, "Papan Antrean Ruang Tunggu"),
)

STATIONS = (
    (StationType.INTAKE, "Pemeriksaan berkas", 6),
    (StationType.BIOMETRICS, "Foto, sidik jari dan wawancara", 9),
    (StationType.PAYMENT_HELP, "Bantuan pembayaran", 5),
    (StationType.HANDOVER, "Penyerahan paspor", 4),
    (StationType.INFORMATION, "Informasi", 4),
)

COUNTERS = (
    (1, "Loket 1", (StationType.INTAKE,)),
    (2, "Loket 2", (StationType.INTAKE, StationType.PAYMENT_HELP)),
    (3, "Loket 3", (StationType.BIOMETRICS,)),
    (4, "Loket 4", (StationType.BIOMETRICS,)),
    (5, "Loket 5", (StationType.HANDOVER, StationType.INFORMATION)),
)

SERVICES = (
    (ServiceKind.REGULAR, "A", [StationType.INTAKE, StationType.BIOMETRICS], False, 0),
    (ServiceKind.PRIORITY, "B", [StationType.INTAKE, StationType.BIOMETRICS], True, 20),
    (ServiceKind.EXPRESS, "C", [StationType.INTAKE, StationType.BIOMETRICS], True, 10),
    (ServiceKind.PICKUP, "D", [StationType.HANDOVER], True, 200),
    (ServiceKind.INFORMATION, "E", [StationType.INFORMATION], True, 100),
    (ServiceKind.LOST_DAMAGED, "F", [StationType.INTAKE, StationType.BIOMETRICS], True, 10),
)


def _office() -> Office:
    """The demo office, set up through the offices services the first time only: what an
    administrator changes afterwards (its address, a counter) stays on the next `make run`."""
    office = Office.objects.filter(code=OFFICE_CODE).first()
    if office is not None:
        return office
    office = office_set(
        code=OFFICE_CODE,
        name="Kantor Imigrasi Kelas III Non TPI Ketapang",
        office_class="Kelas III Non TPI",
        address="Jl. Jenderal Sudirman (alamat demo, ubah di admin)",
        city="Kabupaten Ketapang",
        province="Kalimantan Barat",
        time_zone="Asia/Jakarta",
        serves_on_cuti_bersama=False,
        by=None,
    )
    for weekday in range(5):
        opening_hours_set(
            office=office, weekday=weekday, opens=dt.time(8), closes=dt.time(16), by=None
        )
    for station_type, name, minutes in STATIONS:
        station_set(
            office=office,
            station_type=station_type,
            name=name,
            default_service_minutes=minutes,
            by=None,
        )
    for number, name, types in COUNTERS:
        counter_set(office=office, number=number, name=name, station_types=list(types), by=None)
    for kind, prefix, route, walk_in, cap in SERVICES:
        office_service_set(
            office=office,
            kind=kind,
            ticket_prefix=prefix,
            route=[str(s) for s in route],
            walk_in=walk_in,
            walk_in_daily_cap=cap,
            by=None,
        )
    return office


def _calendar(years: range) -> None:
    """Record the decreed national days as rows so headquarters can see and amend them."""
    for year in years:
        for category, kind in (
            (holidays.PUBLIC, CalendarDayKind.NATIONAL_HOLIDAY),
            (holidays.GOVERNMENT, CalendarDayKind.CUTI_BERSAMA),
        ):
            for day, name in holidays.country_holidays(
                "ID", years=year, categories=(category,)
            ).items():
                if not CalendarDay.objects.filter(office__isnull=True, date=day).exists():
                    calendar_day_set(
                        office=None,
                        date=day,
                        kind=kind,
                        name=name,
                        source="SKB 3 Menteri (data paket holidays)",
                        by=None,
                    )


def _staff(office: Office) -> list[tuple[str, str]]:
    logins = []
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(username=demo.username)
        first, _, last = demo.name.partition(" ")
        user.first_name, user.last_name = first, last
        user.is_staff = demo.role in (Role.ADMIN, Role.HQ)
        user.is_superuser = demo.role == Role.ADMIN
        if created:
            user.set_password(DEMO_PASSWORD)
        user.save()
        staff_assign(user=user, office=None if demo.national else office, role=demo.role, by=None)
        for group in demo.groups:
            user.groups.add(Group.objects.get(name=group))
        if two_factor_required(user, frozenset({demo.role})):
            totp_device_install(
                user=user, key_hex=DEMO_TOTP_KEY_HEX, name="Demo authenticator", by=None
            )
        for station_type in demo.stations:
            if not user.certifications.filter(station_type=station_type).exists():
                certification_grant(
                    user=user,
                    station_type=station_type,
                    certificate_number=f"DEMO-{demo.username.upper()}-{station_type}",
                    issued_on=dt.date(2025, 1, 1),
                    expires_on=dt.date(2027, 12, 31),
                    issuer="Pusdiklat Imigrasi (demo)",
                    office=office,
                    by=None,
                )
        logins.append((demo.username, str(demo.role.label)))
    return logins


@dataclass(frozen=True)
class DemoSeeded:
    logins: list[tuple[str, str]]
    history: HistoryMade | None  # None: not asked for, or the office already has a history
    applicant_booking: Booking | None = None  # the demo applicant's own, made on a fresh office


def seed_demo(*, history: bool = True) -> DemoSeeded:
    """The demo office and its staff; with `history`, a fresh office also gets its past days.

    A new office is set up at a moment before its history begins, so that its staff, stock and
    audit trail come before the history in time as they do in order.
    """
    fresh = not Office.objects.filter(code=OFFICE_CODE).exists()
    set_up = time_machine.travel(history_set_up_moment(), tick=False)
    with set_up if history and fresh else nullcontext():
        office, logins = _seed_office()
    made = seed_demo_history(office) if history else None
    booking = demo_applicant_book(office) if fresh else None
    if fresh:
        demo_broker_book(office)
    booking_flags_refresh()
    return DemoSeeded(logins=logins, history=made, applicant_booking=booking)


@transaction.atomic
def _seed_office() -> tuple[Office, list[tuple[str, str]]]:
    office = _office()
    this_year = timezone.localdate().year  # the calendar takes last year to five years ahead
    _calendar(range(this_year, this_year + 2))
    logins = _staff(office)
    seed_booking_demo(office)
    seed_queue_demo(office)
    seed_cases_demo()
    seed_payments_demo()
    seed_issuance_demo(office)
    if not office.is_active:
        office_open(office=office, by=None)  # refused, naming what is missing, if setup is short
    return office, logins
