from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paspor.lib.birth_date import birth_date_check
from paspor.lib.errors import DomainError
from paspor.lib.phone import PhoneField
from paspor.notifications.models import Channel, Language


class StatusForm(forms.Form):
    code = forms.CharField(
        label=_("Kode booking atau nomor permohonan"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    birth_date = forms.DateField(
        label=_("Tanggal lahir pemohon"),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Masukkan tanggal lahir yang benar.")},
    )

    def clean_birth_date(self) -> dt.date:
        # A date no applicant can have (tomorrow, 1890 for 1990) is a typing slip: said at the
        # field, and not spent as one of the code's guesses.
        birth_date: dt.date = self.cleaned_data["birth_date"]
        try:
            birth_date_check(birth_date, today=timezone.localdate())
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc
        return birth_date


class PreferenceForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Kirim pemberitahuan melalui"), choices=Channel.choices, widget=forms.RadioSelect
    )
    phone = PhoneField(label=_("Nomor telepon/WhatsApp"), help_text="")
    language = forms.ChoiceField(
        label=_("Bahasa pesan"), choices=Language.choices, widget=forms.RadioSelect
    )
