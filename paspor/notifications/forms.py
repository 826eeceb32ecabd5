from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paspor.lib.birth_date import birth_date_validator
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
        validators=[birth_date_validator],
    )


class PreferenceForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Kirim pemberitahuan melalui"), choices=Channel.choices, widget=forms.RadioSelect
    )
    phone = PhoneField(label=_("Nomor telepon/WhatsApp"), help_text="")
    language = forms.ChoiceField(
        label=_("Bahasa pesan"), choices=Language.choices, widget=forms.RadioSelect
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A field left empty, said at the field (400); `channel_preference_set` refuses the
        # same as a safety net.
        if data.get("channel") not in (None, Channel.EMAIL) and data.get("phone") == "":
            self.add_error("phone", _("Nomor telepon wajib diisi untuk SMS atau WhatsApp."))
        return data
