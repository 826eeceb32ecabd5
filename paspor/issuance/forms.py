"""Forms of the issuance pages: they check types; the services check the rules."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import User
from paspor.issuance.models import BookletKind, CollectorBasis, OldPassportAction
from paspor.issuance.services.handover import (
    BASIS_DOCUMENTS,
    BASIS_FIELDS,
    DOCUMENTS,
    HandoverInput,
    HandoverRefused,
)
from paspor.issuance.services.stock import WITNESS_ROLES
from paspor.offices.models import Office


class OfficerChoiceField(forms.ModelChoiceField[User]):
    """Officers by name, as the other pages write them; the login name when none is set."""

    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


def witness_choices(office: Office, exclude: User) -> forms.ModelChoiceField[User]:
    from paspor.accounts.models import StaffAssignment

    officers = StaffAssignment.objects.filter(
        office=office, role__in=WITNESS_ROLES, is_active=True
    ).values("user_id")
    return OfficerChoiceField(
        label=_("Saksi (petugas lain)"),
        queryset=User.objects.filter(pk__in=officers, is_active=True)
        .exclude(pk=exclude.pk)
        .order_by("first_name", "last_name", "username"),
        empty_label=_("— pilih saksi —"),
    )


class ReceiveForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis buku"), choices=BookletKind.choices)
    document_number = forms.CharField(label=_("Nomor dokumen pengiriman (BAST)"), max_length=80)
    received_on = forms.DateField(
        label=_("Tanggal diterima"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    first_number = forms.CharField(label=_("Nomor awal"), max_length=20)
    last_number = forms.CharField(label=_("Nomor akhir"), max_length=20)


class ReturnForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis buku"), choices=BookletKind.choices)
    first_number = forms.CharField(label=_("Nomor awal"), max_length=20)
    last_number = forms.CharField(label=_("Nomor akhir"), max_length=20)
    document_number = forms.CharField(label=_("Nomor dokumen pengembalian"), max_length=80)
    reason = forms.CharField(label=_("Alasan"), max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Shown beside the receiving and spoiling forms, which have fields of the same names:
        # ids of its own keep each label on its own field.
        kwargs.setdefault("auto_id", "id_return_%s")
        super().__init__(*args, **kwargs)


class SpoilForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan kerusakan"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, office: Office, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["witness"] = witness_choices(office, user)


class StockSpoilForm(SpoilForm):
    number = forms.CharField(label=_("Nomor buku"), max_length=20)
    field_order = ("number", "reason", "witness")

    def __init__(self, *args: Any, office: Office, user: User, **kwargs: Any) -> None:
        super().__init__(*args, office=office, user=user, **kwargs)
        self.order_fields(self.field_order)


class QualityCheckForm(forms.Form):
    data_matches = forms.BooleanField(
        label=_("Data halaman data sesuai permohonan"), required=False
    )
    photo_ok = forms.BooleanField(label=_("Foto tercetak baik dan sesuai pemohon"), required=False)
    mrz_line1 = forms.CharField(label=_("MRZ baris 1 (terbaca)"), max_length=60)
    mrz_line2 = forms.CharField(label=_("MRZ baris 2 (terbaca)"), max_length=60)
    notes = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    decision = forms.ChoiceField(
        choices=[("pass", _("Lulus")), ("fail", _("Gagal"))], widget=forms.HiddenInput
    )


@dataclass(frozen=True)
class BasisPart:
    """A field (or a document's box) of the handover form and the bases that ask for it.

    `bases` is read by the page's script, which shows the part only for those bases; without
    the script every part shows, with `labels` saying when it is needed.
    """

    field: Any  # a BoundField, or one checkbox of documents_seen
    bases: str
    labels: str


def _bases_part(field: Any, bases: list[CollectorBasis]) -> BasisPart:
    return BasisPart(
        field=field,
        bases=" ".join(basis.value for basis in bases),
        labels=", ".join(str(basis.label) for basis in bases),
    )


# The field where the officer mends each refusal of handover_record, by its code: the refusal
# is said there as well as in the list at the top of the (long) page. A refusal of no field
# (a code not here) is said in the list only.
REFUSAL_FIELDS: dict[str, str] = {
    "child_needs_parent": "basis",
    "adult_no_parent_basis": "basis",
    "collector_is_holder": "basis",  # it asks for the holder's basis
    "nik_mismatch": "nik_typed",
    "collector_nik_invalid": "nik_typed",
    "collector_not_parent": "nik_typed",
    "collector_name_required": "collector_name",
    "documents_missing": "documents_seen",
    "kk_number_invalid": "kk_number",
    "kk_mismatch": "kk_number",
    "relationship_required": "relationship",
    "attorney_stamp_duty": "stamp_duty",
    "attorney_date": "attorney_letter_date",
    "guardian_document_required": "guardian_document",
    "old_number": "old_passport_number",
    "old_number_required": "old_passport_number",
    "old_passport_mismatch": "old_passport_number",
    "old_passport_not_holders": "old_passport_number",
    "other_valid_passport": "old_passport_number",  # it asks for that passport's number here
    "old_passport_required": "old_passport_action",
    "old_passport_lost": "old_passport_action",
    "face_not_matched": "face_matched",
    "signature_required": "signature",
    "signature_too_large": "signature",
}
# The signature is a hidden field filled from the pad: the pad is what the officer is sent to.
SIGNATURE_PAD_ID = "signature-pad"


@dataclass(frozen=True)
class RefusalItem:
    """One line of the refusal list at the top of the page; `anchor` is the id of the field
    it links to, "" for a refusal of no field."""

    text: str
    anchor: str


class HandoverForm(forms.Form):
    basis = forms.ChoiceField(
        label=_("Dasar pengambilan"), choices=CollectorBasis.choices, widget=forms.RadioSelect
    )
    nik_typed = forms.CharField(
        label=_("NIK pada KTP pengambil (ketik atau pindai)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    collector_name = forms.CharField(
        label=_("Nama pengambil (kosongkan bila pemilik sendiri)"), max_length=200, required=False
    )
    relationship = forms.CharField(
        label=_("Hubungan dengan pemilik"), max_length=80, required=False
    )
    kk_number = forms.CharField(
        label=_("Nomor Kartu Keluarga"),
        max_length=16,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    attorney_letter_date = forms.DateField(
        label=_("Tanggal surat kuasa"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    stamp_duty = forms.BooleanField(label=_("Surat kuasa bermeterai"), required=False)
    guardian_document = forms.CharField(
        label=_("Nomor penetapan perwalian"), max_length=120, required=False
    )
    documents_seen = forms.MultipleChoiceField(
        label=_("Dokumen asli yang diperiksa"),
        choices=list(DOCUMENTS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    face_matched = forms.BooleanField(
        label=_("Wajah sesuai (pengambil dibandingkan dengan foto)"), required=False
    )
    old_passport_number = forms.CharField(
        label=_("Nomor paspor lama"), max_length=20, required=False
    )
    old_passport_action = forms.ChoiceField(
        label=_("Yang terjadi dengan paspor lama"),
        choices=OldPassportAction.choices,
        initial=OldPassportAction.NONE,
    )
    signature = forms.CharField(widget=forms.HiddenInput, required=False)

    PROXY_FIELDS = (
        "collector_name",
        "relationship",
        "kk_number",
        "attorney_letter_date",
        "stamp_duty",
        "guardian_document",
    )

    def proxy_parts(self) -> list[BasisPart]:
        """The collector's fields other than the KTP's NIK, each with the bases needing it."""
        parts = []
        for name in self.PROXY_FIELDS:
            bound: BoundField = self[name]
            parts.append(_bases_part(bound, [b for b in CollectorBasis if name in BASIS_FIELDS[b]]))
        return parts

    def document_parts(self) -> list[BasisPart]:
        """The documents' boxes, each with the bases that ask for the document."""
        return [
            _bases_part(
                box,
                [b for b in CollectorBasis if box.data["value"] in BASIS_DOCUMENTS[b]],
            )
            for box in self["documents_seen"]
        ]

    def refusal_show(self, refused: HandoverRefused) -> list[RefusalItem]:
        """Each part of the refusal as an error of its field (shown at the field, which the
        page marks invalid), and the items of the list at the top, linked to those fields."""
        items = []
        for text, code in zip(refused.parts, refused.codes, strict=True):
            name = REFUSAL_FIELDS.get(code)
            if name is None:
                items.append(RefusalItem(text=text, anchor=""))
                continue
            self.add_error(name, text)
            bound = self[name]
            anchor = SIGNATURE_PAD_ID if name == "signature" else bound.id_for_label
            items.append(RefusalItem(text=text, anchor=anchor or bound.auto_id))
        return items

    def clean_signature(self) -> bytes:
        value: str = self.cleaned_data.get("signature", "")
        prefix = "data:image/png;base64,"
        if not value.startswith(prefix):
            return b""
        try:
            return base64.b64decode(value[len(prefix) :], validate=True)
        except (binascii.Error, ValueError):
            return b""

    def handover_input(self) -> HandoverInput:
        data = self.cleaned_data
        return HandoverInput(
            basis=CollectorBasis(data["basis"]),
            nik_typed=data["nik_typed"],
            collector_name=data["collector_name"],
            face_matched=bool(data["face_matched"]),
            signature_png=data["signature"],
            documents_seen=frozenset(data["documents_seen"]),
            relationship=data["relationship"],
            kk_number=data["kk_number"].strip(),
            attorney_letter_date=data["attorney_letter_date"],
            stamp_duty=bool(data["stamp_duty"]),
            guardian_document=data["guardian_document"],
            old_passport_number=data["old_passport_number"],
            old_passport_action=OldPassportAction(data["old_passport_action"]),
        )
