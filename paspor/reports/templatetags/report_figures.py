"""Numbers in the dashboards' tables, written as the reader's language writes them."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value: object) -> object:
    """Numbers grouped and with the decimal mark of the reader's language (1.953 and 97,5 in
    Indonesian, 1,953 and 97.5 in English), keeping the decimals the table gave (a Decimal
    87.50 stays 87,50); anything else as is. The rows stay plain numbers for the CSV and XLSX
    downloads: only the page groups.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    return number_format(value, force_grouping=True)
