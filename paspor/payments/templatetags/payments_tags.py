from django import template

from paspor.lib.money import billing_code_grouped
from paspor.lib.money import rupiah as rupiah_text
from paspor.payments.models import BillingCodeStatus

register = template.Library()


@register.filter
def rupiah(amount: int | None) -> str:
    return "" if amount is None else rupiah_text(int(amount))


@register.filter
def billing_groups(code: str) -> str:
    return billing_code_grouped(code)


@register.filter
def code_status_label(status: str) -> str:
    """A billing code's status in the reader's language ("issued" → "Menunggu pembayaran")."""
    return str(BillingCodeStatus(status).label) if status in BillingCodeStatus.values else status
