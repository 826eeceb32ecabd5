from django import template

from paspor.lib.money import rupiah as rupiah_text

register = template.Library()


@register.filter
def rupiah(amount: int | None) -> str:
    return "" if amount is None else rupiah_text(int(amount))


@register.filter
def billing_groups(code: str) -> str:
    """123456789012345 → 12345 67890 12345: easier to read aloud and type at an ATM."""
    return " ".join(code[i : i + 5] for i in range(0, len(code), 5))
