"""Fixtures for the case app: tickets, bookings, photos and cases moved to any step."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import numpy as np
import pytest
from django.utils import timezone

from conftest import make_user
from paspor.accounts.models import Role
from paspor.booking.models import ApplicantProfile, Booking
from paspor.cases import biometrics, intake, interview
from paspor.cases.documents import required_documents
from paspor.cases.models import Case, CaseStatus
from paspor.cases.services import ApplicantData, case_claim, case_open
from paspor.offices.calendar import office_today
from paspor.offices.models import Counter, OfficeService, ServiceKind, Station, StationType
from paspor.queueing.models import CounterSession, Ticket

SITI = ApplicantData(
    nik="6104015708900001",  # Ketapang, woman born 17-08-1990
    full_name="Siti Aminah",
    sex="F",
    birth_date=dt.date(1990, 8, 17),
    birth_place="Ketapang",
    email="siti@example.com",
    application_type="new_adult",
    passport_kind="electronic",
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


TICKET_SERVICES = {"A": ServiceKind.REGULAR, "B": ServiceKind.PRIORITY, "C": ServiceKind.EXPRESS}


def make_ticket(
    office, number=12, *, prefix="A", booking=None, day=None, holder_name="", officer=None
):
    """A ticket at counter 1; with `officer`, the one that officer is serving there now."""
    service, _ = OfficeService.objects.get_or_create(
        office=office,
        kind=TICKET_SERVICES.get(prefix, ServiceKind.LOST_DAMAGED),
        defaults={"ticket_prefix": prefix, "route": ["intake", "biometrics"]},
    )
    counter, _ = Counter.objects.get_or_create(office=office, number=1)
    if officer is not None:
        CounterSession.objects.create(
            counter=counter,
            station=Station.objects.get(office=office, station_type=StationType.INTAKE),
            officer=officer,
            opened_at=timezone.now(),
        )
    return Ticket.objects.create(
        office=office,
        service=service,
        counter=counter,  # the ticket is being served at a counter
        officer=officer,
        day=day or office_today(office),
        prefix=prefix,
        number=number,
        booking=booking,
        holder_name=holder_name,
        arrived_at=timezone.now(),
        status="serving",
    )


def make_booking(office, account, *, code="BK12345678", data=SITI, **overrides):
    profile = ApplicantProfile.objects.create(
        account=account,
        nik=data.nik,
        full_name=data.full_name,
        sex=data.sex,
        birth_date=data.birth_date,
        birth_place=data.birth_place,
        phone="081234567890",
    )
    values = dict(
        code=code,
        office=office,
        profile=profile,
        nik=data.nik,
        date=office_today(office),
        window_start=dt.time(8),
        window_end=dt.time(10),
        application_type=data.application_type,
        passport_kind=data.passport_kind,
        status="checked_in",
    )
    values.update(overrides)
    return Booking.objects.create(**values)


@pytest.fixture
def second_supervisor(office):
    return make_user("kasi", role=Role.SUPERVISOR, office=office)


@functools.cache
def good_photo_jpeg() -> bytes:
    from paspor.lib.tests.test_photo_quality import _jpeg, _portrait

    return _jpeg(_portrait())


@functools.cache
def blurred_photo_jpeg() -> bytes:
    import cv2

    from paspor.lib.tests.test_photo_quality import _jpeg, _portrait

    return _jpeg(cv2.GaussianBlur(_portrait(), (0, 0), 2.5))


def signature_png() -> bytes:
    import cv2

    image = np.full((140, 480), 255, np.uint8)
    cv2.putText(image, "Siti", (40, 100), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 2.5, 0, 3)
    ok, encoded = cv2.imencode(".png", image)
    assert ok
    return encoded.tobytes()


def open_case(office, officer, data=SITI, **kwargs) -> Case:
    return case_open(office=office, by=officer, data=data, **kwargs)


def finish_intake(case: Case, officer) -> Case:
    data = ApplicantData(
        **{
            name: getattr(case, name)
            for name in (
                "nik",
                "full_name",
                "sex",
                "birth_date",
                "birth_place",
                "phone",
                "email",
                "application_type",
                "passport_kind",
                "language",
            )
        }
    )
    adult = case.application_type != "new_child"
    intake.case_data_verify(case=case, by=officer, data=data, validity_years=10 if adult else 5)
    if not adult:
        intake.case_parents_record(
            case=case,
            by=officer,
            parents=[
                intake.ParentData("father", "Ahmad", "6104011203850002", True, ["ktp"]),
                intake.ParentData("mother", "Siti Aminah", "6104015708900001", True, ["ktp"]),
            ],
        )
    codes = [r.code for r in required_documents(case.application_type, is_child=not adult)]
    intake.case_documents_check(case=case, by=officer, seen=codes)
    return intake.case_intake_complete(case=case, by=officer)


def finish_biometrics(case: Case, officer) -> Case:
    case_claim(case=case, by=officer)
    photo = biometrics.case_photo_add(
        case=case, by=officer, data=good_photo_jpeg(), source="upload"
    )
    biometrics.case_photo_accept(case=case, photo=photo, by=officer)
    biometrics.case_fingerprints_capture(case=case, by=officer)
    biometrics.case_signature_add(case=case, by=officer, data=signature_png(), source="pad")
    return biometrics.case_biometrics_complete(case=case, by=officer, reason="uji")


def tourist_answers(**overrides) -> interview.InterviewAnswers:
    values: dict[str, Any] = dict(
        purpose="tourism", destination="Malaysia", trip_paid_by="self", recommendation="approve"
    )
    values.update(overrides)
    return interview.InterviewAnswers(**values)


def case_at(status: CaseStatus, office, *, intake_officer, biometrics_officer, supervisor=None):
    """A case walked through the real services up to `status`."""
    case = open_case(office, intake_officer)
    if status == CaseStatus.INTAKE:
        return case
    case = finish_intake(case, intake_officer)
    if status == CaseStatus.BIOMETRICS:
        return case
    case = finish_biometrics(case, biometrics_officer)
    if status == CaseStatus.INTERVIEW:
        return case
    case = interview.case_interview_record(
        case=case, by=biometrics_officer, answers=tourist_answers()
    )
    if status == CaseStatus.AWAITING_SUPERVISOR:
        return case
    # Approved by the supervisor: payments bills it at once (fee schedule in place).
    from paspor.cases.adjudication import case_decide
    from paspor.payments.services import fee_schedule_ensure_defaults

    assert status == CaseStatus.BILLED and supervisor is not None
    fee_schedule_ensure_defaults()
    case_claim(case=case, by=supervisor)
    return case_decide(case=case, by=supervisor, approve=True, reason="")


@pytest.fixture
def at_biometrics(office, intake_officer, biometrics_officer):
    """A case at the photo station, claimed by the biometrics officer."""
    case = case_at(
        CaseStatus.BIOMETRICS,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    return case_claim(case=case, by=biometrics_officer)


@pytest.fixture
def at_interview(office, intake_officer, biometrics_officer):
    """A case waiting for its interview."""
    return case_at(
        CaseStatus.INTERVIEW,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
