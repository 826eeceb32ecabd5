"""Delivering outbox messages. E-mail through Django's mailers; other channels come later."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from paspor.notifications.models import Channel, Message, MessageStatus


def message_deliver(*, message_id: int) -> None:
    """Send one message at most once: claim it with a conditional UPDATE, then send."""
    claimed = Message.objects.filter(pk=message_id, status=MessageStatus.PENDING).update(
        status=MessageStatus.SENDING, attempts=F("attempts") + 1
    )
    if not claimed:
        return  # sent already, or another worker has it
    message = Message.objects.get(pk=message_id)
    try:
        with translation.override(message.language):
            subject = render_to_string(
                f"notifications/{message.template}.subject.txt", message.context
            ).strip()
            body = render_to_string(f"notifications/{message.template}.txt", message.context)
        if message.channel != Channel.EMAIL:
            raise NotImplementedError(f"channel {message.channel} is not configured")
        EmailMessage(subject=subject, body=body, to=[message.to_address]).send()
    except Exception as exc:
        with transaction.atomic():
            Message.objects.filter(pk=message_id).update(
                status=MessageStatus.FAILED, last_error=str(exc)[:2000]
            )
        return
    Message.objects.filter(pk=message_id).update(status=MessageStatus.SENT, sent_at=timezone.now())
