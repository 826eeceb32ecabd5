"""How the dashboards write numbers: rounded half up, in the reader's language.

Offices report 66,65 % as 66,7 %, as they learnt at school and as the published IKM is rounded
(PermenPANRB 14/2017). Python's `round()` rounds to even on the binary value and Django's
`number_format(decimal_pos=…)` cuts the digits off, so a key figure and the table under it
could disagree (66,6 against 66,7): every fixed-decimal figure is rounded here, once.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


def rounded(value: float | Decimal, places: int = 1) -> Decimal:
    """`value` rounded half up to `places` decimals, keeping them (20 → 20.0).

    A float is read as its shortest decimal (`repr`), the number the arithmetic meant: 0.15 is
    0.1499999… in binary, and it should round to 0.2.
    """
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fixed(value: float | Decimal | None, places: int = 1, unit: str = "") -> str:
    """A figure with `places` decimals, grouped, as the reader's language writes it (66,7 %
    in Indonesian, 66.7 % in English); "–" when there is none."""
    if value is None:
        return "–"
    return f"{number_format(rounded(value, places), force_grouping=True)}{unit}"


def count(value: int) -> str:
    """A whole number grouped in the reader's language (1.953 in Indonesian, 1,953 in English)."""
    return number_format(value, force_grouping=True)


class Rupiah(int):
    """An amount of money in a table: a plain integer in the CSV and XLSX files (950000, for
    sums in a spreadsheet), written as every page writes money on the dashboard ("Rp 950.000"
    in both languages, `paspor.lib.money.rupiah`), not grouped as a count is."""

    __slots__ = ()
