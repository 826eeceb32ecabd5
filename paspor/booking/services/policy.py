"""An office's release rule and the allocation mode of each pool, set by its managers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.booking.models import (
    AllocationMode,
    Ballot,
    BallotStatus,
    BookingPolicy,
    Pool,
    PoolPolicy,
    ReleaseRule,
)
from paspor.booking.rules import CHILD_UNDER_RANGE, ELDERLY_FROM_RANGE
from paspor.booking.selectors import availability_changed, policy_for, pool_modes
from paspor.lib.errors import Conflict, DomainError
from paspor.offices.models import Office

MAX_ROLLING_DAYS = 365
MAX_BALLOT_WINDOW_HOURS = 14 * 24


@transaction.atomic
def booking_policy_set(
    *,
    office: Office,
    release_rule: str,
    release_time: dt.time,
    rolling_days: int,
    ballot_window_hours: int,
    modes: Mapping[str, str],
    by: User | None,
) -> BookingPolicy:
    """When the office's dates open and how each pool is given out (first come or ballot).

    A pool whose ballot has entries waiting for the draw cannot go back to first come: its
    entrants were promised a draw. The change reaches every page at once (the cached setup is
    forgotten).
    """
    if release_rule not in ReleaseRule.values:
        raise DomainError(_("Aturan pembukaan kuota tidak dikenal."), code="release_rule")
    if not 1 <= rolling_days <= MAX_ROLLING_DAYS:
        raise DomainError(
            _("Hari dibuka sebelumnya: 1 sampai %(n)s.") % {"n": MAX_ROLLING_DAYS},
            code="rolling_days",
        )
    if not 1 <= ballot_window_hours <= MAX_BALLOT_WINDOW_HOURS:
        raise DomainError(
            _("Lama pendaftaran undian: 1 sampai %(n)s jam.") % {"n": MAX_BALLOT_WINDOW_HOURS},
            code="ballot_window_hours",
        )
    if set(modes) - set(Pool.values) or set(modes.values()) - set(AllocationMode.values):
        raise DomainError(_("Cara alokasi kuota tidak dikenal."), code="mode")
    before = pool_modes(office)
    for pool, mode in modes.items():
        leaving_ballot = before.get(pool) == AllocationMode.BALLOT and mode != AllocationMode.BALLOT
        if leaving_ballot and _ballot_taking_entries(office, pool):
            raise Conflict(
                _(
                    "Undian kuota %(pool)s sedang menerima pendaftaran: tunggu sampai diundi "
                    "sebelum kembali ke siapa cepat dia dapat."
                )
                % {"pool": Pool(pool).label},
                code="ballot_open",
            )
    old = policy_for(office)
    old_values = {
        "release_rule": old.release_rule,
        "release_time": old.release_time.strftime("%H:%M"),
        "rolling_days": old.rolling_days,
        "ballot_window_hours": old.ballot_window_hours,
        "modes": dict(before),
    }
    policy, _created = BookingPolicy.objects.update_or_create(
        office=office,
        defaults={
            "release_rule": release_rule,
            "release_time": release_time,
            "rolling_days": rolling_days,
            "ballot_window_hours": ballot_window_hours,
        },
    )
    for pool, mode in modes.items():
        PoolPolicy.objects.update_or_create(office=office, pool=pool, defaults={"mode": mode})
    audit_record(
        actor=by,
        office=office,
        subject=policy,
        event="booking.policy_set",
        old=old_values,
        new={
            "release_rule": release_rule,
            "release_time": release_time.strftime("%H:%M"),
            "rolling_days": rolling_days,
            "ballot_window_hours": ballot_window_hours,
            "modes": {**before, **modes},
        },
    )
    availability_changed(office.pk)
    return policy


@transaction.atomic
def priority_ages_set(
    *, office: Office, child_under: int | None, elderly_from: int | None, by: User | None
) -> BookingPolicy:
    """The office's own Ramah HAM ages (STANDARDS.md §7: some offices serve the elderly first
    from 65); None follows the deployment's setting. Bookings already made keep their pool: the
    ages are judged when a booking is made or moved."""
    for value, (low, high), code, message in (
        (child_under, CHILD_UNDER_RANGE, "priority_child_under", _("Usia anak prioritas")),
        (elderly_from, ELDERLY_FROM_RANGE, "priority_elderly_from", _("Usia lansia prioritas")),
    ):
        if value is not None and not low <= value <= high:
            raise DomainError(
                _("%(what)s: %(low)s sampai %(high)s tahun, atau kosong.")
                % {"what": message, "low": low, "high": high},
                code=code,
            )
    policy, _created = BookingPolicy.objects.get_or_create(office=office)
    old = {"child_under": policy.priority_child_under, "elderly_from": policy.priority_elderly_from}
    new = {"child_under": child_under, "elderly_from": elderly_from}
    if old == new:
        return policy
    policy.priority_child_under, policy.priority_elderly_from = child_under, elderly_from
    policy.save(update_fields=["priority_child_under", "priority_elderly_from"])
    audit_record(
        actor=by, office=office, subject=policy, event="booking.priority_ages_set", old=old, new=new
    )
    availability_changed(office.pk)
    return policy


def _ballot_taking_entries(office: Office, pool: str) -> bool:
    """An open ballot of the pool that someone has entered. Empty ones are simply drawn empty."""
    return Ballot.objects.filter(
        office=office, pool=pool, status=BallotStatus.OPEN, entries__isnull=False
    ).exists()
