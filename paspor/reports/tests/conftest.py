"""A small week at two offices whose dashboard figures are worked out by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest

from conftest import make_user
from paspor.accounts.models import Certification, Role, User
from paspor.booking.models import ApplicantProfile, Booking, BookingStatus
from paspor.cases.models import Case, CaseEvent, CaseStatus
from paspor.issuance.models import Booklet, BookletDelivery, BookletStatus, Consumption
from paspor.offices.models import Counter, Office, OfficeService, ServiceKind, Station, StationType
from paspor.payments.models import (
    Bill,
    BillingCode,
    BillItem,
    Fee,
    Payment,
    PaymentChannel,
    PaymentStatus,
    SlaAlert,
    SlaAlertKind,
)
from paspor.queueing.models import StationVisit, Ticket, TicketStatus, VisitOutcome
from paspor.surveys.models import ELEMENT_FIELDS, SurveyInvitation, SurveyResponse

START, END = dt.date(2026, 11, 2), dt.date(2026, 11, 6)  # Monday to Friday
WIB = ZoneInfo("Asia/Jakarta")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=WIB)


# Tuesday 10 November, 08:00 in Jakarta: every promise of the week has fallen due.
AFTER_THE_WEEK = at(10, 8)


@dataclass
class Week:
    office: Office
    other: Office
    officer: User


def _case(office: Office, by: User, n: int, kind: str, *, booking: Booking | None = None) -> Case:
    case = Case.objects.create(
        office=office,
        booking=booking,
        opened_by=by,
        nik=f"61040157089{n:05d}",
        full_name=f"Pemohon {n}",
        sex="F",
        birth_date=dt.date(1990, 1, 1),
        birth_place="Ketapang",
        application_type=kind,
    )
    return case


def _booking(office: Office, profile: ApplicantProfile, n: int, status: str) -> Booking:
    return Booking.objects.create(
        code=f"BK{office.code[:2]}{n:04d}",
        office=office,
        profile=profile,
        nik=f"{n:016d}",
        date=dt.date(2026, 11, 3),
        window_start=dt.time(8),
        window_end=dt.time(10),
        application_type="new_adult",
        status=status,
    )


def _ticket(office: Office, service: OfficeService, n: int, arrived: dt.datetime) -> Ticket:
    return Ticket.objects.create(
        office=office,
        service=service,
        day=arrived.date(),
        prefix="A",
        number=n,
        arrived_at=arrived,
        status=TicketStatus.DONE,
    )


def _pay(
    case: Case, items: list[tuple[str, int]], paid: dt.datetime, ntpn: str, status: str
) -> None:
    channel, _ = PaymentChannel.objects.get_or_create(
        code="bank-uji", defaults={"name": "Bank", "secret": "s"}
    )
    total = sum(amount for _item, amount in items)
    bill = Bill.objects.create(
        case=case,
        office=case.office,
        total=total,
        fee_date=paid.date(),
        issued_at=paid - dt.timedelta(hours=2),
    )
    for position, (item, amount) in enumerate(items, start=1):
        fee = Fee.objects.filter(item=item).first() or Fee.objects.create(
            item=item, amount=amount, effective_from=dt.date(2020, 1, 1), legal_basis="PP 28/2019"
        )
        BillItem.objects.create(
            bill=bill,
            position=position,
            item=item,
            description=item,
            amount=amount,
            fee=fee,
            legal_basis="PP 28/2019",
        )
    code = BillingCode.objects.create(
        bill=bill,
        code=f"8{ntpn[-14:]}",
        amount=total,
        issued_at=bill.issued_at,
        expires_at=paid + dt.timedelta(days=1),
    )
    Payment.objects.create(
        channel=channel,
        reference=ntpn,
        billing_code=code,
        billing_code_text=code.code,
        office=case.office,
        amount=total,
        ntpn=ntpn,
        method="atm",
        paid_at=paid,
        received_at=paid,
        source="notification",
        status=status,
        flag_reason="" if status == PaymentStatus.APPLIED else "wrong_amount",
    )


@pytest.fixture
def week(
    office: Office,
    other_office: Office,
    intake_officer: User,
    applicant: User,
    officer_of_other_office: User,
) -> Week:
    profile = ApplicantProfile.objects.create(
        account=applicant,
        nik="6104015708900001",
        full_name="Pemohon",
        sex="F",
        birth_date=dt.date(1990, 8, 17),
        birth_place="Ketapang",
    )
    # Bookings for Tuesday: two came, two did not; one more at the other office did not.
    came = _booking(office, profile, 1, BookingStatus.CHECKED_IN)
    _booking(office, profile, 2, BookingStatus.CHECKED_IN)
    _booking(office, profile, 3, BookingStatus.NO_SHOW)
    _booking(office, profile, 4, BookingStatus.NO_SHOW)
    _booking(other_office, profile, 5, BookingStatus.NO_SHOW)

    # Applications: two new adults (one booked), one lost; one at the other office.
    booked = _case(office, intake_officer, 1, "new_adult", booking=came)
    walk_in = _case(office, intake_officer, 2, "new_adult")
    lost = _case(office, intake_officer, 3, "lost")
    elsewhere = _case(other_office, officer_of_other_office, 4, "new_adult")
    Case.objects.filter(pk__in=[booked.pk, walk_in.pk, lost.pk]).update(created_at=at(3, 9))
    Case.objects.filter(pk=elsewhere.pk).update(created_at=at(3, 9))
    late = _case(office, intake_officer, 5, "replacement")
    Case.objects.filter(pk=late.pk).update(created_at=at(9, 9))  # after the period

    # Outcomes: one handed over, one deferred, one rejected; one more after the period.
    for case, status, reason, when in (
        (booked, CaseStatus.HANDED_OVER, "", at(5, 14)),
        (walk_in, CaseStatus.DEFERRED, "Kartu keluarga belum dibawa", at(3, 10)),
        (lost, CaseStatus.REJECTED, "Data tidak sesuai", at(4, 11)),
        (late, CaseStatus.REJECTED, "Data tidak sesuai", at(9, 11)),
        (elsewhere, CaseStatus.REJECTED, "Data tidak sesuai", at(4, 11)),
    ):
        CaseEvent.objects.create(
            case=case, at=when, from_status="intake", to_status=status, reason=reason
        )

    # The promise: three due in the period; two ready for pickup on their day, the third never
    # (late, with a reason); the other office's one never either (late, unexplained).
    for case, due in ((booked, 4), (walk_in, 5), (lost, 6), (elsewhere, 6)):
        Case.objects.filter(pk=case.pk).update(due_date=dt.date(2026, 11, due))
    for case, when in ((booked, at(4, 15)), (walk_in, at(5, 9))):
        CaseEvent.objects.create(
            case=case, at=when, from_status="qc_passed", to_status=CaseStatus.READY_FOR_PICKUP
        )
    SlaAlert.objects.create(
        case=lost,
        office=office,
        kind=SlaAlertKind.BREACH,
        due_date=dt.date(2026, 11, 6),
        raised_at=at(9, 7),
        status_at_alert="paid",
        reason="Mesin cetak rusak",
    )

    # Queue: three tickets at intake on Tuesday, two served.
    service = OfficeService.objects.create(
        office=office, kind=ServiceKind.REGULAR, ticket_prefix="A", route=["intake", "biometrics"]
    )
    other_service = OfficeService.objects.create(
        office=other_office, kind=ServiceKind.REGULAR, ticket_prefix="A", route=["intake"]
    )
    intake = Station.objects.get(office=office, station_type=StationType.INTAKE)
    counter = Counter.objects.create(office=office, number=1)
    for n, (arrived, called, ended, outcome) in enumerate(
        (
            (at(3, 8, 10), at(3, 8, 20), at(3, 8, 30), VisitOutcome.DONE),  # waited 10, served 10
            (at(3, 8, 40), at(3, 9, 0), at(3, 9, 20), VisitOutcome.DONE),  # waited 20, served 20
            (at(3, 9, 5), at(3, 9, 35), None, VisitOutcome.NO_SHOW),  # waited 30, never came
        ),
        start=1,
    ):
        ticket = _ticket(office, service, n, arrived)
        StationVisit.objects.create(
            ticket=ticket,
            station=intake,
            queued_at=arrived,
            first_called_at=called,
            started_at=called if ended else None,
            ended_at=ended or called,
            counter=counter,
            officer=intake_officer,
            outcome=outcome,
        )
    _ticket(other_office, other_service, 1, at(3, 13))

    # Money: two payments applied in the period, one flagged, one at the other office.
    _pay(
        booked,
        [("electronic_10", 650_000), ("express", 1_000_000)],
        at(4, 10),
        "0000000000000001",
        PaymentStatus.APPLIED,
    )
    _pay(walk_in, [("electronic_5", 350_000)], at(5, 10), "0000000000000002", PaymentStatus.APPLIED)
    _pay(
        lost,
        [("electronic_10", 650_000), ("fine_lost", 1_000_000)],
        at(5, 11),
        "0000000000000003",
        PaymentStatus.FLAGGED,
    )
    _pay(
        elsewhere, [("electronic_5", 350_000)], at(5, 10), "0000000000000004", PaymentStatus.APPLIED
    )

    # Booklets: two used and one spoiled in the period, one used before it.
    delivery = BookletDelivery.objects.create(
        office=office,
        kind="electronic",
        document_number="SP-1",
        received_on=dt.date(2026, 10, 1),
        first_number="X0000001",
        last_number="X0000004",
        quantity=4,
        received_by=intake_officer,
    )
    for n, (consumption, day) in enumerate(
        (
            (Consumption.USED, 3),
            (Consumption.USED, 4),
            (Consumption.SPOILED, 4),
            (Consumption.USED, 30),
        ),
        start=1,
    ):
        Booklet.objects.create(
            office=office,
            kind="electronic",
            number=f"X{n:07d}",
            delivery=delivery,
            received_on=dt.date(2026, 10, 1),
            status=BookletStatus.ISSUED
            if consumption == Consumption.USED
            else BookletStatus.SPOILED,
            witness=intake_officer if consumption == Consumption.SPOILED else None,
            spoil_reason="Tinta luntur" if consumption == Consumption.SPOILED else "",
            consumption=consumption,
            consumed_on=dt.date(2026, 11 if day < 30 else 10, day),
        )

    # Survey: one applicant gives 4 everywhere, another 3 everywhere → NRR 3.5, IKM 87.50.
    for n, score in enumerate((4, 3), start=1):
        invitation = SurveyInvitation.objects.create(
            office=office, case=(booked, walk_in)[n - 1], created_at=at(3, 10), token=f"t{n}"
        )
        SurveyResponse.objects.create(
            invitation=invitation,
            office=office,
            answered_on=dt.date(2026, 11, 3),
            **{f: score for f in ELEMENT_FIELDS},
        )

    # Certifications: one lapsing in December at this office, one at the other office.
    expiring = make_user("petugas_biometrik_2", role=Role.BIOMETRICS, office=office)
    Certification.objects.create(
        user=expiring,
        station_type=StationType.BIOMETRICS,
        certificate_number="C-EXP",
        issued_on=dt.date(2024, 1, 1),
        expires_on=dt.date(2026, 12, 15),
    )
    Certification.objects.filter(user=officer_of_other_office).update(
        expires_on=dt.date(2026, 12, 1)
    )
    return Week(office, other_office, intake_officer)
