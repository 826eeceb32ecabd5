"""Writes of the working-day calendar: a date declared nationally or for one office, removed,
or imported from CSV (docs/calendar.md).

What follows from a change is done here, once, whichever door it came through (the admin,
`manage.py import_calendar`, the office's cuti bersama setting in `office_set`):

- the booking pages stop (or start) offering the day once the change commits;
- applicants booked on a day that is now closed are told after commit (`closed_day_notify`,
  once per booking and date), and the writer learns how many;
- open paid cases whose due date the change moves get the date the rule gives now
  (`payments.due_dates`), with a case event and an audit row;
- a ballot for a day now closed is cancelled at its draw (`ballot_draw` reads the calendar).

A date is accepted only within `calendar_years`: last year to five years ahead.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.lib.csv_rows import csv_header, csv_rows, csv_text_check
from paspor.lib.errors import DomainError
from paspor.offices.calendar import office_today
from paspor.offices.models import CalendarDay, CalendarDayKind, Office

# Headquarters enters next year's decree when it is published and corrects the year just past;
# an office plans closures a few years ahead at most. A date outside is a typing slip (9999 for
# 2026), which the admin's year list cannot even show.
CALENDAR_YEARS_BACK = 1
CALENDAR_YEARS_AHEAD = 5


@dataclass(frozen=True)
class CalendarChange:
    """What a calendar write set in motion, for the person who made it."""

    day: CalendarDay | None = None  # the row written; None after a removal
    told: int = 0  # bookings on a day now closed: their applicants are told after commit
    due_dates_moved: int = 0  # open paid cases given a new due date


def calendar_years(today: dt.date | None = None) -> tuple[int, int]:
    """The first and the last year a calendar date may fall in, counted from today."""
    year = (today or timezone.localdate()).year
    return year - CALENDAR_YEARS_BACK, year + CALENDAR_YEARS_AHEAD


def _date_refusal(date: dt.date) -> str | None:
    first, last = calendar_years()
    if first <= date.year <= last:
        return None
    return _(
        "Tanggal %(date)s di luar kalender yang dapat diatur: hanya tahun %(first)s sampai "
        "%(last)s (tahun lalu sampai lima tahun ke depan). Periksa tahunnya."
    ) % {"date": date.isoformat(), "first": first, "last": last}


def _booked_days(office: Office) -> list[dt.date]:
    """The dates from today on that people hold a booking for at the office."""
    from paspor.booking.models import ACTIVE_BOOKING_STATUSES, Booking

    booked = Booking.objects.filter(
        office=office, status__in=ACTIVE_BOOKING_STATUSES, date__gte=office_today(office)
    )
    return sorted(set(booked.values_list("date", flat=True)))


def calendar_changed(
    *, office: Office | None, days: Collection[dt.date] | None, by: User | None
) -> CalendarChange:
    """The consequences of a change to the calendar of `office` (None: every office) on `days`
    (None: any date, e.g. the office stopped serving on cuti bersama), in the writer's
    transaction, after its rows are written and before its audit row (the audit chain head is
    taken last, after the case rows a due date moves)."""
    from paspor.booking.selectors import availability_changed
    from paspor.booking.services import closed_day_untold, closed_days_notify
    from paspor.payments.due_dates import case_due_dates_recount

    offices = [office] if office is not None else None
    affected = Office.objects.filter(pk=office.pk) if office is not None else Office.objects.all()
    for office_id in affected.values_list("pk", flat=True):
        availability_changed(office_id)  # after commit: the pages offer the day as it is now
    if days is not None:
        dates = sorted(set(days))
    elif office is not None:
        dates = _booked_days(office)  # only booked days matter to people
    else:
        raise ValueError("a change on any date is a change of one office's rule")
    untold = closed_day_untold(days=dates, offices=offices)
    # After commit, and after the caches above are forgotten: a booking made while the change
    # was committing is told too. Each booking once per date, however often this runs; one
    # that slips through is told by the day-before reminder (`reminders_send`).
    if dates:
        tell = partial(closed_days_notify, days=dates, offices=offices)
        transaction.on_commit(tell, robust=True)
    moved = case_due_dates_recount(offices=offices, days=days, by=by)
    return CalendarChange(told=len(untold), due_dates_moved=moved)


def _day_write(
    *, office: Office | None, date: dt.date, kind: CalendarDayKind, name: str, source: str
) -> tuple[CalendarDay, dict[str, Any]]:
    """Write the row of a date (replacing an earlier one); the row and its old values."""
    existing = CalendarDay.objects.filter(office=office, date=date).first()
    if existing is None:
        day = CalendarDay.objects.create(
            office=office, date=date, kind=kind, name=name, source=source
        )
        return day, {}
    old = {"kind": existing.kind, "name": existing.name}
    existing.kind, existing.name, existing.source = kind, name, source
    existing.save(update_fields=["kind", "name", "source"])
    return existing, old


def _day_audit(day: CalendarDay, old: dict[str, Any], *, by: User | None) -> None:
    audit_record(
        actor=by,
        office=day.office,
        subject=day,
        event="calendar.day_set",
        old=old,
        new={"date": day.date, "kind": CalendarDayKind(day.kind).value, "name": day.name},
    )


@transaction.atomic
def calendar_day_set(
    *,
    office: Office | None,
    date: dt.date,
    kind: str,
    name: str = "",
    source: str = "",
    by: User | None,
) -> CalendarChange:
    """Declare a date nationally (office None) or for one office; replaces an earlier row.

    Refused (`calendar_date`) outside `calendar_years`. The change's consequences follow
    (`calendar_changed`); the result says how many applicants are told and due dates moved.
    """
    refusal = _date_refusal(date)
    if refusal is not None:
        raise DomainError(refusal, code="calendar_date")
    day, old = _day_write(
        office=office, date=date, kind=CalendarDayKind(kind), name=name, source=source
    )
    change = calendar_changed(office=office, days=[date], by=by)
    _day_audit(day, old, by=by)
    return replace(change, day=day)


@transaction.atomic
def calendar_day_remove(*, day: CalendarDay, by: User | None) -> CalendarChange:
    """Take a date out again (entered wrongly, or a decree moved back): the date is what the
    package and the other rows make it. A row of any year may be removed."""
    office, date = day.office, day.date
    subject = (CalendarDay._meta.label_lower, str(day.pk))
    old = {"date": date, "kind": day.kind, "name": day.name}
    day.delete()
    change = calendar_changed(office=office, days=[date], by=by)
    audit_record(actor=by, office=office, subject=subject, event="calendar.day_removed", old=old)
    return change


@dataclass
class ImportResult:
    imported: int = 0
    errors: list[str] = field(default_factory=list)
    told: int = 0  # bookings on a day now closed: their applicants are told after commit
    due_dates_moved: int = 0


_KIND_ALIASES = {
    "libur": CalendarDayKind.NATIONAL_HOLIDAY,
    "libur_nasional": CalendarDayKind.NATIONAL_HOLIDAY,
    "holiday": CalendarDayKind.NATIONAL_HOLIDAY,
    "cuti_bersama": CalendarDayKind.CUTI_BERSAMA,
    "cuti": CalendarDayKind.CUTI_BERSAMA,
    "closure": CalendarDayKind.OFFICE_CLOSURE,
    "tutup": CalendarDayKind.OFFICE_CLOSURE,
    "working": CalendarDayKind.WORKING_DAY,
    "hari_kerja": CalendarDayKind.WORKING_DAY,
}

_Row = tuple[dt.date, CalendarDayKind, str, str]
TEXT_MAX = 200  # CalendarDay.name and .source


def _import_row(line_no: int, row: dict[str, str]) -> _Row | str:
    """A CSV line as a row to write, or what is wrong with it."""
    try:
        date = dt.date.fromisoformat((row.get("date") or "").strip())
    except ValueError:
        return _("Baris %(line)s: tanggal harus berformat YYYY-MM-DD") % {"line": line_no}
    refusal = _date_refusal(date)
    if refusal is not None:
        return _("Baris %(line)s: %(problem)s") % {"line": line_no, "problem": refusal}
    kind = _KIND_ALIASES.get((row.get("kind") or "").strip().lower())
    if kind is None:
        return _("Baris %(line)s: jenis hari tidak dikenal: “%(kind)s”") % {
            "line": line_no,
            "kind": row.get("kind") or "",
        }
    name, source = (row.get("name") or "").strip(), (row.get("source") or "").strip()
    for column, value in (("name", name), ("source", source)):
        if len(value) > TEXT_MAX:
            return _("Baris %(line)s: kolom %(column)s paling panjang %(max)s karakter") % {
                "line": line_no,
                "column": column,
                "max": TEXT_MAX,
            }
    return date, kind, name, source


def calendar_import_csv(*, office: Office | None, text: str, by: User | None) -> ImportResult:
    """Import `date,kind,name,source` rows; all or nothing, every bad line reported.

    Accepted kinds: holiday/libur, cuti_bersama, closure/tutup, working/hari_kerja. The
    consequences of the whole import follow once (`calendar_changed`). Lines are the file's
    (blank lines count). A file that is no readable CSV (a NUL, a field past the csv module's
    limit, semicolons for commas) raises DomainError, as the other imports (`lib/csv_rows`).
    """
    result = ImportResult()
    csv_text_check(text)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = {"date", "kind"} - set(csv_header(reader))
    if missing:
        result.errors.append(
            _("Kolom wajib tidak ada: %(columns)s") % {"columns": ", ".join(sorted(missing))}
        )
        return result
    rows: list[_Row] = []
    for line_no, row in csv_rows(reader):
        read = _import_row(line_no, row)
        if isinstance(read, str):
            result.errors.append(read)
        else:
            rows.append(read)
    if result.errors:
        return result
    with transaction.atomic():
        written = [
            _day_write(office=office, date=date, kind=kind, name=name, source=source)
            for date, kind, name, source in rows
        ]
        change = calendar_changed(office=office, days=[date for date, *_rest in rows], by=by)
        for day, old in written:
            _day_audit(day, old, by=by)
    result.imported = len(rows)
    result.told, result.due_dates_moved = change.told, change.due_dates_moved
    return result
