"""Intake (pemeriksaan berkas): data against the documents, originals, scans, old passport.

Each function is one service: one transaction, the case row locked, only for the officer the
case is assigned to, with a case event and an audit row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.cases import conf
from paspor.cases.certification import require_step_certificate
from paspor.cases.documents import required_documents
from paspor.cases.files import JPEG, PDF, PNG, file_check
from paspor.cases.models import (
    Case,
    CaseDocument,
    CaseParent,
    CaseScan,
    CaseStatus,
    DocumentStatus,
    ParentRole,
)
from paspor.cases.services import (
    UNASSIGNED,
    ApplicantData,
    age_on,
    case_event_record,
    case_lock,
    case_transition,
    contact_clean,
    fine_for,
    nik_check,
    refuse_suspended_nik,
    require_assignee,
    require_status,
)
from paspor.cases.types import ApplicationType
from paspor.issuance.selectors import valid_passports_of
from paspor.lib import reasons
from paspor.lib.errors import DomainError
from paspor.lib.language import in_active_language, record_text
from paspor.lib.mrz import parse_td3
from paspor.lib.nik import NikError, parse_nik, sixteen_digits
from paspor.lib.person_text import birth_place_check, full_name_check
from paspor.lib.storage import files_undone_on_failure
from paspor.offices.calendar import office_today

ADULT_AGE = 17  # UU 6/2011 and Permenkumham 18/2022: a child is under 17 and unmarried
NEW_TYPES = frozenset({ApplicationType.NEW_ADULT, ApplicationType.NEW_CHILD})
NEEDS_OLD_PASSPORT = frozenset(
    {ApplicationType.REPLACEMENT, ApplicationType.DAMAGED, ApplicationType.CHANGE_OF_DATA}
)

OLD_PASSPORT_NUMBER = re.compile(r"[A-Z0-9]{1,9}")


def _intake_case(case: Case, by: User) -> Case:
    locked = case_lock(case)
    require_status(locked, CaseStatus.INTAKE)
    require_assignee(locked, by)
    require_step_certificate(user=by, office=locked.office, status=locked.status)
    return locked


def is_child(case: Case) -> bool:
    today = office_today(case.office)
    return case.is_child or (age_on(case.birth_date, today) < ADULT_AGE and not case.is_married)


@transaction.atomic
def case_data_verify(
    *,
    case: Case,
    by: User,
    data: ApplicantData,
    is_married: bool = False,
    validity_years: int = 10,
    express: bool = False,
    kk_number: str | None = None,
) -> Case:
    """The officer confirms the data against the originals; the NIK check runs again.

    `kk_number` is the family card's number (16 digits, spaces dropped; "" clears it, None
    keeps what was recorded): a proxy on the same KK is checked against it at pickup."""
    locked = _intake_case(case, by)
    today = office_today(locked.office)
    kk = locked.kk_number if kk_number is None else kk_number_clean(kk_number)
    # What is verified here is printed on the data page and in the MRZ.
    full_name_check(data.full_name)
    birth_place_check(data.birth_place)
    nik, warnings = nik_check(nik=data.nik, birth_date=data.birth_date, sex=data.sex, today=today)
    # A NIK corrected at the counter meets the suspension opening the case would have met.
    refuse_suspended_nik(nik)
    child = age_on(data.birth_date, today) < ADULT_AGE and not is_married
    _check_type_and_age(data.application_type, child=child, validity_years=validity_years)
    phone, language = contact_clean(data)
    values = {
        "nik": nik,
        "full_name": data.full_name.strip(),
        "sex": data.sex,
        "birth_date": data.birth_date,
        "birth_place": data.birth_place.strip(),
        "phone": phone,
        "email": data.email,
        "language": language,
        "application_type": data.application_type,
        "passport_kind": data.passport_kind,
        "is_married": is_married,
        "validity_years": validity_years,
        "express": express,
        "fine_kind": fine_for(data.application_type),
        "kk_number": kk,
    }
    old = {name: str(getattr(locked, name)) for name in values}
    for name, value in values.items():
        setattr(locked, name, value)
    locked.nik_warnings = warnings
    locked.data_verified_at = timezone.now()
    locked.save(update_fields=[*values, "nik_warnings", "data_verified_at", "updated_at"])
    changed = {k: str(v) for k, v in values.items() if str(v) != old[k]}
    case_event_record(
        case=locked, kind="data_verified", by=by, data={"changed": changed, "warnings": warnings}
    )
    audit_record(
        actor=by,
        office=locked.office,
        subject=locked,
        event="case.data_verified",
        old={k: old[k] for k in changed},
        new=changed,
    )
    return locked


def kk_number_clean(typed: str) -> str:
    """A KK number as stored: 16 digits 0–9, whitespace typed or pasted in dropped; "" for
    none. Anything else is refused (DomainError `kk_number`)."""
    number = re.sub(r"\s+", "", typed)
    if number and not sixteen_digits(number):
        raise DomainError(_("Nomor KK harus 16 angka."), code="kk_number")
    return number


def _check_type_and_age(application_type: str, *, child: bool, validity_years: int) -> None:
    if application_type == ApplicationType.NEW_CHILD and not child:
        raise DomainError(
            _("Paspor baru anak hanya untuk pemohon di bawah 17 tahun yang belum menikah."),
            code="not_a_child",
        )
    if application_type == ApplicationType.NEW_ADULT and child:
        raise DomainError(
            _("Pemohon di bawah 17 tahun yang belum menikah mengajukan paspor baru anak."),
            code="is_a_child",
        )
    if validity_years not in (5, 10):
        raise DomainError(_("Masa berlaku paspor 5 atau 10 tahun."), code="validity")
    if child and validity_years == 10:
        # Permenkumham 18/2022: 10 years only for citizens aged 17 or over, or married.
        raise DomainError(
            _("Paspor 10 tahun hanya untuk pemohon berusia 17 tahun ke atas atau sudah menikah."),
            code="validity",
        )


@dataclass(frozen=True)
class ParentData:
    role: str
    full_name: str
    nik: str = ""
    present: bool = False
    documents: list[str] = field(default_factory=list)


@transaction.atomic
def case_parents_record(*, case: Case, by: User, parents: Iterable[ParentData]) -> list[CaseParent]:
    """A child's parents as on the KK and the birth certificate; an impossible NIK is refused."""
    locked = _intake_case(case, by)
    today = office_today(locked.office)
    saved = []
    for parent in parents:
        if parent.role not in ParentRole.values or not parent.full_name.strip():
            raise DomainError(_("Isi nama ayah dan ibu."), code="parent_name")
        nik = ""
        if parent.nik.strip():
            try:
                nik = parse_nik(parent.nik, today=today).nik
            except NikError as exc:
                message = _("NIK %(parent)s: %(problem)s") % {
                    "parent": ParentRole(parent.role).label,
                    "problem": in_active_language(exc.message, exc.message_en),
                }
                raise DomainError(message, code="parent_nik") from None
        row, _created = CaseParent.objects.update_or_create(
            case=locked,
            role=parent.role,
            defaults={
                "full_name": parent.full_name.strip(),
                "nik": nik,
                "present": parent.present,
                "documents": sorted(set(parent.documents)),
            },
        )
        saved.append(row)
    summary = {row.role: {"name": row.full_name, "present": row.present} for row in saved}
    case_event_record(case=locked, kind="parents_recorded", by=by, data=summary)
    audit_record(
        actor=by, office=locked.office, subject=locked, event="case.parents_recorded", new=summary
    )
    return saved


@transaction.atomic
def case_documents_check(*, case: Case, by: User, seen: Iterable[str]) -> list[CaseDocument]:
    """Mark each required original seen or missing (the list: paspor/cases/documents.py)."""
    locked = _intake_case(case, by)
    seen_codes = set(seen)
    now = timezone.now()
    rows = []
    for requirement in required_documents(locked.application_type, is_child=is_child(locked)):
        status = DocumentStatus.SEEN if requirement.code in seen_codes else DocumentStatus.MISSING
        label = record_text(requirement.label)
        row, _created = CaseDocument.objects.update_or_create(
            case=locked,
            code=requirement.code,
            defaults={
                "label": label,
                "status": status,
                "checked_by": by,
                "checked_at": now,
            },
        )
        rows.append(row)
    result = {row.code: row.status for row in rows}
    case_event_record(case=locked, kind="documents_checked", by=by, data=result)
    audit_record(
        actor=by, office=locked.office, subject=locked, event="case.documents_checked", new=result
    )
    return rows


@files_undone_on_failure()
@transaction.atomic
def case_scan_add(*, case: Case, by: User, document_code: str, data: bytes) -> CaseScan:
    """Store a scan; PDF, JPEG or PNG as read from the content, at most the configured size."""
    locked = _intake_case(case, by)
    checked = file_check(data, allowed=frozenset({PDF, JPEG, PNG}), max_bytes=conf.scan_max_bytes())
    scan = CaseScan(
        case=locked,
        document_code=document_code,
        content_type=checked.content_type,
        size=len(data),
        sha256=checked.sha256,
        uploaded_by=by,
        uploaded_at=timezone.now(),
    )
    scan.file.save(
        f"{document_code}-{checked.sha256[:16]}.{checked.extension}", ContentFile(data), save=False
    )
    scan.save()
    details = {"document": document_code, "type": checked.content_type, "sha256": checked.sha256}
    case_event_record(case=locked, kind="scan_added", by=by, data=details)
    audit_record(
        actor=by, office=locked.office, subject=locked, event="case.scan_added", new=details
    )
    return scan


@dataclass(frozen=True)
class PreviousPassport:
    number: str
    expiry: dt.date | None
    warnings: list[str]


def previous_passport_read(
    *, number: str, expiry: dt.date | None, mrz_line1: str, mrz_line2: str, today: dt.date
) -> PreviousPassport:
    """The old passport from the form, or from its MRZ when both lines are given."""
    if mrz_line1.strip() and mrz_line2.strip():
        # Typed or scanned lines may carry spaces, as at the print read-back.
        line1 = mrz_line1.strip().upper().replace(" ", "")
        line2 = mrz_line2.strip().upper().replace(" ", "")
        result = parse_td3(line1, line2, today=today)
        if result.errors:
            error = result.errors[0]
            raise DomainError(
                _("MRZ tidak sah: %(problem)s")
                % {"problem": in_active_language(error.message, error.message_en)},
                code="mrz_invalid",
            )
        return PreviousPassport(result.passport_number, result.expiry_date, [])
    number = number.strip().upper().replace(" ", "")
    # As in the MRZ's document number field: Latin capitals and digits only (`isalnum` would
    # also take "É" or Arabic-Indic digits, which no passport number holds).
    if not OLD_PASSPORT_NUMBER.fullmatch(number):
        raise DomainError(
            _("Nomor paspor lama: huruf dan angka, paling banyak 9."), code="passport"
        )
    return PreviousPassport(number, expiry, [])


@transaction.atomic
def case_previous_passport_record(
    *,
    case: Case,
    by: User,
    number: str = "",
    expiry: dt.date | None = None,
    mrz_line1: str = "",
    mrz_line2: str = "",
) -> Case:
    """Record the old passport. Rules on it are checked when intake is completed."""
    locked = _intake_case(case, by)
    today = office_today(locked.office)
    read = previous_passport_read(
        number=number, expiry=expiry, mrz_line1=mrz_line1, mrz_line2=mrz_line2, today=today
    )
    locked.previous_passport_number = read.number
    locked.previous_passport_expiry = read.expiry
    locked.save(
        update_fields=["previous_passport_number", "previous_passport_expiry", "updated_at"]
    )
    details = {
        "number": read.number,
        "expiry": read.expiry.isoformat() if read.expiry else None,
        "from_mrz": bool(mrz_line1.strip()),
    }
    case_event_record(case=locked, kind="previous_passport_recorded", by=by, data=details)
    audit_record(
        actor=by, office=locked.office, subject=locked, event="case.previous_passport", new=details
    )
    return locked


def previous_passport_problem(case: Case, today: dt.date) -> str | None:
    """A still-valid passport allows only a replacement; replacements need the old passport."""
    expiry = case.previous_passport_expiry
    still_valid = bool(case.previous_passport_number) and expiry is not None and expiry >= today
    if expiry is not None and still_valid and case.application_type in NEW_TYPES:
        return _(
            "Pemohon masih memiliki paspor %(number)s yang berlaku sampai %(expiry)s: hanya "
            "dapat mengajukan penggantian, bukan paspor baru."
        ) % {"number": case.previous_passport_number, "expiry": date_format(expiry, "j F Y")}
    if case.application_type in NEEDS_OLD_PASSPORT and not case.previous_passport_number:
        return _("Catat nomor paspor lama untuk permohonan penggantian.")
    recorded = str(case.previous_passport_number or "").upper()
    unrecorded = [
        passport
        for passport in valid_passports_of(case.nik, on=today).exclude(case=case)
        if passport.passport_number != recorded
    ]
    if unrecorded:
        # One valid ordinary passport per citizen: one that Paspor issued is known even when the
        # applicant does not mention it, and it is the old passport of this application.
        return _(
            "Tercatat paspor %(number)s atas NIK ini yang masih berlaku sampai %(expiry)s: "
            "catat sebagai paspor lama."
        ) % {
            "number": unrecorded[0].passport_number,
            "expiry": date_format(unrecorded[0].expiry_date, "j F Y"),
        }
    return None


def unseen_documents_problem(case: Case) -> str:
    """The required originals not ticked as seen, in one sentence naming them all (not one per
    document); empty when every one was seen."""
    statuses = dict(case.documents.values_list("code", "status"))
    unseen = [
        str(requirement.label)
        for requirement in required_documents(case.application_type, is_child=is_child(case))
        if statuses.get(requirement.code) != DocumentStatus.SEEN
    ]
    if not unseen:
        return ""
    return _("Dokumen asli belum diperiksa atau tidak ada: %(document)s.") % {
        "document": "; ".join(unseen)
    }


def intake_problems(case: Case) -> list[str]:
    """What still stands between this case and the end of intake (empty: ready)."""
    today = office_today(case.office)
    problems = []
    if case.data_verified_at is None:
        problems.append(_("Data pemohon belum diverifikasi terhadap dokumen asli."))
    documents_problem = unseen_documents_problem(case)
    if documents_problem:
        problems.append(documents_problem)
    if is_child(case):
        problems.extend(_parent_problems(case))
    passport_problem = previous_passport_problem(case, today)
    if passport_problem:
        problems.append(passport_problem)
    return problems


def _parent_problems(case: Case) -> list[str]:
    parents = {p.role: p for p in case.parents.all()}
    problems = []
    if ParentRole.FATHER not in parents and ParentRole.GUARDIAN not in parents:
        problems.append(_("Data ayah (atau wali) anak belum dicatat."))
    if ParentRole.MOTHER not in parents and ParentRole.GUARDIAN not in parents:
        problems.append(_("Data ibu (atau wali) anak belum dicatat."))
    if parents and not any(p.present for p in parents.values()):
        problems.append(_("Paling sedikit satu orang tua atau wali harus hadir."))
    return problems


@transaction.atomic
def case_intake_complete(*, case: Case, by: User) -> Case:
    """End intake: every rule met, then the travel-ban check decides biometrics or hold."""
    from paspor.cases.travel_ban import travel_ban_screen

    locked = _intake_case(case, by)
    problems = intake_problems(locked)
    if problems:
        raise DomainError(" ".join(problems), code="intake_incomplete")
    locked.intake_completed_at = timezone.now()
    locked.save(update_fields=["intake_completed_at", "updated_at"])
    check = travel_ban_screen(case=locked, by=by)
    if check.outcome == "hit":
        return case_transition(
            case=locked,
            to=CaseStatus.ON_HOLD,
            by=by,
            reason=reasons.reason_record(reasons.TRAVEL_BAN_HIT),
            data={"travel_ban_check": check.pk},
            fields=UNASSIGNED,
        )
    return case_transition(
        case=locked,
        to=CaseStatus.BIOMETRICS,
        by=by,
        reason=reasons.reason_record(reasons.INTAKE_DONE),
        data={"travel_ban_check": check.pk},
        fields=UNASSIGNED,
    )
