"""Reads of the issuance app: queues, stock, the monthly report and its drill-down."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from paspor.accounts.models import Certification, StaffAssignment, User
from paspor.cases.models import Case, CaseStatus
from paspor.issuance.conf import issuance_config
from paspor.issuance.models import (
    LIVE_PASSPORT_STATUSES,
    Booklet,
    BookletKind,
    BookletStatus,
    Consumption,
    Passport,
    PassportStatus,
)
from paspor.issuance.roles import PRINTERS
from paspor.lib.report_years import FIRST_YEAR, LAST_YEAR
from paspor.offices.calendar import office_today, working_days_after
from paspor.offices.models import Office, StationType


def available_booklets(office: Office, kind: str) -> int:
    """Blank booklets of `kind` in the office's vault (the booking app caps its pool by this)."""
    return Booklet.objects.filter(office=office, kind=kind, status=BookletStatus.IN_STOCK).count()


def valid_passports_of(nik: str, *, on: dt.date) -> QuerySet[Passport]:
    """Passports Paspor handed over to this NIK that are still valid on `on`, at any office."""
    return Passport.objects.filter(
        nik=nik, status=PassportStatus.ISSUED, expiry_date__gte=on
    ).order_by("expiry_date", "pk")


def print_queue(office: Office) -> QuerySet[Case]:
    """Paid cases waiting for printing, the SLA clock first (earliest due date, express).

    Each case carries `printing_now`: its passport being printed (a list of at most one), read
    for all the cases of a page in one query."""
    printing = Passport.objects.filter(status=PassportStatus.PRINTING)
    return (
        Case.objects.filter(office=office, status=CaseStatus.PAID)
        .order_by("due_date", "-express", "paid_at", "pk")
        .prefetch_related(Prefetch("passports", queryset=printing, to_attr="printing_now"))
    )


def qc_queue(office: Office) -> QuerySet[Passport]:
    return (
        Passport.objects.filter(case__office=office, status=PassportStatus.PRINTED)
        .select_related("case", "printed_by")
        .order_by("case__due_date", "printed_at")
    )


def ready_queue(office: Office) -> QuerySet[Passport]:
    """Passed quality control, not yet at the pickup counter."""
    return (
        Passport.objects.filter(case__office=office, status=PassportStatus.QC_PASSED)
        .select_related("case")
        .order_by("case__due_date", "pk")
    )


def pickup_queue(office: Office, search: str = "") -> QuerySet[Passport]:
    queryset = Passport.objects.filter(case__office=office, status=PassportStatus.READY)
    search = search.strip()
    if search:
        queryset = queryset.filter(
            Q(case__code__iexact=search)
            | Q(case__nik=search)
            | Q(passport_number__iexact=search)
            | Q(full_name__icontains=search)
        )
    # Reminders for the deadline: a last reminder that went out late moves it (pickup_deadline).
    return queryset.select_related("case").prefetch_related("reminders").order_by("ready_on", "pk")


def printers_of(passport: Passport) -> set[int]:
    """Ids of the officers who printed the passport: who allocated the booklet and who
    confirmed the print. Neither may check it."""
    confirmed = passport.print_confirmed_by_id
    return {passport.printed_by_id} | ({confirmed} if confirmed is not None else set())


def qc_officers(passport: Passport) -> QuerySet[User]:
    """Officers of the passport's office who may check it: print/QC officers with a
    quality-control certificate valid today, other than the printer — who allocated the booklet
    and who confirmed the print (the four-eyes rule of quality control)."""
    office = passport.case.office
    today = office_today(office)
    assigned = StaffAssignment.objects.filter(
        office=office, role__in=PRINTERS, is_active=True, user__is_active=True
    ).values("user_id")
    certified = Certification.objects.filter(
        station_type=StationType.QUALITY_CONTROL, issued_on__lte=today, expires_on__gte=today
    ).values("user_id")
    return (
        User.objects.filter(pk__in=assigned)
        .filter(pk__in=certified)
        .exclude(pk__in=printers_of(passport))
        .order_by("first_name", "last_name", "username")
    )


def printing_passport(case: Case) -> Passport | None:
    return case.passports.filter(status=PassportStatus.PRINTING).select_related("booklet").first()


def live_passport(case: Case) -> Passport | None:
    return (
        case.passports.exclude(status__in=[PassportStatus.SPOILED, PassportStatus.CANCELLED])
        .select_related("booklet", "printed_by")
        .first()
    )


@dataclass(frozen=True)
class StockLevel:
    kind: BookletKind
    available: int
    demand: int  # paid cases of this kind due within the horizon, holding no booklet yet

    @property
    def low(self) -> bool:
        return self.available < self.demand


def stock_levels(office: Office, *, today: dt.date | None = None) -> list[StockLevel]:
    """Per kind: the vault against the paid cases due in the coming working days.

    A paid case being printed holds its booklet already (allocated, out of the vault): it is
    no demand on the vault."""
    today = today or office_today(office)
    horizon = working_days_after(office, today, issuance_config().low_stock_horizon_working_days)
    holding = Passport.objects.filter(case=OuterRef("pk"), status__in=LIVE_PASSPORT_STATUSES)
    demand = dict(
        Case.objects.filter(office=office, status=CaseStatus.PAID)
        .filter(Q(due_date__lte=horizon) | Q(due_date__isnull=True))
        .exclude(Exists(holding))
        .values_list("passport_kind")
        .annotate(n=Count("pk"))
        .values_list("passport_kind", "n")
    )
    available = dict(
        Booklet.objects.filter(office=office, status=BookletStatus.IN_STOCK)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    return [
        StockLevel(kind=kind, available=available.get(kind, 0), demand=demand.get(kind, 0))
        for kind in BookletKind
    ]


# --- The monthly report -------------------------------------------------------------------------

REPORT_COLUMNS = ("opening", "received", "used", "spoiled", "returned", "closing")


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def end(self) -> dt.date:
        """The first day of the next month (exclusive)."""
        return dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def parse(cls, text: str) -> Month:
        """`YYYY-MM` in the years the other reports take (`paspor.lib.report_years`)."""
        year, month = (int(part) for part in text.split("-"))
        if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
            raise ValueError(text)
        return cls(year, month)


@dataclass(frozen=True)
class StockRow:
    kind: BookletKind
    opening: int
    received: int
    used: int
    spoiled: int
    returned: int
    closing: int

    def value(self, column: str) -> int:
        number: int = getattr(self, column)
        return number


def report_booklets(office: Office, month: Month, column: str, kind: str) -> QuerySet[Booklet]:
    """The booklets behind one number of the report (drill-down)."""
    base = Booklet.objects.filter(office=office, kind=kind)
    in_stock_at = {
        "opening": month.start,
        "closing": month.end,
    }
    if column in in_stock_at:
        day = in_stock_at[column]
        return base.filter(received_on__lt=day).filter(
            Q(consumed_on__isnull=True) | Q(consumed_on__gte=day)
        )
    in_month = {"received_on__gte": month.start, "received_on__lt": month.end}
    if column == "received":
        return base.filter(**in_month)
    consumption = {
        "used": Consumption.USED,
        "spoiled": Consumption.SPOILED,
        "returned": Consumption.RETURNED,
    }
    if column not in consumption:
        raise ValueError(column)
    return base.filter(
        consumption=consumption[column],
        consumed_on__gte=month.start,
        consumed_on__lt=month.end,
    )


def stock_report(office: Office, month: Month) -> list[StockRow]:
    """Opening + received − used − spoiled − returned = closing, per kind.

    "Stock" is every booklet received and not yet consumed — in the vault or in the printing
    room awaiting quality control. Each number is the count of `report_booklets`.
    """
    rows = []
    for kind in BookletKind:
        counts = {
            column: report_booklets(office, month, column, kind).count()
            for column in REPORT_COLUMNS
        }
        rows.append(StockRow(kind=kind, **counts))
    return rows
