"""Writes about offices: calendar days (single or imported from CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.db import transaction

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.offices.models import CalendarDay, CalendarDayKind, Office


@transaction.atomic
def calendar_day_set(
    *,
    office: Office | None,
    date: dt.date,
    kind: str,
    name: str = "",
    source: str = "",
    by: User | None,
) -> CalendarDay:
    """Declare a date nationally (office None) or for one office; replaces an earlier row."""
    kind = CalendarDayKind(kind)
    existing = CalendarDay.objects.filter(office=office, date=date).first()
    old = {"kind": existing.kind, "name": existing.name} if existing else {}
    if existing is None:
        day = CalendarDay.objects.create(
            office=office, date=date, kind=kind, name=name, source=source
        )
    else:
        day = existing
        day.kind, day.name, day.source = kind, name, source
        day.save(update_fields=["kind", "name", "source"])
    audit_record(
        actor=by,
        office=office,
        subject=day,
        event="calendar.day_set",
        old=old,
        new={"date": date, "kind": kind.value, "name": name},
    )
    return day


@transaction.atomic
def calendar_day_remove(*, day: CalendarDay, by: User | None) -> None:
    audit_record(
        actor=by,
        office=day.office,
        subject=day,
        event="calendar.day_removed",
        old={"date": day.date, "kind": day.kind, "name": day.name},
    )
    day.delete()


@dataclass
class ImportResult:
    imported: int = 0
    errors: list[str] = field(default_factory=list)


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


def calendar_import_csv(*, office: Office | None, text: str, by: User | None) -> ImportResult:
    """Import `date,kind,name,source` rows; all or nothing, every bad line reported.

    Accepted kinds: holiday/libur, cuti_bersama, closure/tutup, working/hari_kerja.
    """
    result = ImportResult()
    rows: list[tuple[dt.date, CalendarDayKind, str, str]] = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = {"date", "kind"} - set(reader.fieldnames or [])
    if missing:
        result.errors.append(f"Kolom wajib tidak ada: {', '.join(sorted(missing))}")
        return result
    for line_no, row in enumerate(reader, start=2):
        try:
            day = dt.date.fromisoformat((row.get("date") or "").strip())
        except ValueError:
            result.errors.append(f"Baris {line_no}: tanggal harus berformat YYYY-MM-DD")
            continue
        kind = _KIND_ALIASES.get((row.get("kind") or "").strip().lower())
        if kind is None:
            result.errors.append(f"Baris {line_no}: jenis hari tidak dikenal: {row.get('kind')!r}")
            continue
        rows.append((day, kind, (row.get("name") or "").strip(), (row.get("source") or "").strip()))
    if result.errors:
        return result
    with transaction.atomic():
        for day, kind, name, source in rows:
            calendar_day_set(office=office, date=day, kind=kind, name=name, source=source, by=by)
    result.imported = len(rows)
    return result
