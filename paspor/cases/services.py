"""The one door that moves a case through its lifecycle."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.cases.models import ALLOWED, Case, CaseEvent, CaseStatus
from paspor.lib.errors import Conflict
from paspor.notifications.services import notify_case_transition


def case_event_record(
    *,
    case: Case,
    kind: str,
    by: User | None,
    reason: str = "",
    data: Mapping[str, Any] | None = None,
) -> CaseEvent:
    """A timeline entry that is not a status change (a document checked, a photo accepted)."""
    return CaseEvent.objects.create(
        case=case,
        at=timezone.now(),
        actor=by,
        from_status=case.status,
        to_status=case.status,
        kind=kind,
        reason=reason,
        data=dict(data or {}),
    )


@transaction.atomic
def case_transition(
    *,
    case: Case,
    to: CaseStatus,
    by: User | None,
    reason: str = "",
    data: Mapping[str, Any] | None = None,
    fields: Mapping[str, Any] | None = None,
) -> Case:
    """Move `case` to `to`: lock, repeat-safe, table-checked, evented and audited.

    `fields` are other columns to set in the same write (e.g. `due_date` on payment). Returns
    the fresh case. Raises Conflict when the table does not allow the move.
    """
    locked = Case.objects.select_for_update().get(pk=case.pk)
    current = CaseStatus(locked.status)
    if current == to:
        return locked  # already there: a repeated request changes nothing
    if to not in ALLOWED[current]:
        raise Conflict(
            f"Permohonan {locked.code} berstatus “{current.label}” dan tidak dapat dipindah ke "
            f"“{to.label}”.",
            code="transition_not_allowed",
        )
    update = {"status": to.value, **dict(fields or {})}
    if to == CaseStatus.ON_HOLD:
        update["status_before_hold"] = current.value
    for name, value in update.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*update.keys(), "updated_at"])
    CaseEvent.objects.create(
        case=locked,
        at=timezone.now(),
        actor=by,
        from_status=current.value,
        to_status=to.value,
        reason=reason,
        data=dict(data or {}),
    )
    audit_record(
        actor=by,
        office=locked.office,
        subject=locked,
        event="case.transition",
        old={"status": current.value},
        new={"status": to.value, **{k: v for k, v in (fields or {}).items()}},
        reason=reason,
    )
    # Outbox rows in this transaction; they are sent by the worker only after commit.
    notify_case_transition(case=locked, from_status=current, to_status=to, reason=reason)
    return locked
