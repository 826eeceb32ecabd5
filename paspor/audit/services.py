"""Writing to the audit log. Called from services, inside their transaction — never from signals.

The chain head row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite's immediate
transactions already serialise writers) so two concurrent writers of one office cannot both
append after the same row. Take it last in a service's transaction: the lock is then held only
for the moment before commit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from paspor.audit.models import NATIONAL_CHAIN, AuditChain, AuditEntry, PiiAccess

if TYPE_CHECKING:
    from paspor.accounts.models import User
    from paspor.cases.models import Case
    from paspor.offices.models import Office


def _jsonable(values: Mapping[str, Any] | None) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(json.dumps(dict(values or {}), cls=DjangoJSONEncoder))
    return result


def entry_digest(entry: AuditEntry) -> str:
    """The hash of a row: its content plus the previous row's hash, in canonical JSON."""
    payload = {
        "chain": entry.chain,
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "office": entry.office_id,
        "subject_type": entry.subject_type,
        "subject_id": entry.subject_id,
        "event": entry.event,
        "old": entry.old,
        "new": entry.new,
        "reason": entry.reason,
        "prev": entry.prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _subject(subject: models.Model | tuple[str, str]) -> tuple[str, str]:
    if isinstance(subject, tuple):
        return subject
    return subject._meta.label_lower, str(subject.pk)


def audit_record(
    *,
    actor: User | None,
    office: Office | None,
    subject: models.Model | tuple[str, str],
    event: str,
    old: Mapping[str, Any] | None = None,
    new: Mapping[str, Any] | None = None,
    reason: str = "",
    actor_label: str = "",
) -> AuditEntry:
    """Append one row to the office's chain, in the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the service's transaction")
    key = office.code if office is not None else NATIONAL_CHAIN
    subject_type, subject_id = _subject(subject)
    AuditChain.objects.get_or_create(key=key)
    head = AuditChain.objects.select_for_update().get(key=key)
    entry = AuditEntry(
        chain=key,
        seq=head.last_seq + 1,
        at=timezone.now(),
        actor=actor,
        actor_label=actor_label or (actor.get_username() if actor is not None else "sistem"),
        office=office,
        subject_type=subject_type,
        subject_id=subject_id,
        event=event,
        old=_jsonable(old),
        new=_jsonable(new),
        reason=reason,
        prev_hash=head.last_hash,
    )
    entry.hash = entry_digest(entry)
    entry.save(force_insert=True)
    head.last_seq, head.last_hash = entry.seq, entry.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return entry


@dataclass(frozen=True)
class ChainBreak:
    chain: str
    seq: int
    entry_id: int | None
    problem: str


def audit_verify_chain(key: str) -> ChainBreak | None:
    """Walks one chain from the start; returns the first broken row, or None when intact."""
    prev, expected_seq = "0" * 64, 1
    for entry in AuditEntry.objects.filter(chain=key).order_by("seq").iterator(chunk_size=2000):
        if entry.seq != expected_seq:
            return ChainBreak(key, expected_seq, None, f"row {expected_seq} is missing")
        if entry.prev_hash != prev:
            return ChainBreak(key, entry.seq, entry.pk, "previous-hash link does not match")
        if entry_digest(entry) != entry.hash:
            return ChainBreak(key, entry.seq, entry.pk, "content does not match its hash")
        prev, expected_seq = entry.hash, expected_seq + 1
    head = AuditChain.objects.filter(key=key).first()
    if head is not None and head.last_seq != expected_seq - 1:
        return ChainBreak(key, expected_seq, None, "rows at the end of the chain are missing")
    return None


def audit_verify_all() -> list[ChainBreak]:
    keys = set(AuditChain.objects.values_list("key", flat=True))
    keys |= set(AuditEntry.objects.values_list("chain", flat=True).distinct())
    return [brk for key in sorted(keys) if (brk := audit_verify_chain(key)) is not None]


def pii_access_record(*, user: User, case: Case, what: str) -> PiiAccess:
    """Record that `user` was shown `what` of `case` (a page or a file: "cases.detail", …)."""
    return PiiAccess.objects.create(
        at=timezone.now(), user=user, office_id=case.office_id, case=case, what=what[:80]
    )
