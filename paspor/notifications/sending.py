"""Delivering outbox messages: claimed under a lease, sent once, retried with back-off on failure.

Race: two workers (the on-commit task and `outbox_flush`, or two flushers) may pick the same
due message. Each claims it with one conditional UPDATE (status pending → sending, or a
"sending" row whose lease has run out → sending again); the database lets exactly one UPDATE
match, and only that worker sends.

A worker killed after its claim leaves the message in "sending" with its `claimed_at`. Once
PASPOR_OUTBOX_LEASE_SECONDS have passed, the next flush claims it again and sends it again.
Every send carries the message's idempotency key (`message_idempotency_key`): the SMS and
WhatsApp gateways receive it as the `Idempotency-Key` header, e-mail as a fixed `Message-ID`.
The status becomes "sent" in its own commit right after the channel accepted the message, so
the only window in which a message can go out twice is between the channel accepting it and
that commit; there the gateway recognises the repeated key and does not deliver again.

The booking's notices are written by a task whose row was committed with the booking
(`task_enqueue_with`). The database worker marks a task "running" when it claims it and never
looks at it again: a worker killed before the task finished would leave the notice unwritten,
and a task that failed on a lost database connection is not tried again. Each flush therefore
puts such a task back in the queue (`notice_tasks_requeue`): one still "running" a lease after
its claim, or failed on a database error, up to PASPOR_OUTBOX_MAX_ATTEMPTS claims. The tasks
are safe to run again: a notice's dedupe key writes it once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q
from django.tasks import TaskResultStatus
from django.template.loader import render_to_string
from django.utils import timezone, translation

from paspor.lib.language import link_in_language
from paspor.lib.reasons import reason_shown
from paspor.notifications import channels
from paspor.notifications.channels import DeliveryError
from paspor.notifications.models import Channel, Message, MessageStatus
from paspor.notifications.sms import sms_fitted, sms_text

MAX_BACKOFF = dt.timedelta(hours=6)


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def message_render(
    *, template: str, context: dict[str, object], language: str, channel: str = Channel.EMAIL
) -> Rendered:
    """The message in `language`; for an SMS in GSM-7 and within three segments
    (`paspor.notifications.sms`)."""
    sms = channel == Channel.SMS
    with translation.override(language):
        context = {**_in_language(context, language), "sms": sms}
        title = render_to_string(f"notifications/{template}.subject.txt", context)
        subject = " ".join(title.split())
        if sms:
            body = sms_fitted(lambda shown: sms_text(_body(template, shown)), context)
            return Rendered(subject=sms_text(subject), body=body)
        return Rendered(subject=subject, body=_body(template, context))


def _body(template: str, context: dict[str, object]) -> str:
    return render_to_string(f"notifications/{template}.txt", context).strip() + "\n"


def _in_language(context: dict[str, object], language: str) -> dict[str, object]:
    """The context as the message shows it: a reason the system wrote in the message's
    language (its dates in words, as the message writes every date), and the site's links
    opening their pages in it (`?bahasa=en`)."""
    site = str(settings.PASPOR_PUBLIC_URL).rstrip("/") + "/"
    # A filter's argument must exist: a message queued before its sender passed the office's
    # zone still renders, with its times alone.
    shown: dict[str, object] = {"time_zone": ""}
    for key, value in context.items():
        if key == "reason" and isinstance(value, str):
            value = reason_shown(value, dates="j F Y")
        elif isinstance(value, str) and value.startswith(site):
            value = link_in_language(value, language)
        shown[key] = value
    return shown


def retry_delay(attempts: int) -> dt.timedelta:
    """Back-off after the `attempts`-th failure: base, 2×base, 4×base … capped at six hours."""
    base = dt.timedelta(seconds=int(settings.PASPOR_OUTBOX_BACKOFF_SECONDS))
    delay: dt.timedelta = base * 2 ** max(attempts - 1, 0)
    return min(delay, MAX_BACKOFF)


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=int(settings.PASPOR_OUTBOX_LEASE_SECONDS))


def message_idempotency_key(message: Message) -> str:
    """The same for every attempt at one message, different for every message."""
    return f"paspor-outbox-{message.pk}-{int(message.created_at.timestamp())}"


def _due(now: dt.datetime | None = None) -> Q:
    now = now or timezone.now()
    waiting = Q(status=MessageStatus.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    # A worker that claimed this more than one lease ago is taken to have died.
    abandoned = Q(status=MessageStatus.SENDING) & (
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - lease())
    )
    return waiting | abandoned


def message_deliver(*, message_id: int) -> bool:
    """Send one message if it is due and nobody else has claimed it. True when sent now."""
    now = timezone.now()
    claimed = Message.objects.filter(_due(now), pk=message_id).update(
        status=MessageStatus.SENDING, attempts=F("attempts") + 1, claimed_at=now
    )
    if not claimed:
        return False  # sent already, not due yet, given up, or another worker has it
    message = Message.objects.get(pk=message_id)
    if message.attempts > settings.PASPOR_OUTBOX_MAX_ATTEMPTS:
        # Only a reclaim gets here: the workers of the earlier attempts died while sending.
        _record_failure(message, DeliveryError("the worker stopped during every attempt"))
        return False
    try:
        rendered = message_render(
            template=message.template,
            context=message.context,
            language=message.language,
            channel=message.channel,
        )
        channels.adapter_for(message.channel).send(
            to=message.to_address,
            subject=rendered.subject,
            body=rendered.body,
            key=message_idempotency_key(message),
        )
    except Exception as exc:  # any failure of one message must not stop the others
        _record_failure(message, exc)
        return False
    # Its own short commit (autocommit), straight after the channel accepted the message.
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
    # Only the worker holding the current claim records its failure: a worker whose lease ran
    # out and was reclaimed must not put the message back while another is sending it.
    Message.objects.filter(
        pk=message.pk, status=MessageStatus.SENDING, claimed_at=message.claimed_at
    ).update(last_error=error, **update)


@dataclass(frozen=True)
class FlushResult:
    due: int
    sent: int


# Tasks that only write outbox messages, each safe to run again (its dedupe key).
NOTICE_TASKS = (
    "paspor.booking.tasks.booking_confirmation_send",
    "paspor.booking.tasks.booking_notice_send",
)
# What a lost or restarted database raises in the worker: worth another try.
DATABASE_FAILURES = (
    "django.db.utils.OperationalError",
    "django.db.utils.InterfaceError",
    "psycopg.OperationalError",
)


def notice_tasks_requeue(*, now: dt.datetime | None = None) -> int:
    """Put back notice tasks abandoned by a dead worker or failed on a database error."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    rows = DBTaskResult.objects.filter(task_path__in=NOTICE_TASKS)
    stuck = rows.filter(
        Q(status=TaskResultStatus.RUNNING, started_at__lt=now - lease())
        | Q(status=TaskResultStatus.FAILED, exception_class_path__in=DATABASE_FAILURES)
    )
    requeued = 0
    for row in stuck.only("pk", "status", "started_at", "worker_ids"):
        if len(row.worker_ids or []) >= settings.PASPOR_OUTBOX_MAX_ATTEMPTS:
            continue  # given up: it stays as it is, for an officer to see
        # Race: a second flusher, or the worker finishing late. The conditional UPDATE needs
        # the row still as it was found, so one of them puts it back, or none.
        requeued += DBTaskResult.objects.filter(
            pk=row.pk, status=row.status, started_at=row.started_at
        ).update(
            status=TaskResultStatus.READY,
            run_after=now,
            started_at=None,
            finished_at=None,
            exception_class_path="",
            traceback="",
        )
    return requeued


def outbox_flush(*, limit: int = 500) -> FlushResult:
    """Send the messages that are due, oldest first (the periodic job and the command); first
    put back the notice tasks a dead worker left (`notice_tasks_requeue`)."""
    notice_tasks_requeue()
    ids = list(
        Message.objects.filter(_due())
        .order_by("next_attempt_at", "created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = sum(1 for message_id in ids if message_deliver(message_id=message_id))
    return FlushResult(due=len(ids), sent=sent)
