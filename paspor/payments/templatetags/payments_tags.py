from django import template

from paspor.lib.money import billing_code_grouped
from paspor.lib.money import rupiah as rupiah_text

register = template.Library()


@register.filter
def rupiah(amount: int | None) -> str:
    return "" if amount is None else rupiah_text(int(amount))


@register.filter
def billing_groups(code: str) -> str:
    return billing_code_grouped(code)
