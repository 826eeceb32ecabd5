"""Reads of the notifications app."""

from __future__ import annotations

from paspor.accounts.models import User
from paspor.booking.models import ApplicantProfile


def phone_known_for(user: User) -> str:
    """The number the office already holds for the account: its own, else the one given on
    the first applicant profile that has one (the account holder's, usually made first)."""
    if user.phone:
        return user.phone
    phone = (
        ApplicantProfile.objects.filter(account=user)
        .exclude(phone="")
        .order_by("created_at", "pk")
        .values_list("phone", flat=True)
        .first()
    )
    return phone or ""
