"""Reads: release times, quotas, availability (cached), an applicant's bookings, staff lists."""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, Count, F, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from paspor.accounts.models import User
from paspor.booking.conf import setting
from paspor.booking.models import (
    ACTIVE_BOOKING_STATUSES,
    AllocationMode,
    ArrivalSession,
    Ballot,
    BallotEntry,
    BallotStatus,
    Booking,
    BookingFlag,
    BookingFlagRefresh,
    BookingPolicy,
    FlagKind,
    NikBlock,
    Pool,
    PoolPolicy,
    QuotaCounter,
    QuotaDefault,
    QuotaException,
    ReleaseRule,
    WaitlistEntry,
)
from paspor.offices.calendar import OfficeCalendar
from paspor.offices.models import Office


@dataclass(frozen=True)
class OfficeSetup:
    """An office's booking configuration, read together and cached (it rarely changes)."""

    policy: BookingPolicy
    modes: dict[str, str]
    sessions: dict[str, ArrivalSession]
    calendar: OfficeCalendar


SETUP_CACHE_SECONDS = 60


def office_setup(office: Office) -> OfficeSetup:
    """Policy, pool modes, sessions and calendar of an office, from the cache when possible.

    Cleared with the office's availability version (every quota, session or policy change
    through a service or the admin); headquarters' calendar edits show within a minute.
    """
    version = cache.get(_version_key(office.pk), 0)
    key = f"booking:setup:{office.pk}:{version}"
    setup: OfficeSetup | None = cache.get(key)
    if setup is None:
        policy = BookingPolicy.objects.filter(office=office).first() or BookingPolicy(office=office)
        modes = {pool.value: AllocationMode.FCFS.value for pool in Pool}
        modes.update(PoolPolicy.objects.filter(office=office).values_list("pool", "mode"))
        sessions = {
            s.key: s
            for s in ArrivalSession.objects.filter(office=office, is_active=True).order_by("start")
        }
        calendar = OfficeCalendar(office)
        today = timezone.now().astimezone(office.tz).date()
        for year in (today.year - 1, today.year, today.year + 1):
            calendar.is_working_day(dt.date(year, 1, 1))  # loads the year's rows
        setup = OfficeSetup(policy, modes, sessions, calendar)
        cache.set(key, setup, timeout=SETUP_CACHE_SECONDS)
    return setup


OFFICE_CODE = re.compile(r"[-a-zA-Z0-9_]{1,20}")


def office_by_code(code: str) -> Office | None:
    """An active office by code, cached for a minute (offices change rarely)."""
    if not OFFICE_CODE.fullmatch(code):  # a slug of at most 20: anything else is no office
        return None
    key = f"booking:office:{code}"
    office: Office | None = cache.get(key)
    if office is None:
        office = Office.objects.filter(code=code, is_active=True).first()
        if office is not None:
            cache.set(key, office, timeout=SETUP_CACHE_SECONDS)
    return office


def office_forget(office: Office) -> None:
    """Drop the cached office after commit, so that one taken out of service (or changed) is
    read afresh at once instead of within the cache's minute."""
    key = f"booking:office:{office.code}"
    transaction.on_commit(lambda: cache.delete(key))


def policy_for(office: Office) -> BookingPolicy:
    """The office's policy, or the defaults (monthly release at 09:00) when none is saved."""
    return office_setup(office).policy


@dataclass(frozen=True)
class PriorityAges:
    """Who the priority pool (Ramah HAM) takes by age: children under `child_under`, people
    aged `elderly_from` or over."""

    child_under: int
    elderly_from: int


def priority_ages(office: Office | None) -> PriorityAges:
    """The office's own ages where it set them, else the deployment's (STANDARDS.md §7); the
    deployment's for no office in particular."""
    policy = policy_for(office) if office is not None else None
    return PriorityAges(
        child_under=(policy and policy.priority_child_under)
        or setting("BOOKING_PRIORITY_CHILD_UNDER"),
        elderly_from=(policy and policy.priority_elderly_from)
        or setting("BOOKING_PRIORITY_ELDERLY_FROM"),
    )


def pool_modes(office: Office) -> dict[str, str]:
    return office_setup(office).modes


def release_at(
    office: Office,
    day: dt.date,
    *,
    policy: BookingPolicy | None = None,
    calendar: OfficeCalendar | None = None,
) -> dt.datetime:
    """When `day` opens for booking, in the office's time zone.

    Monthly (M-Paspor's practice): all dates of a month open at the release time on the last
    working day of the month before. Rolling: each date opens `rolling_days` before it.
    """
    if policy is None or calendar is None:
        setup = office_setup(office)
        policy, calendar = policy or setup.policy, calendar or setup.calendar
    try:
        if policy.release_rule == ReleaseRule.ROLLING:
            release_day = day - dt.timedelta(days=policy.rolling_days)
        else:
            release_day = day.replace(day=1) - dt.timedelta(days=1)
            while not calendar.is_working_day(release_day):
                release_day -= dt.timedelta(days=1)
    except OverflowError:  # a day at the calendar's very start (0001-01-01 asked of the API)
        release_day = dt.date.min + dt.timedelta(days=1)  # one day of room for a UTC offset
    return dt.datetime.combine(release_day, policy.release_time, tzinfo=office.tz)


class DayState(StrEnum):
    PAST = "past"  # today or earlier: booking closes the day before
    CLOSED = "closed"  # not a working day of the office
    NOT_RELEASED = "not_released"
    OPEN = "open"


@dataclass(frozen=True)
class PoolView:
    pool: str
    label: str
    capacity: int
    booked: int
    mode: str

    @property
    def remaining(self) -> int:
        return max(0, self.capacity - self.booked)


@dataclass(frozen=True)
class SessionView:
    key: str
    start: dt.time
    end: dt.time
    pools: list[PoolView]


@dataclass(frozen=True)
class DayView:
    office: Office
    date: dt.date
    state: DayState
    opens_at: dt.datetime
    sessions: list[SessionView] = field(default_factory=list)

    def remaining(self, pool: str) -> int:
        return sum(p.remaining for s in self.sessions for p in s.pools if p.pool == pool)

    def capacity(self, pool: str) -> int:
        return sum(p.capacity for s in self.sessions for p in s.pools if p.pool == pool)

    @property
    def bookable(self) -> bool:
        return self.state == DayState.OPEN

    @property
    def remaining_regular(self) -> int:
        return self.remaining(Pool.REGULAR)

    @property
    def remaining_priority(self) -> int:
        return self.remaining(Pool.PRIORITY)

    @property
    def remaining_express(self) -> int:
        return self.remaining(Pool.EXPRESS)


def day_state(
    office: Office,
    day: dt.date,
    *,
    now: dt.datetime | None = None,
    policy: BookingPolicy | None = None,
    calendar: OfficeCalendar | None = None,
) -> tuple[DayState, dt.datetime]:
    now = now or timezone.now()
    if policy is None or calendar is None:
        setup = office_setup(office)
        policy, calendar = policy or setup.policy, calendar or setup.calendar
    opens = release_at(office, day, policy=policy, calendar=calendar)
    if day <= now.astimezone(office.tz).date():
        return DayState.PAST, opens
    if not calendar.is_working_day(day):
        return DayState.CLOSED, opens
    if now < opens:
        return DayState.NOT_RELEASED, opens
    return DayState.OPEN, opens


def capacity_for(office: Office, day: dt.date, session: ArrivalSession, pool: str) -> int:
    """The quota of one session and pool on a date: the date's exception, else the weekday's."""
    exception = QuotaException.objects.filter(
        office=office, date=day, session=session, pool=pool
    ).first()
    if exception is not None:
        return exception.capacity
    default = QuotaDefault.objects.filter(
        office=office, weekday=day.weekday(), session=session, pool=pool
    ).first()
    return default.capacity if default is not None else 0


def _version_key(office_id: int) -> str:
    return f"booking:ver:{office_id}"


def _day_key(office_id: int, day: dt.date, version: int) -> str:
    return f"booking:day:{office_id}:{day.isoformat()}:{version}"


def availability_changed(office_id: int, day: dt.date | None = None) -> None:
    """Forget cached availability after commit: one date, or every date of the office."""

    def forget() -> None:
        if day is None:
            try:
                cache.incr(_version_key(office_id))
            except ValueError:
                cache.set(_version_key(office_id), 1, timeout=None)
        else:
            version = cache.get(_version_key(office_id), 0)
            cache.delete(_day_key(office_id, day, version))

    transaction.on_commit(forget)


def _seat_table(office: Office, days: list[dt.date]) -> dict[dt.date, list[dict[str, Any]]]:
    """Capacity and seats taken per session and pool, for several dates in four queries."""
    sessions = list(office_setup(office).sessions.values())
    defaults = {
        (row.weekday, row.session_id, row.pool): row.capacity
        for row in QuotaDefault.objects.filter(office=office)
    }
    exceptions = {
        (row.date, row.session_id, row.pool): row.capacity
        for row in QuotaException.objects.filter(office=office, date__in=days)
    }
    counters = {
        (row.date, row.session_id, row.pool): (row.capacity, row.booked)
        for row in QuotaCounter.objects.filter(office=office, date__in=days)
    }
    table: dict[dt.date, list[dict[str, Any]]] = {}
    for day in days:
        rows = []
        for session in sessions:
            pools = {}
            for pool in Pool:
                key = (day, session.pk, pool.value)
                if key in counters:
                    pools[pool.value] = list(counters[key])
                else:
                    capacity = exceptions.get(
                        key, defaults.get((day.weekday(), session.pk, pool.value), 0)
                    )
                    pools[pool.value] = [capacity, 0]
            rows.append(
                {"key": session.key, "start": session.start, "end": session.end, "pools": pools}
            )
        table[day] = rows
    return table


def _cached_seats(office: Office, days: list[dt.date]) -> dict[dt.date, list[dict[str, Any]]]:
    """Availability is what everyone refreshes at release time: served from the cache (no
    locks, no writes), recomputed on a miss, forgotten on every change and after a few seconds.
    """
    version = cache.get(_version_key(office.pk), 0)
    keys = {_day_key(office.pk, day, version): day for day in days}
    found = cache.get_many(list(keys))
    result = {keys[key]: value for key, value in found.items()}
    missing = [day for day in days if day not in result]
    if missing:
        fresh = _seat_table(office, missing)
        cache.set_many(
            {_day_key(office.pk, day, version): rows for day, rows in fresh.items()},
            timeout=setting("BOOKING_AVAILABILITY_CACHE_SECONDS"),
        )
        result.update(fresh)
    return result


def availability(
    office: Office, days: list[dt.date], *, now: dt.datetime | None = None
) -> list[DayView]:
    now = now or timezone.now()
    setup = office_setup(office)
    policy, calendar, modes = setup.policy, setup.calendar, setup.modes
    labels = {pool.value: str(pool.label) for pool in Pool}
    states = {
        day: day_state(office, day, now=now, policy=policy, calendar=calendar) for day in days
    }
    shown = [day for day, (state, _) in states.items() if state == DayState.OPEN]
    seats = _cached_seats(office, shown) if shown else {}
    views = []
    for day in days:
        state, opens = states[day]
        sessions = [
            SessionView(
                key=row["key"],
                start=row["start"],
                end=row["end"],
                pools=[
                    PoolView(p, labels[p], cap, booked, modes[p])
                    for p, (cap, booked) in row["pools"].items()
                ],
            )
            for row in seats.get(day, [])
        ]
        views.append(DayView(office, day, state, opens, sessions))
    return views


def day_availability(office: Office, day: dt.date, *, now: dt.datetime | None = None) -> DayView:
    return availability(office, [day], now=now)[0]


def upcoming_days(office: Office, *, now: dt.datetime | None = None) -> list[dt.date]:
    today = (now or timezone.now()).astimezone(office.tz).date()
    return [today + dt.timedelta(days=n) for n in range(1, setting("BOOKING_DAYS_SHOWN") + 1)]


def session_by_key(office: Office, key: str) -> ArrivalSession | None:
    """An active session by its start time ("08:00"), from the cached office setup."""
    try:
        start = dt.time.fromisoformat(key)
    except ValueError:
        return None
    return office_setup(office).sessions.get(f"{start:%H:%M}")


def active_block(nik: str, *, now: dt.datetime, kind: str | None = None) -> NikBlock | None:
    """The block of `nik` that lasts longest from `now` (of one `kind` when given)."""
    blocks = NikBlock.objects.filter(nik=nik, until__gt=now)
    if kind is not None:
        blocks = blocks.filter(kind=kind)
    return blocks.order_by("-until").first()


def active_bookings_by_nik(niks: Iterable[str]) -> dict[str, Booking]:
    """The active booking of each of `niks` that has one, whichever account made it (the
    database allows one per NIK: `one_active_booking_per_nik`)."""
    wanted = list(niks)
    if not wanted:
        return {}
    found = Booking.objects.filter(nik__in=wanted, status__in=ACTIVE_BOOKING_STATUSES)
    return {booking.nik: booking for booking in found}


def month_start(now: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """Midnight of the first day of `now`'s month on the clock of `tz`."""
    local = now.astimezone(tz)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def bookings_this_month(
    account: User, *, now: dt.datetime, tz: dt.tzinfo, lock: bool = False
) -> int:
    """Bookings the account made this calendar month (on the clock of `tz`, the office booked
    at); `lock` also locks the account row (one round trip: SELECT … FOR UPDATE OF the user row
    with the count as a subquery)."""
    mine = Booking.objects.filter(account=account, created_at__gte=month_start(now, tz))
    if not lock:
        return mine.count()
    count = mine.order_by().values("account").annotate(n=Count("id")).values("n")[:1]
    row = (
        User.objects.select_for_update(of=("self",))
        .filter(pk=account.pk)
        .annotate(n=Subquery(count))
        .values_list("n", flat=True)
        .first()
    )
    return int(row or 0)


def bookings_of(account: User) -> QuerySet[Booking]:
    """The account's bookings as the applicant looks for them: the visits still to come first,
    the nearest first; then the rest (cancelled, done, missed), the latest first."""
    upcoming = Q(status__in=ACTIVE_BOOKING_STATUSES)
    return (
        Booking.objects.filter(profile__account=account)
        .select_related("office", "profile", "session")
        .annotate(
            past=Case(When(upcoming, then=Value(0)), default=Value(1)),
            upcoming_date=Case(When(upcoming, then=F("date"))),
        )
        .order_by("past", F("upcoming_date").asc(nulls_last=True), "-date", "-created_at")
    )


def waitlist_of(account: User) -> QuerySet[WaitlistEntry]:
    return WaitlistEntry.objects.filter(account=account).select_related(
        "office", "profile", "offered_session"
    )


def ballot_entries_of(account: User) -> QuerySet[BallotEntry]:
    return BallotEntry.objects.filter(account=account).select_related(
        "ballot__office", "profile", "session"
    )


def ballot_for(office: Office, day: dt.date, pool: str) -> Ballot | None:
    return Ballot.objects.filter(office=office, date=day, pool=pool).first()


@dataclass(frozen=True)
class DrawnEntry:
    """One line of a drawn ballot's public order. The key, not the NIK: anyone checks that the
    keys rise with the rank, and an entrant finds their own line by computing their key from
    the published seed and their NIK. A NIK, even masked, next to its key would give the
    hidden digits away to anyone trying the few thousand districts and birth dates."""

    rank: int
    key: str
    preferred: str
    result: str
    result_label: str
    session: str


def ballot_order(ballot: Ballot) -> list[DrawnEntry]:
    """A drawn ballot's entries in draw order; [] before the draw."""
    from paspor.booking import ballot as draw

    if ballot.status != BallotStatus.DRAWN:
        return []
    entries = ballot.entries.select_related("session", "booking").order_by("rank", "id")
    return [
        DrawnEntry(
            rank=entry.rank or 0,
            key=draw.draw_key(ballot.seed, entry.nik),
            preferred=entry.session.key,
            result=entry.result,
            result_label=entry.get_result_display(),
            session=f"{entry.booking.window_start:%H:%M}" if entry.booking else "",
        )
        for entry in entries
    ]


def day_list(office: Office, day: dt.date) -> QuerySet[Booking]:
    """An office's bookings of one day, by arrival window: the staff list and its print."""
    return (
        Booking.objects.filter(office=office, date=day)
        .select_related("profile", "session")
        .order_by("window_start", "pool", "profile__full_name")
    )


def active_booking_count(office: Office, day: dt.date) -> int:
    return Booking.objects.filter(
        office=office, date=day, status__in=ACTIVE_BOOKING_STATUSES
    ).count()


# The booking column that holds each kind of flagged source (`services.flags`).
FLAG_SOURCES = {
    FlagKind.ACCOUNT.value: "account__email",
    FlagKind.DEVICE.value: "device",
    FlagKind.IP.value: "client_ip",
}


def flag_window_start(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=setting("BOOKING_FLAG_WINDOW_DAYS"))


def _flag_waits() -> Q:
    return Q(reviewed_at__isnull=True) | Q(distinct_niks__gt=F("reviewed_niks"))


def office_flags(office: Office) -> QuerySet[BookingFlag]:
    """The office's flagged sources: those waiting for review first, the most NIKs first."""
    return (
        BookingFlag.objects.filter(office=office)
        .select_related("reviewed_by")
        .annotate(waits=Case(When(_flag_waits(), then=Value(0)), default=Value(1)))
        .order_by("waits", "-distinct_niks", "kind", "ident")
    )


def flags_waiting(office: Office) -> int:
    """How many of the office's flagged sources wait for review (the staff home's line)."""
    return BookingFlag.objects.filter(_flag_waits(), office=office).count()


def flags_counted_at() -> dt.datetime | None:
    """When `booking_flags_refresh` last counted; None before its first run."""
    return BookingFlagRefresh.objects.filter(pk=1).values_list("finished_at", flat=True).first()


def flagged_source_bookings(
    office: Office, kind: str, ident: str, *, now: dt.datetime | None = None
) -> QuerySet[Booking]:
    """The bookings behind one flag, at this office only (another office's are theirs to
    review), over the same window the flag counts: the newest first."""
    column = FLAG_SOURCES.get(kind)
    if column is None or not ident:
        return Booking.objects.none()
    if kind == "ip":
        try:
            ipaddress.ip_address(ident)
        except ValueError:
            return Booking.objects.none()
    return (
        Booking.objects.filter(
            office=office, created_at__gte=flag_window_start(now), **{column: ident}
        )
        .select_related("profile", "account")
        .order_by("-created_at")
    )


def open_waitlist(office: Office, day: dt.date) -> QuerySet[WaitlistEntry]:
    return WaitlistEntry.objects.filter(
        office=office, date=day, status__in=("waiting", "offered")
    ).select_related("profile")


def ballots_of_office(office: Office) -> QuerySet[Ballot]:
    return (
        Ballot.objects.filter(office=office)
        .annotate(
            entry_count=Count("entries"), won=Count("entries", filter=Q(entries__result="won"))
        )
        .order_by("-date")
    )


@dataclass(frozen=True)
class ExpressTerms:
    """What the express pool costs and by when to pay, said where it is chosen and on the proof."""

    amount: int | None  # the express fee in force on the day; None while headquarters set none
    pay_by: str  # "12.00": paid before this hour on the day, the passport is done that day


def express_terms(on: dt.date) -> ExpressTerms:
    from paspor.lib.errors import Conflict
    from paspor.payments.fees import fee_in_force
    from paspor.payments.models import FeeItem
    from paspor.payments.sla import express_pay_by

    try:
        amount: int | None = fee_in_force(FeeItem.EXPRESS, on).amount
    except Conflict:
        amount = None
    return ExpressTerms(amount=amount, pay_by=express_pay_by())
