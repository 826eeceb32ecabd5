"""Background sending: thin wrappers that load by id and call a service."""

from django.tasks import task

from paspor.notifications.sending import message_deliver


@task()
def message_send(*, message_id: int) -> None:
    message_deliver(message_id=message_id)
