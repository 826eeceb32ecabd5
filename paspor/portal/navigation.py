"""Staff home links and what waits at each office. Each app may define `STAFF_LINKS` and
`STAFF_ATTENTION` in its own `navigation.py`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import Role
from paspor.offices.models import Office


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


def _navigation_modules() -> list[ModuleType]:
    modules = []
    configs = sorted(apps.get_app_configs(), key=lambda config: _journey_rank(config.name))
    for config in configs:
        if not config.name.startswith("paspor."):
            continue
        try:
            modules.append(import_module(f"{config.name}.navigation"))
        except ModuleNotFoundError:
            continue
    return modules


def all_staff_links() -> list[StaffLink]:
    return [link for module in _navigation_modules() for link in getattr(module, "STAFF_LINKS", [])]


def link_url(link: StaffLink, office_code: str | None) -> str | None:
    try:
        if link.per_office:
            return reverse(link.url_name, kwargs={"office": office_code}) if office_code else None
        return reverse(link.url_name)
    except NoReverseMatch:
        return None


@dataclass(frozen=True)
class Attention:
    """One line of an office's "Perlu perhatian": how many of something wait there."""

    count: int
    label: str  # what is counted, in the reader's language; `count` is shown before it
    late: bool = False  # past a promised date or deadline: listed first
    url: str = ""


@dataclass(frozen=True)
class StaffAttention:
    """What an app counts for an office's "Perlu perhatian" on the staff home.

    `count` gives its lines for one office in a fixed number of statements, whatever the
    office's size, with the numbers the page at `url_name` shows; `roles` are the roles that
    page's own view lets in, so a line never leads to a refusal.
    """

    url_name: str
    roles: frozenset[Role]
    count: Callable[[Office], list[Attention]]


def office_attention(roles: set[Role], office: Office) -> list[Attention] | None:
    """What waits at `office` for someone holding `roles` there: the lines with a count above
    zero, late ones first. None when none of the pages behind them opens for these roles."""
    items = [
        item
        for module in _navigation_modules()
        for item in getattr(module, "STAFF_ATTENTION", [])
        if item.roles & roles
    ]
    if not items:
        return None
    lines = []
    for item in items:
        url = reverse(item.url_name, kwargs={"office": office.code})
        lines += [replace(line, url=url) for line in item.count(office) if line.count > 0]
    return sorted(lines, key=lambda line: not line.late)


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
