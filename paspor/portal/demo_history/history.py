"""The history's plan: the days walked, what happens on each, and the office's scheduled jobs."""

from __future__ import annotations

import datetime as dt

import time_machine

from paspor.booking.rules import age_on
from paspor.booking.services import booking_mark_no_shows
from paspor.cases.adjudication import cases_expire_deferred
from paspor.issuance.services import pickup_reminders_run
from paspor.notifications.services import reminders_send
from paspor.offices.calendar import office_today
from paspor.offices.models import ServiceKind
from paspor.payments.sla_alerts import sla_check
from paspor.portal.demo_history.back import BackOffice
from paspor.portal.demo_history.front import FrontOffice
from paspor.portal.demo_history.people import SHAPES, Family, Visit
from paspor.portal.demo_history.walk import (
    COUNTERS_OPEN,
    FUTURE_BOOKING_DAYS,
    LAST_DAY_BACK_OFFICE_UNTIL,
    PRINT_ROUNDS,
    QC_DELAY,
    SLA_CHECKS,
    SUPERVISOR_ROUNDS,
    weighted,
)
from paspor.queueing.selectors import queue_policy
from paspor.queueing.services import queue_days_close_due
from paspor.reports.services import daily_summaries_refresh

OUTCOME_SHARES = (("defer", 0.06), ("reject", 0.04), ("sent_home", 0.03))  # of working age


class History(FrontOffice, BackOffice):
    """The walk planned day by day: families booked, walk-ins, the supervisor's and the
    printer's rounds, the scheduler's jobs; then the SimPy clock runs through it."""

    # --- the walk ----------------------------------------------------------------------

    def run(self, days: list[dt.date], *, per_day: int) -> None:
        today = office_today(self.office)
        future = [
            self.calendar.working_days_after(today, n) for n in range(1, 1 + FUTURE_BOOKING_DAYS)
        ]
        self.epoch = self.local(days[0] - dt.timedelta(days=9), dt.time(0))
        end = self.local(today, dt.time(0))
        booked = [
            f for day in days for f in self.plan_day(day, per_day=per_day, last=day == days[-1])
        ]
        self.plan_outcomes(booked)
        for day in future:
            self.plan_bookings(day, per_day=per_day, before=end)
        self.plan_complaint(days[len(days) // 2])
        calendar_day = days[0] - dt.timedelta(days=8)
        while calendar_day < end.date():
            self.plan_office_jobs(calendar_day)
            calendar_day += dt.timedelta(days=1)
        with time_machine.travel(self.epoch, tick=False) as self.traveller:
            self.env.run(until=self.minutes(end))
        daily_summaries_refresh()  # the nightly summaries, through yesterday

    # --- planning ----------------------------------------------------------------------

    def plan_day(self, day: dt.date, *, per_day: int, last: bool) -> list[Family]:
        rng = self.rng
        families = self.plan_bookings(day, per_day=per_day, before=self.local(day, dt.time(0)))
        for family in families:
            if not family.no_show:
                self.at(family.arrives_at, self.arrive, family)
        self.at(self.local(day, COUNTERS_OPEN), self.open_counters, day)
        if rng.random() < 0.4:
            at = self.local(day, dt.time(8, rng.randrange(5, 40)))
            self.at(at, self.walk_in_express, self.express_applicant(day))
        for _n in range(rng.randint(1, 3)):
            asks = self.local(day, dt.time(rng.randint(8, 14), rng.randrange(60)))
            self.at(asks, self.walk_in, ServiceKind.INFORMATION, Visit("information"))
        until = LAST_DAY_BACK_OFFICE_UNTIL if last else dt.time(23, 59)
        for decides in (at for at in SUPERVISOR_ROUNDS if at < until):
            self.at(self.local(day, decides), self.supervisor_round)
        for prints in (at for at in PRINT_ROUNDS if at < until):
            self.at(self.local(day, prints), self.print_round)
            if (self.local(day, prints) + QC_DELAY).time() < until:
                self.at(self.local(day, prints) + QC_DELAY, self.qc_round)
        return families

    def plan_outcomes(self, families: list[Family]) -> None:
        """Mostly approved; a few of the adults deferred by the supervisor, sent home from intake
        for a missing original, or refused as non-procedural migrant workers."""
        adults = [
            person
            for family in families
            if not family.no_show
            for person in family.people
            if 17 <= age_on(person.birth_date, family.day) < 60
        ]
        for outcome, share in OUTCOME_SHARES:
            for person in self.rng.sample(adults, min(len(adults), round(len(adults) * share))):
                person.outcome = outcome
                adults.remove(person)

    def plan_bookings(self, day: dt.date, *, per_day: int, before: dt.datetime) -> list[Family]:
        """The families booked for `day`, each booking before `before`."""
        rng = self.rng
        wanted = max(1, per_day + rng.randint(-1, 1))
        families: list[Family] = []
        while (booked := sum(len(f.people) for f in families)) < wanted:
            # Mornings are wanted most: 45, 33, 21… per session in the day's order.
            weights = [max(1, 45 - 12 * n) for n in range(len(self.sessions))]
            session = rng.choices(self.sessions, weights=weights)[0]
            booked_at = self.local(
                day - dt.timedelta(days=rng.randint(1, 7)),
                dt.time(rng.randint(6, 21), rng.randrange(60)),
            )
            if booked_at >= before:
                booked_at = before - dt.timedelta(minutes=rng.randint(90, 1800))
            window = dt.datetime.combine(day, session.end) - dt.datetime.combine(day, session.start)
            arrival = self.local(day, session.start) + dt.timedelta(
                minutes=rng.uniform(-20, window.total_seconds() / 60 - 15)
            )
            shape = weighted(rng, SHAPES) if wanted - booked > 2 else "single"
            family = self.applicants.family(day, session, shape, booked_at, arrival)
            family.no_show = rng.random() < 0.05
            families.append(family)
            self.at(booked_at - dt.timedelta(minutes=12), self.book, family)
        return families

    def plan_office_jobs(self, day: dt.date) -> None:
        """The scheduler's jobs of one calendar day (paspor/operations/jobs.py)."""
        self.at(self.local(day, dt.time(0, 30)), cases_expire_deferred)
        self.at(self.local(day, dt.time(7, 0)), reminders_send)
        self.at(self.local(day, dt.time(7, 30)), pickup_reminders_run)
        if self.calendar.is_working_day(day):
            for at in SLA_CHECKS:
                self.at(self.local(day, at), sla_check)
            # As the scheduler: a minute after the last moment the kiosk takes the session's
            # late arrivals, when its no-shows can be marked.
            late = dt.timedelta(minutes=queue_policy(self.office).checkin_late_minutes + 1)
            for session in self.sessions:
                self.at(self.local(day, session.end) + late, booking_mark_no_shows)
        self.at(self.local(day, dt.time(23, 30)), queue_days_close_due)

    def express_applicant(self, day: dt.date) -> Family:
        """A walk-in for the same-day service (percepatan): a business trip at short notice."""
        morning = self.local(day, dt.time(8))
        family = self.applicants.family(day, None, "single", morning, morning)
        person = family.people[0]
        family.proxy, family.purpose, family.destination = None, "business", "Malaysia"
        person.outcome, person.pays, person.qc_fails = "approve", True, False
        return family
