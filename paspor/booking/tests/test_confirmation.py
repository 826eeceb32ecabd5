"""The booking confirmation: one task row in the booking's transaction, the message by the worker."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from paspor.booking import services
from paspor.booking.tests.conftest import DATABASE_TASKS, DAY, book, make_profile
from paspor.notifications.models import Message, MessageStatus
from paspor.payments.services import fee_schedule_ensure_defaults

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("frozen")]


def confirmation_tasks(booking):
    return DBTaskResult.objects.filter(args_kwargs__kwargs__booking_id=booking.pk)


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def confirmations():
    return list(
        Message.objects.filter(template="booking_confirmed")
        .order_by("id")
        .values_list("dedupe_key", flat=True)
    )


@override_settings(TASKS=DATABASE_TASKS)
def test_the_booking_commits_with_its_confirmation_task_and_the_worker_sends_it(
    office, morning, budi
):
    booking = book(budi, office, morning)
    assert confirmation_tasks(booking).count() == 1
    assert confirmations() == []  # written by the worker, not by the rush's transaction
    run_worker()  # the confirmation, then its send task
    run_worker()
    assert confirmations() == [f"booking:{booking.code}:confirmed:0"]
    message = Message.objects.get(template="booking_confirmed")
    assert message.status == MessageStatus.SENT
    assert message.to_address == budi.account.email
    assert [m.to for m in mail.outbox] == [[budi.account.email]]
    assert booking.code in mail.outbox[0].subject
    assert f"/bukti/{booking.code}/" in mail.outbox[0].body  # the proof link


@override_settings(TASKS=DATABASE_TASKS)
def test_a_booking_that_rolls_back_leaves_no_confirmation_task(office, morning, budi):
    with pytest.raises(RuntimeError), transaction.atomic():
        book(budi, office, morning)
        assert DBTaskResult.objects.count() == 1
        raise RuntimeError("the caller's transaction failed after the booking")
    assert not DBTaskResult.objects.exists()
    run_worker()
    assert confirmations() == [] and mail.outbox == []


def test_a_second_run_of_the_same_confirmation_writes_nothing(office, morning, budi):
    booking = book(budi, office, morning)  # immediate tasks: confirmed after the commit
    assert confirmations() == [f"booking:{booking.code}:confirmed:0"]
    again = services.booking_confirmation_queue(booking_id=booking.pk, reschedule_count=0)
    assert again is False
    assert confirmations() == [f"booking:{booking.code}:confirmed:0"]
    assert len(mail.outbox) == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_a_booking_cancelled_before_the_worker_gets_no_confirmation(office, morning, budi):
    booking = book(budi, office, morning)
    services.booking_cancel(booking=booking, by=budi.account)
    run_worker()
    assert confirmations() == []


@override_settings(TASKS=DATABASE_TASKS)
def test_a_booking_moved_before_the_worker_is_told_once_with_its_new_time(office, sessions, budi):
    booking = book(budi, office, sessions[0])
    moved = services.booking_reschedule(
        booking=booking, day=DAY, session=sessions[2], by=budi.account
    )
    assert confirmation_tasks(booking).count() == 2
    run_worker()
    run_worker()
    assert confirmations() == []  # the booking as it was made is gone
    moves = Message.objects.filter(template="booking_rescheduled")
    assert list(moves.values_list("dedupe_key", flat=True)) == [
        f"booking:{moved.code}:rescheduled:1"
    ]
    assert len(mail.outbox) == 1
    assert "13.00" in mail.outbox[0].body


def test_an_express_booking_is_confirmed_with_its_fee_and_pay_by_hour(office, sessions, budi):
    fee_schedule_ensure_defaults()  # the fee rows a transactional test may have flushed
    express = book(budi, office, sessions[1], pool="express")
    regular = book(make_profile(budi.account, 2, name="Ani"), office, sessions[0])
    told = {m.subject: m.body for m in mail.outbox}
    [express_body] = [body for subject, body in told.items() if express.code in subject]
    [regular_body] = [body for subject, body in told.items() if regular.code in subject]
    assert "Biaya tambahan Rp 1.000.000 di atas biaya paspor" in express_body
    assert "sebelum pukul 12.00" in express_body
    assert "Biaya tambahan" not in regular_body
