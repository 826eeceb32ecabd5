"""Amounts of money, and the billing codes that pay them, as every page, PDF, e-mail and report
writes them."""

from __future__ import annotations

import re

# A whole amount as banks' statements write it: plain digits, or groups of three set apart by
# dots (Indonesian) or commas (English), with an optional fraction of one or two digits after
# the other mark ("950000", "950.000", "950,000", "950000.00", "950.000,00", "950,000.00").
# At most 24 digits (AMOUNT_DIGITS_MAX): int() refuses a run past 4,300 digits with a
# ValueError, and no payment comes near either.
AMOUNT_DIGITS_MAX = 24
_AMOUNT = re.compile(
    r"(?P<whole>[0-9]{1,24}|[0-9]{1,3}(?:\.[0-9]{3}){1,7}|[0-9]{1,3}(?:,[0-9]{3}){1,7})"
    r"(?:(?P<mark>[.,])(?P<fraction>[0-9]{1,2}))?"
)


def rupiah(amount: int) -> str:
    """Whole rupiah with dots for thousands, in both languages: "Rp 650.000".

    The way Bank Indonesia and the bank slips write it; an English page keeps it so the figure
    the applicant reads is the one the teller and the ATM show.
    """
    return "Rp " + f"{amount:,}".replace(",", ".")


def billing_code_grouped(code: str) -> str:
    """A billing code in groups of five, 123456789012345 → 12345 67890 12345: easier to read
    aloud and to type at an ATM."""
    return " ".join(code[i : i + 5] for i in range(0, len(code), 5))


def rupiah_parse(text: str) -> int | None:
    """The whole rupiah a statement's amount says, or None when it is no amount, has sen or
    more than AMOUNT_DIGITS_MAX digits.

    Three digits after a mark are a group of thousands; one or two are the fraction, which a
    rupiah amount has only as zeros. The fraction's mark must differ from the groups' mark:
    "1.000.50" is refused rather than guessed."""
    text = text.strip()
    cleaned = re.sub(r"\s+", "", text.removeprefix("Rp").removeprefix("IDR"))
    match = _AMOUNT.fullmatch(cleaned)
    if match is None:
        return None
    whole, mark, fraction = match["whole"], match["mark"], match["fraction"]
    if mark is not None and mark in whole:
        return None
    if fraction is not None and int(fraction) != 0:
        return None
    return int(whole.replace(".", "").replace(",", ""))
