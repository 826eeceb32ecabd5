"""The periodic jobs and when each is due (docs/deployment.md, "Scheduler").

Each job is an existing management command that is safe to repeat; the scheduler only decides
when it runs and makes sure one run happens per due time across all scheduler processes.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    every: dt.timedelta | None = None  # a fixed interval ...
    daily_at: dt.time | None = None  # ... or once a day at this local time (TIME_ZONE)
    args: tuple[str, ...] = ()  # the command's arguments

    def next_after(self, now: dt.datetime) -> dt.datetime:
        if self.every is not None:
            return now + self.every
        assert self.daily_at is not None
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        local = now.astimezone(zone)
        candidate = dt.datetime.combine(local.date(), self.daily_at, tzinfo=zone)
        if candidate <= local:
            candidate = dt.datetime.combine(
                local.date() + dt.timedelta(days=1), self.daily_at, tzinfo=zone
            )
        return candidate


MINUTE = dt.timedelta(minutes=1)

JOBS: tuple[Job, ...] = (
    # Ballots opened and drawn, waitlist offers expired, no-shows marked.
    Job("booking_tick", "booking_tick", every=MINUTE),
    # Accounts, devices and IP addresses booking for many NIKs, counted for every office's
    # review page and staff home (a month of all bookings: too slow for each page view).
    Job("booking_flags_refresh", "booking_flags_refresh", every=dt.timedelta(minutes=10)),
    # Due messages and retries of the notification outbox.
    Job("outbox_flush", "outbox_flush", every=MINUTE),
    # SLA at-risk and breach alerts, billing-code expiry.
    Job("sla_check", "sla_check", every=dt.timedelta(minutes=15)),
    # Complaints left past their deadline (each office on its own clock): the office's head
    # and supervisors are told, once per complaint.
    Job("complaints_overdue_check", "complaints_overdue_check", every=dt.timedelta(minutes=15)),
    # Day-before booking reminders, pickup reminders and cancellations, deferred-case expiry.
    Job("notify_reminders", "notify_reminders", daily_at=dt.time(7, 0)),
    Job("pickup_reminders", "pickup_reminders", daily_at=dt.time(7, 30)),
    # The queue's day ends: counter sessions left open are closed, unfinished tickets expire
    # (each office on its own clock; before the daily summaries of 00:15).
    Job("queue_close_days", "queue_close_days", daily_at=dt.time(23, 30)),
    Job("cases_expire_deferred", "cases_expire_deferred", daily_at=dt.time(0, 30)),
    # Retention: files of cases closed longer than PASPOR_RETENTION_DAYS (data-protection.md).
    Job("cases_purge_expired", "cases_purge_expired", daily_at=dt.time(1, 30)),
    # Personal files a failed or killed transaction left with no row naming them.
    Job("files_sweep", "files_sweep", daily_at=dt.time(1, 45)),
    # The task worker's finished results older than a week: the table the outbox flush looks
    # through every minute for notice tasks to put back would otherwise only grow.
    Job("tasks_prune", "tasks_prune", daily_at=dt.time(2, 0)),
    # Retention: sign-in records (name, address, browser) past PASPOR_SIGNIN_LOG_DAYS.
    Job("signins_prune", "signins_prune", daily_at=dt.time(2, 15)),
    # The reports' daily summaries of the day just closed; the worker does the work (the first
    # refresh of a large history takes minutes, and the minute jobs must not wait for it).
    Job(
        "reports_summarize",
        "reports_summarize",
        daily_at=dt.time(0, 15),
        args=("--enqueue",),
    ),
)
JOBS_BY_NAME = {job.name: job for job in JOBS}
