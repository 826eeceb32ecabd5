"""`{% load clock %}`: times of day to the second in the reader's language."""

from __future__ import annotations

import datetime as dt

from django import template

from paspor.lib.clock import clock_seconds

register = template.Library()


@register.filter(expects_localtime=True)
def time_seconds(value: dt.time | dt.datetime | None) -> str:
    """ "07.30.15" / "07:30:15"; aware datetimes in the active time zone, like `|time`."""
    return "" if value is None else clock_seconds(value)
