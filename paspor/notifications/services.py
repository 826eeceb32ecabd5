"""Writing to the outbox. The notification issue adds channels, templates and retries.

`notify` runs inside the caller's transaction: a change that rolls back leaves no message, and
the send task is enqueued only after commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction

from paspor.notifications.models import Channel, Message

if TYPE_CHECKING:
    from paspor.accounts.models import User
    from paspor.cases.models import Case, CaseStatus
    from paspor.offices.models import Office


def _jsonable(context: Mapping[str, Any]) -> dict[str, Any]:
    import json

    result: dict[str, Any] = json.loads(json.dumps(dict(context), cls=DjangoJSONEncoder))
    return result


def notify(
    *,
    to_address: str,
    template: str,
    context: Mapping[str, Any],
    channel: Channel = Channel.EMAIL,
    recipient: User | None = None,
    office: Office | None = None,
    dedupe_key: str | None = None,
    language: str = "id",
) -> Message | None:
    """Queue one message; returns None when `dedupe_key` was already used or no address."""
    if not to_address:
        return None
    try:
        with transaction.atomic():
            message = Message.objects.create(
                recipient=recipient,
                to_address=to_address,
                channel=channel,
                template=template,
                context=_jsonable(context),
                office=office,
                dedupe_key=dedupe_key,
                language=language,
            )
    except IntegrityError:
        if dedupe_key and Message.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    from paspor.notifications.tasks import message_send

    transaction.on_commit(lambda: message_send.enqueue(message_id=message.pk))
    return message


# Statuses the applicant is told about, with the template that tells them.
CASE_STATUS_TEMPLATES = {
    "deferred": "case_deferred",
    "rejected": "case_rejected",
    "billed": "billing_issued",
    "paid": "payment_received",
    "ready": "ready_for_pickup",
    "cancelled": "case_cancelled",
}


def notify_case_transition(
    *, case: Case, from_status: CaseStatus, to_status: CaseStatus, reason: str = ""
) -> Message | None:
    template = CASE_STATUS_TEMPLATES.get(to_status.value)
    if template is None or not case.email:
        return None
    return notify(
        to_address=case.email,
        template=template,
        context={
            "case_code": case.code,
            "name": case.full_name,
            "reason": reason,
            "due_date": case.due_date,
            "office": case.office.name,
        },
        recipient=case.applicant_account,
        office=case.office,
        dedupe_key=f"case:{case.pk}:{to_status.value}:{case.events.count()}",
    )
