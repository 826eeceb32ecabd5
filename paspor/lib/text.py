"""Text a person can see.

`str.strip` removes spaces but keeps the invisible format characters (Unicode category Cf): a
zero-width space or a direction mark alone passed for a written reason, and was shown to the
applicant as nothing. The direction overrides and isolates (U+202A–U+202E, U+2066–U+2069)
also reorder what follows them on screen, so that a text reads otherwise than it is stored.
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def blank(value: str) -> bool:
    """Whether the text shows nothing: only spaces and invisible format characters."""
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in value)


def shown_length(value: str) -> int:
    """How many characters of the text a person sees: spaces at its ends and format characters
    anywhere are not counted."""
    return sum(1 for char in value.strip() if unicodedata.category(char) != "Cf")


def has_bidi_control(value: str) -> bool:
    return any(char in BIDI_CONTROLS for char in value)
