"""Delivering outbox messages: each is claimed once, sent once, retried with back-off on failure.

Race: two workers (the on-commit task and `outbox_flush`, or two flushers) may pick the same
due message. Each claims it with one conditional UPDATE (status pending → sending); the
database lets exactly one UPDATE match, and only that worker sends. A worker that dies after
the claim leaves the message in "sending": it is not sent again automatically (at most once);
staff see it in the admin and may resend it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from paspor.notifications import channels
from paspor.notifications.models import Message, MessageStatus

MAX_BACKOFF = dt.timedelta(hours=6)


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def message_render(*, template: str, context: dict[str, object], language: str) -> Rendered:
    with translation.override(language):
        subject = render_to_string(f"notifications/{template}.subject.txt", context)
        body = render_to_string(f"notifications/{template}.txt", context)
    return Rendered(subject=" ".join(subject.split()), body=body.strip() + "\n")


def retry_delay(attempts: int) -> dt.timedelta:
    """Back-off after the `attempts`-th failure: base, 2×base, 4×base … capped at six hours."""
    base = dt.timedelta(seconds=int(settings.PASPOR_OUTBOX_BACKOFF_SECONDS))
    delay: dt.timedelta = base * 2 ** max(attempts - 1, 0)
    return min(delay, MAX_BACKOFF)


def _due() -> Q:
    return Q(status=MessageStatus.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now())
    )


def message_deliver(*, message_id: int) -> bool:
    """Send one message if it is due and nobody else has claimed it. True when sent now."""
    now = timezone.now()
    claimed = Message.objects.filter(_due(), pk=message_id).update(
        status=MessageStatus.SENDING, attempts=F("attempts") + 1, claimed_at=now
    )
    if not claimed:
        return False  # sent already, not due yet, given up, or another worker has it
    message = Message.objects.get(pk=message_id)
    try:
        rendered = message_render(
            template=message.template, context=message.context, language=message.language
        )
        channels.adapter_for(message.channel).send(
            to=message.to_address, subject=rendered.subject, body=rendered.body
        )
    except Exception as exc:  # any failure of one message must not stop the others
        _record_failure(message, exc)
        return False
    Message.objects.filter(pk=message_id, status=MessageStatus.SENDING).update(
        status=MessageStatus.SENT, sent_at=timezone.now(), last_error="", next_attempt_at=None
    )
    return True


def _record_failure(message: Message, exc: Exception) -> None:
    error = f"{type(exc).__name__}: {exc}"[:2000]
    update: dict[str, object]
    if message.attempts >= settings.PASPOR_OUTBOX_MAX_ATTEMPTS:
        update = {"status": MessageStatus.FAILED, "next_attempt_at": None}
    else:
        update = {
            "status": MessageStatus.PENDING,
            "next_attempt_at": timezone.now() + retry_delay(message.attempts),
        }
    Message.objects.filter(pk=message.pk, status=MessageStatus.SENDING).update(
        last_error=error, **update
    )


@dataclass(frozen=True)
class FlushResult:
    due: int
    sent: int


def outbox_flush(*, limit: int = 500) -> FlushResult:
    """Send the messages that are due, oldest first (the periodic job and the command)."""
    ids = list(
        Message.objects.filter(_due())
        .order_by("next_attempt_at", "created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = sum(1 for message_id in ids if message_deliver(message_id=message_id))
    return FlushResult(due=len(ids), sent=sent)
