"""Printing on a booklet, spoiling during printing, quality control and ready for pickup.

Lock order, always the same: the case row, then the booklet row, then the audit chain (last,
inside audit_record). Two printers never hold locks in opposite orders.

Certified officers only: printing, and spoiling a booklet while printing, need a printing
certificate valid today at the case's office; quality control and releasing a passport for
pickup need a quality-control certificate (`paspor.cases.certification`, 403 `not_certified`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.cases.certification import require_station_certificate
from paspor.cases.models import Case, CaseStatus
from paspor.cases.services import case_event_record, case_transition
from paspor.issuance.conf import issuance_config
from paspor.issuance.models import (
    Booklet,
    BookletStatus,
    Consumption,
    Passport,
    PassportStatus,
    QualityCheck,
)
from paspor.issuance.rules import passport_facts, validity_years_allowed
from paspor.issuance.selectors import printers_of
from paspor.issuance.services.stock import booklet_mark_spoiled, witness_check
from paspor.lib import reasons
from paspor.lib.errors import Conflict, DomainError
from paspor.lib.language import in_active_language
from paspor.lib.mrz import FieldError, MRZError, parse_td3
from paspor.lib.text import blank
from paspor.offices.calendar import office_today
from paspor.offices.models import StationType


def case_is_married(case: Case) -> bool:
    """Married as recorded at intake: a married minor may hold a 10-year passport."""
    return case.is_married


def _allocate_booklet(*, case: Case) -> Booklet:
    """The lowest-numbered booklet of the case's kind in the office's stock.

    Race: two printers allocating at once. On PostgreSQL SKIP LOCKED hands each transaction a
    different row; the conditional UPDATE is the final guard everywhere (SQLite serialises
    writers with IMMEDIATE transactions).
    """
    for _attempt in range(10):
        candidate = (
            Booklet.objects.select_for_update(skip_locked=True)
            .filter(office=case.office, kind=case.passport_kind, status=BookletStatus.IN_STOCK)
            .order_by("number")
            .first()
        )
        if candidate is None:
            raise Conflict(
                _("Stok buku paspor jenis ini habis di kantor ini. Terima stok baru dahulu."),
                code="out_of_stock",
            )
        taken = Booklet.objects.filter(pk=candidate.pk, status=BookletStatus.IN_STOCK).update(
            status=BookletStatus.ALLOCATED, updated_at=timezone.now()
        )
        if taken:
            candidate.status = BookletStatus.ALLOCATED
            return candidate
    raise Conflict(_("Buku sedang diambil petugas lain; coba lagi."), code="allocation_busy")


def _require_validity(case: Case, issue_date: Any) -> None:
    allowed = validity_years_allowed(
        birth_date=case.birth_date, married=case_is_married(case), on=issue_date
    )
    if case.validity_years not in allowed:
        raise Conflict(
            _(
                "Masa berlaku %(years)s tahun tidak diizinkan untuk pemohon ini "
                "(Permenkumham 18/2022: 10 tahun hanya untuk usia 17 tahun ke atas atau sudah "
                "menikah). Perbaiki data permohonan dahulu."
            )
            % {"years": case.validity_years},
            code="validity_not_allowed",
        )


# MRZ refusals that are conflicts with the current state rather than bad input.
_MRZ_CONFLICTS = frozenset({"document_code_second_letter_required"})


def _new_passport(*, case: Case, by: User) -> Passport:
    config = issuance_config()
    issue_date = office_today(case.office)
    _require_validity(case, issue_date)
    booklet = _allocate_booklet(case=case)
    try:
        facts = passport_facts(
            full_name=case.full_name,
            sex=case.sex,
            birth_date=case.birth_date,
            passport_number=booklet.number,
            issue_date=issue_date,
            validity_years=case.validity_years,
            document_code=config.document_codes.get(case.passport_kind, "PP"),
            name_split=config.name_split,
            expiry_rule=config.expiry_rule,
            optional_data=case.code if config.optional_data == "case_code" else "",
            empty_optional_check=config.empty_optional_check,
        )
    except MRZError as exc:
        # A document code the date no longer allows is the settings' state, not the case's
        # input: a conflict (409) until headquarters changes it.
        error = Conflict if exc.code in _MRZ_CONFLICTS else DomainError
        raise error(
            _("MRZ tidak dapat dibuat: %(problem)s")
            % {"problem": in_active_language(exc.message, exc.message_en)},
            code=exc.code,
        ) from None
    passport = Passport.objects.create(
        case=case,
        booklet=booklet,
        passport_number=facts.passport_number,
        document_code=facts.document_code,
        full_name=case.full_name,
        primary_identifier=facts.primary_identifier,
        secondary_identifier=facts.secondary_identifier,
        sex=case.sex,
        birth_date=case.birth_date,
        birth_place=case.birth_place,
        nik=case.nik,
        issue_date=facts.issue_date,
        expiry_date=facts.expiry_date,
        validity_years=case.validity_years,
        mrz_line1=facts.mrz_line1,
        mrz_line2=facts.mrz_line2,
        printed_by=by,
        started_at=timezone.now(),
    )
    audit_record(
        actor=by,
        office=case.office,
        subject=booklet,
        event="issuance.booklet_allocated",
        old={"status": BookletStatus.IN_STOCK},
        new={"status": BookletStatus.ALLOCATED, "case": case.code},
    )
    return passport


def _lock_case(case: Case, *, status: CaseStatus) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status != status:
        raise Conflict(
            _("Permohonan %(case)s berstatus “%(status)s”, bukan “%(expected)s”.")
            % {
                "case": locked.code,
                "status": CaseStatus(locked.status).label,
                "expected": status.label,
            },
            code="case_wrong_status",
        )
    return locked


@transaction.atomic
def print_start(*, case: Case, by: User) -> Passport:
    """Allocate a booklet to a paid case and fix what its data page says.

    Repeat-safe: a case already being printed returns its passport. Raises Conflict when the
    case is not paid, the stock is empty, or the validity is not allowed.
    """
    require_station_certificate(user=by, office=case.office, station_type=StationType.PRINTING)
    locked = _lock_case(case, status=CaseStatus.PAID)
    current = Passport.objects.filter(case=locked, status=PassportStatus.PRINTING).first()
    if current is not None:
        return current
    try:
        with transaction.atomic():
            passport = _new_passport(case=locked, by=by)
    except IntegrityError:
        # Race: another printer started this case a moment ago (one live passport per case).
        raise Conflict(
            _("Permohonan %(case)s sedang dicetak petugas lain.") % {"case": locked.code},
            code="print_in_progress",
        ) from None
    case_event_record(
        case=locked,
        kind="print_started",
        by=by,
        data={"booklet": passport.passport_number},
    )
    return passport


def passport_lock(passport: Passport, *, status: PassportStatus) -> Passport:
    locked = (
        Passport.objects.select_for_update().select_related("booklet", "case").get(pk=passport.pk)
    )
    if locked.status != status:
        raise Conflict(
            _("Paspor %(number)s berstatus “%(status)s”.")
            % {"number": locked.passport_number, "status": PassportStatus(locked.status).label},
            code="passport_wrong_status",
        )
    return locked


def _passport_set(passport: Passport, **values: Any) -> None:
    for name, value in values.items():
        setattr(passport, name, value)
    passport.save(update_fields=list(values))


def booklet_move(
    booklet: Booklet, *, to: BookletStatus, expected: BookletStatus, **extra: Any
) -> None:
    changed = Booklet.objects.filter(pk=booklet.pk, status=expected).update(
        status=to, updated_at=timezone.now(), **extra
    )
    if not changed:
        raise Conflict(
            _("Buku %(number)s tidak lagi berstatus “%(status)s”.")
            % {"number": booklet.number, "status": expected.label}
        )
    booklet.status = to
    for name, value in extra.items():
        setattr(booklet, name, value)


def _require_printing(passport: Passport, by: User) -> None:
    office = passport.case.office
    require_station_certificate(user=by, office=office, station_type=StationType.PRINTING)


def _require_quality_control(passport: Passport, by: User) -> None:
    office = passport.case.office
    require_station_certificate(user=by, office=office, station_type=StationType.QUALITY_CONTROL)


@transaction.atomic
def print_confirm(*, passport: Passport, by: User) -> Passport:
    """The booklet came out of the printer well: the case waits for quality control."""
    _require_printing(passport, by)
    Case.objects.select_for_update().get(pk=passport.case_id)  # lock order: case first
    locked = passport_lock(passport, status=PassportStatus.PRINTING)
    booklet_move(locked.booklet, to=BookletStatus.PRINTED, expected=BookletStatus.ALLOCATED)
    _passport_set(
        locked, status=PassportStatus.PRINTED, printed_at=timezone.now(), print_confirmed_by=by
    )
    case_transition(
        case=locked.case,
        to=CaseStatus.PRINTED,
        by=by,
        data={"passport_number": locked.passport_number},
    )
    audit_record(
        actor=by,
        office=locked.case.office,
        subject=locked.booklet,
        event="issuance.booklet_printed",
        old={"status": BookletStatus.ALLOCATED},
        new={"status": BookletStatus.PRINTED, "case": locked.case.code},
    )
    return locked


@transaction.atomic
def print_spoil(
    *, passport: Passport, by: User, witness: User | None, reason: str
) -> Passport | None:
    """The booklet was spoiled while printing: record it and allocate the next one.

    Returns the new passport (with the next booklet) to print again, or None when no next
    booklet can be allocated (none of its kind left in stock, the validity no longer allowed):
    the spoiled booklet is recorded all the same (the allocation is tried in a savepoint of its
    own), and the case waits in the print queue, as after a failed quality check.
    """
    _require_printing(passport, by)
    case = Case.objects.select_for_update().get(pk=passport.case_id)
    locked = passport_lock(passport, status=PassportStatus.PRINTING)
    witness = witness_check(office=case.office, by=by, witness=witness)
    booklet_mark_spoiled(
        booklet=locked.booklet,
        by=by,
        witness=witness,
        reason=reason,
        expected=(BookletStatus.ALLOCATED,),
    )
    _passport_set(locked, status=PassportStatus.SPOILED, closed_at=timezone.now())
    audit_record(
        actor=by,
        office=case.office,
        subject=locked.booklet,
        event="issuance.booklet_spoiled",
        old={"status": BookletStatus.ALLOCATED},
        new={"status": BookletStatus.SPOILED, "case": case.code, "witness": witness.username},
        reason=reason,
    )
    case_event_record(
        case=case,
        kind="print_spoiled",
        by=by,
        reason=reason,
        data={"booklet": locked.passport_number, "witness": witness.username},
    )
    try:
        with transaction.atomic():
            return _new_passport(case=case, by=by)
    except DomainError:
        return None  # printing the case again meets the same refusal, said there


@dataclass(frozen=True)
class MrzReadBack:
    valid: bool
    matches: bool
    findings: list[dict[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.valid and self.matches


# Names of the MRZ fields for officers (the parser reports its own field keys).
MRZ_FIELD_LABELS = {
    "line1": gettext_lazy("Baris 1"),
    "line2": gettext_lazy("Baris 2"),
    "document_code": gettext_lazy("Kode dokumen"),
    "issuing_state": gettext_lazy("Negara penerbit"),
    "name": gettext_lazy("Nama"),
    "passport_number": gettext_lazy("Nomor paspor"),
    "nationality": gettext_lazy("Kewarganegaraan"),
    "birth_date": gettext_lazy("Tanggal lahir"),
    "sex": gettext_lazy("Jenis kelamin"),
    "expiry_date": gettext_lazy("Tanggal habis berlaku"),
    "optional_data": gettext_lazy("Data opsional"),
    "composite": gettext_lazy("Digit periksa gabungan"),
}


def mrz_field_label(name: str) -> str:
    return str(MRZ_FIELD_LABELS.get(name, name))


def mrz_read_back(*, passport: Passport, line1: str, line2: str) -> MrzReadBack:
    """Parse the lines read from the printed page and compare them with the expected ones."""
    line1 = line1.strip().upper().replace(" ", "")
    line2 = line2.strip().upper().replace(" ", "")
    result = parse_td3(line1, line2, today=office_today(passport.case.office))
    differences = [
        difference
        for difference in (
            _line_difference(1, line1, passport.mrz_line1),
            _line_difference(2, line2, passport.mrz_line2),
        )
        if difference
    ]
    matches = not differences
    # The comparison first: it tells the officer where to look on the booklet. A line's
    # length is already told there, so the parser's length finding is not repeated.
    findings: list[dict[str, str]] = []
    if differences:
        told = "; ".join(differences)
        findings.append(
            {
                "field": "mrz",
                "message": _("MRZ terbaca tidak sama dengan yang seharusnya: %(differences)s.")
                % {"differences": told},
            }
        )
    findings += [
        {"field": error.field, "message": _mrz_error_text(error)}
        for error in result.errors
        if matches or error.field not in ("line1", "line2")
    ]
    return MrzReadBack(valid=result.valid, matches=matches, findings=findings)


def _mrz_error_text(error: FieldError) -> str:
    """The parser's finding in the active language, after the name of its field; a check digit
    that does not match is named with its place by the parser already, so it is said once."""
    text = in_active_language(error.message, error.message_en)
    return text if error.position else f"{mrz_field_label(error.field)}: {text}"


_POSITIONS_TOLD = 8


def _line_difference(number: int, read: str, expected: str) -> str:
    """Where one line read back differs from the expected one, in positions 1–44 of that
    line: "baris 2 posisi 28, 44" (a shorter or longer line is said too)."""
    if read == expected:
        return ""
    positions = [
        str(index + 1)
        for index, (got, want) in enumerate(zip(read, expected, strict=False))
        if got != want
    ]
    told = []
    if positions:
        shown = ", ".join(positions[:_POSITIONS_TOLD])
        more = len(positions) - _POSITIONS_TOLD
        if more > 0:
            told.append(
                _("baris %(line)s posisi %(positions)s dan %(more)s posisi lain")
                % {"line": number, "positions": shown, "more": more}
            )
        else:
            told.append(
                ngettext(
                    "baris %(line)s posisi %(positions)s",
                    "baris %(line)s posisi %(positions)s",
                    len(positions),
                )
                % {"line": number, "positions": shown}
            )
    if len(read) != len(expected):
        told.append(
            _("baris %(line)s terbaca %(read)s karakter, seharusnya %(expected)s")
            % {"line": number, "read": len(read), "expected": len(expected)}
        )
    return "; ".join(told)


def passport_data_mismatches(passport: Passport) -> list[str]:
    """Fields whose printed value differs from the case now (the case changed after printing)."""
    case = passport.case
    pairs: Mapping[str, tuple[object, object]] = {
        "full_name": (passport.full_name, case.full_name),
        "sex": (passport.sex, case.sex),
        "birth_date": (passport.birth_date, case.birth_date),
        "birth_place": (passport.birth_place, case.birth_place),
        "nik": (passport.nik, case.nik),
        "validity_years": (passport.validity_years, case.validity_years),
    }
    return [name for name, (printed, now) in pairs.items() if printed != now]


@transaction.atomic
def qc_record(
    *,
    passport: Passport,
    by: User,
    passed: bool,
    data_matches: bool,
    photo_ok: bool,
    mrz_line1: str,
    mrz_line2: str,
    notes: str = "",
) -> QualityCheck:
    """Quality control by an officer other than the printer (neither who allocated the booklet
    nor who confirmed the print).

    Pass only when the data matches, the photo is good and the MRZ read back verifies and
    equals the expected lines — otherwise the pass is refused and nothing is written. A fail
    spoils the booklet (witnessed by the printer) and sends the case back to print.
    """
    _require_quality_control(passport, by)
    case = Case.objects.select_for_update().get(pk=passport.case_id)
    locked = passport_lock(passport, status=PassportStatus.PRINTED)
    if by.pk in printers_of(locked):
        raise Conflict(
            _("Kendali mutu harus dilakukan petugas lain, bukan petugas yang mencetak."),
            code="qc_by_printer",
        )
    check_findings = partial(
        _qc_findings,
        locked,
        data_matches=data_matches,
        photo_ok=photo_ok,
        mrz_line1=mrz_line1,
        mrz_line2=mrz_line2,
    )
    read_back, shown = check_findings()
    if passed and shown:
        raise DomainError(
            _("Tidak dapat diluluskan. %(findings)s")
            % {"findings": _sentences(f["message"] for f in shown)},
            code="qc_checks_failed",
        )
    if not passed and not shown and blank(notes):
        raise DomainError(
            _("Jelaskan temuan kegagalan kendali mutu di catatan."), code="qc_fail_reason"
        )
    # The check and the spoiled booklet keep their findings in the office's language, whichever
    # language the officer reads the page in.
    with translation.override(settings.LANGUAGE_CODE):
        findings = check_findings()[1]
    check = QualityCheck.objects.create(
        passport=locked,
        checked_by=by,
        at=timezone.now(),
        data_matches=data_matches,
        photo_ok=photo_ok,
        mrz_line1_read=mrz_line1.strip()[:60],
        mrz_line2_read=mrz_line2.strip()[:60],
        mrz_ok=read_back.ok,
        passed=passed,
        findings=findings,
        notes=notes.strip(),
    )
    if passed:
        _qc_pass(locked, by=by)
    else:
        reason = reasons.reason_record(
            reasons.QC_FAILED,
            findings=_sentences(
                [f["message"] for f in findings] + ([notes.strip()] if notes.strip() else [])
            ),
        )
        _qc_fail(locked, case=case, by=by, reason=reason)
    return check


def _qc_findings(
    passport: Passport,
    *,
    data_matches: bool,
    photo_ok: bool,
    mrz_line1: str,
    mrz_line2: str,
) -> tuple[MrzReadBack, list[dict[str, str]]]:
    """The MRZ read back, and every finding that keeps the booklet from passing."""
    read_back = mrz_read_back(passport=passport, line1=mrz_line1, line2=mrz_line2)
    findings = _unconfirmed(data_matches=data_matches, photo_ok=photo_ok)
    for name in passport_data_mismatches(passport):
        label = getattr(Passport._meta.get_field(name), "verbose_name", name)
        findings.append(
            {
                "field": name,
                "message": _("Data “%(field)s” berubah sejak dicetak: cetak ulang.")
                % {"field": label},
            }
        )
    return read_back, findings + read_back.findings


# The checklist of the quality-control page, as the officer reads it there.
QC_CHECKS = {
    "data": gettext_lazy("Data halaman data sesuai permohonan"),
    "photo": gettext_lazy("Foto tercetak baik dan sesuai pemohon"),
}


def _unconfirmed(*, data_matches: bool, photo_ok: bool) -> list[dict[str, str]]:
    """One finding naming the checks the officer did not tick.

    An unticked box says only that the officer did not confirm the check — not that the data
    is wrong — so the finding says which boxes are still open.
    """
    ticked = {"data": data_matches, "photo": photo_ok}
    open_checks = [str(label) for name, label in QC_CHECKS.items() if not ticked[name]]
    if not open_checks:
        return []
    message = _("Belum dicentang: %(checks)s.") % {"checks": "; ".join(open_checks)}
    return [{"field": "checklist", "message": message}]


def _sentences(messages: Iterable[str]) -> str:
    """Messages as sentences: each ends with one full stop, separated by a space."""
    return " ".join(
        text if text.endswith((".", "!", "?")) else f"{text}."
        for text in (message.strip() for message in messages)
        if text
    )


def _qc_pass(passport: Passport, *, by: User) -> None:
    office = passport.case.office
    booklet_move(
        passport.booklet,
        to=BookletStatus.PRINTED,
        expected=BookletStatus.PRINTED,
        consumption=Consumption.USED,
        consumed_on=office_today(office),
    )
    _passport_set(passport, status=PassportStatus.QC_PASSED)
    case_transition(
        case=passport.case,
        to=CaseStatus.QC_PASSED,
        by=by,
        data={"passport_number": passport.passport_number},
    )
    audit_record(
        actor=by,
        office=office,
        subject=passport,
        event="issuance.qc_passed",
        new={"passport_number": passport.passport_number, "booklet": Consumption.USED},
    )


def _qc_fail(passport: Passport, *, case: Case, by: User, reason: str) -> None:
    # The printer witnesses: by construction another officer than the one who checked.
    booklet_mark_spoiled(
        booklet=passport.booklet,
        by=by,
        witness=passport.printed_by,
        reason=reason,
        expected=(BookletStatus.PRINTED,),
    )
    _passport_set(passport, status=PassportStatus.SPOILED, closed_at=timezone.now())
    case_transition(case=case, to=CaseStatus.PAID, by=by, reason=reason)
    audit_record(
        actor=by,
        office=case.office,
        subject=passport.booklet,
        event="issuance.booklet_spoiled",
        old={"status": BookletStatus.PRINTED},
        new={"status": BookletStatus.SPOILED, "case": case.code},
        reason=reason,
    )


@transaction.atomic
def passport_mark_ready(*, passport: Passport, by: User) -> Passport:
    """QC passed → ready for pickup; case_transition tells the applicant through the outbox.

    Releasing the checked passport ends quality control: the same certificate is needed."""
    _require_quality_control(passport, by)
    Case.objects.select_for_update().get(pk=passport.case_id)
    locked = passport_lock(passport, status=PassportStatus.QC_PASSED)
    now = timezone.now()
    _passport_set(
        locked,
        status=PassportStatus.READY,
        ready_at=now,
        ready_on=now.astimezone(locked.case.office.tz).date(),
    )
    case_transition(
        case=locked.case,
        to=CaseStatus.READY_FOR_PICKUP,
        by=by,
        data={"passport_number": locked.passport_number},
    )
    return locked
