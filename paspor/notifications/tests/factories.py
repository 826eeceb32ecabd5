"""Rows of the core models (bookings, tickets, cases) for the notification and survey tests."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from paspor.booking.models import ApplicantProfile, Booking
from paspor.cases.models import Case
from paspor.cases.types import ApplicationType
from paspor.offices.models import OfficeService, ServiceKind
from paspor.queueing.models import Ticket

_serial = itertools.count(1)


def make_profile(account, *, birth_date=dt.date(1990, 8, 17), phone="", nik=None):
    return ApplicantProfile.objects.create(
        account=account,
        nik=nik or f"61040157089{next(_serial):05d}",
        full_name="Siti Aminah",
        sex="F",
        birth_date=birth_date,
        birth_place="Ketapang",
        phone=phone,
    )


def make_booking(office, profile, *, day=None, code=None, status="booked"):
    return Booking.objects.create(
        code=code or f"BK{next(_serial):06d}",
        office=office,
        profile=profile,
        nik=profile.nik,
        date=day or dt.date(2026, 3, 10),
        window_start=dt.time(8),
        window_end=dt.time(10),
        application_type=ApplicationType.NEW_ADULT,
        status=status,
    )


def service(office, kind=ServiceKind.REGULAR, prefix="A"):
    found, _ = OfficeService.objects.get_or_create(
        office=office, kind=kind, defaults={"ticket_prefix": prefix, "route": ["intake"]}
    )
    return found


def make_ticket(office, *, number, day, booking=None, status="waiting", kind=ServiceKind.REGULAR):
    svc = service(office, kind, "A" if kind == ServiceKind.REGULAR else "D")
    return Ticket.objects.create(
        office=office,
        service=svc,
        day=day,
        prefix=svc.ticket_prefix,
        number=number,
        booking=booking,
        status=status,
        arrived_at=timezone.now() + dt.timedelta(seconds=number),
    )


def make_case(office, opened_by, **overrides):
    values = dict(
        office=office,
        opened_by=opened_by,
        nik="6104015708900001",
        full_name="Siti Aminah",
        sex="F",
        birth_date=dt.date(1990, 8, 17),
        birth_place="Ketapang",
        phone="081234567890",
        email="siti@example.com",
        application_type=ApplicationType.NEW_ADULT,
    )
    values.update(overrides)
    return Case.objects.create(**values)


def defer_case(office, by, missing, *, deadline="2026-04-10"):
    """A case waiting for the supervisor, deferred by `by` for the `missing` documents (the
    caller runs the on-commit callbacks that send the message)."""
    from paspor.cases.models import CaseStatus
    from paspor.cases.services import case_transition

    case = make_case(office, by, status=CaseStatus.AWAITING_SUPERVISOR)
    case_transition(
        case=case,
        to=CaseStatus.DEFERRED,
        by=by,
        reason="Berkas kurang",
        data={"missing": missing, "deadline": deadline},
    )
    return case
