"""Moving, cancelling or invalidating a booking tells the applicant, through the outbox."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from paspor.booking import services
from paspor.booking.tests.conftest import DATABASE_TASKS, DAY, book
from paspor.notifications.models import Message, MessageStatus

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("frozen")]


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def notices(template):
    return list(
        Message.objects.filter(template=template)
        .order_by("id")
        .values_list("dedupe_key", flat=True)
    )


def sent_to(address, template):
    message = Message.objects.get(template=template, to_address=address)
    assert message.status == MessageStatus.SENT
    [email] = [m for m in mail.outbox if m.subject == _subject_of(message)]
    return email


def _subject_of(message):
    from paspor.notifications.sending import message_render

    return message_render(
        template=message.template, context=message.context, language=message.language
    ).subject


@override_settings(TASKS=DATABASE_TASKS)
def test_a_cancelled_booking_is_confirmed_by_e_mail_written_by_the_worker(office, morning, budi):
    booking = book(budi, office, morning)
    run_worker()
    run_worker()
    services.booking_cancel(booking=booking, by=budi.account)
    assert notices("booking_cancelled") == []  # the cancellation's transaction holds a task row
    run_worker()
    run_worker()
    assert notices("booking_cancelled") == [f"booking:{booking.code}:cancelled:0"]
    email = sent_to(budi.account.email, "booking_cancelled")
    assert booking.code in email.subject
    assert "dibatalkan" in email.body and "15 Juni 2026" in email.body
    assert "08.00–10.00" in email.body


@override_settings(TASKS=DATABASE_TASKS)
def test_a_cancellation_that_rolls_back_sends_nothing(office, morning, budi):
    booking = book(budi, office, morning)
    run_worker()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.booking_cancel(booking=booking, by=budi.account)
        raise RuntimeError("the caller's transaction failed after the cancellation")
    run_worker()
    run_worker()
    assert notices("booking_cancelled") == []


def test_an_invalidated_booking_tells_the_applicant_why_and_not_to_come(
    office, morning, budi, supervisor
):
    booking = book(budi, office, morning)
    services.booking_invalidate(booking=booking, by=supervisor, reason="Dijual oleh calo")
    assert notices("booking_invalidated") == [f"booking:{booking.code}:invalidated:0"]
    email = sent_to(budi.account.email, "booking_invalidated")
    assert booking.code in email.subject
    assert "Alasan: Dijual oleh calo" in email.body
    assert "tidak sah" in email.body and "nomor antrean" in email.body


def test_a_rescheduled_booking_says_it_was_moved_from_the_old_time_to_the_new(
    office, sessions, budi
):
    booking = book(budi, office, sessions[0])
    services.booking_reschedule(booking=booking, day=DAY, session=sessions[2], by=budi.account)
    assert notices("booking_confirmed") == [f"booking:{booking.code}:confirmed:0"]
    assert notices("booking_rescheduled") == [f"booking:{booking.code}:rescheduled:1"]
    email = sent_to(budi.account.email, "booking_rescheduled")
    assert (
        "dipindahkan dari 15 Juni 2026 pukul 08.00–10.00 WIB ke 15 Juni 2026 pukul 13.00–15.00 WIB"
    ) in email.body
    assert f"/bukti/{booking.code}/" in email.body


def test_each_notice_is_written_once_however_often_the_worker_runs_it(office, morning, budi):
    booking = book(budi, office, morning)
    services.booking_cancel(booking=booking, by=budi.account)
    again = services.booking_notice_queue(
        booking_id=booking.pk, notice="cancelled", reschedule_count=0
    )
    assert again is False
    assert notices("booking_cancelled") == [f"booking:{booking.code}:cancelled:0"]


@override_settings(TASKS=DATABASE_TASKS)
def test_a_booking_moved_and_then_cancelled_before_the_worker_gets_only_the_cancellation(
    office, sessions, budi
):
    booking = book(budi, office, sessions[0])
    moved = services.booking_reschedule(
        booking=booking, day=DAY, session=sessions[2], by=budi.account
    )
    services.booking_cancel(booking=moved, by=budi.account)
    assert DBTaskResult.objects.count() == 3
    run_worker()
    run_worker()
    assert notices("booking_confirmed") == notices("booking_rescheduled") == []
    assert notices("booking_cancelled") == [f"booking:{booking.code}:cancelled:1"]
