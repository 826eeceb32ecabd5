"""A notice task whose worker dies, or whose database fails under it, at any step between its
claim and its finish: the notice is still written, and only once (`notice_tasks_requeue`)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import time_machine
from django.db import DatabaseError
from django_tasks_db.models import DBTaskResult

from paspor.accounts.models import User
from paspor.booking.tests.conftest import (
    DATABASE_TASKS,
    NOW,
    book,
    make_profile,
    make_sessions,
    verified,
)
from paspor.booking.tests.faults import Faults, faults_installed, worker_run
from paspor.notifications.models import Message
from paspor.notifications.sending import message_deliver, notice_tasks_requeue, outbox_flush

pytestmark = pytest.mark.django_db(transaction=True)
serials = itertools.count(700)


@pytest.fixture(autouse=True)
def _tasks_in_the_database(settings):
    settings.TASKS = DATABASE_TASKS
    settings.PASPOR_OUTBOX_LEASE_SECONDS = 300


@pytest.fixture
def sessions(office):
    return make_sessions(office)


def confirmations(booking) -> int:
    return Message.objects.filter(dedupe_key__startswith=f"booking:{booking.code}:").count()


def test_a_notice_task_claimed_by_a_worker_that_died_is_run_after_the_lease(
    office, sessions, applicant
):
    with time_machine.travel(NOW, tick=False) as clock:
        booking = book(make_profile(verified(applicant), 1), office, sessions[0])
        task = DBTaskResult.objects.get()
        task.claim("worker-that-dies")  # claimed, then the process is killed
        clock.shift(dt.timedelta(seconds=299))
        outbox_flush()
        assert DBTaskResult.objects.get().status == "RUNNING"  # it may still be working
        clock.shift(dt.timedelta(seconds=2))
        outbox_flush()
        assert DBTaskResult.objects.get().status == "READY"
        worker_run()
        assert confirmations(booking) == 1
        assert Message.objects.get().status == "sent"  # and its own send task sent it
        assert notice_tasks_requeue() == 0  # finished: never run again
        worker_run()
    notice = DBTaskResult.objects.get(task_path__endswith="booking_confirmation_send")
    assert confirmations(booking) == 1 and notice.status == "SUCCESSFUL"


def test_a_notice_task_is_given_up_after_the_last_attempt(office, sessions, applicant, settings):
    settings.PASPOR_OUTBOX_MAX_ATTEMPTS = 2
    with time_machine.travel(NOW, tick=False) as clock:
        book(make_profile(verified(applicant), 1), office, sessions[0])
        for worker in ("first", "second"):
            task = DBTaskResult.objects.get()
            task.claim(worker)
            clock.shift(dt.timedelta(seconds=301))
            notice_tasks_requeue()
    assert DBTaskResult.objects.get().status == "RUNNING"  # left for an officer to see


def test_a_failure_at_any_step_of_the_worker_still_writes_the_notice_once(
    office, sessions, applicant
):
    """The worker's claim, the task's reads and writes and its "successful" mark each fail in
    turn (as a dropped connection does); after the lease the next flush and worker finish it."""
    steps_failed = 0
    with time_machine.travel(NOW, tick=False) as clock:
        for n in itertools.count(1):
            serial = next(serials)
            account = User.objects.create_user(f"p{serial}", email=f"p{serial}@example.com")
            booking = book(make_profile(verified(account), serial), office, sessions[1])
            faults = Faults(fail_at=n)
            try:
                with faults_installed(faults):
                    worker_run()
            except DatabaseError:
                pass  # the worker process itself died
            if not faults.fired:
                assert confirmations(booking) == 1
                break
            steps_failed += 1
            clock.shift(dt.timedelta(seconds=301))
            outbox_flush()
            worker_run()
            assert confirmations(booking) == 1, (n, faults.fired)
            notices = DBTaskResult.objects.filter(task_path__endswith="booking_confirmation_send")
            assert not notices.exclude(status="SUCCESSFUL").exists(), faults.fired
            # A send task that failed leaves its message to the flush, which sends it once.
            clock.shift(dt.timedelta(seconds=301))
            outbox_flush()
            confirmation = Message.objects.get(dedupe_key__startswith=f"booking:{booking.code}:")
            assert confirmation.status == "sent", (n, faults.fired)
            # The day fills up: each round books a seat; cancel it to keep one free.
            from paspor.booking.services import booking_cancel

            booking_cancel(booking=booking, by=None)
            worker_run()
    assert steps_failed > 5


def test_a_failure_at_any_step_of_a_send_still_delivers_the_message_under_one_key():
    """The outbox send fails at each of its statements in turn; the next flushes send it. A
    failure between the channel accepting and the "sent" mark repeats the send with the same
    key (Message-ID, Idempotency-Key), which the channel delivers once."""
    from django.core import mail

    from paspor.notifications.services import notify

    context = {"case_code": "K7X2M9", "name": "Siti", "office": "Kanim Ketapang", "reason": "KK"}
    with time_machine.travel(NOW, tick=False) as clock:
        for n in itertools.count(1):
            mail.outbox.clear()
            message = notify(
                to_address=f"siti{n}@example.com", template="case_rejected", context=context
            )
            assert message is not None
            faults = Faults(fail_at=n)
            try:
                with faults_installed(faults):
                    message_deliver(message_id=message.pk)
            except DatabaseError:
                pass  # the worker died with it
            for _ in range(3):  # past the lease and the back-off, as often as needed
                clock.shift(dt.timedelta(hours=1))
                outbox_flush()
            message.refresh_from_db()
            assert message.status == "sent", (n, faults.fired, message.last_error)
            keys = {email.extra_headers["Message-ID"] for email in mail.outbox}
            assert len(keys) == 1 and len(mail.outbox) <= 2, (n, faults.fired)
            if not faults.fired:
                break
    assert n > 3
