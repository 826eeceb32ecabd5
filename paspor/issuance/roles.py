"""Who may open and who may write each issuance page (docs/issuance.md, "Access").

One table: the views check these sets, and the menus (the issuance menu and the staff home
links) show a page only to the roles its view lets in — a link never leads to a 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import Role

PRINTERS = frozenset({Role.PRINT_QC})
HANDOVER_OFFICERS = frozenset({Role.HANDOVER})
READERS = frozenset({Role.SUPERVISOR, Role.HEAD, Role.HQ, Role.ADMIN})
PRINT_READERS = PRINTERS | READERS
HANDOVER_READERS = HANDOVER_OFFICERS | READERS
ANY_ISSUANCE = PRINTERS | HANDOVER_OFFICERS | READERS


@dataclass(frozen=True)
class MenuEntry:
    label: str | Promise
    url_name: str
    roles: frozenset[Role]


# The issuance menu, in page order; `roles` are the roles the page's view opens to.
MENU = (
    MenuEntry(_("Cetak"), "issuance:print_queue", PRINT_READERS),
    MenuEntry(_("Kendali mutu"), "issuance:qc_queue", PRINT_READERS),
    MenuEntry(_("Penyerahan"), "issuance:pickup_queue", HANDOVER_READERS),
    MenuEntry(_("Stok"), "issuance:stock", PRINT_READERS),
)


def menu_for(roles: frozenset[Role] | set[Role]) -> list[MenuEntry]:
    """The menu entries whose page opens for someone holding `roles` at the office."""
    return [entry for entry in MENU if entry.roles & roles]
