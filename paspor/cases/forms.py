"""Forms of the officer screens: they parse input; the rules are in the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paspor.cases import travel_ban
from paspor.cases.documents import DocumentRequirement
from paspor.cases.models import (
    Case,
    Finger,
    ParentRole,
    Recommendation,
    TravelPurpose,
    TripPaidBy,
)
from paspor.cases.services import ApplicantData
from paspor.cases.types import ApplicationType, PassportKind, Sex
from paspor.lib.phone import PhoneField
from paspor.notifications.models import Language

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# A step's written reason or list of what is missing (deferral, withdrawal, decision, travel-ban
# decision, a photo or fingerprints accepted against a check). The columns are TextFields; the
# JSON API takes the same texts in `TransitionIn.reason` at this bound (paspor/cases/api.py,
# held to it by a test), so a screen and the API refuse the same text.
REASON_MAX = 2000


class TicketForm(forms.Form):
    ticket = forms.CharField(
        label=_("Nomor antrean"),
        max_length=10,
        widget=forms.TextInput(attrs={"placeholder": "A-012", "autocomplete": "off"}),
    )


class ApplicantForm(forms.Form):
    nik = forms.CharField(label=_("NIK"), max_length=20)
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=200)
    # Nothing chosen beforehand: a walk-in's sex left at a default would be recorded wrong.
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=[("", _("— pilih —")), *Sex.choices])
    birth_date = forms.DateField(label=_("Tanggal lahir"), widget=DATE)
    birth_place = forms.CharField(label=_("Tempat lahir"), max_length=100)
    phone = PhoneField(label=_("Telepon"), help_text="")
    email = forms.EmailField(label=_("E-mail"), required=False)
    language = forms.ChoiceField(
        label=_("Bahasa pemberitahuan"),
        choices=Language.choices,
        initial=Language.INDONESIAN,
        required=False,  # not sent: Indonesian
    )
    application_type = forms.ChoiceField(
        label=_("Jenis permohonan"), choices=ApplicationType.choices
    )
    passport_kind = forms.ChoiceField(label=_("Jenis paspor"), choices=PassportKind.choices)

    def applicant(self) -> ApplicantData:
        d = self.cleaned_data
        return ApplicantData(
            nik=d["nik"],
            full_name=d["full_name"],
            sex=d["sex"],
            birth_date=d["birth_date"],
            birth_place=d["birth_place"],
            phone=d["phone"],
            email=d["email"],
            application_type=d["application_type"],
            passport_kind=d["passport_kind"],
            language=d["language"] or Language.INDONESIAN,
        )


class OpenForm(ApplicantForm):
    """Opening a case: the applicant, and express when the ticket (or the applicant) asks."""

    express = forms.BooleanField(label=_("Layanan percepatan"), required=False)


class VerifyForm(ApplicantForm):
    kk_number = forms.CharField(label=_("Nomor KK"), max_length=40, required=False)
    field_order = ["nik", "full_name", "kk_number"]  # the card's number under the NIK
    is_married = forms.BooleanField(label=_("Sudah menikah"), required=False)
    validity_years = forms.TypedChoiceField(
        label=_("Masa berlaku"),
        coerce=int,
        choices=[(10, _("10 tahun")), (5, _("5 tahun"))],
    )
    express = forms.BooleanField(label=_("Layanan percepatan"), required=False)

    @classmethod
    def for_case(cls, case: Case, data: Any = None) -> VerifyForm:
        initial = {
            name: getattr(case, name)
            for name in (
                "nik", "kk_number", "full_name", "sex", "birth_date", "birth_place", "phone",
                "email", "language", "application_type", "passport_kind", "is_married",
                "validity_years", "express",
            )
        }  # fmt: skip
        return cls(data=data, initial=initial, prefix="data")


class ParentsForm(forms.Form):
    father_name = forms.CharField(label=_("Nama ayah"), max_length=200, required=False)
    father_nik = forms.CharField(label=_("NIK ayah"), max_length=20, required=False)
    father_present = forms.BooleanField(label=_("Ayah hadir"), required=False)
    father_ktp = forms.BooleanField(label=_("KTP ayah diperlihatkan"), required=False)
    mother_name = forms.CharField(label=_("Nama ibu"), max_length=200, required=False)
    mother_nik = forms.CharField(label=_("NIK ibu"), max_length=20, required=False)
    mother_present = forms.BooleanField(label=_("Ibu hadir"), required=False)
    mother_ktp = forms.BooleanField(label=_("KTP ibu diperlihatkan"), required=False)
    # A child in a guardian's care (penetapan perwalian) has the guardian instead of a parent.
    guardian_name = forms.CharField(label=_("Nama wali"), max_length=200, required=False)
    guardian_nik = forms.CharField(label=_("NIK wali"), max_length=20, required=False)
    guardian_present = forms.BooleanField(label=_("Wali hadir"), required=False)
    guardian_ktp = forms.BooleanField(label=_("KTP wali diperlihatkan"), required=False)

    ROLES = (ParentRole.FATHER, ParentRole.MOTHER, ParentRole.GUARDIAN)

    @classmethod
    def for_case(cls, case: Case, data: Any = None) -> ParentsForm:
        initial: dict[str, Any] = {}
        for parent in case.parents.all():
            initial[f"{parent.role}_name"] = parent.full_name
            initial[f"{parent.role}_nik"] = parent.nik
            initial[f"{parent.role}_present"] = parent.present
            initial[f"{parent.role}_ktp"] = "ktp" in parent.documents
        return cls(data=data, initial=initial, prefix="parents")

    def clean(self) -> dict[str, Any]:
        """A parent's NIK or ticks without a name are refused, not dropped."""
        data = super().clean() or {}
        for role in self.ROLES:
            named = str(data.get(f"{role}_name") or "").strip()
            nik = str(data.get(f"{role}_nik") or "").strip()
            if not named and (nik or data.get(f"{role}_present") or data.get(f"{role}_ktp")):
                self.add_error(
                    f"{role}_name",
                    _("Isi nama %(role)s.") % {"role": ParentRole(role).label.lower()},
                )
        return data


class DocumentsForm(forms.Form):
    def __init__(
        self, *args: Any, requirements: list[DocumentRequirement], seen: set[str], **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", "docs")
        super().__init__(*args, **kwargs)
        self.fields["seen"] = forms.MultipleChoiceField(
            label=_("Dokumen asli yang diperlihatkan"),
            choices=[(r.code, r.label) for r in requirements],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            initial=sorted(seen),
        )


class ScanForm(forms.Form):
    document_code = forms.ChoiceField(label=_("Dokumen"))
    file = forms.FileField(label=_("Berkas pindaian (PDF/JPEG/PNG)"))

    def __init__(self, *args: Any, requirements: list[DocumentRequirement], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "scan")
        super().__init__(*args, **kwargs)
        self.fields["document_code"].choices = [(r.code, r.label) for r in requirements]  # type: ignore[attr-defined]


class PreviousPassportForm(forms.Form):
    number = forms.CharField(label=_("Nomor paspor lama"), max_length=12, required=False)
    expiry = forms.DateField(label=_("Berlaku sampai"), required=False, widget=DATE)
    # Longer than a line's 44 characters: spaces typed or scanned into a line are taken out.
    mrz_line1 = forms.CharField(label=_("MRZ baris 1 (opsional)"), max_length=60, required=False)
    mrz_line2 = forms.CharField(label=_("MRZ baris 2 (opsional)"), max_length=60, required=False)


class DeferForm(forms.Form):
    missing = forms.CharField(
        label=_("Yang harus dilengkapi"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    deadline = forms.DateField(label=_("Batas waktu (kosong: bawaan)"), required=False, widget=DATE)

    def __init__(self, *args: Any, joined_to: str = "", **kwargs: Any) -> None:
        """`joined_to`: the id of the form these fields are sent with (at intake, the screen's
        form, so that the originals ticked there are recorded with the deferral)."""
        super().__init__(*args, **kwargs)
        if joined_to:
            for bound_field in self.fields.values():
                bound_field.widget.attrs["form"] = joined_to


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Foto (JPEG/PNG)"))
    source = forms.ChoiceField(
        choices=[("upload", "upload"), ("webcam", "webcam")],
        initial="upload",
        widget=forms.HiddenInput,
    )


class AskedReasonForm(forms.Form):
    """A reason the page shows only where the rule wants one (a photo accepted although it
    failed a check, fingerprints of poor quality): the browser asks for it before posting; the
    service, which knows the photo and the fingers, is the rule."""

    reason = forms.CharField(
        label=_("Alasan"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "required": True}),
    )


class CancelForm(forms.Form):
    # Asked before the "cannot be undone" question, not after it.
    reason = forms.CharField(
        label=_("Alasan"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class SignatureForm(forms.Form):
    data_url = forms.CharField(required=False, widget=forms.HiddenInput)
    file = forms.FileField(label=_("atau unggah gambar tanda tangan"), required=False)


class FingerForm(forms.Form):
    finger = forms.ChoiceField(choices=[("", ""), *list(Finger.choices)], required=False)


class InterviewForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Tujuan perjalanan"), choices=TravelPurpose.choices)
    destination = forms.CharField(label=_("Negara tujuan"), max_length=100)
    trip_paid_by = forms.ChoiceField(
        label=_("Biaya perjalanan ditanggung"), choices=TripPaidBy.choices, initial=TripPaidBy.SELF
    )
    sponsor = forms.CharField(label=_("Sponsor / penjamin"), max_length=200, required=False)
    employer_abroad = forms.CharField(
        label=_("Pemberi kerja di luar negeri"), max_length=200, required=False
    )
    placement_agency = forms.CharField(
        label=_("Perusahaan penempatan (P3MI)"), max_length=200, required=False
    )
    pmi_registration = forms.CharField(
        label=_("Nomor ID PMI / SISKOP2MI"), max_length=60, required=False
    )
    employment_contract = forms.BooleanField(
        label=_("Perjanjian kerja diperlihatkan"), required=False
    )
    notes = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    incident_date = forms.DateField(label=_("Tanggal kejadian"), required=False, widget=DATE)
    incident_place = forms.CharField(label=_("Tempat kejadian"), max_length=200, required=False)
    incident_account = forms.CharField(
        label=_("Keterangan kejadian"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    police_report_number = forms.CharField(
        label=_("Nomor surat keterangan polisi"), max_length=100, required=False
    )
    disaster = forms.BooleanField(label=_("Akibat bencana (bebas denda)"), required=False)
    fine_waived_reason = forms.CharField(
        label=_("Bencana yang dialami"), max_length=300, required=False
    )
    recommendation = forms.ChoiceField(
        label=_("Rekomendasi"),
        choices=Recommendation.choices,
        initial=Recommendation.APPROVE,
        widget=forms.RadioSelect,
    )
    recommendation_reason = forms.CharField(
        label=_("Alasan rekomendasi"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    missing = forms.CharField(
        label=_("Yang harus dilengkapi (bila ditangguhkan)"), max_length=REASON_MAX, required=False
    )
    deadline = forms.DateField(
        label=_("Batas waktu (bila ditangguhkan)"), required=False, widget=DATE
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Setujui")), ("reject", _("Tolak"))])
    # Required by the browser for "Tolak" (asked before "final?"); "Setujui" skips the check
    # (formnovalidate) and the service asks for a reason only against the recommendation.
    reason = forms.CharField(
        label=_("Alasan"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "required": True}),
    )
    # Only with a refusal of a lost or damaged passport's case (Permenkumham 8/2014 art. 41);
    # the service checks the rule and the configured 6–24 months.
    suspend_months = forms.IntegerField(
        label=_("Tangguhkan penerbitan selama (bulan)"), required=False, min_value=1
    )


class HoldForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("clear", _("Bukan orang yang sama")), ("refuse", _("Tolak permohonan"))]
    )
    reason = forms.CharField(
        label=_("Alasan"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReassignForm(forms.Form):
    officer = forms.ChoiceField(label=_("Alihkan ke"), required=False)
    reason = forms.CharField(label=_("Alasan"), max_length=300)


class TravelBanImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas CSV"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = travel_ban.travel_ban_caps_text()

    def clean_file(self) -> Any:
        """A file over the cap is refused before it is read (each UTF-8 character is at least
        one byte, so more bytes than the cap's characters is too long either way)."""
        upload = self.cleaned_data["file"]
        if upload.size > travel_ban.MAX_CHARS * 4:
            raise forms.ValidationError(travel_ban.travel_ban_too_long().message)
        return upload


def date_or_none(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None
