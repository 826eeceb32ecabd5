"""The working-day calendar of an office.

A working day is a weekday that is neither a national holiday nor, unless the office serves on
them, a collective-leave day (cuti bersama), nor a date the office is closed. Sources, in order
of precedence (STANDARDS.md §3):

1. rows the office itself declares (`CalendarDay` with the office set),
2. rows headquarters declares for the whole country (`CalendarDay` with no office) — these
   correct the package: future Islamic dates are estimates until the joint decree (SKB 3
   Menteri) and decrees are amended during the year,
3. the `holidays` package: category PUBLIC (libur nasional) and GOVERNMENT (cuti bersama).

A national `working` row cancels a date and a national `cuti_bersama` row reclassifies one (an
office serving on cuti bersama then works that day), whatever the package said; neither turns a
weekend into a working day. An office's own `working` row opens the day at that office, a
weekend included.

Dates are compared, never names. `working_days_after` counts like the published service
promise: the start day itself is not counted; the n-th working day after it is returned. With
`count_start` (an office's practice of counting the payment day, `SLA_COUNT_PAYMENT_DAY`), the
start day is day one when it is a working day.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING

import holidays

from paspor.offices.models import CalendarDay, CalendarDayKind

if TYPE_CHECKING:
    from paspor.offices.models import Office

SATURDAY = 5


@cache
def _package_dates(year: int, *, cuti_bersama: bool) -> frozenset[dt.date]:
    categories: tuple[str, ...] = (holidays.PUBLIC,)
    if cuti_bersama:
        categories += (holidays.GOVERNMENT,)
    return frozenset(holidays.country_holidays("ID", years=year, categories=categories))


class OfficeCalendar:
    """Answers is-this-a-working-day for one office, loading one year's rows at a time."""

    def __init__(self, office: Office) -> None:
        self.office = office
        self._years: dict[int, tuple[frozenset[dt.date], frozenset[dt.date]]] = {}

    def _year(self, year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
        if year not in self._years:
            self._years[year] = self._load(year)
        return self._years[year]

    def _load(self, year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
        serves_cuti = self.office.serves_on_cuti_bersama
        closed = set(_package_dates(year, cuti_bersama=not serves_cuti))
        opened: set[dt.date] = set()
        rows = CalendarDay.objects.filter(date__year=year).filter(
            office__isnull=True
        ) | CalendarDay.objects.filter(date__year=year, office=self.office)
        # National rows first, then the office's own: the office has the last word.
        for row in sorted(rows, key=lambda r: r.office_id is not None):
            national = row.office_id is None
            if row.kind == CalendarDayKind.WORKING_DAY or (
                national and serves_cuti and row.kind == CalendarDayKind.CUTI_BERSAMA
            ):
                # Headquarters cancels a package date, or says it is only collective leave,
                # which this office serves on: the date is what it would be without it, so a
                # Saturday stays a weekend. Only the office itself can open a weekend day.
                closed.discard(row.date)
                if not national:
                    opened.add(row.date)
            else:
                closed.add(row.date)
                opened.discard(row.date)
        return frozenset(closed), frozenset(opened)

    def is_working_day(self, day: dt.date) -> bool:
        closed, opened = self._year(day.year)
        if day in opened:
            return True
        return day.weekday() < SATURDAY and day not in closed

    def working_days_after(self, start: dt.date, n: int, *, count_start: bool = False) -> dt.date:
        if n < 1:
            raise ValueError("n must be at least 1")
        day, counted = start, int(count_start and self.is_working_day(start))
        while counted < n:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def next_working_day(self, day: dt.date, *, inclusive: bool = True) -> dt.date:
        if inclusive and self.is_working_day(day):
            return day
        return self.working_days_after(day, 1)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(
            1
            for offset in range(1, (end - start).days + 1)
            if self.is_working_day(start + dt.timedelta(days=offset))
        )


def is_working_day(office: Office, day: dt.date) -> bool:
    return OfficeCalendar(office).is_working_day(day)


def working_days_after(
    office: Office, start: dt.date, n: int, *, count_start: bool = False
) -> dt.date:
    """The n-th working day after `start` at `office`; `start` itself does not count, unless
    `count_start` and it is a working day (then it is day one, and n=1 returns it).

    Paid Tuesday 17 March 2026 with three working days → Friday 27 March 2026 (18 and 20, 23,
    24 March are cuti bersama, 19 and 21 March are holidays); counting the payment day,
    Thursday 26 March.
    """
    return OfficeCalendar(office).working_days_after(start, n, count_start=count_start)


def office_today(office: Office) -> dt.date:
    from django.utils import timezone

    return timezone.now().astimezone(office.tz).date()
