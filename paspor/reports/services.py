"""Rebuilding the daily summaries the period dashboard reads (paspor.reports.models).

`daily_summaries_refresh` runs nightly (the scheduler's `reports_summarize` job, handed to the
task worker) and is safe to repeat or to run twice at once: each week of days is replaced, for
every office, in one transaction that first locks the mark row, so two refreshes take turns.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import DEFAULT_DB_ALIAS, transaction
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
    visit_minutes,
    zone_bounds,
)

MARK = SUMMARY_MARK
# Days rebuilt per transaction (every office at once): a week of a national year is about
# 120,000 visits held in memory while it is written.
CHUNK_DAYS = 7
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


def _mark_on_primary() -> dt.date | None:
    """The mark as the writer sees it (report reads may go to a lagging replica)."""
    marks = SummaryMark.objects.using(DEFAULT_DB_ALIAS).filter(name=MARK)
    return marks.values_list("through", flat=True).first()


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


def _station_days(start: dt.date, end: dt.date) -> list[StationDay]:
    """Every office's station days from `start` to `end` (ticket days, the office's own)."""
    waits: dict[tuple[int, dt.date, str], list[float]] = defaultdict(list)
    services: dict[tuple[int, dt.date, str], list[float]] = defaultdict(list)
    visits = StationVisit.objects.filter(ticket__day__gte=start, ticket__day__lte=end).order_by()
    for office_id, day, kind, *times in visits.values_list(
        "ticket__office_id", "ticket__day", "station__station_type", *VISIT_TIME_FIELDS
    ).iterator(chunk_size=5000):
        wait, service = visit_minutes(*times)
        if wait is not None:
            waits[(office_id, day, kind)].append(wait)
        if service is not None:
            services[(office_id, day, kind)].append(service)
    return [
        StationDay(
            office_id=office_id,
            day=day,
            station_type=kind,
            waits=waits.get((office_id, day, kind), []),
            services=services.get((office_id, day, kind), []),
        )
        for office_id, day, kind in sorted(set(waits) | set(services))
    ]


def _outcome_days(zones: Iterable[str], start: dt.date, end: dt.date) -> list[OutcomeDay]:
    """Every office's outcome days from `start` to `end`, each on its office's clock: one
    query per time zone the offices keep."""
    counts: dict[tuple[int, dt.date, str, str], int] = defaultdict(int)
    for zone in zones:
        since, until = zone_bounds(zone, start, end)
        rows = (
            CaseEvent.objects.filter(
                case__office__time_zone=zone,
                to_status__in=OUTCOME_STATUSES,
                at__gte=since,
                at__lt=until,
            )
            .annotate(day=TruncDate("at", tzinfo=ZoneInfo(zone)))
            .values("case__office_id", "day", "to_status", "reason")
            .annotate(n=Count("pk"))
            .values_list("case__office_id", "day", "to_status", "reason", "n")
            .order_by()
        )
        for office_id, day, status, reason, n in rows:
            counts[(office_id, day, status, (reason or "").strip())] += n
    return [
        OutcomeDay(office_id=office_id, day=day, to_status=status, reason=reason, count=n)
        for (office_id, day, status, reason), n in sorted(counts.items())
    ]


def daily_summaries_refresh(*, start: dt.date | None = None) -> RefreshResult:
    """Summarise every office's closed days from `start` (default: a little before the mark,
    or the first day with data) up to the last day closed everywhere, then move the mark."""
    offices = list(Office.objects.order_by("pk"))
    through = closed_through(offices)
    mark = _mark_on_primary()
    # The mark may only pass days that were rebuilt: a later `start` is moved back to them.
    unsummarised = mark + dt.timedelta(days=1) if mark else _first_data_day()
    if start is None:
        start = mark - dt.timedelta(days=OVERLAP_DAYS - 1) if mark else unsummarised
    elif unsummarised is not None:
        start = min(start, unsummarised)
    if through is None or start is None or start > through:
        return RefreshResult(None, mark, 0, 0, 0)
    SummaryMark.objects.get_or_create(name=MARK)
    zones = sorted({office.time_zone for office in offices})
    station_rows = outcome_rows = 0
    chunk_start = start
    while chunk_start <= through:
        chunk_end = min(chunk_start + dt.timedelta(days=CHUNK_DAYS - 1), through)
        stations = _station_days(chunk_start, chunk_end)
        outcomes = _outcome_days(zones, chunk_start, chunk_end)
        with transaction.atomic():
            SummaryMark.objects.select_for_update().get(name=MARK)
            days = {"day__gte": chunk_start, "day__lte": chunk_end}
            StationDay.objects.filter(**days).delete()
            OutcomeDay.objects.filter(**days).delete()
            StationDay.objects.bulk_create(stations, batch_size=500)
            OutcomeDay.objects.bulk_create(outcomes, batch_size=1000)
        station_rows += len(stations)
        outcome_rows += len(outcomes)
        chunk_start = chunk_end + dt.timedelta(days=1)
    with transaction.atomic():
        mark_row = SummaryMark.objects.select_for_update().get(name=MARK)
        # A refresh that started earlier and finished later never moves the mark back.
        if mark_row.through is None or mark_row.through < through:
            mark_row.through = through
        mark_row.refreshed_at = timezone.now()
        mark_row.save(update_fields=["through", "refreshed_at"])
    return RefreshResult(start, mark_row.through, len(offices), station_rows, outcome_rows)
