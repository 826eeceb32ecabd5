"""A person's name and place of birth as typed: words, not numbers or unreadable bytes.

A name of digits only ("9223372036854775808", "0000-00-00") is a slip of the field, and a
U+FFFD replacement character is what a form decoder leaves of bytes it could not read; an emoji,
a direction override or a letter of another script cannot be printed on the data page: all
would reach the passport's data page and its MRZ, so they are refused with the reason.
"""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext as _

from paspor.lib.errors import DomainError
from paspor.lib.mrz import APOSTROPHES, MRZError, transliterate_name_part

UNREADABLE = "\ufffd"


def _check(value: str, *, code: str, no_letter: str) -> None:
    if UNREADABLE in value:
        raise DomainError(
            _("Teks berisi karakter yang tidak terbaca; ketik ulang dengan huruf biasa."),
            code=code,
        )
    for char in value:
        if not _printable(char):
            raise DomainError(
                _(
                    "“%(char)s” tidak dapat dicetak di paspor; tulis dengan huruf Latin, seperti "
                    "di KTP."
                )
                # An invisible character is named by its code point, so it can be found.
                % {"char": char if unicodedata.category(char)[0] in "LS" else f"U+{ord(char):04X}"},
                code=code,
            )
    if value.strip() and not any(character.isalpha() for character in value):
        raise DomainError(no_letter, code=code)


def _printable(char: str) -> bool:
    """Whether the data page can print the character: a Latin letter (with its marks), a digit,
    a space or punctuation. A symbol (an emoji), an invisible format character (a direction
    override) or a letter of another script (the MRZ has no form for it, Doc 9303 part 3 §6)
    would reach the booklet, and the name would be refused only at the printer."""
    if char in APOSTROPHES:  # "Ma`ruf": the grave accent and its kin are symbols to Unicode
        return True
    category = unicodedata.category(char)
    if category.startswith("L"):
        try:
            transliterate_name_part(char)
        except MRZError:
            return False
        return True
    return category[0] in "NPMZ" or char in "\t\n"


def full_name_check(value: str) -> None:
    _check(
        value, code="full_name", no_letter=_("Nama harus berisi huruf, seperti tertulis di KTP.")
    )


def birth_place_check(value: str) -> None:
    _check(value, code="birth_place", no_letter=_("Tempat lahir harus berisi huruf."))
