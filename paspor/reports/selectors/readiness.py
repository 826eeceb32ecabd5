"""Every office of the country and how far its setup is (docs/onboarding.md, docs/reports.md).

Headquarters brings offices into service one by one; this is its overview. Each office's steps
are those of its own page in the admin (`paspor.offices.readiness`), read for all offices at
once: a fixed number of statements, whether the country has 3 offices or 125.
"""

from __future__ import annotations

from dataclasses import dataclass

from paspor.offices.models import Office
from paspor.offices.readiness import Readiness, offices_readiness


@dataclass(frozen=True)
class NationalReadiness:
    rows: list[Readiness]  # not ready first, then by province, city and name

    @property
    def waiting(self) -> list[Readiness]:
        """The offices not ready (a blocking step missing), in the same order."""
        return [row for row in self.rows if not row.ready]

    @property
    def in_service(self) -> int:
        return sum(1 for row in self.rows if row.office.is_active)

    @property
    def not_ready(self) -> int:
        return len(self.waiting)

    @property
    def in_service_not_ready(self) -> int:
        """Offices the public can book that a step has fallen out of since they opened (an
        expired certificate, the kiosk's account switched off)."""
        return sum(1 for row in self.rows if row.office.is_active and not row.ready)


def _order(row: Readiness) -> tuple[bool, str, str, str]:
    office = row.office
    return (row.ready, office.province.casefold(), office.city.casefold(), office.name.casefold())


def national_readiness(*, province: str = "") -> NationalReadiness:
    """Every office (of `province` when given), those not ready first, then by province, city
    and name."""
    offices = Office.objects.order_by("pk")
    if province:
        offices = offices.filter(province=province)
    return NationalReadiness(rows=sorted(offices_readiness(list(offices)), key=_order))


def office_provinces() -> list[str]:
    """The provinces that have an office, for the filter."""
    names = Office.objects.order_by().values_list("province", flat=True).distinct()
    return sorted(set(names), key=str.casefold)
