"""Amounts of money, and the billing codes that pay them, as every page, PDF, e-mail and report
writes them."""

from __future__ import annotations


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
