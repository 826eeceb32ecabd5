from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paspor.lib.birth_date import birth_date_validator
from paspor.lib.phone import PhoneField
from paspor.notifications.models import Channel, Language

# Booking codes and application numbers: letters and digits (spaces between are dropped).
CODE = re.compile(r"[0-9A-Za-z]+", re.ASCII)
CODE_ERROR = _(
    "Kode hanya berisi huruf dan angka. Periksa kode pada bukti booking atau pesan dari kami."
)


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

    def clean_code(self) -> str:
        """A code with anything but letters and digits is no booking code or application
        number: said at the field with the date's mistakes, and no guess is counted."""
        code = str(self.cleaned_data["code"])
        if not CODE.fullmatch("".join(code.split())):
            raise forms.ValidationError(CODE_ERROR, code="code")
        return code


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
