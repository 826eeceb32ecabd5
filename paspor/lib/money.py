"""Amounts of money as every page, PDF, e-mail and report writes them."""

from __future__ import annotations


def rupiah(amount: int) -> str:
    """Whole rupiah with dots for thousands, in both languages: "Rp 650.000".

    The way Bank Indonesia and the bank slips write it; an English page keeps it so the figure
    the applicant reads is the one the teller and the ATM show.
    """
    return "Rp " + f"{amount:,}".replace(",", ".")
