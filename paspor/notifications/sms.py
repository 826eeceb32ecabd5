"""What an SMS can carry: GSM-7 text in at most three segments.

An SMS is at most three concatenated GSM-7 segments (3 × 153 characters): longer texts cost the
office a segment each and arrive split on cheap phones. A template leaves out what an SMS can do
without (`{% if not sms %}`: payment menus, the proxy rules) and keeps the facts and the link.
One character outside GSM-7 (an en dash) would send the whole text as UCS-2, at 67 characters a
segment, so an SMS writes those characters in GSM-7 (`sms_text`).

What a template keeps can still be long: an office's full name and address, a person's name of
up to 200 characters, an officer's free text. The sender then shortens the text by the parts
named in `SMS_SHORTER`, in order, each only while the text is past three segments
(`sms_fitted`): an ordinary message goes out as its template wrote it. What is left out or cut
is on the page the SMS links to, except a long reason for a rejection or a cancellation
(docs/notifications.md, "SMS").
"""

from __future__ import annotations

from collections.abc import Callable

from paspor.offices.models import office_short_name

SMS_MAX_SEGMENTS = 3
SMS_MAX_CHARS = SMS_MAX_SEGMENTS * 153
ELLIPSIS = "..."

_GSM7_STAND_INS = str.maketrans(
    {"–": "-", "—": "-", "·": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": ELLIPSIS}
)
_GSM7_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")  # each sent as two: the escape, then the sign
_GSM7 = frozenset(_GSM7_BASIC) | _GSM7_EXTENSION

Context = dict[str, object]
Shortening = Callable[[Context, int], Context | None]


def sms_text(text: str) -> str:
    """`text` with the typographic characters our messages use written in GSM-7."""
    return text.translate(_GSM7_STAND_INS)


def _units(text: str) -> tuple[int, int, int]:
    """(length, alone, per segment) of `text` as the gateway counts it: GSM-7, 160 in one SMS
    or 153 a segment; with any character outside GSM-7 the whole text goes as UCS-2, 70 or 67
    UTF-16 units."""
    if _GSM7.issuperset(text):
        return len(text) + sum(char in _GSM7_EXTENSION for char in text), 160, 153
    return len(text.encode("utf-16-le")) // 2, 70, 67


def sms_segments(text: str) -> int:
    """How many segments the gateway sends `text` in."""
    length, alone, per_segment = _units(text)
    return 1 if length <= alone else -(-length // per_segment)


def _excess(text: str) -> int:
    """How much of `text` is past `SMS_MAX_SEGMENTS` segments, in the gateway's units."""
    length, _alone, per_segment = _units(text)
    return max(length - SMS_MAX_SEGMENTS * per_segment, 0)


def sms_fitted(render: Callable[[Context], str], context: Context) -> str:
    """`render(context)`, shortened by `SMS_SHORTER` while it is past three segments."""
    text = render(context)
    for shorten in SMS_SHORTER:
        while (excess := _excess(text)) and (shorter := shorten(context, excess)) is not None:
            context = shorter
            text = render(context)
    return text


def _office_short(context: Context, excess: int) -> Context | None:
    office = context.get("office")
    if not isinstance(office, str) or office_short_name(office) == office:
        return None
    return {**context, "office": office_short_name(office)}


def _left_out(key: str) -> Shortening:
    def shorten(context: Context, excess: int) -> Context | None:
        return {**context, key: ""} if context.get(key) else None

    return shorten


def _cut(key: str, *, keep: int) -> Shortening:
    """`key`'s text cut by the excess (`text_cut`); a list (the missing documents) first goes
    on one line, its items between semicolons."""

    def shorten(context: Context, excess: int) -> Context | None:
        value = context.get(key)
        if isinstance(value, list):
            joined = "; ".join(str(item) for item in value)
            cut = text_cut(joined, by=excess, keep=keep)
            if cut is None:
                return {**context, key: [joined]} if len(value) > 1 else None
            return {**context, key: [cut]}
        if isinstance(value, str) and (cut := text_cut(value, by=excess, keep=keep)):
            return {**context, key: cut}
        return None

    return shorten


def text_cut(text: str, *, by: int, keep: int = 0) -> str | None:
    """`text` at least `by` characters shorter, ending in "..." after its last whole word, and
    not cut before its `keep`-th character; None when it cannot be made shorter so."""
    length = max(len(text) - max(by, 1) - len(ELLIPSIS), keep)
    cut = text[:length]
    if text[length : length + 1] not in ("", " ") and " " in cut.strip():
        cut = cut.rsplit(" ", 1)[0]  # no word cut in half
    cut = cut.rstrip(" ,;:.-") + ELLIPSIS
    return cut if len(cut) < len(text) else None


# In this order: the office by its name without its class ("Kantor Imigrasi Kelas I Khusus TPI
# Soekarno-Hatta" → "Kantor Imigrasi Soekarno-Hatta"), without its address, and without an
# express booking's terms (the booking proof gives both); a person's name to its first words
# (it is the greeting, or which member of a family is meant); then an officer's free text.
SMS_SHORTER: tuple[Shortening, ...] = (
    _office_short,
    _left_out("office_address"),
    _left_out("express_fee"),
    _cut("name", keep=30),
    _cut("response", keep=40),
    _cut("reason", keep=40),
    _cut("missing", keep=40),
)
