"""NIK notes of a profile or a booking in the page's language (both keep them in Indonesian),
and the NIK written in groups for its owner to check."""

from __future__ import annotations

from django import template

from paspor.booking.models import ApplicantProfile, Booking
from paspor.lib.language import nik_notes_shown

register = template.Library()


@register.filter
def nik_notes(record: ApplicantProfile | Booking) -> list[str]:
    profile = record.profile if isinstance(record, Booking) else record
    return nik_notes_shown(
        list(record.nik_flags), nik=record.nik, birth_date=profile.birth_date, sex=profile.sex
    )


@register.filter
def nik_grouped(nik: str) -> str:
    """The whole NIK in groups of four ("6104 0155 0612 0003"), to be read against a KTP."""
    return " ".join(nik[i : i + 4] for i in range(0, len(nik), 4))
