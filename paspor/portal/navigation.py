"""Staff home links. Each app may define `STAFF_LINKS` in its own `navigation.py`."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import Role


@dataclass(frozen=True)
class StaffLink:
    label: str | Promise
    url_name: str
    roles: frozenset[Role]
    per_office: bool = True  # the URL takes the office code as `office`
    description: str | Promise = ""


def all_staff_links() -> list[StaffLink]:
    links: list[StaffLink] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("paspor."):
            continue
        try:
            module = import_module(f"{config.name}.navigation")
        except ModuleNotFoundError:
            continue
        links.extend(getattr(module, "STAFF_LINKS", []))
    return links


def link_url(link: StaffLink, office_code: str | None) -> str | None:
    try:
        if link.per_office:
            return reverse(link.url_name, kwargs={"office": office_code}) if office_code else None
        return reverse(link.url_name)
    except NoReverseMatch:
        return None


STAFF_LINKS = [
    StaffLink(
        label=_("Administrasi (konfigurasi)"),
        url_name="admin:index",
        roles=frozenset({Role.ADMIN}),
        per_office=False,
        description=_("Kantor, loket, kalender, pengguna dan jejak audit."),
    ),
    # Headquarters keeps only the national rows in the admin (HeadquartersAdmin): the card
    # names those, not pages it would be refused.
    StaffLink(
        label=_("Administrasi pusat"),
        url_name="admin:index",
        roles=frozenset({Role.HQ}),
        per_office=False,
        description=_("Kalender libur nasional, tarif PNBP dan daftar cegah tangkal."),
    ),
]
