"""Reads behind the period dashboard: each a pure function of (office or None, start, end)
(the service promise also of the moment it is read: a case not ready yet is late only once its
promised day is over).

`office=None` is the national roll-up. Periods are whole days, both ends included, on the
office's clock; the national roll-up reads each row on its own office's clock (the day a row
carries, or its moment in the office's time zone), so a national figure is the sum of the
offices' figures.

The two heaviest national reads, station times and outcomes, take their closed days from the
daily summaries (paspor.reports.models) and only the days after the summaries' mark live.

The figures and where they come from are listed in docs/reports.md.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import (
    Count,
    F,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, ExtractHour, TruncDate
from django.utils import timezone

from paspor.accounts.models import ROLE_STATIONS, Certification, Role, StaffAssignment
from paspor.booking.models import Booking, BookingStatus
from paspor.cases.models import Case, CaseEvent, CaseStatus
from paspor.cases.types import ApplicationType
from paspor.issuance.models import Booklet, BookletKind, Consumption
from paspor.lib import reasons as reason_text
from paspor.lib.ikm import IkmResult, ikm_compute
from paspor.offices.models import Office, StationType
from paspor.payments.models import BillItem, FeeItem, Payment, PaymentStatus, SlaAlert, SlaAlertKind
from paspor.queueing.models import StationVisit, Ticket, VisitOutcome
from paspor.reports.models import OutcomeDay, StationDay, SummaryMark
from paspor.surveys.models import ELEMENT_FIELDS, SurveyResponse

CERTIFICATION_HORIZON_DAYS = 90
TOP_REASONS = 10


def _scoped[M: Model](rows: QuerySet[M], office: Office | None) -> QuerySet[M]:
    return rows.filter(office=office) if office is not None else rows


def _on_office_days[M: Model](
    rows: QuerySet[M],
    office: Office | None,
    moment: str,
    start: dt.date,
    end: dt.date,
    *,
    office_path: str = "office",
) -> QuerySet[M]:
    """The office's `rows` whose `moment` falls on a day of the period on the office's clock;
    nationally, each row on its own office's clock, so the country is the sum of its offices
    (00:30 WIT on 1 December is December in Jayapura and in the roll-up). One condition per
    time zone the offices keep, in one query. `office_path` leads from a row to its office."""
    if office is not None:
        since, until = zone_bounds(office.time_zone, start, end)
        return rows.filter(**{office_path: office, f"{moment}__gte": since, f"{moment}__lt": until})
    on_days = Q(pk__in=[])
    for zone in _zones(None):
        since, until = zone_bounds(zone, start, end)
        on_days |= Q(
            **{
                f"{office_path}__time_zone": zone,
                f"{moment}__gte": since,
                f"{moment}__lt": until,
            }
        )
    return rows.filter(on_days)


def _zones(office: Office | None) -> list[str]:
    """The office's time zone, or every zone an office keeps (the national roll-up)."""
    if office is not None:
        return [office.time_zone]
    return list(Office.objects.values_list("time_zone", flat=True).distinct().order_by())


def zone_bounds(zone: str, start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, the day after end 00:00) on the clock of `zone`."""
    tz = ZoneInfo(zone)
    return (
        dt.datetime.combine(start, dt.time(), tzinfo=tz),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=tz),
    )


SUMMARY_MARK = "daily"
Days = tuple[dt.date, dt.date]


def summaries_through() -> dt.date | None:
    """The last day the daily summaries hold for every office (None before the first refresh)."""
    marks = SummaryMark.objects.filter(name=SUMMARY_MARK).values_list("through", flat=True)
    return marks.first()


def _split_period(start: dt.date, end: dt.date) -> tuple[Days | None, Days | None]:
    """The period's days the daily summaries hold, and the days to read live."""
    through = summaries_through()
    if through is None or through < start:
        return None, (start, end)
    if through >= end:
        return (start, end), None
    return (start, through), (through + dt.timedelta(days=1), end)


# --- Applications ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TypeChannelRow:
    application_type: ApplicationType
    booked: int
    walk_in: int

    @property
    def total(self) -> int:
        return self.booked + self.walk_in


def applications_by_type(
    office: Office | None, start: dt.date, end: dt.date
) -> list[TypeChannelRow]:
    """Applications opened in the period per type, by channel: booked online or walked in."""
    rows = (
        _on_office_days(Case.objects.all(), office, "created_at", start, end)
        .values("application_type")
        .annotate(
            booked=Count("pk", filter=Q(booking__isnull=False)),
            walk_in=Count("pk", filter=Q(booking__isnull=True)),
        )
    )
    found: dict[str, tuple[int, int]] = {
        row["application_type"]: (row["booked"], row["walk_in"]) for row in rows
    }
    return [TypeChannelRow(kind, *found.get(kind, (0, 0))) for kind in ApplicationType]


@dataclass(frozen=True)
class Outcomes:
    issued: int
    deferred: int
    rejected: int
    deferred_reasons: list[tuple[str, int]]
    rejected_reasons: list[tuple[str, int]]


OUTCOME_STATUSES = (CaseStatus.HANDED_OVER, CaseStatus.DEFERRED, CaseStatus.REJECTED)


@cache
def _deferral_pattern() -> re.Pattern[str]:
    """A deferral as the record writes it ("Harus dilengkapi: <documents>. Batas waktu:
    <date>."), the documents as a group."""
    record = reason_text.reason_record(reason_text.DEFERRED, missing="\x00", until="\x01")
    head, rest = record.split("\x00")
    middle, tail = rest.split("\x01")
    return re.compile(
        f"{re.escape(head)}(?P<missing>.*){re.escape(middle)}.*?{re.escape(tail)}", re.DOTALL
    )


def reason_topic(reason: str) -> str:
    """What the reasons are counted by: the text, except that a deferral counts by the
    documents it asks for — each carries its own deadline, and counted by the whole text no two
    deferrals for the same missing family card would ever be one reason."""
    text = reason.strip()
    match = _deferral_pattern().fullmatch(text)
    return match["missing"].strip() if match is not None else text


def outcomes(office: Office | None, start: dt.date, end: dt.date) -> Outcomes:
    """Passports handed over, cases deferred and rejected in the period, with the reasons given.

    Days are each office's own: closed days come from the daily summaries, the rest live.
    """
    counts: dict[str, int] = defaultdict(int)
    reasons: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    summarised, live = _split_period(start, end)
    grouped: list[tuple[str, str, int]] = []
    if summarised is not None:
        grouped += (
            _scoped(OutcomeDay.objects.all(), office)
            .filter(day__gte=summarised[0], day__lte=summarised[1])
            .values("to_status", "reason")
            .annotate(n=Sum("count"))
            .values_list("to_status", "reason", "n")
            .order_by()
        )
    if live is not None:
        events = CaseEvent.objects.filter(to_status__in=OUTCOME_STATUSES)
        grouped += (
            _on_office_days(events, office, "at", *live, office_path="case__office")
            .values("to_status", "reason")
            .annotate(n=Count("pk"))
            .values_list("to_status", "reason", "n")
            .order_by()
        )
    for status, reason, n in grouped:
        counts[status] += n
        reasons[status][reason_topic(reason or "")] += n

    def top(status: str) -> list[tuple[str, int]]:
        ranked = sorted(reasons[status].items(), key=lambda item: (-item[1], item[0]))
        return ranked[:TOP_REASONS]

    return Outcomes(
        issued=counts[CaseStatus.HANDED_OVER],
        deferred=counts[CaseStatus.DEFERRED],
        rejected=counts[CaseStatus.REJECTED],
        deferred_reasons=top(CaseStatus.DEFERRED),
        rejected_reasons=top(CaseStatus.REJECTED),
    )


# --- The service promise --------------------------------------------------------------------

# A case keeps its promise when it is ready for pickup by its due date: until then the SLA
# board lists it as open (paspor.payments.selectors.SLA_OPEN_STEPS: paid, printed, QC passed)
# and the clock raises a breach once the date has passed (paspor.payments.sla_alerts). A case
# only moves on from ready (handed over, or cancelled when not collected), so the first event
# into one of these statuses is the moment it was done.
DONE_STATUSES = (CaseStatus.READY_FOR_PICKUP, CaseStatus.HANDED_OVER)


@dataclass(frozen=True)
class SlaSummary:
    due: int  # promised for a day of the period
    kept: int  # ready for pickup on or before the promised day
    late: int  # ready after it, or still not ready with the promised day gone by
    breach_reasons: list[tuple[str, int]]  # of the late cases; "" while unexplained

    @property
    def pending(self) -> int:
        """Not ready yet and promised for today or later: neither kept nor late so far."""
        return self.due - self.kept - self.late

    @property
    def kept_pct(self) -> float | None:
        """On time, of the cases whose outcome is known (kept or late)."""
        settled = self.kept + self.late
        return 100.0 * self.kept / settled if settled else None


def sla_summary(
    office: Office | None, start: dt.date, end: dt.date, *, now: dt.datetime | None = None
) -> SlaSummary:
    """Cases promised for a day of the period: on time, late, or not due yet (as of `now`).

    Read from the cases themselves, not from the SLA clock's alerts, which exist only once
    `sla_check` has run: on time = ready for pickup by the promised day (each office's clock);
    late = ready after it, or not ready and the promised day is over (the SLA board's
    "overdue"). The reasons are those the office wrote on the case's breach alert, "" for a
    late case without one or without a reason yet.
    """
    now = now or timezone.now()
    done_at = (
        CaseEvent.objects.filter(case=OuterRef("pk"), to_status__in=DONE_STATUSES)
        .order_by("at")
        .values("at")[:1]
    )
    reason = SlaAlert.objects.filter(case=OuterRef("pk"), kind=SlaAlertKind.BREACH).values(
        "reason"
    )[:1]
    totals: dict[str, int] = defaultdict(int)
    reasons: dict[str, int] = defaultdict(int)
    for zone in _zones(office):
        tz = ZoneInfo(zone)
        cases = _scoped(Case.objects.all(), office).filter(due_date__gte=start, due_date__lte=end)
        if office is None:
            cases = cases.filter(office__time_zone=zone)
        cases = cases.annotate(done_on=TruncDate(Subquery(done_at), tzinfo=tz))
        late = Q(done_on__gt=F("due_date")) | Q(
            done_on__isnull=True, due_date__lt=now.astimezone(tz).date()
        )
        counts = cases.aggregate(
            due=Count("pk"),
            kept=Count("pk", filter=Q(done_on__lte=F("due_date"))),
            late=Count("pk", filter=late),
        )
        for key, n in counts.items():
            totals[key] += n
        grouped = (
            cases.filter(late)
            .annotate(reason=Coalesce(Subquery(reason), Value(""), output_field=TextField()))
            .values_list("reason")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for text, n in grouped:
            reasons[text.strip()] += n
    ranked = sorted(reasons.items(), key=lambda item: (-item[1], item[0]))
    return SlaSummary(
        due=totals["due"],
        kept=totals["kept"],
        late=totals["late"],
        breach_reasons=ranked[:TOP_REASONS],
    )


# --- Queue ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    count: int
    mean: float | None  # minutes
    median: float | None
    p90: float | None


@dataclass(frozen=True)
class StationTimes:
    station_type: StationType
    wait: Spread
    service: Spread


def _percentile(ordered: list[float], q: float) -> float:
    """Linear interpolation between closest ranks of sorted values, as PostgreSQL's
    percentile_cont."""
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _spread(values: list[float]) -> Spread:
    if not values:
        return Spread(0, None, None, None)
    ordered = sorted(values)
    return Spread(
        len(ordered),
        math.fsum(ordered) / len(ordered),
        _percentile(ordered, 0.5),
        _percentile(ordered, 0.9),
    )


VISIT_TIME_FIELDS = ("queued_at", "first_called_at", "started_at", "ended_at", "outcome")


def visit_minutes(
    queued: dt.datetime,
    called: dt.datetime | None,
    started: dt.datetime | None,
    ended: dt.datetime | None,
    outcome: str,
) -> tuple[float | None, float | None]:
    """A visit's waiting minutes (queued → first called; None if never called) and service
    minutes (started → ended; None unless it ended served)."""
    wait = (called - queued).total_seconds() / 60 if called is not None else None
    served = outcome == VisitOutcome.DONE and started is not None and ended is not None
    service = (ended - started).total_seconds() / 60 if served else None  # type: ignore[operator]
    return wait, service


STATION_TIMES_SQL = """
SELECT st.station_type,
       count(w.s), avg(w.s), percentile_cont(0.5) WITHIN GROUP (ORDER BY w.s),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY w.s),
       count(s.s), avg(s.s), percentile_cont(0.5) WITHIN GROUP (ORDER BY s.s),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY s.s)
FROM queueing_stationvisit v
JOIN queueing_ticket t ON t.id = v.ticket_id
JOIN offices_station st ON st.id = v.station_id
CROSS JOIN LATERAL (SELECT extract(epoch FROM v.first_called_at - v.queued_at) / 60.0 AS s) w
CROSS JOIN LATERAL (
    SELECT CASE WHEN v.outcome = 'done' THEN extract(epoch FROM v.ended_at - v.started_at) / 60.0
    END AS s
) s
WHERE t.day BETWEEN %s AND %s {office}
GROUP BY st.station_type
"""


def _number(value: object) -> float | None:
    return float(value) if value is not None else None  # type: ignore[arg-type]


def _station_times_in_database(
    office: Office | None, start: dt.date, end: dt.date
) -> dict[str, StationTimes]:
    """PostgreSQL computes the spreads itself when no day of the period is summarised."""
    params: list[dt.date | int] = [start, end]
    extra = ""
    if office is not None:
        extra = "AND t.office_id = %s"
        params.append(office.pk)
    found: dict[str, StationTimes] = {}
    with connection.cursor() as cursor:
        cursor.execute(STATION_TIMES_SQL.format(office=extra), params)
        for kind, wn, wm, w50, w90, sn, sm, s50, s90 in cursor.fetchall():
            found[kind] = StationTimes(
                StationType(kind),
                Spread(wn, _number(wm), _number(w50), _number(w90)),
                Spread(sn, _number(sm), _number(s50), _number(s90)),
            )
    return found


def station_times(office: Office | None, start: dt.date, end: dt.date) -> list[StationTimes]:
    """Per station type: waiting (queued → first called) and service (started → ended, visits
    that ended served) in minutes — mean, median and 90th percentile over the period's tickets.

    Closed days come from the daily summaries (every time kept, so the percentiles are exact),
    the days after them from the visits themselves.
    """
    summarised, live = _split_period(start, end)
    if summarised is None and connection.vendor == "postgresql":
        found = _station_times_in_database(office, start, end)
        return [found[kind] for kind in StationType if kind in found]
    waits: dict[str, list[float]] = defaultdict(list)
    services: dict[str, list[float]] = defaultdict(list)
    if summarised is not None:
        days = _scoped(StationDay.objects.all(), office).filter(
            day__gte=summarised[0], day__lte=summarised[1]
        )
        for kind, day_waits, day_services in days.values_list(
            "station_type", "waits", "services"
        ).order_by():
            waits[kind].extend(day_waits)
            services[kind].extend(day_services)
    if live is not None:
        visits = StationVisit.objects.filter(ticket__day__gte=live[0], ticket__day__lte=live[1])
        if office is not None:
            visits = visits.filter(ticket__office=office)
        for kind, *times in visits.values_list(
            "station__station_type", *VISIT_TIME_FIELDS
        ).order_by():
            wait, service = visit_minutes(*times)
            if wait is not None:
                waits[kind].append(wait)
            if service is not None:
                services[kind].append(service)
    return [
        StationTimes(kind, _spread(waits[kind]), _spread(services[kind]))
        for kind in StationType
        if kind in waits or kind in services
    ]


def arrivals_by_hour(office: Office | None, start: dt.date, end: dt.date) -> dict[int, int]:
    """Tickets issued per hour of the day (each office's own clock), over the period."""
    tickets = _scoped(Ticket.objects.all(), office).filter(day__gte=start, day__lte=end)
    counts: dict[int, int] = defaultdict(int)
    for zone in _zones(office):
        rows = tickets if office is not None else tickets.filter(office__time_zone=zone)
        grouped = (
            rows.annotate(hour=ExtractHour("arrived_at", tzinfo=ZoneInfo(zone)))
            .values("hour")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in grouped:
            counts[row["hour"]] += row["n"]
    return dict(sorted(counts.items()))


@dataclass(frozen=True)
class NoShows:
    booked: int  # bookings for days in the period that came or did not
    no_show: int

    @property
    def rate_pct(self) -> float | None:
        return 100.0 * self.no_show / self.booked if self.booked else None


def no_shows(office: Office | None, start: dt.date, end: dt.date) -> NoShows:
    """Bookings for the period's days: how many never came (of those that came or did not)."""
    rows = (
        _scoped(Booking.objects.all(), office)
        .filter(date__gte=start, date__lte=end)
        .aggregate(
            came=Count("pk", filter=Q(status=BookingStatus.CHECKED_IN)),
            missed=Count("pk", filter=Q(status=BookingStatus.NO_SHOW)),
        )
    )
    return NoShows(booked=rows["came"] + rows["missed"], no_show=rows["missed"])


# --- Money, booklets, satisfaction, staff ---------------------------------------------------


def payments_applied(office: Office | None, start: dt.date, end: dt.date) -> QuerySet[Payment]:
    """Payments applied to a bill, paid in the period: the "recorded" side of the daily
    reconciliation (paspor.payments.reconciliation) for the same office and days."""
    applied = Payment.objects.filter(status=PaymentStatus.APPLIED)
    return _on_office_days(applied, office, "paid_at", start, end)


@dataclass(frozen=True)
class Revenue:
    by_item: dict[FeeItem, tuple[int, int]]  # item → (lines, rupiah)
    payments: int
    total: int  # rupiah received: the sum of the payments


def revenue(office: Office | None, start: dt.date, end: dt.date) -> Revenue:
    """Money received in the period per fee item of the bills the payments settled."""
    applied = payments_applied(office, start, end)
    totals = applied.aggregate(n=Count("pk"), rupiah=Sum("amount"))
    items = (
        BillItem.objects.filter(bill__codes__payments__in=applied)
        .values("item")
        .annotate(n=Count("pk"), rupiah=Sum("amount"))
        .order_by()
    )
    found = {row["item"]: (row["n"], row["rupiah"] or 0) for row in items}
    return Revenue(
        by_item={item: found[item] for item in FeeItem if item in found},
        payments=totals["n"],
        total=totals["rupiah"] or 0,
    )


@dataclass(frozen=True)
class BookletUse:
    kind: BookletKind
    used: int
    spoiled: int

    @property
    def spoilage_pct(self) -> float | None:
        consumed = self.used + self.spoiled
        return 100.0 * self.spoiled / consumed if consumed else None


def booklet_use(office: Office | None, start: dt.date, end: dt.date) -> list[BookletUse]:
    """Booklets used and spoiled in the period per kind — the "used" and "spoiled" columns of
    the issuance stock report (paspor.issuance.selectors.stock_report) over any period."""
    rows = (
        _scoped(Booklet.objects.all(), office)
        .filter(consumed_on__gte=start, consumed_on__lte=end)
        .values("kind")
        .annotate(
            used=Count("pk", filter=Q(consumption=Consumption.USED)),
            spoiled=Count("pk", filter=Q(consumption=Consumption.SPOILED)),
        )
        .order_by()
    )
    found: dict[str, tuple[int, int]] = {row["kind"]: (row["used"], row["spoiled"]) for row in rows}
    return [BookletUse(kind, *found.get(kind, (0, 0))) for kind in BookletKind]


def ikm(office: Office | None, start: dt.date, end: dt.date) -> IkmResult:
    """The satisfaction index (PermenPANRB 14/2017) over the period's survey answers."""
    rows = (
        _scoped(SurveyResponse.objects.all(), office)
        .filter(answered_on__gte=start, answered_on__lte=end)
        .values_list(*ELEMENT_FIELDS)
    )
    return ikm_compute([tuple(row) for row in rows])


@dataclass(frozen=True)
class ExpiringCertification:
    name: str
    username: str
    office: str
    station_type: StationType
    certificate_number: str
    expires_on: dt.date


def expiring_certifications(
    office: Office | None, start: dt.date, end: dt.date
) -> list[ExpiringCertification]:
    """Certifications of the office's active staff that lapse within 90 days after the period,
    or have already lapsed (during it or before it), with no later certificate for the same
    station type: an officer whose certificate ran out last month can no longer open that
    station's counter (`staff_can_work_station`), and is a gap until it is renewed."""
    horizon = end + dt.timedelta(days=CERTIFICATION_HORIZON_DAYS)
    assignments = StaffAssignment.objects.filter(is_active=True, office__isnull=False).exclude(
        role__in=[Role.APPLICANT, Role.KIOSK, Role.DISPLAY]
    )
    if office is not None:
        assignments = assignments.filter(office=office)
    offices: dict[int, str] = {}
    # Only the stations a person's roles work: a head of office's old intake certificate, or
    # one for a station left behind with a former role, is no gap.
    works: dict[int, set[str]] = defaultdict(set)
    for user_id, office_name, role in assignments.values_list("user_id", "office__name", "role"):
        offices.setdefault(user_id, office_name)
        works[user_id] |= ROLE_STATIONS.get(Role(role), frozenset())
    certificates = Certification.objects.filter(user_id__in=offices).select_related("user")
    latest: dict[tuple[int, str], Certification] = {}
    for certificate in certificates.order_by("expires_on", "pk"):
        latest[(certificate.user_id, certificate.station_type)] = certificate
    return sorted(
        (
            ExpiringCertification(
                name=c.user.get_full_name() or c.user.username,
                username=c.user.username,
                office=offices[c.user_id],
                station_type=StationType(c.station_type),
                certificate_number=c.certificate_number,
                expires_on=c.expires_on,
            )
            for c in latest.values()
            if c.expires_on <= horizon and c.station_type in works[c.user_id]
        ),
        key=lambda row: (row.expires_on, row.office, row.username),
    )
