"""The issuance menu: only the pages the signed-in officer may open at this office."""

from __future__ import annotations

from django import template
from django.urls import reverse

from paspor.accounts.access import StaffAccess, user_roles
from paspor.issuance.roles import menu_for

register = template.Library()


@register.simple_tag
def issuance_menu(access: StaffAccess) -> list[tuple[str, str]]:
    """(label, URL) pairs. Every role held at the office counts, not only the ones the current
    page asked for: a print officer who also hands over sees both."""
    roles = user_roles(access.user, access.office)
    return [
        (str(entry.label), reverse(entry.url_name, kwargs={"office": access.office.code}))
        for entry in menu_for(roles)
    ]
