"""The original documents an applicant shows at intake, per application type.

The single source of the list: the intake checklist, the deferral notice and (later) the booking
pages read it from here. Codes are stable identifiers stored in the database; labels are shown.
Sources: the Directorate General of Immigration's published requirements for an ordinary
passport (KTP, KK, and a document with name, date and place of birth and parents' names: birth
certificate, marriage certificate/book, school certificate or baptism letter); for children the
parents' KTP and marriage certificate; the old passport for a replacement; a police report for a
lost passport.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from paspor.cases.types import ApplicationType


@dataclass(frozen=True)
class DocumentRequirement:
    code: str
    label: str | Promise


KTP = DocumentRequirement("ktp", _("KTP elektronik pemohon"))
KK = DocumentRequirement("kk", _("Kartu Keluarga (KK)"))
BIRTH_RECORD = DocumentRequirement(
    "birth_record",
    _("Akta kelahiran / akta perkawinan / buku nikah / ijazah / surat baptis"),
)
CHILD_BIRTH_CERTIFICATE = DocumentRequirement("child_birth_certificate", _("Akta kelahiran anak"))
PARENTS_KTP = DocumentRequirement("parents_ktp", _("KTP ayah dan ibu"))
PARENTS_MARRIAGE = DocumentRequirement(
    "parents_marriage", _("Buku nikah / akta perkawinan orang tua")
)
OLD_PASSPORT = DocumentRequirement("old_passport", _("Paspor lama"))
DAMAGED_PASSPORT = DocumentRequirement("damaged_passport", _("Paspor yang rusak"))
POLICE_REPORT = DocumentRequirement("police_report", _("Surat keterangan hilang dari kepolisian"))
CHANGE_BASIS = DocumentRequirement(
    "change_basis", _("Dokumen dasar perubahan data (penetapan pengadilan / akta)")
)

_ADULT: dict[str, list[DocumentRequirement]] = {
    ApplicationType.NEW_ADULT: [KTP, KK, BIRTH_RECORD],
    ApplicationType.REPLACEMENT: [KTP, KK, OLD_PASSPORT],
    ApplicationType.DAMAGED: [KTP, KK, DAMAGED_PASSPORT],
    ApplicationType.LOST: [KTP, KK, BIRTH_RECORD, POLICE_REPORT],
    ApplicationType.CHANGE_OF_DATA: [KTP, KK, OLD_PASSPORT, CHANGE_BASIS],
}
_CHILD_BASE = [KK, CHILD_BIRTH_CERTIFICATE, PARENTS_KTP, PARENTS_MARRIAGE]


def required_documents(
    application_type: str, *, is_child: bool = False
) -> list[DocumentRequirement]:
    """The originals to see for `application_type`; a child has no KTP but brings the parents'.

    A `new_child` application is always a child's. Raises ValueError for an unknown type.
    """
    if application_type not in ApplicationType.values:
        raise ValueError(f"Unknown application type {application_type!r}")
    if application_type == ApplicationType.NEW_CHILD:
        return list(_CHILD_BASE)
    documents = _ADULT[application_type]
    if not is_child:
        return list(documents)
    extra = [doc for doc in documents if doc not in (KTP, KK, BIRTH_RECORD)]
    return [*_CHILD_BASE, *extra]


def document_label(code: str) -> str:
    """Label for a stored code (codes of documents no longer required keep their code)."""
    for requirement in (
        KTP, KK, BIRTH_RECORD, CHILD_BIRTH_CERTIFICATE, PARENTS_KTP, PARENTS_MARRIAGE,
        OLD_PASSPORT, DAMAGED_PASSPORT, POLICE_REPORT, CHANGE_BASIS,
    ):  # fmt: skip
        if requirement.code == code:
            return str(requirement.label)
    return code
