"""Background sending: thin wrappers that load by id and call a service."""

from django.tasks import task

from paspor.notifications.sending import message_deliver, outbox_flush


@task()
def message_send(*, message_id: int) -> None:
    message_deliver(message_id=message_id)


@task()
def outbox_flush_task() -> None:
    """Periodic: sends retries that have come due (run by `manage.py outbox_flush --every`)."""
    outbox_flush()
