"""Photo, fingerprints and signature (the biometrics station)."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.cases import conf
from paspor.cases.certification import require_step_certificate
from paspor.cases.devices import fingerprint_scanner
from paspor.cases.files import JPEG, PNG, file_check
from paspor.cases.models import Case, CasePhoto, CaseStatus, Finger, Fingerprint, Signature
from paspor.cases.services import (
    case_event_record,
    case_lock,
    case_transition,
    require_assignee,
    require_status,
)
from paspor.cases.storage import case_files_delete
from paspor.lib import reasons
from paspor.lib.errors import DomainError
from paspor.lib.photo_quality import check_photo, make_print_version, make_thumbnail
from paspor.lib.storage import files_undone_on_failure
from paspor.lib.text import blank

IMAGES = frozenset({JPEG, PNG})


def _biometrics_case(case: Case, by: User) -> Case:
    locked = case_lock(case)
    require_status(locked, CaseStatus.BIOMETRICS)
    require_assignee(locked, by)
    require_step_certificate(user=by, office=locked.office, status=locked.status)
    return locked


@files_undone_on_failure()
@transaction.atomic
def case_photo_add(*, case: Case, by: User, data: bytes, source: str) -> CasePhoto:
    """Store a captured or uploaded photo with its automatic checks, thumbnail and print crop."""
    locked = _biometrics_case(case, by)
    checked = file_check(data, allowed=IMAGES, max_bytes=conf.scan_max_bytes())
    thresholds = conf.photo_thresholds()
    report = check_photo(data, thresholds)
    if report.checks and report.checks[0].code == "readable":
        raise DomainError(
            _("Berkas foto tidak dapat dibaca sebagai gambar."), code="photo_unreadable"
        )
    stamp = checked.sha256[:16]
    photo = CasePhoto(
        case=locked,
        source=source,
        report=[
            {
                "code": c.code,
                "label_id": c.label_id,
                "label_en": c.label_en,
                "value": c.value,
                "limit": c.limit,
                "passed": c.passed,
            }
            for c in report.checks
        ],
        passed=report.passed,
        uploaded_by=by,
        uploaded_at=timezone.now(),
    )
    photo.original.save(f"{stamp}.{checked.extension}", ContentFile(data), save=False)
    photo.thumbnail.save(f"{stamp}-thumb.jpg", ContentFile(make_thumbnail(data)), save=False)
    photo.print_version.save(
        f"{stamp}-print.jpg",
        ContentFile(make_print_version(data, thresholds=thresholds)),
        save=False,
    )
    photo.save()
    failed = [c.code for c in report.checks if not c.passed]
    case_event_record(
        case=locked, kind="photo_added", by=by, data={"photo": photo.pk, "failed": failed}
    )
    audit_record(
        actor=by,
        office=locked.office,
        subject=locked,
        event="case.photo_added",
        new={"photo": photo.pk, "passed": report.passed, "failed": failed},
    )
    return photo


@transaction.atomic
def case_photo_accept(*, case: Case, photo: CasePhoto, by: User, reason: str = "") -> CasePhoto:
    """Accept the photo for the passport; one that failed a check needs the officer's reason."""
    locked = _biometrics_case(case, by)
    if photo.case_id != locked.pk:
        raise DomainError(_("Foto ini bukan milik permohonan ini."), code="photo_case")
    if not photo.passed and blank(reason):
        raise DomainError(
            _("Foto tidak lulus pemeriksaan otomatis: tuliskan alasan bila tetap diterima."),
            code="reason_required",
        )
    if photo.accepted_at is None:
        photo.accepted_by = by
        photo.accepted_at = timezone.now()
        photo.accept_reason = reason.strip() if not photo.passed else ""
        photo.save(update_fields=["accepted_by", "accepted_at", "accept_reason"])
        case_event_record(
            case=locked,
            kind="photo_accepted",
            by=by,
            reason=photo.accept_reason,
            data={"photo": photo.pk, "passed": photo.passed},
        )
        audit_record(
            actor=by,
            office=locked.office,
            subject=locked,
            event="case.photo_accepted",
            new={"photo": photo.pk, "passed": photo.passed},
            reason=photo.accept_reason,
        )
    return photo


def accepted_photo(case: Case) -> CasePhoto | None:
    return case.photos.filter(accepted_at__isnull=False).order_by("-accepted_at", "-pk").first()


@files_undone_on_failure()
@transaction.atomic
def case_fingerprints_capture(
    *, case: Case, by: User, fingers: list[str] | None = None
) -> list[Fingerprint]:
    """Capture the fingers (all four by default) through the configured scanner."""
    locked = _biometrics_case(case, by)
    scanner = fingerprint_scanner()
    wanted = fingers or list(Finger.values)
    existing = {fp.finger: fp for fp in locked.fingerprints.all()}
    now = timezone.now()
    saved = []
    replaced: list[str | None] = []
    for finger in wanted:
        if finger not in Finger.values:
            raise DomainError(_("Jari tidak dikenal."), code="finger")
        previous = existing.get(finger)
        attempt = previous.attempts + 1 if previous else 1
        capture = scanner.capture(finger=finger, subject=locked.code, attempt=attempt)
        row = previous or Fingerprint(case=locked, finger=finger)
        earlier = row.image.name
        row.quality, row.attempts, row.device = capture.quality, attempt, capture.device
        row.captured_by, row.captured_at = by, now
        row.image.save(f"{finger}-{attempt}.png", ContentFile(capture.png), save=False)
        row.save()
        if earlier and earlier != row.image.name:
            replaced.append(earlier)
        saved.append(row)
    # A retake's earlier image goes once the new one is committed; a rollback keeps it.
    transaction.on_commit(lambda: case_files_delete(replaced))
    qualities = {row.finger: row.quality for row in saved}
    case_event_record(case=locked, kind="fingerprints_captured", by=by, data=qualities)
    audit_record(
        actor=by, office=locked.office, subject=locked, event="case.fingerprints", new=qualities
    )
    return saved


@files_undone_on_failure()
@transaction.atomic
def case_signature_add(*, case: Case, by: User, data: bytes, source: str) -> Signature:
    """Store the signature drawn on the pad or uploaded; an empty pad is refused."""
    locked = _biometrics_case(case, by)
    checked = file_check(data, allowed=IMAGES, max_bytes=conf.scan_max_bytes())
    if _is_blank(data):
        raise DomainError(_("Tanda tangan masih kosong."), code="signature_blank")
    signature = Signature(case=locked, source=source, captured_by=by, captured_at=timezone.now())
    signature.image.save(
        f"signature-{checked.sha256[:16]}.{checked.extension}", ContentFile(data), save=False
    )
    signature.save()
    case_event_record(case=locked, kind="signature_added", by=by, data={"source": source})
    audit_record(
        actor=by,
        office=locked.office,
        subject=locked,
        event="case.signature",
        new={"source": source},
    )
    return signature


def _is_blank(data: bytes) -> bool:
    import cv2
    import numpy as np

    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if image is None:
        raise DomainError(_("Gambar tanda tangan tidak dapat dibaca."), code="signature_unreadable")
    if image.ndim == 3 and image.shape[2] == 4:
        return bool((image[:, :, 3] > 0).sum() < 50)  # a transparent canvas with no strokes
    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return bool((gray < 128).sum() < 50)


def _poor_fingers(case: Case) -> list[str]:
    """Codes of the captured fingers below the configured quality limit (NFIQ: higher is worse)."""
    limit = conf.fingerprint_max_nfiq()
    return [fp.finger for fp in case.fingerprints.all() if fp.quality > limit]


def _finger_labels(codes: list[str]) -> str:
    return ", ".join(str(Finger(code).label) for code in codes)


def biometrics_problems(case: Case) -> tuple[list[str], list[str]]:
    """(what is missing, fingers below the quality limit) before the interview can start."""
    problems = []
    if accepted_photo(case) is None:
        problems.append(_("Foto belum diterima."))
    captured = {fp.finger for fp in case.fingerprints.all()}
    missing = [f for f in Finger.values if f not in captured]
    if missing:
        problems.append(
            _("Sidik jari belum diambil: %(fingers)s.") % {"fingers": _finger_labels(missing)}
        )
    if not case.signatures.exists():
        problems.append(_("Tanda tangan belum diambil."))
    poor = [str(Finger(code).label) for code in _poor_fingers(case)]
    return problems, poor


@transaction.atomic
def case_biometrics_complete(*, case: Case, by: User, reason: str = "") -> Case:
    """Photo accepted, four fingers and a signature: on to the interview (same officer)."""
    locked = _biometrics_case(case, by)
    problems = biometrics_problems(locked)[0]
    if problems:
        raise DomainError(" ".join(problems), code="biometrics_incomplete")
    # Recorded as codes: the case history shows them in the language of whoever reads it.
    poor = _poor_fingers(locked)
    if poor and blank(reason):
        raise DomainError(
            _(
                "Mutu sidik jari kurang (%(fingers)s): ambil ulang, atau tuliskan alasan "
                "(mis. jari cacat atau aus)."
            )
            % {"fingers": _finger_labels(poor)},
            code="reason_required",
        )
    return case_transition(
        case=locked,
        to=CaseStatus.INTERVIEW,
        by=by,
        reason=reason.strip() or reasons.reason_record(reasons.BIOMETRICS_DONE),
        data={"poor_fingers": poor},
    )
