"""The years a report's dates may fall in: the period dashboard, the capacity planner and the
IKM report take their dates by the same bound.

A day is turned into its midnights on the office's clock, and the reports look at the weeks
and months around it: a year typed as 0001, 0202 or 9999 would run off the calendar (a server
error) instead of being a typing slip the reader is told about.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2000
LAST_YEAR = 2099


def within_report_years(value: dt.date) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Masukkan tanggal antara tahun %(first)s dan %(last)s."),
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )
