"""Retention: a closed case keeps its record, not its applicant's scans, photo and fingerprints.

Personal data is kept no longer than its purpose needs (UU 27/2022 on personal data protection).
Once a case is closed — handed over, rejected or cancelled — and `PASPOR_RETENTION_DAYS` have
passed since it closed, its document scans, photos, fingerprints and signatures are deleted.
What stays: the case row, its timeline, the audit chain, the bill and payment, the passport and
handover records (accountable stock and public money), and a timeline entry listing what was
deleted with each scan's SHA-256, so an inspector can still tell what was seen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.cases import conf
from paspor.cases.models import Case, CasePhoto, CaseScan, CaseStatus, Fingerprint, Signature
from paspor.cases.services import case_event_record, case_lock
from paspor.cases.storage import case_files_delete
from paspor.lib import reasons

CLOSED = (CaseStatus.HANDED_OVER, CaseStatus.REJECTED, CaseStatus.CANCELLED)


@dataclass(frozen=True)
class Purged:
    scans: int
    photos: int
    fingerprints: int
    signatures: int

    @property
    def total(self) -> int:
        return self.scans + self.photos + self.fingerprints + self.signatures


def retention_due(*, now: dt.datetime | None = None, days: int | None = None) -> QuerySet[Case]:
    """Closed cases whose last step is older than the retention period, not yet purged."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=days or conf.retention_days())
    return (
        Case.objects.filter(status__in=CLOSED, files_purged_at__isnull=True)
        .annotate(closed_at=Max("events__at"))
        .filter(closed_at__lte=cutoff)
        .order_by("closed_at", "pk")
    )


@transaction.atomic
def case_files_purge(*, case: Case, by: User | None = None) -> Purged:
    """Deletes one closed case's personal files; safe to repeat (a second run deletes nothing)."""
    locked = case_lock(case)
    if locked.files_purged_at is not None or locked.status not in CLOSED:
        return Purged(0, 0, 0, 0)
    scans = list(CaseScan.objects.filter(case=locked))
    photos = list(CasePhoto.objects.filter(case=locked))
    prints = list(Fingerprint.objects.filter(case=locked))
    signatures = list(Signature.objects.filter(case=locked))
    names = [s.file.name for s in scans]
    names += [n for p in photos for n in (p.original.name, p.thumbnail.name, p.print_version.name)]
    names += [f.image.name for f in prints] + [s.image.name for s in signatures]
    purged = Purged(len(scans), len(photos), len(prints), len(signatures))
    for rows in (scans, photos, prints, signatures):
        for row in rows:
            row.delete()
    now = timezone.now()
    locked.files_purged_at = now
    locked.save(update_fields=["files_purged_at", "updated_at"])
    deleted = {
        "scans": [{"document": s.document_code, "sha256": s.sha256} for s in scans],
        "photos": purged.photos,
        "fingerprints": purged.fingerprints,
        "signatures": purged.signatures,
    }
    case_event_record(
        case=locked,
        kind="retention_purge",
        by=by,
        reason=reasons.reason_record(reasons.FILES_PURGED),
        data=deleted,
    )
    audit_record(
        actor=by,
        actor_label="" if by else "retensi",
        office=locked.office,
        subject=locked,
        event="case.files_purged",
        new={"scans": purged.scans, "photos": purged.photos, "fingerprints": purged.fingerprints},
    )
    # The files go only when the rows are gone for good: a rollback keeps both.
    transaction.on_commit(lambda: case_files_delete(names))
    return purged


def retention_run(*, now: dt.datetime | None = None, days: int | None = None) -> list[Purged]:
    """Purges every case due; each case in its own transaction, so one failure stops nothing."""
    return [case_files_purge(case=case) for case in retention_due(now=now, days=days)]
