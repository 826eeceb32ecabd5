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


# The order of the cards on the staff home: the day's overview first (what a head of office or
# a supervisor opens on arrival), then the applicant's journey through the office, then the
# oversight pages. Apps not named here follow in the order they are installed.
JOURNEY_ORDER = (
    "paspor.reports",
    "paspor.booking",
    "paspor.queueing",
    "paspor.cases",
    "paspor.payments",
    "paspor.issuance",
    "paspor.surveys",
    "paspor.complaints",
    "paspor.audit",
)


def _journey_rank(app_name: str) -> int:
    return JOURNEY_ORDER.index(app_name) if app_name in JOURNEY_ORDER else len(JOURNEY_ORDER)


def all_staff_links() -> list[StaffLink]:
    links: list[StaffLink] = []
    configs = sorted(apps.get_app_configs(), key=lambda config: _journey_rank(config.name))
    for config in configs:
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
