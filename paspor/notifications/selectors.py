"""Reads of the notifications app."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.booking.models import ApplicantProfile
from paspor.cases.models import Case, CaseStatus
from paspor.notifications.services import case_pickup_deadline, case_pickup_facts


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


@dataclass(frozen=True)
class Pickup:
    """A passport ready for pickup, as the applicant's pages tell it: the last day to collect
    it and what to bring (the `deadline_and_bring` partial of `notifications/status.html`)."""

    deadline: dt.date
    deadline_label: str
    bring: list[str]


def case_pickup(case: Case, *, ready_at: dt.datetime | None = None) -> Pickup | None:
    """The pickup of a case whose passport is ready, in the active language; None for any other
    status, or a case with no move to ready on record. `ready_at` is that move's time, when the
    caller has already read it."""
    if case.status != CaseStatus.READY_FOR_PICKUP:
        return None
    if ready_at is None:
        ready_at = (
            case.events.filter(kind="transition", to_status=CaseStatus.READY_FOR_PICKUP)
            .order_by("-at", "-pk")
            .values_list("at", flat=True)
            .first()
        )
    if ready_at is None:
        return None
    return Pickup(
        deadline=case_pickup_deadline(case, ready_at=ready_at),
        deadline_label=_("Ambil paling lambat"),
        bring=pickup_documents(case),
    )


def pickup_documents(case: Case) -> list[str]:
    """What to bring to this case's handover, in the active language: the list the pickup
    messages give (`notifications/_pickup_bring.txt`), from the same facts. A child has no
    KTP: a parent or guardian collects with theirs and the family card."""
    facts = case_pickup_facts(case)
    if facts["child"]:
        bring = [
            _("KTP asli ayah, ibu atau wali yang mengambil"),
            _("Kartu Keluarga asli (ayah atau ibu) atau penetapan perwalian (wali)"),
        ]
    else:
        bring = [_("KTP asli")]
    bring.append(_("Bukti pembayaran yang memuat NTPN"))
    if facts["old_passport"]:
        bring.append(_("Paspor lama: dibatalkan (dilubangi) saat penyerahan"))
    return bring
