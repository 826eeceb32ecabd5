"""The world the access crawl requests URLs against: one office's objects of one applicant.

Every URL parameter is filled from here, so a page answers with its real access decision
rather than "not found" for a made-up code.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from conftest import make_office, make_user
from paspor.accounts.models import Role, SignInKind, User
from paspor.accounts.services import sign_in_start
from paspor.booking.models import WaitlistEntry
from paspor.offices.models import Office, StationType


@dataclass
class World:
    office: Office
    personas: dict[str, User | None]
    params: dict[str, str] = field(default_factory=dict)


def build_world() -> World:
    from paspor.cases.models import CasePhoto, CaseStatus
    from paspor.cases.tests.conftest import good_photo_jpeg, make_booking, make_ticket
    from paspor.complaints.models import Complaint
    from paspor.issuance.tests.conftest import make_paid_case, receive
    from paspor.issuance.tests.helpers import ready_passport
    from paspor.payments.services import bill_issue_for_case, fee_schedule_ensure_defaults
    from paspor.payments.tests.factories import make_case
    from paspor.surveys.models import SurveyInvitation

    office = make_office("ketapang")
    other = make_office("pontianak")
    staff = {
        "intake": make_user(
            "w_loket", role=Role.INTAKE, office=office, stations=(StationType.INTAKE,)
        ),
        "biometrics": make_user(
            "w_biometrik", role=Role.BIOMETRICS, office=office, stations=(StationType.BIOMETRICS,)
        ),
        "supervisor": make_user(
            "w_kasubsi", role=Role.SUPERVISOR, office=office, stations=tuple(StationType)
        ),
        "print_qc": make_user(
            "w_cetak",
            role=Role.PRINT_QC,
            office=office,
            stations=(StationType.PRINTING, StationType.QUALITY_CONTROL),
        ),
        "handover": make_user(
            "w_serah", role=Role.HANDOVER, office=office, stations=(StationType.HANDOVER,)
        ),
        "head": make_user("w_kakanim", role=Role.HEAD, office=office),
        "hq": make_user("w_pusat", role=Role.HQ),
        "admin": make_user("w_admin", role=Role.ADMIN),
        "other_office": make_user(
            "w_lain", role=Role.INTAKE, office=other, stations=(StationType.INTAKE,)
        ),
        "kiosk": make_user("w_kios", role=Role.KIOSK, office=office),
        "display": make_user("w_layar", role=Role.DISPLAY, office=office),
    }
    # As in the demo: headquarters and administrators also reach the Django admin.
    for name, superuser in (("hq", False), ("admin", True)):
        staff[name].is_staff, staff[name].is_superuser = True, superuser
        staff[name].save(update_fields=["is_staff", "is_superuser"])
    owner = make_user("w_pemohon", email="pemohon@example.com")
    stranger = make_user("w_pemohon_lain", email="lain@example.com")
    for applicant in (owner, stranger):
        applicant.email_verified = True
        applicant.save(update_fields=["email_verified"])

    booking = make_booking(office, owner, code="BKW0000001")
    booking.account = owner  # the test factory leaves the booking's account empty
    booking.save(update_fields=["account"])
    ticket = make_ticket(office, booking=booking)
    # The owner's person still waits for a seat on a later date, so removing the profile is
    # refused (409) and every later request of the crawl still finds it.
    WaitlistEntry.objects.create(
        office=office,
        date=booking.date + dt.timedelta(days=7),
        pool="regular",
        account=owner,
        profile=booking.profile,
        nik=booking.profile.nik,
    )
    case = make_paid_case(
        office, staff["intake"], applicant_account=owner, booking=booking, ticket=ticket
    )
    jpeg = good_photo_jpeg()
    photo = CasePhoto.objects.create(
        case=case,
        original=ContentFile(jpeg, "o.jpg"),
        thumbnail=ContentFile(jpeg, "t.jpg"),
        print_version=ContentFile(jpeg, "p.jpg"),
        source="upload",
        passed=True,
        uploaded_at=timezone.now(),
        uploaded_by=staff["biometrics"],
    )
    receive(office, staff["print_qc"], "C1000001", "C1000010")
    checker = make_user(
        "w_qc", role=Role.PRINT_QC, office=office, stations=(StationType.QUALITY_CONTROL,)
    )
    passport = ready_passport(case, staff["print_qc"], checker)
    fee_schedule_ensure_defaults()
    billed = make_case(office, staff["intake"], applicant_account=owner, status=CaseStatus.APPROVED)
    bill_issue_for_case(case=billed, by=staff["supervisor"])
    complaint = Complaint.objects.create(
        office=office,
        category="service",
        body="Antrean lama.",
        created_at=timezone.now(),
        deadline=dt.date.today() + dt.timedelta(days=5),
    )
    invitation = SurveyInvitation.objects.create(
        office=office, ticket=ticket, created_at=timezone.now()
    )
    # The owner's phone app, signed in: the device the owner may sign out, and no one else.
    phone = sign_in_start(
        user=owner,
        kind=SignInKind.APP,
        user_agent="okhttp/4.12.0",
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    params = {
        "office": office.code,
        "code": booking.code,
        "case_code": billed.code,
        "number": passport.passport_number,
        "token": ticket.token,
        "profile": str(booking.profile.public_id),
        "entry": str(uuid.uuid4()),
        "device": str(phone.public_id),
        "public_id": str(phone.public_id),
        "payment": str(uuid.uuid4()),
        "statement": str(uuid.uuid4()),
        "date": booking.date.isoformat(),
        "pool": "regular",
        "kind": "photo",
        "pk": str(photo.pk),
        "service": "new_adult",
        "slug": "new_adult",
        "key": "permohonan",
        "fmt": "csv",
        "uid": "MQ",  # a forgotten password's link: with the ticket's token, one that fails
        # Per-URL values, chosen by the crawl where a name means different things.
        "case:code": case.code,
        "complaint:code": complaint.tracking_code,
        "survey:token": invitation.token,
        "cases:action": "data",
        "queue:action": "call",
        "attachment:number": "1",
    }
    personas: dict[str, User | None] = {"anonymous": None, "owner": owner, "stranger": stranger}
    personas.update(staff)
    return World(office=office, personas=personas, params=params)
