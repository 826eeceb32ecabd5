from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from paspor.lib.birth_date import birth_date_validator
from paspor.lib.report_years import within_report_years
from paspor.payments.bank import billing_code_typed, billing_code_valid
from paspor.payments.models import BillingCodeStatus, PaymentChannel, PaymentMethod
from paspor.payments.reconciliation import (
    MAX_BYTES,
    MAX_REPAIRS,
    caps,
    too_long_message,
)
from paspor.payments.services import BILLING_CODE_DIGITS

CASE_CODE_TYPED = re.compile(r"[0-9A-Z]+", re.ASCII)


class CaseLookupForm(forms.Form):
    case_code = forms.CharField(
        # Applicants mix them up; any of them opens the application (`applicant_lookup`).
        label=_("Nomor permohonan, kode booking atau kode billing"),
        max_length=24,  # a billing code as printed, in groups: "12345 67890 12345"
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    birth_date = forms.DateField(
        label=_("Tanggal lahir pemohon"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[birth_date_validator],
    )

    def clean_case_code(self) -> str:
        code = str(self.cleaned_data["case_code"]).strip().upper()
        typed = billing_code_typed(code)
        if typed.isdigit():
            return typed
        # Letters and digits only (the groups' spaces and dashes aside): anything else is no
        # code, said at the field with the date's mistakes, and no guess is counted.
        if not CASE_CODE_TYPED.fullmatch(typed):
            raise forms.ValidationError(
                _(
                    "Kode hanya berisi huruf dan angka. Periksa nomor permohonan, kode booking "
                    "atau kode billing."
                ),
                code="case_code",
            )
        return code


class BillSearchForm(forms.Form):
    """The bills list of an office's payments page: a GET form, so a search is a link to keep."""

    q = forms.CharField(
        label=_("Cari kode billing, nomor permohonan, NTPN atau nama pemohon"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    status = forms.ChoiceField(
        label=_("Status kode"),
        choices=[("", _("Semua status")), *BillingCodeStatus.choices],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            # The answer to a search (or a further page of it) opens at the search, not at
            # the top of the page above the other lists.
            self.fields["q"].widget.attrs["autofocus"] = True

    def clean_q(self) -> str:
        return " ".join(str(self.cleaned_data["q"]).split())


# The longest note or reason the staff pages take; their inputs say it too (`maxlength`).
NOTE_MAX = 1000
# `sla_breach_explain` wants at least this many characters: the form says it at the field,
# with the text kept, and the board's input asks for it before posting (`minlength`).
BREACH_REASON_MIN = 5


class ResolveForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan tindak lanjut"),
        max_length=NOTE_MAX,
        error_messages={"required": _("Catatan tindak lanjut wajib diisi.")},
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BreachReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan keterlambatan"),
        min_length=BREACH_REASON_MIN,
        max_length=NOTE_MAX,
        error_messages={
            "required": _("Alasan keterlambatan wajib diisi."),
            "min_length": _("Tuliskan alasan keterlambatan (paling sedikit 5 karakter)."),
        },
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StatementForm(forms.Form):
    # ISO in the widget: a date input reads nothing else (the filled-in default period).
    # A year typed 9999 is a slip said at its field (the period's end runs a day past it).
    period_start = forms.DateField(
        label=_("Periode mulai"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_report_years],
    )
    period_end = forms.DateField(
        label=_("Periode sampai"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_report_years],
    )
    statement = forms.FileField(
        label=_("Rekening koran (CSV)"),
        help_text=_(
            "Kolom: billing_code, amount, ntpn, paid_at, channel (kode atau nama saluran, "
            "lihat daftar di atas)"
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limits = gettext(
            "Paling banyak %(lines)s baris dan %(mb)s MB, dengan paling banyak %(repairs)s baris "
            "yang NTPN-nya belum tercatat; bagi rekening koran yang lebih besar."
        ) % {**caps(), "repairs": MAX_REPAIRS}
        self.fields["statement"].help_text = f"{self.fields['statement'].help_text}. {limits}"

    def clean_statement(self) -> str:
        upload = self.cleaned_data["statement"]
        if upload.size > MAX_BYTES:  # the lines are counted once the file is read
            raise forms.ValidationError(too_long_message())
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Berkas harus teks CSV UTF-8.")) from None


class SimulatorForm(forms.Form):
    billing_code = forms.CharField(label=_("Kode billing"), max_length=40)
    channel = forms.ModelChoiceField(
        label=_("Saluran"), queryset=PaymentChannel.objects.filter(is_active=True), empty_label=None
    )
    method = forms.ChoiceField(label=_("Cara bayar"), choices=PaymentMethod.choices)
    amount = forms.IntegerField(
        label=_("Jumlah (kosongkan: sesuai tagihan)"), required=False, min_value=1
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["billing_code"].widget.attrs["inputmode"] = "numeric"

    def clean_billing_code(self) -> str:
        # Typed as the pages print it, in groups: "14313 58988 10983".
        code = billing_code_typed(str(self.cleaned_data["billing_code"]))
        if not code:
            raise forms.ValidationError(self.fields["billing_code"].error_messages["required"])
        # A bank asks the billing system before it takes money: a code that cannot be one is
        # refused at the teller, not recorded as a payment to follow up.
        if not billing_code_valid(code):
            raise forms.ValidationError(
                _("Kode billing terdiri dari %(n)s angka.") % {"n": BILLING_CODE_DIGITS}
            )
        return code
