"""Rebuilding the daily summaries the period dashboard reads (paspor.reports.models).

`daily_summaries_refresh` runs nightly (the scheduler's `reports_summarize` job, handed to the
task worker) and is safe to repeat or to run twice at once: each office's days are replaced in
one transaction that first locks the mark row, so two refreshes take turns office by office.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Min
from django.db.models.functions import TruncDate
from django.utils import timezone

from paspor.cases.models import CaseEvent
from paspor.offices.calendar import office_today
from paspor.offices.models import Office
from paspor.queueing.models import StationVisit, Ticket
from paspor.reports.models import OutcomeDay, StationDay, SummaryMark
from paspor.reports.selectors.period import (
    OUTCOME_STATUSES,
    SUMMARY_MARK,
    VISIT_TIME_FIELDS,
    summaries_through,
    time_bounds,
    visit_minutes,
)

MARK = SUMMARY_MARK
# Days up to the mark rebuilt on every refresh, for times written after their day was over (a
# visit finished after midnight, a counter closed the next morning).
OVERLAP_DAYS = 2


@dataclass(frozen=True)
class RefreshResult:
    start: dt.date | None  # first day rebuilt (None: nothing to do)
    through: dt.date | None  # the mark after the refresh
    offices: int
    station_days: int
    outcome_days: int


def closed_through(offices: Iterable[Office]) -> dt.date | None:
    """The last day that is over at every office: yesterday at the office furthest west."""
    todays = [office_today(office) for office in offices]
    return min(todays) - dt.timedelta(days=1) if todays else None


def _first_data_day() -> dt.date | None:
    first_ticket = Ticket.objects.aggregate(day=Min("day"))["day"]
    first_event = CaseEvent.objects.aggregate(at=Min("at"))["at"]
    candidates = [first_ticket] if first_ticket else []
    if first_event is not None:
        # A day early: the event's own office may be east of UTC.
        candidates.append(first_event.date() - dt.timedelta(days=1))
    return min(candidates) if candidates else None


def _station_days(office: Office, start: dt.date, end: dt.date) -> list[StationDay]:
    waits: dict[tuple[dt.date, str], list[float]] = defaultdict(list)
    services: dict[tuple[dt.date, str], list[float]] = defaultdict(list)
    visits = StationVisit.objects.filter(
        ticket__office=office, ticket__day__gte=start, ticket__day__lte=end
    ).order_by()
    for day, kind, *times in visits.values_list(
        "ticket__day", "station__station_type", *VISIT_TIME_FIELDS
    ).iterator(chunk_size=5000):
        wait, service = visit_minutes(*times)
        if wait is not None:
            waits[(day, kind)].append(wait)
        if service is not None:
            services[(day, kind)].append(service)
    return [
        StationDay(
            office=office,
            day=day,
            station_type=kind,
            waits=waits.get((day, kind), []),
            services=services.get((day, kind), []),
        )
        for day, kind in sorted(set(waits) | set(services))
    ]


def _outcome_days(office: Office, start: dt.date, end: dt.date) -> list[OutcomeDay]:
    since, until = time_bounds(office, start, end)
    rows = (
        CaseEvent.objects.filter(
            case__office=office, to_status__in=OUTCOME_STATUSES, at__gte=since, at__lt=until
        )
        .annotate(day=TruncDate("at", tzinfo=office.tz))
        .values("day", "to_status", "reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[dt.date, str, str], int] = defaultdict(int)
    for row in rows:
        counts[(row["day"], row["to_status"], (row["reason"] or "").strip())] += row["n"]
    return [
        OutcomeDay(office=office, day=day, to_status=status, reason=reason, count=n)
        for (day, status, reason), n in sorted(counts.items())
    ]


def daily_summaries_refresh(*, start: dt.date | None = None) -> RefreshResult:
    """Summarise every office's closed days from `start` (default: a little before the mark,
    or the first day with data) up to the last day closed everywhere, then move the mark."""
    offices = list(Office.objects.order_by("pk"))
    through = closed_through(offices)
    if start is None:
        mark = summaries_through()
        start = mark - dt.timedelta(days=OVERLAP_DAYS - 1) if mark else _first_data_day()
    if through is None or start is None or start > through:
        return RefreshResult(None, summaries_through(), 0, 0, 0)
    SummaryMark.objects.get_or_create(name=MARK)
    station_rows = outcome_rows = 0
    for office in offices:
        stations = _station_days(office, start, through)
        outcomes = _outcome_days(office, start, through)
        with transaction.atomic():
            SummaryMark.objects.select_for_update().get(name=MARK)
            StationDay.objects.filter(office=office, day__gte=start, day__lte=through).delete()
            OutcomeDay.objects.filter(office=office, day__gte=start, day__lte=through).delete()
            StationDay.objects.bulk_create(stations, batch_size=500)
            OutcomeDay.objects.bulk_create(outcomes, batch_size=500)
        station_rows += len(stations)
        outcome_rows += len(outcomes)
    with transaction.atomic():
        mark_row = SummaryMark.objects.select_for_update().get(name=MARK)
        # A refresh that started earlier and finished later never moves the mark back.
        if mark_row.through is None or mark_row.through < through:
            mark_row.through = through
        mark_row.refreshed_at = timezone.now()
        mark_row.save(update_fields=["through", "refreshed_at"])
    return RefreshResult(start, mark_row.through, len(offices), station_rows, outcome_rows)
