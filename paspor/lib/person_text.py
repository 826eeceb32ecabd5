"""A person's name and place of birth as typed: words, not numbers or unreadable bytes.

A name of digits only ("9223372036854775808", "0000-00-00") is a slip of the field, and a
U+FFFD replacement character is what a form decoder leaves of bytes it could not read: both
would reach the passport's data page and its MRZ, so they are refused with the reason.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from paspor.lib.errors import DomainError

UNREADABLE = "\ufffd"


def _check(value: str, *, code: str, no_letter: str) -> None:
    if UNREADABLE in value:
        raise DomainError(
            _("Teks berisi karakter yang tidak terbaca; ketik ulang dengan huruf biasa."),
            code=code,
        )
    if value.strip() and not any(character.isalpha() for character in value):
        raise DomainError(no_letter, code=code)


def full_name_check(value: str) -> None:
    _check(
        value, code="full_name", no_letter=_("Nama harus berisi huruf, seperti tertulis di KTP.")
    )


def birth_place_check(value: str) -> None:
    _check(value, code="birth_place", no_letter=_("Tempat lahir harus berisi huruf."))
