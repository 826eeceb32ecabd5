"""Filters for message templates: contexts are stored as JSON, so dates arrive as ISO strings."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from paspor.booking.models import Pool
from paspor.lib.choices import choice_label
from paspor.lib.clock import clock, moment
from paspor.lib.money import rupiah as rupiah_text
from paspor.offices.models import TimeZone

register = template.Library()


@register.filter
def tanggal(value: object) -> str:
    """A date (or ISO date string) in words: "27 Maret 2026" / "27 March 2026"."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    if isinstance(value, dt.date):
        return date_format(value, "j F Y")
    return "" if value is None else str(value)


@register.filter
def waktu(value: object, zone: str = "Asia/Jakarta") -> str:
    """An aware datetime (or ISO string) in the office's zone: "27 Maret 2026 14.30 WIB" /
    "27 March 2026 14:30 WIB"."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return str(value)
    if isinstance(value, dt.datetime):
        zone = zone or "Asia/Jakarta"
        local = timezone.localtime(value, zoneinfo.ZoneInfo(zone))
        return f"{moment(local)} {zone_label(zone)}"
    return "" if value is None else str(value)


@register.filter
def jam(value: object, zone: str = "") -> str:
    """A time of day (or its text, "07:30" or the older "07.30") as the message's language
    writes it: "07.30" / "07:30"; with the office's zone name, followed by its label:
    `window_end|jam:time_zone` → "10.00 WITA". A context stored without a zone (older
    messages) gives the time alone."""
    if isinstance(value, dt.time):
        return _with_zone(clock(value), zone)
    if isinstance(value, str):
        try:
            return _with_zone(clock(dt.time.fromisoformat(value.replace(".", ":"))), zone)
        except ValueError:
            return value
    return "" if value is None else str(value)


def zone_label(zone: str) -> str:
    """ "Asia/Makassar" → "WITA": Indonesia has three zones, and an applicant who reads a time
    must know which clock it is on."""
    return TimeZone(zone).name if zone in TimeZone.values else zone


def _with_zone(text: str, zone: str) -> str:
    return f"{text} {zone_label(zone)}" if zone else text


@register.filter
def rupiah(value: object) -> str:
    """Whole rupiah with dots for thousands: "Rp 350.000"."""
    try:
        amount = int(str(value).split(".")[0])
    except ValueError:
        return str(value)
    return rupiah_text(amount)


@register.filter
def pool_label(value: object) -> str:
    """A booking pool's name ("regular") in the message's language: "Reguler" / "Regular"."""
    return choice_label(Pool, str(value))
