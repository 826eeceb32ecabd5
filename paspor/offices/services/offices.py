"""Writes about offices: an office and its layout (stations, counters, queue services, opening
hours) and putting it into service.

A new office starts out of service: it is not listed to the public and takes no bookings until
`office_open`, which refuses while a blocking step of its setup is missing (readiness.py).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.lib.errors import Conflict, DomainError
from paspor.offices.models import (
    Counter,
    Office,
    OfficeService,
    OpeningHours,
    ServiceKind,
    Station,
    StationType,
    TimeZone,
)
from paspor.offices.services.calendar import calendar_changed

# Which days are working days at an office: changing one of these is a change of its calendar.
CALENDAR_FIELDS = frozenset({"serves_on_cuti_bersama", "time_zone"})

# In every address of the office (/antrian/<code>/kios/) and the name of its audit chain.
OFFICE_CODE = re.compile(r"[a-z][a-z0-9-]{1,19}")
# The prefix is read out by the board ("Nomor antrian A-012"): one or two capital letters.
TICKET_PREFIX = re.compile(r"[A-Z]{1,2}")


def _availability_changed(office: Office) -> None:
    from paspor.booking.selectors import availability_changed, office_forget

    availability_changed(office.pk)
    office_forget(office)


def _update(row: Any, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Save the fields of `values` that differ on `row`; (old, new) of those, for the audit."""
    old = {k: getattr(row, k) for k, v in values.items() if getattr(row, k) != v}
    new = {k: values[k] for k in old}
    if new:
        for name, value in new.items():
            setattr(row, name, value)
        row.save(update_fields=list(new))
    return old, new


@transaction.atomic
def office_set(
    *,
    code: str,
    name: str,
    office_class: str,
    address: str,
    city: str,
    province: str,
    phone: str = "",
    email: str = "",
    time_zone: str,
    serves_on_cuti_bersama: bool,
    by: User | None,
) -> Office:
    """Add an office (out of service until `office_open`) or change its particulars.

    Found by its code, which never changes: it is in every staff and public address of the
    office and names the office's audit chain. A change of `serves_on_cuti_bersama` (or the
    zone) is a change of the office's calendar, with its consequences (`calendar_changed`)."""
    if time_zone not in TimeZone.values:
        raise DomainError(_("Zona waktu harus WIB, WITA atau WIT."), code="time_zone")
    values = {
        "name": name.strip(),
        "office_class": office_class.strip(),
        "address": address.strip(),
        "city": city.strip(),
        "province": province.strip(),
        "phone": phone.strip(),
        "email": email.strip(),
        "time_zone": time_zone,
        "serves_on_cuti_bersama": serves_on_cuti_bersama,
    }
    office = Office.objects.filter(code=code).first()
    if office is None:
        if not OFFICE_CODE.fullmatch(code):
            raise DomainError(
                _(
                    "Kode kantor: 2–20 huruf kecil, angka atau tanda hubung, diawali huruf, "
                    "mis. denpasar atau tanjung-perak."
                ),
                code="office_code",
            )
        office = Office.objects.create(code=code, is_active=False, **values)
        audit_record(
            actor=by,
            office=office,
            subject=office,
            event="office.created",
            new={"code": code, **values},
        )
        return office
    if time_zone != office.time_zone:
        _refuse_zone_change(office)
    old, new = _update(office, values)
    if new:
        if CALENDAR_FIELDS & new.keys():
            # No longer serving on cuti bersama closes those days: the people booked on them
            # are told, and due dates follow (before the audit row: its chain head goes last).
            calendar_changed(office=office, days=None, by=by)
        audit_record(
            actor=by, office=office, subject=office, event="office.changed", old=old, new=new
        )
        _availability_changed(office)  # the zone and cuti bersama decide which days are open
    return office


def _bookings_ahead(office: Office) -> int:
    from django.utils import timezone

    from paspor.booking.models import Booking, BookingStatus

    today = timezone.now().astimezone(office.tz).date()
    return Booking.objects.filter(
        office=office, status=BookingStatus.BOOKED, date__gte=today
    ).count()


def _refuse_zone_change(office: Office) -> None:
    """A booking's arrival window is an office-local clock time: a new zone would move it."""
    held = _bookings_ahead(office)
    if held:
        raise Conflict(
            _(
                "Zona waktu tidak dapat diubah: kantor ini masih punya %(n)s booking mulai hari "
                "ini, dan jam kedatangannya tercatat dalam zona yang sekarang."
            )
            % {"n": held},
            code="zone_in_use",
        )


@transaction.atomic
def office_open(*, office: Office, by: User | None) -> Office:
    """Put the office into service: listed to the public and open for booking.

    Refused while a blocking setup step is missing; the refusal names each one."""
    from paspor.offices.readiness import office_readiness

    if office.is_active:
        return office
    missing = office_readiness(office).blocking
    if missing:
        raise Conflict(
            _(
                "Kantor belum dapat dibuka untuk publik. Belum lengkap: %(steps)s. Rinciannya "
                "ada di bagian Kesiapan pada halaman kantor."
            )
            % {"steps": "; ".join(step.label for step in missing)},
            code="office_not_ready",
        )
    office.is_active = True
    office.save(update_fields=["is_active"])
    audit_record(actor=by, office=office, subject=office, event="office.opened")
    _availability_changed(office)
    return office


@transaction.atomic
def office_close(*, office: Office, by: User | None) -> Office:
    """Take the office out of the public list; refused while people hold bookings there.

    A day the office cannot serve is a closure in its calendar (`calendar_day_set`), which
    tells the people who booked it; this is for an office that stops taking bookings."""
    if not office.is_active:
        return office
    held = _bookings_ahead(office)
    if held:
        raise Conflict(
            _(
                "Kantor ini masih punya %(n)s booking mulai hari ini. Untuk hari yang tidak "
                "dilayani, tandai “Kantor tutup” di kalender hari kerja: pemohonnya diberi tahu."
            )
            % {"n": held},
            code="office_has_bookings",
        )
    office.is_active = False
    office.save(update_fields=["is_active"])
    audit_record(actor=by, office=office, subject=office, event="office.closed")
    _availability_changed(office)
    return office


@transaction.atomic
def opening_hours_set(
    *, office: Office, weekday: int, opens: dt.time, closes: dt.time, by: User | None
) -> OpeningHours:
    if opens >= closes:
        raise DomainError(_("Jam buka harus sebelum jam tutup."), code="hours_order")
    times = {"opens": opens, "closes": closes}
    hours = OpeningHours.objects.filter(office=office, weekday=weekday).first()
    if hours is None:
        hours = OpeningHours.objects.create(office=office, weekday=weekday, **times)
        old: dict[str, Any] = {}
        new = {"weekday": weekday, **times}
    else:
        old, new = _update(hours, times)
    if new:
        audit_record(
            actor=by, office=office, subject=hours, event="office.hours_set", old=old, new=new
        )
    return hours


@transaction.atomic
def opening_hours_remove(*, hours: OpeningHours, by: User | None) -> None:
    audit_record(
        actor=by,
        office=hours.office,
        subject=hours,
        event="office.hours_removed",
        old={"weekday": hours.weekday, "opens": hours.opens, "closes": hours.closes},
    )
    hours.delete()


@transaction.atomic
def station_set(
    *,
    office: Office,
    station_type: str,
    name: str = "",
    default_service_minutes: int,
    by: User | None,
) -> Station:
    """Add the office's station of a type (one per type) or change its name and service time."""
    station_type = StationType(station_type)
    if default_service_minutes < 1:
        raise DomainError(_("Lama layanan baku paling sedikit 1 menit."), code="minutes")
    with_name = {
        "name": name.strip() or str(_standard_name(station_type)),
        "default_service_minutes": default_service_minutes,
    }
    station = Station.objects.filter(office=office, station_type=station_type).first()
    if station is None:
        station = Station.objects.create(office=office, station_type=station_type, **with_name)
        old: dict[str, Any] = {}
        new = {"station_type": station_type.value, **with_name}
    else:
        old, new = _update(station, with_name)
    if new:
        audit_record(
            actor=by, office=office, subject=station, event="office.station_set", old=old, new=new
        )
    return station


@transaction.atomic
def station_remove(*, station: Station, by: User | None) -> None:
    """Remove a station set up by mistake; refused while a service routes through it or the
    queue has used it (its tickets and counter sessions keep it)."""
    from django.db.models import ProtectedError

    routed = [
        service.get_kind_display()
        for service in OfficeService.objects.filter(office=station.office)
        if station.station_type in (service.route or [])
    ]
    if routed:
        raise Conflict(
            _("Pos ini masih ada di rute layanan %(services)s; ubah rutenya dulu.")
            % {"services": ", ".join(routed)},
            code="station_routed",
        )
    audit_record(
        actor=by,
        office=station.office,
        subject=station,
        event="office.station_removed",
        old={"station_type": station.station_type, "name": station.name},
    )
    try:
        station.delete()
    except ProtectedError as used:
        raise Conflict(
            _("Pos ini sudah dipakai antrean dan tidak dapat dihapus."), code="station_used"
        ) from used


def _standard_name(station_type: StationType) -> str:
    """The type's standard name in Indonesian, as stored (`Station.label` translates it)."""
    from django.utils import translation

    with translation.override(None):
        return str(station_type.label)


@transaction.atomic
def counter_set(
    *,
    office: Office,
    number: int,
    name: str = "",
    station_types: list[str],
    is_active: bool = True,
    by: User | None,
) -> Counter:
    """Add a counter (loket) or change what it serves; it serves stations of its own office."""
    if number < 1:
        raise DomainError(_("Nomor loket mulai dari 1."), code="counter_number")
    if not station_types:
        raise DomainError(
            _("Pilih paling sedikit satu pos yang dilayani loket ini."), code="no_station"
        )
    stations = list(Station.objects.filter(office=office, station_type__in=station_types))
    lacking = set(station_types) - {s.station_type for s in stations}
    if lacking:
        raise DomainError(
            _("%(office)s belum punya pos %(stations)s. Tambahkan posnya dulu (Pos layanan).")
            % {
                "office": office.name,
                "stations": ", ".join(str(StationType(t).label) for t in sorted(lacking)),
            },
            code="station_missing",
        )
    counter, created = Counter.objects.update_or_create(
        office=office, number=number, defaults={"name": name.strip(), "is_active": is_active}
    )
    before = sorted(counter.stations.values_list("station_type", flat=True))
    counter.stations.set(stations)
    audit_record(
        actor=by,
        office=office,
        subject=counter,
        event="office.counter_set",
        old={} if created else {"stations": before},
        new={"number": number, "stations": sorted(station_types), "is_active": is_active},
    )
    return counter


def _refuse_closing_a_booked_service(office: Office, kind: ServiceKind) -> None:
    """Bookings of a pool check in to the service of the same kind (the kiosk refuses them
    when it is closed): it stays open while the pool has a quota."""
    from paspor.booking.models import QuotaDefault
    from paspor.queueing.services import POOL_SERVICE

    pools = [pool for pool, service in POOL_SERVICE.items() if service == kind]
    if QuotaDefault.objects.filter(office=office, pool__in=pools, capacity__gt=0).exists():
        raise Conflict(
            _(
                "Booking kuota ini check-in ke layanan ini: jadikan kuota bakunya 0 dulu (Kuota "
                "booking), lalu nonaktifkan layanannya."
            ),
            code="service_booked",
        )


@transaction.atomic
def office_service_set(
    *,
    office: Office,
    kind: str,
    ticket_prefix: str,
    route: list[str],
    walk_in: bool,
    walk_in_daily_cap: int,
    is_active: bool = True,
    by: User | None,
) -> OfficeService:
    """Add a queue service of the office or change its ticket letter, route and walk-ins.

    Its route passes only through stations the office has, so a ticket is never sent to a
    station that does not exist; its letter is the office's only service with that letter."""
    kind = ServiceKind(kind)
    prefix = ticket_prefix.strip().upper()
    if not TICKET_PREFIX.fullmatch(prefix):
        raise DomainError(
            _("Huruf nomor antrean: satu atau dua huruf A–Z, mis. A atau PR."), code="prefix"
        )
    taken = OfficeService.objects.filter(office=office, ticket_prefix=prefix).exclude(kind=kind)
    if taken.exists():
        raise DomainError(
            _("Huruf %(prefix)s sudah dipakai layanan %(service)s di kantor ini.")
            % {"prefix": prefix, "service": taken.get().get_kind_display()},
            code="prefix_taken",
        )
    steps = [str(StationType(t)) for t in route if t]
    if not steps:
        raise DomainError(_("Pilih paling sedikit satu pos pada rute layanan."), code="route")
    if len(set(steps)) != len(steps):
        raise DomainError(_("Satu pos hanya sekali dalam rute layanan."), code="route")
    have = set(Station.objects.filter(office=office).values_list("station_type", flat=True))
    lacking = [t for t in steps if t not in have]
    if lacking:
        raise DomainError(
            _("%(office)s belum punya pos %(stations)s. Tambahkan posnya dulu (Pos layanan).")
            % {
                "office": office.name,
                "stations": ", ".join(str(StationType(t).label) for t in lacking),
            },
            code="station_missing",
        )
    if not is_active and office.is_active:
        _refuse_closing_a_booked_service(office, kind)
    if walk_in_daily_cap < 0:
        raise DomainError(_("Kuota tanpa booking tidak boleh negatif."), code="walk_in_cap")
    values = {
        "ticket_prefix": prefix,
        "route": steps,
        "walk_in": walk_in,
        "walk_in_daily_cap": walk_in_daily_cap if walk_in else 0,
        "is_active": is_active,
    }
    service = OfficeService.objects.filter(office=office, kind=kind).first()
    if service is None:
        service = OfficeService.objects.create(office=office, kind=kind, **values)
        old: dict[str, Any] = {}
        new = {"kind": kind.value, **values}
    else:
        old, new = _update(service, values)
    if new:
        audit_record(
            actor=by, office=office, subject=service, event="office.service_set", old=old, new=new
        )
    return service
