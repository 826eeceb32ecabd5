"""Numbers in the dashboards' tables, written as the reader's language writes them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils.formats import date_format, number_format

from paspor.lib.money import rupiah
from paspor.reports.figures import Rupiah

register = template.Library()


@register.filter
def figure(value: object) -> object:
    """Numbers grouped and with the decimal mark of the reader's language (1.953 and 97,5 in
    Indonesian, 1,953 and 97.5 in English), keeping the decimals the table gave (a Decimal
    87.50 stays 87,50); anything else as is. The rows stay plain numbers for the CSV and XLSX
    downloads: only the page groups. Money (`Rupiah`) is written as every page writes it,
    "Rp 950.000" in both languages. A date in the reader's words ("20 Desember 2026").
    """
    if isinstance(value, Rupiah):
        return rupiah(value)
    if isinstance(value, dt.date):
        return date_format(value, "j F Y")
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    return number_format(value, force_grouping=True)
