"""Times of day as the reader writes them: "07.30" in Indonesian, "07:30" in English.

Templates use `{{ t|time }}`, `{{ d|date:"DATETIME_FORMAT" }}` or `"SHORT_DATETIME_FORMAT"`
(the project's format modules, `paspor/formats/`), and `{{ t|time_seconds }}` (`{% load clock %}`)
to the second; Python code building a sentence uses these functions.
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats


def clock(value: dt.time | dt.datetime) -> str:
    """The time of day in the active language's TIME_FORMAT ("07.30" / "07:30")."""
    return formats.time_format(value)


def clock_seconds(value: dt.time | dt.datetime) -> str:
    """To the second, for records read as evidence: "07.30.15" / "07:30:15" (the active
    TIME_FORMAT with its own separator before the seconds)."""
    time_format = formats.get_format("TIME_FORMAT")  # "H.i" or "H:i"
    return formats.time_format(value, f"{time_format}{time_format[1]}s")


def clock_window(start: dt.time, end: dt.time) -> str:
    """An arrival window, "07.30–09.00" / "07:30–09:00"."""
    return f"{clock(start)}–{clock(end)}"


def moment(value: dt.datetime) -> str:
    """A date with its time in the active language ("30 November 2026 07.30")."""
    return formats.date_format(value, "DATETIME_FORMAT")
