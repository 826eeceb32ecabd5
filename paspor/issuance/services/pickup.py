"""Uncollected passports: reminders on days 7, 21 and 28, cancellation after day 30.

Days are calendar days after the day the passport became ready, in the office's zone. Day 30 is
the pickup deadline the applicant is told ("ambil paling lambat …") and is still a day to
collect: the passport is cancelled once 30 days have passed (STANDARDS.md §10), by the first
run on day 31, not by the morning run of the deadline day itself. When the office is closed on
day 30, the deadline is the next day it is open.

The passport is never cancelled before the holder was sent the last reminder (day 28) at least
`grace_days` (default 2, as from day 28 to day 30) before (STANDARDS.md §10: Paspor reminds
first). When the job did not run then — it stopped, or a server was down — the first run after
the deadline sends the last reminder with a new deadline `grace_days` later (the next open day)
and cancels only the day after that one.

Each reminder is written once (a unique row per passport and day, and the outbox's dedupe key),
so running the job twice — or on two machines — sends nothing twice. Only the latest due reminder
is sent: after a pause the applicant gets one message, not three. Cancellation goes through
case_transition, which tells the applicant with the reason: never silently.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from paspor.audit.services import audit_record
from paspor.cases.models import Case, CaseStatus
from paspor.cases.services import case_event_record, case_transition
from paspor.issuance.conf import issuance_config
from paspor.issuance.models import BookletStatus, Passport, PassportStatus, PickupReminder
from paspor.issuance.services.printing import booklet_move, passport_lock
from paspor.lib import reasons
from paspor.lib.errors import Conflict
from paspor.notifications.services import notify_case
from paspor.offices.calendar import OfficeCalendar

logger = logging.getLogger(__name__)


@dataclass
class PickupRun:
    reminded: int = 0
    cancelled: int = 0


def pickup_deadline(passport: Passport, calendar: OfficeCalendar | None = None) -> dt.date | None:
    """The last day to collect; the passport is cancelled the day after.

    `cancel_after_days` calendar days after the day it became ready; when the office is closed
    that day (a weekend, a holiday), the next day it is open, since nobody can collect on a
    closed day. Never sooner than `grace_days` after the last reminder went out (the next open
    day), which moves the deadline only when that reminder went out late. Pass the office's
    `calendar` when asking for many passports of one office (and prefetch `reminders`).
    """
    if passport.ready_on is None:
        return None
    calendar = calendar or OfficeCalendar(passport.case.office)
    return _deadline(passport.ready_on, last_reminder_on(passport, calendar), calendar)


def _deadline(ready_on: dt.date, reminded_on: dt.date | None, calendar: OfficeCalendar) -> dt.date:
    """`pickup_deadline` once the last reminder's date (None: not sent) is known."""
    deadline = pickup_deadline_from(ready_on, calendar)
    if reminded_on is None:
        return deadline
    grace = dt.timedelta(days=issuance_config().grace_days)
    return max(deadline, calendar.next_working_day(reminded_on + grace))


def pickup_deadline_from(ready_on: dt.date, calendar: OfficeCalendar) -> dt.date:
    """The last day to collect a passport ready on `ready_on` at the calendar's office."""
    day = ready_on + dt.timedelta(days=issuance_config().cancel_after_days)
    return calendar.next_working_day(day)


def last_reminder_on(passport: Passport, calendar: OfficeCalendar) -> dt.date | None:
    """The office's date the last reminder (the latest reminder day) went out; None before."""
    last_day = max(issuance_config().reminder_days)
    sent = [reminder.at for reminder in passport.reminders.all() if reminder.day >= last_day]
    if not sent:
        return None
    return timezone.localtime(max(sent), calendar.office.tz).date()


@transaction.atomic
def pickup_remind(*, passport: Passport, day: int) -> PickupReminder | None:
    """The reminder of `day` for a passport still waiting; None when it was sent already."""
    case = Case.objects.select_for_update().get(pk=passport.case_id)
    locked = Passport.objects.select_for_update().get(pk=passport.pk)
    if locked.status != PassportStatus.READY:
        return None
    address = case.email or case.phone
    try:
        with transaction.atomic():
            reminder = PickupReminder.objects.create(
                passport=locked, day=day, at=timezone.now(), to_address=address
            )
    except IntegrityError:
        return None  # race: another run wrote this reminder a moment ago
    deadline = pickup_deadline(locked)
    assert deadline is not None  # a passport ready for pickup has its ready day
    notify_case(
        case=case,
        template="pickup_reminder",
        context={
            "case_code": case.code,
            "name": case.full_name,
            "office": case.office.name,
            "office_address": case.office.address,
            "day": day,
            "pickup_deadline": deadline,
            "days_left": (
                deadline - timezone.localtime(timezone.now(), case.office.tz).date()
            ).days,
        },
        dedupe_key=f"issuance:pickup:{locked.pk}:day{day}",
    )
    case_event_record(
        case=case,
        kind="pickup_reminder",
        by=None,
        reason=reasons.reason_record(reasons.PICKUP_REMINDER, day=day),
        data={"day": day, "deadline": str(deadline), "to": address},
    )
    return reminder


@transaction.atomic
def passport_cancel_uncollected(*, passport: Passport) -> Passport:
    """After day 30: the passport is cancelled and its booklet voided; the applicant is told."""
    case = Case.objects.select_for_update().get(pk=passport.case_id)
    locked = passport_lock(passport, status=PassportStatus.READY)
    days = issuance_config().cancel_after_days
    reason = reasons.reason_record(
        reasons.UNCOLLECTED_CANCELLED,
        number=locked.passport_number,
        days=days,
        ready=f"{locked.ready_on:%d-%m-%Y}",
    )
    booklet_move(locked.booklet, to=BookletStatus.CANCELLED, expected=BookletStatus.PRINTED)
    locked.status = PassportStatus.CANCELLED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    case_transition(
        case=case,
        to=CaseStatus.CANCELLED,
        by=None,
        reason=reason,
        data={
            "passport_number": locked.passport_number,
            "uncollected_days": days,
            "ready_on": str(locked.ready_on),
        },
    )
    audit_record(
        actor=None,
        actor_label="pickup_reminders",
        office=case.office,
        subject=locked,
        event="issuance.passport_cancelled_uncollected",
        old={"status": PassportStatus.READY, "booklet": BookletStatus.PRINTED},
        new={"status": PassportStatus.CANCELLED, "booklet": BookletStatus.CANCELLED},
        reason=reason,
    )
    return locked


def pickup_reminders_run(*, now: dt.datetime | None = None) -> PickupRun:
    """One pass over passports waiting for pickup. Idempotent; safe to run any number of times."""
    now = now or timezone.now()
    config = issuance_config()
    run = PickupRun()
    waiting = (
        Passport.objects.filter(status=PassportStatus.READY)
        .select_related("case__office")
        .prefetch_related("reminders")
    )
    calendars: dict[int, OfficeCalendar] = {}
    for passport in waiting.order_by("ready_on", "pk").iterator(chunk_size=500):
        office = passport.case.office
        if office.pk not in calendars:
            calendars[office.pk] = OfficeCalendar(office)
        assert passport.ready_on is not None  # set with the READY status
        today = now.astimezone(office.tz).date()
        reminded_on = last_reminder_on(passport, calendars[office.pk])
        if reminded_on is not None and today > _deadline(
            passport.ready_on, reminded_on, calendars[office.pk]
        ):
            try:
                passport_cancel_uncollected(passport=passport)
            except Conflict as exc:
                # Race: handed over (or otherwise moved on) after this run read it. The others
                # are still due; this one is no longer waiting.
                logger.warning(
                    "pickup run: passport %s not cancelled (%s)", passport.passport_number, exc.code
                )
                continue
            run.cancelled += 1
            continue
        # Past the deadline without the last reminder: it is due now, and sets a new deadline.
        days = (today - passport.ready_on).days
        due = [day for day in config.reminder_days if day <= days]
        # The reminders are prefetched; a run racing this one is stopped by pickup_remind's
        # unique row.
        if not due or any(reminder.day >= max(due) for reminder in passport.reminders.all()):
            continue
        if pickup_remind(passport=passport, day=max(due)) is not None:
            run.reminded += 1
    return run
