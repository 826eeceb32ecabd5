"""Which application to book, and which ORIGINAL documents to bring — decided before the visit.

Wrong application types and confusing document lists cost applicants a wasted trip. A short
questionnaire (`Answers`) decides the `ApplicationType`; `required_documents` gives the exact
list of originals. Other apps (the intake counter's checklist, the case) import
`required_documents` and the stable document `code`s; labels may change wording, codes never.

Sources: the document lists published by the Directorate General of Immigration for passport
applications (new adult, new child, replacement, lost, damaged, change of data) and the
validity rule of Permenkumham 18/2022 (a citizen under 17 and never married counts as a child).
The Ramah HAM priority groups follow circular IMI-UM.01.01-2435/2018 (STANDARDS.md §7).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from paspor.cases.types import ApplicationType, PassportKind, Sex

ADULT_AGE = 17
PRIORITY_CHILD_UNDER = 5
PRIORITY_ELDERLY_FROM = 60
# Bounds an office's own priority ages must keep: a child is under 17 (the passport law's age),
# and "elderly" starts where a decree could put it.
CHILD_UNDER_RANGE = (1, 17)
ELDERLY_FROM_RANGE = (50, 80)


class OldPassport(StrEnum):
    """What happened to the applicant's previous passport, if any."""

    NONE = "none"  # never had an Indonesian passport
    HELD = "held"  # still held: valid, expired or pages full
    LOST = "lost"
    DAMAGED = "damaged"


OLD_PASSPORT_LABELS: dict[OldPassport, Promise] = {
    OldPassport.NONE: _("Belum pernah memiliki paspor"),
    OldPassport.HELD: _("Punya paspor (masih berlaku, habis berlaku, atau halaman penuh)"),
    OldPassport.LOST: _("Paspor lama hilang"),
    OldPassport.DAMAGED: _("Paspor lama rusak"),
}


@dataclass(frozen=True)
class Answers:
    """The questionnaire. Stored with the booking (`to_dict`) so the list can be shown again."""

    old_passport: OldPassport
    data_changed: bool = False  # name, birth date or birth place differ from the old passport
    married: bool = False  # only matters under 17: a married minor applies as an adult
    disability: bool = False
    pregnant: bool = False
    passport_kind: str = PassportKind.ELECTRONIC

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["old_passport"] = self.old_passport.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answers:
        return cls(
            old_passport=OldPassport(data.get("old_passport", OldPassport.NONE)),
            data_changed=bool(data.get("data_changed", False)),
            married=bool(data.get("married", False)),
            disability=bool(data.get("disability", False)),
            pregnant=bool(data.get("pregnant", False)),
            passport_kind=str(data.get("passport_kind", PassportKind.ELECTRONIC)),
        )


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Full years on `on` (someone born on 29 February has a birthday on 1 March)."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def is_child(*, birth_date: dt.date, on: dt.date, married: bool) -> bool:
    """Under 17 and never married on the day of the visit."""
    return age_on(birth_date, on) < ADULT_AGE and not married


def application_type(answers: Answers, *, child: bool) -> ApplicationType:
    """Lost and damaged come first (they need their own interview); then a change of data."""
    if answers.old_passport == OldPassport.LOST:
        return ApplicationType.LOST
    if answers.old_passport == OldPassport.DAMAGED:
        return ApplicationType.DAMAGED
    if answers.old_passport == OldPassport.HELD:
        if answers.data_changed:
            return ApplicationType.CHANGE_OF_DATA
        return ApplicationType.REPLACEMENT
    return ApplicationType.NEW_CHILD if child else ApplicationType.NEW_ADULT


def priority_eligible(
    answers: Answers,
    *,
    birth_date: dt.date,
    on: dt.date,
    child_under: int = PRIORITY_CHILD_UNDER,
    elderly_from: int = PRIORITY_ELDERLY_FROM,
    sex: str | None = None,
) -> bool:
    """Ramah HAM: children under 5, people aged 60 or over, disabilities, pregnancy.

    Pregnancy counts for a woman (or when the sex is not known, as in the public
    questionnaire without a profile); a man who ticks it is not made eligible by it.
    """
    age = age_on(birth_date, on)
    pregnant = answers.pregnant and sex != Sex.MALE
    return age < child_under or age >= elderly_from or answers.disability or pregnant


@dataclass(frozen=True)
class Document:
    code: str
    label: str | Promise
    note: str | Promise = ""
    # The document in a few words, for an SMS that lists it after "Bawa dokumen asli:" (every
    # character counts: past 459 the SMS takes a fourth segment).
    short: str | Promise = ""


DOCUMENTS: dict[str, Document] = {
    doc.code: doc
    for doc in (
        Document("ktp", _("KTP elektronik (e-KTP) asli"), short=pgettext_lazy("SMS", "e-KTP")),
        Document("kk", _("Kartu Keluarga (KK) asli"), short=pgettext_lazy("SMS", "Kartu Keluarga")),
        Document(
            "civil_record",
            _("Akta kelahiran, akta perkawinan/buku nikah, ijazah, atau surat baptis asli"),
            _("Salah satu, yang memuat nama, tempat dan tanggal lahir, serta nama orang tua."),
            short=pgettext_lazy("SMS", "akta kelahiran, akta nikah, ijazah atau surat baptis"),
        ),
        Document(
            "birth_certificate",
            _("Akta kelahiran anak asli"),
            short=pgettext_lazy("SMS", "akta kelahiran anak"),
        ),
        Document(
            "parents_ktp",
            _("KTP elektronik ayah dan ibu asli"),
            short=pgettext_lazy("SMS", "e-KTP ayah dan ibu"),
        ),
        Document(
            "parents_marriage_certificate",
            _("Buku nikah atau akta perkawinan orang tua asli"),
            short=pgettext_lazy("SMS", "buku nikah/akta perkawinan orang tua"),
        ),
        Document("old_passport", _("Paspor lama"), short=pgettext_lazy("SMS", "paspor lama")),
        Document(
            "damaged_passport",
            _("Paspor yang rusak"),
            short=pgettext_lazy("SMS", "paspor yang rusak"),
        ),
        Document(
            "police_loss_report",
            _("Surat keterangan kehilangan dari Kepolisian asli"),
            short=pgettext_lazy("SMS", "surat kehilangan dari polisi"),
        ),
        Document(
            "change_evidence",
            _("Dokumen resmi bukti perubahan data asli"),
            _("Mis. penetapan pengadilan untuk perubahan nama, atau dokumen pencatatan sipil."),
            short=pgettext_lazy("SMS", "bukti resmi perubahan data"),
        ),
    )
}

_IDENTITY_ADULT = ("ktp", "kk")
_IDENTITY_CHILD = ("kk", "birth_certificate", "parents_ktp", "parents_marriage_certificate")
_BY_TYPE: dict[ApplicationType, tuple[str, ...]] = {
    ApplicationType.NEW_ADULT: ("civil_record",),
    ApplicationType.NEW_CHILD: (),
    ApplicationType.REPLACEMENT: ("old_passport",),
    ApplicationType.DAMAGED: ("damaged_passport",),
    ApplicationType.LOST: ("police_loss_report",),
    ApplicationType.CHANGE_OF_DATA: ("old_passport", "change_evidence"),
}
# An adult without the old passport proves birth data another way.
_ADULT_EXTRA: dict[ApplicationType, tuple[str, ...]] = {
    ApplicationType.DAMAGED: ("civil_record",),
    ApplicationType.LOST: ("civil_record",),
}


def required_documents(
    application_type: ApplicationType | str, *, is_child: bool
) -> list[Document]:
    """The original documents to bring, in the order the intake officer checks them."""
    kind = ApplicationType(application_type)
    codes: list[str] = list(_IDENTITY_CHILD if is_child else _IDENTITY_ADULT)
    if not is_child:
        codes += [c for c in _ADULT_EXTRA.get(kind, ()) if c not in codes]
    codes += [c for c in _BY_TYPE[kind] if c not in codes]
    return [DOCUMENTS[code] for code in codes]
