"""Reads of offices for the public: the order a person looks for their office in."""

from __future__ import annotations

from itertools import groupby

from django.db.models import Case, F, QuerySet, When
from django.db.models.functions import Substr

from paspor.offices.models import Office

CITY_PREFIXES = ("Kabupaten ", "Kab. ", "Kota ")


def _city_name() -> Case:
    """The city without a leading "Kabupaten", "Kab." or "Kota": Kabupaten Ketapang then sorts
    before Kota Pontianak by K and P, instead of every regency before every city. Only the
    start is cut ("Kabupaten Kotawaringin Barat" sorts as "Kotawaringin Barat")."""
    return Case(
        *(
            When(city__startswith=prefix, then=Substr("city", len(prefix) + 1))
            for prefix in CITY_PREFIXES
        ),
        default=F("city"),
    )


# Office names begin with their class ("Kantor Imigrasi Kelas I TPI …"), so by name the list
# runs by class; a person looks for their province, then their city.
PUBLIC_ORDER = (F("province").asc(), _city_name().asc(), F("name").asc())


def public_offices() -> QuerySet[Office]:
    """The offices open to the public, by province, city and name."""
    return Office.objects.filter(is_active=True).order_by(*PUBLIC_ORDER)


def office_choices_by_province(
    offices: QuerySet[Office],
) -> list[tuple[str, list[tuple[str, str]]]]:
    """(province, [(code, name), …]) groups for a select's optgroups, in `PUBLIC_ORDER`."""
    ordered = offices.order_by(*PUBLIC_ORDER).values_list("province", "code", "name")
    return [
        (province, [(code, name) for _, code, name in rows])
        for province, rows in groupby(ordered, key=lambda row: row[0])
    ]
