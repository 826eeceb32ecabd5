"""NIK notes of a profile or a booking in the page's language (both keep them in Indonesian)."""

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
