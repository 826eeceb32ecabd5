"""`{{ text|reason_shown }}`: a reason the system recorded, in the reader's language
(`paspor.lib.reasons`); what an officer typed is shown as it is."""

from django import template

from paspor.lib.reasons import reason_shown as _reason_shown

register = template.Library()


@register.filter
def reason_shown(text: str | None) -> str:
    return _reason_shown(text or "")
