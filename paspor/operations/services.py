"""Running the periodic jobs: claim a due run with a conditional UPDATE, then run it."""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Callable, Iterable

from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from paspor.operations.jobs import JOBS, Job
from paspor.operations.models import ScheduledJob

log = logging.getLogger(__name__)
Runner = Callable[[Job], str]


def scheduled_jobs_ensure(*, jobs: Iterable[Job] = JOBS, now: dt.datetime) -> None:
    """A job seen for the first time is due at once (every command is safe to repeat)."""
    for job in jobs:
        ScheduledJob.objects.get_or_create(name=job.name, defaults={"next_run_at": now})


def scheduled_job_claim(*, job: Job, row: ScheduledJob, now: dt.datetime) -> bool:
    """True for exactly one scheduler per due time.

    Race: two schedulers read the same due row; both UPDATE ... WHERE next_run_at = <what they
    read>. The first moves next_run_at on, so the second matches no row and skips the run.
    """
    if row.next_run_at > now:
        return False
    claimed = ScheduledJob.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
        next_run_at=job.next_after(now), last_started_at=now, runs=F("runs") + 1
    )
    return claimed == 1


def _run_command(job: Job) -> str:
    out = io.StringIO()
    call_command(job.command, *job.args, stdout=out, stderr=out)
    return out.getvalue().strip()


def scheduled_job_finish(*, job: Job, ok: bool, output: str) -> None:
    ScheduledJob.objects.filter(name=job.name).update(
        last_finished_at=timezone.now(), last_ok=ok, last_output=output[-2000:]
    )


def scheduler_run_due(
    *, now: dt.datetime | None = None, jobs: Iterable[Job] = JOBS, runner: Runner = _run_command
) -> list[str]:
    """One pass: run every job that is due and claimed by this scheduler; their names."""
    now = now or timezone.now()
    jobs = tuple(jobs)
    scheduled_jobs_ensure(jobs=jobs, now=now)
    rows = {row.name: row for row in ScheduledJob.objects.filter(name__in=[j.name for j in jobs])}
    ran = []
    for job in jobs:
        if not scheduled_job_claim(job=job, row=rows[job.name], now=now):
            continue
        try:
            output, ok = runner(job), True
        except Exception as exc:  # one failing job must not stop the others
            log.exception("scheduled job %s failed", job.name)
            output, ok = f"{type(exc).__name__}: {exc}", False
        scheduled_job_finish(job=job, ok=ok, output=output)
        ran.append(job.name)
    return ran
