"""How the office handles complaints: open ones, response times, share answered in time; and,
for headquarters, the complaints offices left open past their deadline."""

from __future__ import annotations

import datetime as dt
import functools
import operator
import statistics
import zoneinfo
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from paspor.accounts.access import office_staff_to_tell
from paspor.accounts.models import Role, User
from paspor.complaints.models import Complaint, ComplaintStatus
from paspor.offices.calendar import OfficeCalendar
from paspor.offices.models import Office, TimeZone

# The office's people who answer its complaints, and who are told when one escalates.
OFFICE_RESPONDERS = (Role.HEAD, Role.SUPERVISOR)


@dataclass(frozen=True)
class ComplaintStats:
    received: int
    answered: int
    open: int
    overdue: int  # open and past the deadline
    answered_in_time: int
    within_deadline_pct: float | None  # in time / (answered + overdue): outcomes known
    median_working_days: float | None  # working days from receipt to answer
    mean_hours: float | None


def complaints_received(*, office: Office, start: dt.date, end: dt.date) -> QuerySet[Complaint]:
    tz = office.tz
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    finish = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return Complaint.objects.filter(office=office, created_at__gte=begin, created_at__lt=finish)


def _tenths(value: float) -> float:
    """One decimal, rounded half up as the office reports it (1,25 → 1,3; `round` gives 1,2)."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def complaint_stats(*, office: Office, start: dt.date, end: dt.date) -> ComplaintStats:
    calendar = OfficeCalendar(office)
    today = timezone.localtime(timezone.now(), office.tz).date()
    received = answered = open_ = overdue = in_time = 0
    days: list[int] = []
    hours: list[float] = []
    for complaint in complaints_received(office=office, start=start, end=end):
        received += 1
        if complaint.status == ComplaintStatus.OPEN or complaint.responded_at is None:
            open_ += 1
            overdue += today > complaint.deadline
            continue
        answered += 1
        received_on = timezone.localtime(complaint.created_at, office.tz).date()
        answered_on = timezone.localtime(complaint.responded_at, office.tz).date()
        in_time += answered_on <= complaint.deadline
        days.append(calendar.working_days_between(received_on, answered_on))
        hours.append((complaint.responded_at - complaint.created_at).total_seconds() / 3600)
    known = answered + overdue
    return ComplaintStats(
        received=received,
        answered=answered,
        open=open_,
        overdue=overdue,
        answered_in_time=in_time,
        within_deadline_pct=_tenths(100 * in_time / known) if known else None,
        median_working_days=statistics.median(days) if days else None,
        mean_hours=_tenths(statistics.fmean(hours)) if hours else None,
    )


def open_complaints(*, office: Office) -> QuerySet[Complaint]:
    return (
        Complaint.objects.filter(office=office, status=ComplaintStatus.OPEN)
        .select_related("office")
        .order_by("deadline", "created_at")
    )


def complaint_office_staff(office: Office) -> list[User]:
    """The office's active head and supervisors with an e-mail address, each person once."""
    return office_staff_to_tell(office, OFFICE_RESPONDERS)


def answered_complaints(*, office: Office, code: str = "") -> QuerySet[Complaint]:
    """Answered complaints, latest answer first; `code` narrows to tracking codes containing it."""
    answered = Complaint.objects.filter(office=office, status=ComplaintStatus.ANSWERED)
    if code:
        answered = answered.filter(tracking_code__icontains=code)
    return answered.select_related("office").order_by("-responded_at", "-pk")


# --- Escalation: the national view of headquarters ------------------------------------------


def overdue_filter(*, now: dt.datetime | None = None) -> Q:
    """Open past the deadline, each office on its own clock: at 00.30 WITA a Makassar
    complaint due yesterday is overdue while a Jakarta one (23.30 WIB) is not yet."""
    moment = now if now is not None else timezone.now()
    per_zone = [
        Q(
            office__time_zone=zone,
            deadline__lt=timezone.localtime(moment, zoneinfo.ZoneInfo(zone)).date(),
        )
        for zone in TimeZone.values
    ]
    return Q(status=ComplaintStatus.OPEN) & functools.reduce(operator.or_, per_zone)


@dataclass(frozen=True)
class OfficeBacklog:
    office: Office
    open: int
    overdue: int  # of which past the deadline


def open_complaints_by_office() -> list[OfficeBacklog]:
    """Every office with open complaints: most overdue first, then most open, then by name."""
    rows = (
        Complaint.objects.filter(status=ComplaintStatus.OPEN)
        .values("office")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=overdue_filter()))
    )
    counts = {row["office"]: (row["open"], row["overdue"]) for row in rows}
    offices = Office.objects.in_bulk(list(counts))
    backlog = [
        OfficeBacklog(office=offices[pk], open=open_, overdue=overdue)
        for pk, (open_, overdue) in counts.items()
    ]
    return sorted(backlog, key=lambda row: (-row.overdue, -row.open, row.office.name))


def office_backlog(office: Office) -> OfficeBacklog:
    """The office's open complaints (`open_complaints`) and how many of them are overdue, the
    numbers of the office's complaints page, in one query."""
    counts = open_complaints(office=office).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=overdue_filter())
    )
    return OfficeBacklog(office=office, open=counts["open"], overdue=counts["overdue"])


def overdue_complaints() -> QuerySet[Complaint]:
    """Open complaints past their deadline in every office, the oldest first."""
    return (
        Complaint.objects.filter(overdue_filter())
        .select_related("office")
        .order_by("created_at", "pk")
    )


def days_late(complaint: Complaint) -> int:
    """Calendar days since the deadline, on the office's clock (1 the day after it)."""
    today = timezone.localtime(timezone.now(), complaint.office.tz).date()
    return (today - complaint.deadline).days
