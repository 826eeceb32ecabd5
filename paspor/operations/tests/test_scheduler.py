"""The scheduler runs each periodic job once per due time, however many schedulers run."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from paspor.operations.jobs import JOBS, JOBS_BY_NAME, Job
from paspor.operations.models import ScheduledJob
from paspor.operations.services import scheduled_job_claim, scheduler_run_due

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)  # 08:00 in Jakarta, a Monday


class Recorder:
    def __init__(self) -> None:
        self.ran: list[str] = []

    def __call__(self, job: Job) -> str:
        self.ran.append(job.name)
        return "ok"


def test_every_job_is_due_at_the_first_pass_and_runs_once() -> None:
    recorder = Recorder()
    with time_machine.travel(START, tick=False):
        scheduler_run_due(runner=recorder)
        scheduler_run_due(runner=recorder)
    assert sorted(recorder.ran) == sorted(job.name for job in JOBS)
    assert all(row.runs == 1 and row.last_ok for row in ScheduledJob.objects.all())


def test_minute_jobs_run_again_a_minute_later_and_daily_jobs_wait_for_their_hour() -> None:
    recorder = Recorder()
    with time_machine.travel(START, tick=False) as clock:
        scheduler_run_due(runner=recorder)
        recorder.ran.clear()
        clock.shift(dt.timedelta(seconds=61))
        scheduler_run_due(runner=recorder)
        assert sorted(recorder.ran) == ["booking_tick", "outbox_flush"]
        recorder.ran.clear()
        clock.shift(dt.timedelta(days=1))
        scheduler_run_due(runner=recorder)
    # 08:01 the next day: 07:00 and 07:30 have passed once, 00:30 too.
    assert sorted(recorder.ran) == sorted(job.name for job in JOBS)


def test_two_schedulers_reading_the_same_due_row_run_it_once() -> None:
    job = JOBS_BY_NAME["sla_check"]
    with time_machine.travel(START, tick=False):
        ScheduledJob.objects.create(name=job.name, next_run_at=timezone.now())
        seen_by_first = ScheduledJob.objects.get(name=job.name)
        seen_by_second = ScheduledJob.objects.get(name=job.name)
        now = timezone.now()
        assert scheduled_job_claim(job=job, row=seen_by_first, now=now)
        assert not scheduled_job_claim(job=job, row=seen_by_second, now=now)
    row = ScheduledJob.objects.get(name=job.name)
    assert row.runs == 1
    assert row.next_run_at == START + dt.timedelta(minutes=15)


def test_two_scheduler_passes_at_the_same_moment_do_not_double_run() -> None:
    first, second = Recorder(), Recorder()
    with time_machine.travel(START, tick=False):
        scheduler_run_due(runner=first)
        scheduler_run_due(runner=second)
    assert len(first.ran) == len(JOBS)
    assert second.ran == []


def test_a_failing_job_is_recorded_and_does_not_stop_the_others() -> None:
    def runner(job: Job) -> str:
        if job.name == "outbox_flush":
            raise RuntimeError("gateway down")
        return "ok"

    with time_machine.travel(START, tick=False):
        ran = scheduler_run_due(runner=runner)
    assert len(ran) == len(JOBS)
    failed = ScheduledJob.objects.get(name="outbox_flush")
    assert failed.last_ok is False
    assert "gateway down" in failed.last_output


def test_daily_jobs_are_due_at_their_local_time() -> None:
    job = JOBS_BY_NAME["cases_expire_deferred"]  # 00:30 Asia/Jakarta = 17:30 UTC
    assert job.next_after(START) == dt.datetime(2026, 3, 2, 17, 30, tzinfo=dt.UTC)


def test_run_scheduler_once_runs_the_real_commands() -> None:
    with time_machine.travel(START, tick=False):
        call_command("run_scheduler", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    rows = ScheduledJob.objects.all()
    assert rows.count() == len(JOBS)
    assert all(row.last_ok for row in rows), [(r.name, r.last_output) for r in rows]


@pytest.mark.django_db(transaction=True)
def test_tasks_prune_removes_finished_results_older_than_a_week_only(settings) -> None:
    from django_tasks_db.models import DBTaskResult

    from paspor.booking.tests.conftest import DATABASE_TASKS

    settings.TASKS = DATABASE_TASKS
    old, now = START - dt.timedelta(days=8), START
    rows = {
        name: DBTaskResult.objects.create(
            task_path="paspor.booking.tasks.booking_confirmation_send",
            args_kwargs={"args": [], "kwargs": {}},
            status=status,
            finished_at=finished,
            backend_name="default",
        )
        for name, status, finished in [
            ("old_done", "SUCCESSFUL", old),
            ("old_failed", "FAILED", old),
            ("recent_done", "SUCCESSFUL", now - dt.timedelta(days=1)),
            ("running", "RUNNING", None),
            ("waiting", "READY", None),
        ]
    }
    with time_machine.travel(START, tick=False):
        call_command("tasks_prune", stdout=io.StringIO())
    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert left == {rows[name].pk for name in ("recent_done", "running", "waiting")}


@pytest.mark.django_db
def test_signins_prune_removes_sign_in_records_older_than_the_setting_only(settings) -> None:
    from axes.models import AccessLog

    settings.PASPOR_SIGNIN_LOG_DAYS = 90
    ages = {"old": 91, "kept": 89, "today": 0}
    rows = {}
    for name, days in ages.items():
        row = AccessLog.objects.create(
            username=f"{name}@example.com", ip_address="192.0.2.1", user_agent="Firefox"
        )
        # attempt_time is set on creation: moved back by hand, as the days would.
        AccessLog.objects.filter(pk=row.pk).update(attempt_time=START - dt.timedelta(days=days))
        rows[name] = row.pk
    out = io.StringIO()
    with time_machine.travel(START, tick=False):
        call_command("signins_prune", stdout=out)
    assert set(AccessLog.objects.values_list("pk", flat=True)) == {rows["kept"], rows["today"]}
    assert "1 catatan masuk lebih dari 90 hari, 0 percobaan" in out.getvalue()


@pytest.mark.django_db
def test_signins_prune_clears_failed_attempts_past_their_lockout_only(settings) -> None:
    from axes.models import AccessAttempt

    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=30)
    attempts = {}
    for name, minutes in {"expired": 31, "locking": 29}.items():
        row = AccessAttempt.objects.create(
            username=f"password-typed-as-{name}",
            ip_address="192.0.2.1",
            user_agent="Firefox",
            failures_since_start=5,
        )
        AccessAttempt.objects.filter(pk=row.pk).update(
            attempt_time=START - dt.timedelta(minutes=minutes)
        )
        attempts[name] = row.pk
    with time_machine.travel(START, tick=False):
        call_command("signins_prune", stdout=io.StringIO())
    # A lock still running stays, or pruning would lift it early.
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [attempts["locking"]]


def test_signins_prune_refuses_to_remove_todays_records() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="paling sedikit 1"):
        call_command("signins_prune", "--days", "0", stdout=io.StringIO())


def test_the_scheduler_prunes_sign_in_records_every_night() -> None:
    job = JOBS_BY_NAME["signins_prune"]
    assert job.command == "signins_prune" and job.daily_at == dt.time(2, 15)
