"""Reads of the payments app: what the applicant and the staff pages show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import User
from paspor.booking.models import Booking
from paspor.cases.models import Case, CaseStatus
from paspor.offices.calendar import OfficeCalendar, office_today
from paspor.offices.models import Office
from paspor.payments.bank import NTPN_RE, billing_code_typed, billing_code_valid
from paspor.payments.fees import fees_effective_on
from paspor.payments.models import (
    Bill,
    BillingCode,
    BillingCodeStatus,
    BillItem,
    Fee,
    FeeItem,
    Payment,
    PaymentStatus,
    SlaAlert,
    SlaAlertKind,
)
from paspor.payments.services import BILLING_CODE_DIGITS
from paspor.payments.sla import working_days_left

# Cases whose passport is promised but not finished yet, with the step each is waiting at.
SLA_OPEN_STEPS: dict[str, str | Promise] = {
    CaseStatus.PAID: _("Menunggu cetak"),
    CaseStatus.PRINTED: _("Menunggu kendali mutu"),
    CaseStatus.QC_PASSED: _("Menunggu penyiapan pengambilan"),
}


@dataclass(frozen=True)
class FeeInForce:
    """One item of the schedule as the public service standard lists it (`key` is the item)."""

    key: str
    label: str
    amount: int
    legal_basis: str


def fees_in_force(*, on: dt.date) -> list[FeeInForce]:
    """Each item's row in force on `on`, in the schedule's order (STANDARDS.md §4).

    The public service standard (`paspor.surveys.standards`) reads this, so a fee headquarters
    changes in the schedule reaches the public pages on the day it takes effect.
    """
    latest: dict[str, Fee] = {}
    for fee in fees_effective_on(on).order_by("item", "-effective_from"):
        latest.setdefault(fee.item, fee)
    return [
        FeeInForce(
            key=item.value,
            label=str(item.label),
            amount=latest[item].amount,
            legal_basis=latest[item].legal_basis,
        )
        for item in FeeItem
        if item in latest
    ]


@dataclass(frozen=True)
class PaymentStatusView:
    case: Case
    bill: Bill | None
    items: list[BillItem]
    code: BillingCode | None
    code_status: str  # the code's status, "expired" once past its expiry
    payment: Payment | None
    today: dt.date
    days_left: int | None
    # Money received for this bill's codes that could not be applied (an expired or cancelled
    # code, a wrong amount, a second payment): recorded and refunded, so the applicant who paid
    # sees it here instead of a bill that looks unpaid.
    not_applied: list[Payment] = field(default_factory=list)


def payment_status_for_case(case: Case, *, now: dt.datetime | None = None) -> PaymentStatusView:
    now = now or timezone.now()
    today = now.astimezone(case.office.tz).date()
    bill = Bill.objects.filter(case=case).first()
    items = list(bill.items.order_by("position")) if bill else []
    code = bill.codes.order_by("-issued_at", "-pk").first() if bill else None
    code_status = ""
    if code is not None:
        code_status = code.status
        if code.status == BillingCodeStatus.ISSUED and code.expires_at <= now:
            code_status = BillingCodeStatus.EXPIRED
    payment = (
        Payment.objects.select_related("channel", "billing_code")
        .filter(billing_code__bill=bill, status=PaymentStatus.APPLIED)
        .first()
        if bill
        else None
    )
    days_left = (
        working_days_left(office=case.office, today=today, due=case.due_date)
        if case.due_date
        else None
    )
    not_applied = (
        list(
            Payment.objects.filter(
                billing_code__bill=bill,
                status__in=[PaymentStatus.FLAGGED, PaymentStatus.RESOLVED],
            ).order_by("paid_at", "pk")
        )
        if bill
        else []
    )
    return PaymentStatusView(
        case, bill, items, code, code_status, payment, today, days_left, not_applied
    )


@dataclass(frozen=True)
class ApplicantLookup:
    """What the status form found for a code and a birth date.

    `case`: the application to open. `booking_only`: the code is a booking of this person
    that has not become an application yet (nothing to pay). Neither: no match — an unknown
    code and a wrong birth date are the same answer, so the form reveals no code.
    """

    case: Case | None = None
    booking_only: bool = False


def applicant_lookup(*, code: str, birth_date: dt.date) -> ApplicantLookup:
    """The application named by its number, by the booking code it was opened from, or by a
    billing code of its bill (the one the applicant has at hand when paying).

    Applicants keep both codes and mix them up (both are 10 characters). A booking code opens
    the application made from it; the birth date must match the application's or the booking
    profile's (intake may have corrected it), exactly as the application number needs it.
    """
    born_so = Q(birth_date=birth_date) | Q(booking__profile__birth_date=birth_date)
    if len(code) == BILLING_CODE_DIGITS and code.isdigit():  # the others have 10 characters
        case = Case.objects.filter(born_so, bill__codes__code=code).first()
        return ApplicantLookup(case=case)
    case = Case.objects.filter(code=code, birth_date=birth_date).first()
    if case is not None:
        return ApplicantLookup(case=case)
    from_booking = Case.objects.filter(born_so, booking__code=code)
    # A cancelled application may sit beside the live one opened again from the same booking.
    case = (
        from_booking.exclude(status=CaseStatus.CANCELLED).order_by("-created_at", "-pk").first()
        or from_booking.order_by("-created_at", "-pk").first()
    )
    if case is not None:
        return ApplicantLookup(case=case)
    booked = Booking.objects.filter(code=code, profile__birth_date=birth_date).exists()
    return ApplicantLookup(booking_only=booked)


def billed_cases_of(account: User) -> QuerySet[Case]:
    """The account's applications that have a bill, newest bill first (the applicant's home
    links each to its status page: slip, receipt and due date)."""
    return (
        Case.objects.filter(applicant_account=account, bill__isnull=False)
        .select_related("office", "bill")
        .order_by("-bill__issued_at", "-pk")
    )


def cases_awaiting_bill(office: Office) -> QuerySet[Case]:
    return Case.objects.filter(office=office, status=CaseStatus.APPROVED, bill__isnull=True)


def _bills_matching(search: str) -> Q | None:
    """What a person at the counter or a bank reads out: the billing code (any of the bill's
    codes, typed as printed in groups of five or without spaces), the application number, the
    NTPN of a payment on one of its codes, or part of the applicant's name."""
    text = " ".join(search.split())
    if not text:
        return None
    compact = billing_code_typed(text).upper()
    matching = Q(case__full_name__icontains=text) | Q(case__code=compact)
    if billing_code_valid(compact):
        matching |= Q(Exists(BillingCode.objects.filter(bill=OuterRef("pk"), code=compact)))
    if NTPN_RE.fullmatch(compact):
        matching |= Q(
            Exists(Payment.objects.filter(billing_code__bill=OuterRef("pk"), ntpn=compact))
        )
    return matching


def bills_of_office(
    office: Office, *, search: str = "", status: str = "", now: dt.datetime | None = None
) -> QuerySet[Bill]:
    """The office's bills, newest first, for its payments page: found by `search`
    (`_bills_matching`) and kept to one `status` of their current code.

    Only this office's bills: a code, an NTPN or a name of another office's bill finds nothing.
    Each row carries, in the same statement, its current code's status as the page shows it
    (`code_state`: an issued code past its expiry is expired, as the status page says, before
    `billing_codes_expire` marks it), the time and NTPN of the payment that paid it, and how
    many payments on its codes were recorded but not applied. Its codes come in one more
    statement (newest first), so a page costs the same number of statements for 3 or 50 rows.
    """
    now = now or timezone.now()
    latest = BillingCode.objects.filter(bill=OuterRef("pk")).order_by("-issued_at", "-pk")[:1]
    applied = Payment.objects.filter(
        billing_code__bill=OuterRef("pk"), status=PaymentStatus.APPLIED
    )[:1]
    not_applied = (
        Payment.objects.filter(
            billing_code__bill=OuterRef("pk"),
            status__in=[PaymentStatus.FLAGGED, PaymentStatus.RESOLVED],
        )
        .order_by()
        .values("billing_code__bill")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = Bill.objects.filter(office=office).annotate(
        code_status=Subquery(latest.values("status")),
        code_expires_at=Subquery(latest.values("expires_at")),
        code_state=models.Case(
            models.When(
                code_status=BillingCodeStatus.ISSUED,
                code_expires_at__lte=now,
                then=Value(BillingCodeStatus.EXPIRED.value),
            ),
            default=F("code_status"),
            output_field=models.CharField(),
        ),
        paid_at=Subquery(applied.values("paid_at")),
        paid_ntpn=Subquery(applied.values("ntpn")),
        not_applied=Coalesce(Subquery(not_applied), 0),
    )
    matching = _bills_matching(search)
    if matching is not None:
        rows = rows.filter(matching)
    if status:
        rows = rows.filter(code_state=status)
    codes = BillingCode.objects.order_by("-issued_at", "-pk")
    return (
        rows.select_related("case")
        .prefetch_related(Prefetch("codes", queryset=codes))
        .order_by("-issued_at", "-pk")
    )


def payments_flagged(office: Office | None) -> QuerySet[Payment]:
    rows = Payment.objects.filter(status=PaymentStatus.FLAGGED).select_related("channel")
    return rows.filter(office=office) if office is not None else rows


def payments_flagged_without_office() -> QuerySet[Payment]:
    """Flagged money no office can claim (a billing code nobody issued): headquarters and
    administrators review it on every office's payments page, oldest first."""
    return (
        Payment.objects.filter(status=PaymentStatus.FLAGGED, office__isnull=True)
        .select_related("channel")
        .order_by("received_at", "pk")
    )


@dataclass
class SlaRow:
    case: Case
    step: str | Promise
    due_date: dt.date
    days_left: int
    breach: SlaAlert | None = None

    @property
    def explained(self) -> bool:
        """Whether the breach's reason is on record (else the board asks for it)."""
        return bool(self.breach and self.breach.reason)


@dataclass
class SlaBoard:
    today: dt.date
    tomorrow: dt.date
    due_today: list[SlaRow] = field(default_factory=list)
    due_tomorrow: list[SlaRow] = field(default_factory=list)
    overdue: list[SlaRow] = field(default_factory=list)
    breaches_explained: list[SlaAlert] = field(default_factory=list)


def sla_open_cases(office: Office) -> QuerySet[Case]:
    return Case.objects.filter(
        office=office, status__in=list(SLA_OPEN_STEPS), due_date__isnull=False
    )


@dataclass(frozen=True)
class SlaCounts:
    overdue: int
    due_today: int


def sla_counts(office: Office, *, today: dt.date | None = None) -> SlaCounts:
    """The SLA board's overdue and due-today columns, counted in one query instead of read."""
    today = today or office_today(office)
    counts = sla_open_cases(office).aggregate(
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        due_today=Count("pk", filter=Q(due_date=today)),
    )
    return SlaCounts(**counts)


def sla_board(office: Office, *, today: dt.date | None = None) -> SlaBoard:
    """Cases due today, due the next working day ("tomorrow"), and overdue."""
    today = today or office_today(office)
    calendar = OfficeCalendar(office)
    tomorrow = calendar.working_days_after(today, 1)
    board = SlaBoard(today=today, tomorrow=tomorrow)
    cases = list(sla_open_cases(office).filter(due_date__lte=tomorrow).order_by("due_date", "pk"))
    # Only the alerts of the cases on the board: the office's breaches of every past year are
    # not read for it.
    breaches = {
        alert.case_id: alert
        for alert in SlaAlert.objects.filter(
            office=office, kind=SlaAlertKind.BREACH, case_id__in=[case.pk for case in cases]
        )
    }
    for case in cases:
        assert case.due_date is not None
        row = SlaRow(
            case=case,
            step=SLA_OPEN_STEPS[case.status],
            due_date=case.due_date,
            days_left=working_days_left(
                office=office, today=today, due=case.due_date, calendar=calendar
            ),
            breach=breaches.get(case.pk),
        )
        if case.due_date < today:
            board.overdue.append(row)
        elif case.due_date == today:
            board.due_today.append(row)
        else:
            board.due_tomorrow.append(row)
    board.breaches_explained = list(
        SlaAlert.objects.filter(office=office, kind=SlaAlertKind.BREACH)
        .exclude(reason="")
        .select_related("case", "reason_by")
        .order_by("-reason_at")[:20]
    )
    return board
