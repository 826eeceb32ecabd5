"""The offices over JSON (/api/offices/): which offices take bookings, for an app to list."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from paspor.offices.models import TimeZone
from paspor.offices.selectors import public_offices

router = Router(tags=["offices"])


class OfficeOut(Schema):
    """An immigration office that takes bookings."""

    code: str = Field(
        description="The office's code: `office` in the booking paths and bodies.",
        examples=["ketapang"],
    )
    name: str = Field(description="The office's name.")
    address: str = Field(description="The street address.")
    city: str = Field(description="The city or regency (kota/kabupaten).")
    province: str = Field(description="The province.")
    phone: str = Field(description="The office's phone number; may be empty.")
    email: str = Field(description="The office's e-mail address; may be empty.")
    time_zone: str = Field(
        description="The office's IANA time zone (`Asia/Jakarta`, `Asia/Makassar`, "
        "`Asia/Jayapura`): every `HH:MM` of its sessions and bookings is on this clock.",
        examples=["Asia/Jakarta"],
    )
    time_zone_abbreviation: str = Field(
        description="The zone as Indonesians write it after a time: `WIB`, `WITA` or `WIT`.",
        examples=["WIB"],
    )


@router.get("", auth=None, response=list[OfficeOut], summary="List the offices")
def offices_list(request: HttpRequest) -> list[OfficeOut]:
    """Anonymous. Every active office, by province, city and name: its code for the booking
    endpoints, where it is, how to reach it, and its time zone."""
    return [
        OfficeOut(
            code=office.code,
            name=office.name,
            address=office.address,
            city=office.city,
            province=office.province,
            phone=office.phone,
            email=office.email,
            time_zone=office.time_zone,
            time_zone_abbreviation=TimeZone(office.time_zone).name,
        )
        for office in public_offices()
    ]
