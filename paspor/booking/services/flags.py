"""The review of booking sources: accounts, devices and IP addresses that book for many NIKs.

Counting a month of every office's bookings takes about a second at national size, too slow for
a page that supervisors open, or for the staff home's "Perlu perhatian". A periodic job
(`booking_flags_refresh`, every ten minutes) counts once for all offices and keeps the result in
`BookingFlag`; the pages read those rows. An office marks a source reviewed; the source asks for
review again once it has booked for more NIKs than it had then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.booking.conf import setting
from paspor.booking.models import Booking, BookingFlag, BookingFlagRefresh, FlagKind
from paspor.booking.selectors import flag_window_start
from paspor.lib.errors import Conflict
from paspor.offices.models import Office

Counts = tuple[int, int]  # distinct NIKs, bookings


# Per kind, the booking column that is counted (an account by its id: no join with the
# accounts for a month of bookings; the page names it by its e-mail, `FLAG_SOURCES`).
_COUNTED = {FlagKind.ACCOUNT: "account_id", FlagKind.DEVICE: "device", FlagKind.IP: "client_ip"}
_CHUNK = 500  # values in one IN (…): well under SQLite's limit of bound parameters


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _sources_over(recent: QuerySet[Booking], column: str, threshold: int) -> dict[Any, Counts]:
    """The sources that booked for `threshold` or more different NIKs, with their counts.

    Most sources booked once or twice. Only those with `threshold` bookings or more are counted
    by NIK: a plain count groups by hashing, a distinct count has to sort its rows.
    """
    sourced = recent.exclude(**{f"{column}__isnull": True})
    if column == "device":  # a device id may be "", an account or an address never
        sourced = sourced.exclude(device="")
    busy = (
        sourced.values(column).annotate(total=Count("id")).filter(total__gte=threshold).order_by()
    )
    rows = (
        sourced.filter(**{f"{column}__in": busy.values(column)})
        .values(column)
        .annotate(niks=Count("nik", distinct=True), total=Count("id"))
        .filter(niks__gte=threshold)
        .order_by()
    )
    return {row[column]: (row["niks"], row["total"]) for row in rows}


def flags_count(now: dt.datetime | None = None) -> dict[tuple[int, str, str], Counts]:
    """What should be flagged now: (office id, kind, source) → the source's counts across all
    offices, for each office where the source booked in the window."""
    recent = Booking.objects.filter(created_at__gte=flag_window_start(now))
    threshold = setting("BOOKING_FLAG_DISTINCT_NIKS")
    wanted: dict[tuple[int, str, str], Counts] = {}
    for kind, column in _COUNTED.items():
        counts = _sources_over(recent, column, threshold)
        names = {value: str(value) for value in counts}
        if kind == FlagKind.ACCOUNT:
            names = {}
            for chunk in _chunks(list(counts)):
                users = User.objects.filter(pk__in=chunk).exclude(email="")
                names.update(users.values_list("pk", "email"))
        for chunk in _chunks(list(names)):
            places = (
                recent.filter(**{f"{column}__in": chunk})
                .values_list("office_id", column)
                .distinct()
                .order_by()
            )
            for office_id, value in places:
                wanted[(office_id, kind.value, names[value])] = counts[value]
    return wanted


def booking_flags_refresh(*, now: dt.datetime | None = None) -> int:
    """Count the sources again and bring `BookingFlag` up to date: new sources flagged, counts
    moved, sources no longer over the threshold dropped. Returns how many flags there are.

    Safe to repeat and to run from two processes: the refresh row is locked for the write.
    """
    now = now or timezone.now()
    wanted = flags_count(now)
    with transaction.atomic():
        BookingFlagRefresh.objects.get_or_create(pk=1, defaults={"finished_at": now})
        BookingFlagRefresh.objects.select_for_update().get(pk=1)
        kept: dict[tuple[int, str, str], BookingFlag] = {
            (flag.office_id, flag.kind, flag.ident): flag for flag in BookingFlag.objects.all()
        }
        gone = [flag.pk for key, flag in kept.items() if key not in wanted]
        BookingFlag.objects.filter(pk__in=gone).delete()
        moved, new = [], []
        for key, (niks, total) in wanted.items():
            flag = kept.get(key)
            if flag is None:
                office_id, kind, ident = key
                new.append(
                    BookingFlag(
                        office_id=office_id,
                        kind=kind,
                        ident=ident,
                        distinct_niks=niks,
                        bookings=total,
                        flagged_at=now,
                    )
                )
            elif (flag.distinct_niks, flag.bookings) != (niks, total):
                flag.distinct_niks, flag.bookings = niks, total
                moved.append(flag)
        BookingFlag.objects.bulk_create(new, batch_size=500)
        BookingFlag.objects.bulk_update(moved, ["distinct_niks", "bookings"], batch_size=500)
        BookingFlagRefresh.objects.filter(pk=1).update(finished_at=now)
    return len(wanted)


def booking_flag_review(
    *, office: Office, kind: str, ident: str, by: User, note: str = ""
) -> BookingFlag:
    """The office looked at a flagged source's bookings (and declared the broker's invalid, if
    any): the flag leaves the list of those waiting until the source books for more NIKs."""
    with transaction.atomic():
        flag = (
            BookingFlag.objects.select_for_update()
            .filter(office=office, kind=kind, ident=ident)
            .first()
        )
        if flag is None:
            raise Conflict(
                _("Sumber ini tidak lagi ditandai di kantor ini; muat ulang halaman."),
                code="flag_gone",
            )
        if not flag.needs_review:
            raise Conflict(_("Sumber ini sudah ditinjau."), code="flag_reviewed")
        flag.reviewed_at = timezone.now()
        flag.reviewed_by = by
        flag.reviewed_niks = flag.distinct_niks
        flag.review_note = note.strip()
        flag.save(update_fields=["reviewed_at", "reviewed_by", "reviewed_niks", "review_note"])
        audit_record(
            actor=by,
            office=office,
            subject=flag,
            event="booking.flag_reviewed",
            new={"kind": kind, "ident": ident, "distinct_niks": flag.distinct_niks},
            reason=flag.review_note,
        )
    return flag
