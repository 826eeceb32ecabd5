"""How the office handles complaints: open ones, response times, share answered in time."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils import timezone

from paspor.complaints.models import Complaint, ComplaintStatus
from paspor.offices.calendar import OfficeCalendar
from paspor.offices.models import Office


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


def answered_complaints(*, office: Office, code: str = "") -> QuerySet[Complaint]:
    """Answered complaints, latest answer first; `code` narrows to tracking codes containing it."""
    answered = Complaint.objects.filter(office=office, status=ComplaintStatus.ANSWERED)
    if code:
        answered = answered.filter(tracking_code__icontains=code)
    return answered.select_related("office").order_by("-responded_at", "-pk")
