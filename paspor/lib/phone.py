"""Indonesian phone numbers as applicants type them, kept in one form.

Read with `phonenumbers` (Google's libphonenumber data: number lengths and prefixes per
operator and area, kept up to date upstream): 0812-3456-7890, +62 812 3456 7890, 62812…
(as in WhatsApp links), +62 (0)812…, (021) 555-1234. The number is stored in E.164 (`+62…`),
so the SMS and WhatsApp gateways and the intake officer read the same number however it was
typed.
"""

from __future__ import annotations

from typing import Any

import phonenumbers
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from paspor.lib.errors import DomainError

REGION = "ID"


def phone_normalise(raw: str) -> str:
    """The number as `+62…`, or "" when none was given.

    Anything that is not a valid Indonesian number raises DomainError (code "phone") with the
    message the applicant reads at the field.
    """
    text = (raw or "").strip()
    if not text:
        return ""
    number = None
    if not any(character.isalpha() for character in text):  # the library reads 0812-ABC as 222
        try:
            number = phonenumbers.parse(text, REGION)
        except phonenumbers.NumberParseException:
            number = None
    if (
        number is None
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.region_code_for_number(number) != REGION
    ):
        raise DomainError(
            _(
                "Masukkan nomor telepon Indonesia yang benar, diawali 0 atau +62, boleh dengan "
                "spasi atau tanda hubung (misalnya 0812-3456-7890)."
            ),
            code="phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class TelInput(forms.TextInput):
    input_type = "tel"


class PhoneField(forms.CharField):
    """An optional Indonesian phone number, normalised to +62… (`paspor.lib.phone`)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("Nomor telepon"))
        kwargs.setdefault(
            "help_text", gettext_lazy("Contoh: 0812-3456-7890 atau +62 812-3456-7890.")
        )
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 30)
        # A phone opens its number pad.
        kwargs.setdefault("widget", TelInput(attrs={"autocomplete": "tel"}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        text: str = super().clean(value)
        try:
            return phone_normalise(text)
        except DomainError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None
