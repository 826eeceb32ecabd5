"""What the display board says: Indonesian number words and the call sentence.

The board's browser only speaks the text it is sent; the words are composed here so they can
be tested. Ticket numbers are read digit by digit as Indonesian boards do ("A nol satu dua");
counter numbers as a number ("loket dua belas"). The word is "antrean", as KBBI spells it and
as the kiosk and the ticket print it.
"""

from __future__ import annotations

_UNITS = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
)

_SCALES = ((1_000_000_000_000, "triliun"), (1_000_000_000, "miliar"), (1_000_000, "juta"))


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds > 1:
        words += [_UNITS[hundreds], "ratus"]
    if rest == 0:
        return words
    if rest < 10:
        words.append(_UNITS[rest])
    elif rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif rest < 20:
        words += [_UNITS[rest - 10], "belas"]
    else:
        tens, unit = divmod(rest, 10)
        words += [_UNITS[tens], "puluh"]
        if unit:
            words.append(_UNITS[unit])
    return words


def number_words(n: int) -> str:
    """A whole number in Indonesian words: 12 → "dua belas", 1000 → "seribu"."""
    if n < 0:
        return "minus " + number_words(-n)
    if n == 0:
        return "nol"
    words: list[str] = []
    for scale, name in _SCALES:
        count, n = divmod(n, scale)
        if count:
            words += [*number_words(count).split(), name]
    thousands, n = divmod(n, 1000)
    if thousands == 1:
        words.append("seribu")
    elif thousands > 1:
        words += [*_below_thousand(thousands), "ribu"]
    words += _below_thousand(n)
    return " ".join(words)


def digit_words(digits: str) -> str:
    """Each digit on its own: "012" → "nol satu dua"."""
    return " ".join(_UNITS[int(d)] for d in digits if d.isdigit())


def ticket_words(prefix: str, number: int) -> str:
    """A ticket as the board reads it: ("A", 12) → "A nol satu dua"."""
    letters = " ".join(prefix.upper())
    return f"{letters} {digit_words(f'{number:03d}')}".strip()


def call_sentence(*, prefix: str, number: int, counter_number: int) -> str:
    """ "Nomor antrean A nol satu dua, silakan ke loket tiga"."""
    return (
        f"Nomor antrean {ticket_words(prefix, number)}, "
        f"silakan ke loket {number_words(counter_number)}"
    )
