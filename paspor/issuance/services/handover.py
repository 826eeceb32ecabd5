"""Handing the passport over to its holder or to a proxy entitled by STANDARDS.md §10."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.cases.certification import require_station_certificate
from paspor.cases.models import Case, CaseStatus, ParentRole
from paspor.cases.services import case_transition
from paspor.cases.types import ApplicationType
from paspor.issuance.models import (
    BookletStatus,
    CollectorBasis,
    Handover,
    OldPassportAction,
    Passport,
    PassportStatus,
)
from paspor.issuance.rules import ADULT_AGE, age_on
from paspor.issuance.selectors import valid_passports_of
from paspor.issuance.services.printing import booklet_move, case_is_married, passport_lock
from paspor.lib import reasons
from paspor.lib.errors import DomainError
from paspor.lib.filetypes import image_fits, image_size, image_too_large
from paspor.lib.language import in_active_language, record_text
from paspor.lib.nik import NikError, parse_nik, sixteen_digits
from paspor.lib.text import blank
from paspor.offices.calendar import office_today
from paspor.offices.models import StationType
from paspor.surveys.services import survey_invite

# Documents the officer ticks as seen, by their short code.
DOCUMENTS = {
    "ktp": _("KTP pengambil"),
    "receipt": _("Bukti pembayaran"),
    "kk": _("Kartu Keluarga"),
    "attorney_letter": _("Surat kuasa"),
    "birth_certificate": _("Akta kelahiran"),
    "guardianship": _("Penetapan perwalian"),
}
REQUIRED_DOCUMENTS: dict[CollectorBasis, frozenset[str]] = {
    CollectorBasis.HOLDER: frozenset({"ktp", "receipt"}),
    CollectorBasis.FAMILY_SAME_KK: frozenset({"ktp", "receipt", "kk"}),
    CollectorBasis.POWER_OF_ATTORNEY: frozenset({"ktp", "receipt", "attorney_letter"}),
    CollectorBasis.PARENT: frozenset({"ktp", "receipt", "kk"}),
    CollectorBasis.GUARDIAN: frozenset({"ktp", "receipt", "guardianship"}),
}
CHILD_BASES = frozenset({CollectorBasis.PARENT, CollectorBasis.GUARDIAN})
# The documents the form offers for each basis: those required, and for a child's passport the
# birth certificate a parent or guardian may show beside the KK or the court's decision.
BASIS_DOCUMENTS: dict[CollectorBasis, frozenset[str]] = {
    basis: required | (frozenset({"birth_certificate"}) if basis in CHILD_BASES else frozenset())
    for basis, required in REQUIRED_DOCUMENTS.items()
}
# What each basis asks of the collector besides the KTP (STANDARDS.md §10). The form shows only
# these for the chosen basis, and the handover keeps only these: a value typed under another
# basis before the officer changed it is not recorded.
BASIS_FIELDS: dict[CollectorBasis, frozenset[str]] = {
    CollectorBasis.HOLDER: frozenset(),
    CollectorBasis.FAMILY_SAME_KK: frozenset({"collector_name", "relationship", "kk_number"}),
    CollectorBasis.POWER_OF_ATTORNEY: frozenset(
        {"collector_name", "attorney_letter_date", "stamp_duty"}
    ),
    CollectorBasis.PARENT: frozenset({"collector_name", "relationship", "kk_number"}),
    CollectorBasis.GUARDIAN: frozenset({"collector_name", "guardian_document"}),
}
_PROXY_BLANKS: dict[str, object] = {
    "collector_name": "",
    "relationship": "",
    "kk_number": "",
    "attorney_letter_date": None,
    "stamp_duty": False,
    "guardian_document": "",
}
# Who, among the parents recorded at intake, may collect on each basis.
CHILD_BASIS_ROLES: dict[CollectorBasis, frozenset[str]] = {
    CollectorBasis.PARENT: frozenset({ParentRole.FATHER, ParentRole.MOTHER}),
    CollectorBasis.GUARDIAN: frozenset({ParentRole.GUARDIAN}),
}
REPLACEMENT_TYPES = frozenset(
    {ApplicationType.REPLACEMENT, ApplicationType.DAMAGED, ApplicationType.CHANGE_OF_DATA}
)
_OLD_NUMBER = re.compile(r"^[A-Z0-9]{1,9}$")
MAX_SIGNATURE_BYTES = 300_000
MIN_SIGNATURE_INK = 20  # pixels: a blank or a stray dot is no signature


@dataclass(frozen=True)
class HandoverInput:
    basis: CollectorBasis
    nik_typed: str  # read or scanned from the KTP of the person at the counter
    collector_name: str
    face_matched: bool
    signature_png: bytes
    documents_seen: frozenset[str] = field(default_factory=frozenset)
    relationship: str = ""
    kk_number: str = ""
    attorney_letter_date: dt.date | None = None
    stamp_duty: bool = False
    guardian_document: str = ""
    old_passport_number: str = ""
    old_passport_action: OldPassportAction = OldPassportAction.NONE


def handover_input_for_basis(data: HandoverInput) -> HandoverInput:
    """Only what the chosen basis uses: the other proxy fields and documents are dropped."""
    used = BASIS_FIELDS[data.basis]
    blanks = {name: blank for name, blank in _PROXY_BLANKS.items() if name not in used}
    documents = data.documents_seen & BASIS_DOCUMENTS[data.basis]
    return dataclasses.replace(data, documents_seen=documents, **blanks)  # type: ignore[arg-type]


def holder_is_child(case: Case, on: dt.date) -> bool:
    return age_on(case.birth_date, on) < ADULT_AGE and not case_is_married(case)


class HandoverRefused(DomainError):
    """A refused handover: the faults found in one submit. `parts` are their sentences in the
    language the officer reads, `records` the same as the audit trail keeps them (the office's
    language), `codes` their codes; `code` is the first fault's."""

    def __init__(self, parts: list[str], *, records: list[str], codes: list[str]) -> None:
        super().__init__(" ".join(parts), code=codes[0])
        self.parts, self.records, self.codes = parts, records, codes
        self.record = " ".join(records)

    @classmethod
    def joined(cls, refusals: list[HandoverRefused]) -> HandoverRefused:
        """Every fault of one submit in one refusal, so the officer mends them at once."""
        return cls(
            [part for refusal in refusals for part in refusal.parts],
            records=[record for refusal in refusals for record in refusal.records],
            codes=[code for refusal in refusals for code in refusal.codes],
        )


def _refuse(message: Promise, code: str, **values: object) -> HandoverRefused:
    return HandoverRefused(
        [str(message) % values], records=[record_text(message) % values], codes=[code]
    )


def _check_basis(case: Case, data: HandoverInput, today: dt.date) -> None:
    child = holder_is_child(case, today)
    if child and data.basis not in CHILD_BASES:
        raise _refuse(
            _("Paspor anak hanya diserahkan kepada orang tua atau wali."),
            "child_needs_parent",
        )
    if not child and data.basis in CHILD_BASES:
        raise _refuse(
            _(
                "Pemilik paspor sudah dewasa: orang tua mengambil sebagai keluarga satu KK atau "
                "dengan surat kuasa."
            ),
            "adult_no_parent_basis",
        )


def _check_identity(case: Case, data: HandoverInput) -> str:
    nik = re.sub(r"\s+", "", data.nik_typed)
    if data.basis == CollectorBasis.HOLDER:
        if nik != case.nik:
            raise _refuse(
                _("NIK pada KTP tidak sama dengan NIK permohonan. Paspor tidak diserahkan."),
                "nik_mismatch",
            )
        return nik
    try:
        parse_nik(nik, today=office_today(case.office))
    except NikError as exc:
        raise _refuse(
            _("NIK pengambil tidak valid: %(problem)s"),
            "collector_nik_invalid",
            problem=in_active_language(exc.message, exc.message_en),
        ) from None
    if nik == case.nik:
        raise _refuse(
            _("NIK pengambil sama dengan NIK pemilik: pilih “Pemilik paspor sendiri”."),
            "collector_is_holder",
        )
    if data.basis in CHILD_BASES:
        _check_recorded_parent(case, data.basis, nik)
    return nik


def _check_recorded_parent(case: Case, basis: CollectorBasis, nik: str) -> None:
    """A child's passport goes to a parent (or guardian) recorded at intake.

    When every recorded parent of that kind has a NIK, the collector must be one of them;
    when one was recorded without a NIK, the KK or the guardianship decision is the evidence.
    """
    recorded = [p for p in case.parents.all() if p.role in CHILD_BASIS_ROLES[basis]]
    if not recorded or any(not p.nik for p in recorded):
        return
    if nik not in {p.nik for p in recorded}:
        raise _refuse(
            _(
                "NIK pengambil bukan NIK orang tua atau wali yang tercatat pada permohonan. "
                "Paspor tidak diserahkan."
            ),
            "collector_not_parent",
        )


def _check_proxy_papers(case: Case, data: HandoverInput, today: dt.date) -> None:
    missing = REQUIRED_DOCUMENTS[data.basis] - data.documents_seen
    if missing:
        names = ", ".join(str(DOCUMENTS[code]) for code in sorted(missing))
        raise _refuse(
            _("Dokumen belum diperiksa: %(documents)s."), "documents_missing", documents=names
        )
    if data.basis in (CollectorBasis.FAMILY_SAME_KK, CollectorBasis.PARENT):
        if not sixteen_digits(data.kk_number):
            raise _refuse(_("Nomor Kartu Keluarga harus 16 angka."), "kk_number_invalid")
        # The holder's KK recorded at intake; a case that recorded none leaves it to the
        # officer, who ticks the card seen.
        on_file = case.kk_number
        if on_file and on_file != data.kk_number:
            raise _refuse(
                _("Nomor KK tidak sama dengan KK pemilik pada permohonan: bukan satu KK."),
                "kk_mismatch",
            )
        if blank(data.relationship):
            raise _refuse(
                _("Hubungan keluarga dengan pemilik wajib diisi."), "relationship_required"
            )
    if data.basis == CollectorBasis.POWER_OF_ATTORNEY:
        if not data.stamp_duty:
            raise _refuse(_("Surat kuasa harus bermeterai."), "attorney_stamp_duty")
        if data.attorney_letter_date is None or data.attorney_letter_date > today:
            raise _refuse(
                _("Tanggal surat kuasa wajib diisi dan tidak di masa depan."), "attorney_date"
            )
    if data.basis == CollectorBasis.GUARDIAN and blank(data.guardian_document):
        raise _refuse(
            _("Nomor penetapan perwalian (pengadilan) wajib diisi."), "guardian_document_required"
        )


def old_passport_expected(case: Case) -> bool:
    """Whether the handover cancels (punches) an old passport: a replacement's, or any case
    that recorded an old passport that was not lost. The pickup messages say it too."""
    if case.application_type == ApplicationType.LOST:
        return False
    return case.application_type in REPLACEMENT_TYPES or bool(case.previous_passport_number)


def _check_old_passport(case: Case, data: HandoverInput) -> str:
    number = data.old_passport_number.strip().upper()
    if number and not _OLD_NUMBER.match(number):
        raise _refuse(
            _("Nomor paspor lama hanya huruf A–Z dan angka, paling banyak 9."), "old_number"
        )
    action = data.old_passport_action
    if old_passport_expected(case) and action not in (
        OldPassportAction.PUNCHED_RETURNED,
        OldPassportAction.PUNCHED_KEPT,
    ):
        raise _refuse(
            _("Permohonan penggantian: paspor lama wajib dibatalkan (dilubangi) saat penyerahan."),
            "old_passport_required",
        )
    if case.application_type == ApplicationType.LOST and action != OldPassportAction.LOST_REPORTED:
        raise _refuse(
            _("Permohonan karena hilang: catat paspor lama sebagai hilang (BAP)."),
            "old_passport_lost",
        )
    if (
        action in (OldPassportAction.PUNCHED_RETURNED, OldPassportAction.PUNCHED_KEPT)
        and not number
    ):
        raise _refuse(_("Nomor paspor lama wajib diisi."), "old_number_required")
    on_file = str(case.previous_passport_number or "").upper()
    if action == OldPassportAction.LOST_REPORTED and not number:
        # The lost passport recorded at intake: one this system issued stops being valid with
        # the handover of its replacement, though nobody brings it to punch.
        number = on_file
    if number and on_file and number != on_file:
        # The booklet at the counter is not the one recorded at intake: punching it would leave
        # the recorded passport valid.
        raise _refuse(
            _("Nomor paspor lama tidak sama dengan nomor paspor lama pada permohonan."),
            "old_passport_mismatch",
        )
    return number


def _old_passport_issued_here(
    case: Case, number: str, action: OldPassportAction
) -> Passport | None:
    """The old passport when this system issued it and it is still valid; it must be the
    holder's (the NIK is compared, as a booklet's number says nothing of its owner)."""
    if not number or action == OldPassportAction.NONE:
        return None
    # Race: two replacements naming the same old passport — the row lock makes the second see
    # it already replaced. Locked after the case and the new passport, like every handover.
    old = (
        Passport.objects.select_for_update()
        .filter(passport_number=number, status=PassportStatus.ISSUED)
        .first()
    )
    if old is not None and old.nik != case.nik:
        raise _refuse(
            _("Paspor lama dengan nomor ini tercatat milik orang lain."),
            "old_passport_not_holders",
        )
    return old


def _check_no_other_valid_passport(case: Case, old: str, today: dt.date) -> None:
    """A citizen holds one valid ordinary passport: another that Paspor issued to the holder and
    that is still valid is cancelled with this handover (named as the old passport), or the
    handover waits. Intake asks for it to be recorded; this catches one issued since."""
    others = [
        passport.passport_number
        for passport in valid_passports_of(case.nik, on=today).exclude(case=case)
        if passport.passport_number != old
    ]
    if others:
        raise _refuse(
            _(
                "Pemegang masih memiliki paspor yang berlaku: %(numbers)s. Batalkan (lubangi) "
                "paspor itu pada penyerahan ini dengan mengisinya sebagai paspor lama."
            ),
            "other_valid_passport",
            numbers=", ".join(others),
        )


def _old_passport_cancel(
    *, old: Passport, new: Passport, case: Case, action: OldPassportAction, by: User
) -> None:
    """STANDARDS.md §10: the old passport is cancelled at the handover of the new one."""
    old.status = PassportStatus.REPLACED
    old.save(update_fields=["status"])
    audit_record(
        actor=by,
        office=case.office,
        subject=old,
        event="issuance.old_passport_cancelled",
        old={"status": PassportStatus.ISSUED},
        new={
            "status": PassportStatus.REPLACED,
            "replaced_by": new.passport_number,
            "action": action,
        },
    )


def signature_ink_pixels(data: bytes) -> int:
    """Pixels with ink in a PNG signature (0 for a blank canvas, a file that is no PNG, or one
    of more pixels than an image may have, which is not decoded)."""
    size = image_size(data)
    if not data.startswith(b"\x89PNG\r\n\x1a\n") or size is None or not image_fits(size):
        return 0
    import cv2
    import numpy as np

    image = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_UNCHANGED)
    if image is None:
        return 0
    if image.ndim == 3 and image.shape[2] == 4:  # a canvas: transparent where nothing is drawn
        ink = (image[:, :, 3] > 0) & (image[:, :, :3].min(axis=2) < 160)
    else:
        gray = image if image.ndim == 2 else image.min(axis=2)
        ink = gray < 128
    return int(ink.sum())


def _check_signature(data: bytes) -> None:
    if len(data) > MAX_SIGNATURE_BYTES:
        raise _refuse(_("Berkas tanda tangan terlalu besar."), "signature_too_large")
    # A small PNG may claim a gigapixel: refused on its header, before the ink is counted.
    too_large = image_too_large(data)
    if too_large is not None:
        message, values = too_large
        raise _refuse(message, "signature_too_large", **values)
    if signature_ink_pixels(data) < MIN_SIGNATURE_INK:
        raise _refuse(_("Tanda tangan pengambil belum dibubuhkan."), "signature_required")


# Refusals that say the person at the counter may not be who they claim: each is kept in the
# audit trail (someone tried to collect another person's passport), not only shown.
IDENTITY_REFUSALS = frozenset(
    {
        "face_not_matched",
        "nik_mismatch",
        "collector_is_holder",
        "kk_mismatch",
        "collector_not_parent",
        "old_passport_mismatch",
        "old_passport_not_holders",
    }
)


def handover_record(*, passport: Passport, by: User, data: HandoverInput) -> Handover:
    """Check who collects and on what basis, record it, and close the case (HANDED_OVER).

    A refusal on identity is written to the audit trail in its own transaction: raised inside
    the handover's, the record would be rolled back with it.
    """
    # Handing over is the handover station's work: only for an officer certified for it.
    require_station_certificate(
        user=by, office=passport.case.office, station_type=StationType.HANDOVER
    )
    data = handover_input_for_basis(data)
    try:
        return _handover_record(passport=passport, by=by, data=data)
    except HandoverRefused as exc:
        if IDENTITY_REFUSALS.intersection(exc.codes):
            _handover_refused(passport=passport, by=by, data=data, refusal=exc)
        raise


@transaction.atomic
def _handover_refused(
    *, passport: Passport, by: User, data: HandoverInput, refusal: HandoverRefused
) -> None:
    audit_record(
        actor=by,
        office=passport.case.office,
        subject=passport,
        event="issuance.handover_refused",
        new={"code": refusal.code, "codes": refusal.codes, "basis": data.basis},
        reason=refusal.record,
    )


@transaction.atomic
def _handover_record(*, passport: Passport, by: User, data: HandoverInput) -> Handover:
    case = Case.objects.select_for_update().get(pk=passport.case_id)
    locked = passport_lock(passport, status=PassportStatus.READY)
    today = office_today(case.office)
    # Every check runs, and the officer hears of every fault of this submit at once.
    refusals: list[HandoverRefused] = []

    def checked[T](check: Callable[[], T]) -> T | None:
        try:
            return check()
        except HandoverRefused as refusal:
            refusals.append(refusal)
            return None

    if not data.face_matched:
        refusals.append(
            _refuse(
                _("Wajah pengambil belum dinyatakan sesuai dengan foto. Paspor tidak diserahkan."),
                "face_not_matched",
            )
        )
    checked(lambda: _check_basis(case, data, today))
    nik = checked(lambda: _check_identity(case, data))
    checked(lambda: _check_proxy_papers(case, data, today))
    old_number = checked(lambda: _check_old_passport(case, data))
    old_passport = None
    if old_number is not None:
        old_passport = checked(
            lambda: _old_passport_issued_here(case, old_number, data.old_passport_action)
        )
    if old_number is not None:
        checked(lambda: _check_no_other_valid_passport(case, old_number, today))
    checked(lambda: _check_signature(data.signature_png))
    name = data.collector_name.strip() or (
        case.full_name if data.basis == CollectorBasis.HOLDER else ""
    )
    if not name:
        refusals.append(_refuse(_("Nama pengambil wajib diisi."), "collector_name_required"))
    if refusals:
        raise HandoverRefused.joined(refusals)
    assert nik is not None and old_number is not None
    now = timezone.now()
    handover = Handover.objects.create(
        passport=locked,
        case=case,
        officer=by,
        at=now,
        basis=data.basis,
        collector_name=name,
        collector_nik=nik,
        relationship=data.relationship.strip(),
        kk_number=data.kk_number,
        attorney_letter_date=data.attorney_letter_date,
        guardian_document=data.guardian_document.strip(),
        documents_seen=sorted(data.documents_seen | ({"stamp_duty"} if data.stamp_duty else set())),
        face_matched=True,
        old_passport_number=old_number,
        old_passport_action=data.old_passport_action,
        signature_png=data.signature_png,
    )
    if old_passport is not None:
        _old_passport_cancel(
            old=old_passport, new=locked, case=case, action=data.old_passport_action, by=by
        )
    booklet_move(locked.booklet, to=BookletStatus.ISSUED, expected=BookletStatus.PRINTED)
    locked.status = PassportStatus.ISSUED
    locked.closed_at = now
    locked.save(update_fields=["status", "closed_at"])
    case_transition(
        case=case,
        to=CaseStatus.HANDED_OVER,
        by=by,
        reason=reasons.HANDED_OVER
        % {"basis": record_text(CollectorBasis(data.basis).label), "name": name},
        data={"passport_number": locked.passport_number, "basis": data.basis},
    )
    survey_invite(case=case)  # one satisfaction survey per application (IKM)
    audit_record(
        actor=by,
        office=case.office,
        subject=handover,
        event="issuance.handed_over",
        new={
            "passport_number": locked.passport_number,
            "basis": data.basis,
            "collector": name,
            "collector_nik": nik,
            "old_passport": old_number,
            "old_passport_action": data.old_passport_action,
        },
    )
    return handover
