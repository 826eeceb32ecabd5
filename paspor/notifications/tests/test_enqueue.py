"""The dedupe key refused by the index, and the send task written with the message."""

import threading
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from paspor.notifications.models import Message, MessageStatus
from paspor.notifications.services import notify

CONTEXT = {"case_code": "K7X2M9", "name": "Siti", "office": "Kanim Ketapang", "reason": "KK"}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def queue(**overrides: Any) -> Message | None:
    values: dict[str, Any] = {
        "to_address": "siti@example.com",
        "template": "case_rejected",
        "context": CONTEXT,
    }
    values.update(overrides)
    return notify(**values)


def send_tasks_of(message_id: int):
    return DBTaskResult.objects.filter(args_kwargs__kwargs__message_id=message_id)


def seen_by_another_connection(query) -> bool:
    """What a worker would see now: the answer of `query()` on a connection of its own."""
    seen: list[bool] = []

    def look():
        try:
            seen.append(query())
        finally:
            connection.close()

    thread = threading.Thread(target=look)
    thread.start()
    thread.join()
    return seen[0]


@pytest.mark.django_db(transaction=True)
def test_a_used_dedupe_key_gives_none_and_the_outer_transaction_goes_on():
    with transaction.atomic():
        first = queue(dedupe_key="once")
        assert first is not None
        assert queue(dedupe_key="once", to_address="other@example.com") is None
        # The refused insert rolled back its savepoint only: the transaction is still usable.
        second = queue(dedupe_key="twice")
        assert second is not None
        assert Message.objects.count() == 2
    assert set(Message.objects.values_list("dedupe_key", flat=True)) == {"once", "twice"}
    assert sorted(m.to[0] for m in mail.outbox) == ["siti@example.com", "siti@example.com"]
    assert queue(dedupe_key="once") is None  # also outside a transaction
    assert Message.objects.count() == 2


@pytest.mark.django_db
def test_an_integrity_error_that_is_not_the_dedupe_key_is_raised():
    with pytest.raises(IntegrityError):
        queue(dedupe_key="fresh", template=None)  # NOT NULL, with an unused key
    assert not Message.objects.exists()


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_database_send_task_is_written_in_the_transaction_of_the_message():
    with transaction.atomic():
        message = queue()
        assert message is not None
        assert send_tasks_of(message.pk).count() == 1  # already written, not after commit
        # A worker sees neither the message nor its task before the commit.
        assert not seen_by_another_connection(lambda: send_tasks_of(message.pk).exists())
        assert not seen_by_another_connection(lambda: Message.objects.exists())
    assert seen_by_another_connection(lambda: send_tasks_of(message.pk).exists())
    assert mail.outbox == []  # the worker sends it
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.attempts == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_database_send_task_rolls_back_with_the_message():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        assert DBTaskResult.objects.count() == 1
        raise RuntimeError("the change that wrote the message failed")
    assert not Message.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_a_used_dedupe_key_enqueues_no_second_task():
    with transaction.atomic():
        first = queue(dedupe_key="once")
        assert queue(dedupe_key="once") is None
    assert first is not None
    assert DBTaskResult.objects.count() == 1
    assert send_tasks_of(first.pk).count() == 1
