"""The date table folds a run of days not yet released into one row."""

from __future__ import annotations

import datetime as dt

from paspor.booking.selectors import DayState, DayView
from paspor.booking.templatetags.booking_days import DayRow, fold_days
from paspor.offices.models import Office

OFFICE = Office(code="ketapang", name="Kantor Imigrasi Ketapang")
NOV_30 = dt.datetime(2026, 11, 30, 2, 0, tzinfo=dt.UTC)  # 09.00 WIB
DEC_31 = dt.datetime(2026, 12, 31, 2, 0, tzinfo=dt.UTC)
OPEN, CLOSED, LATER = DayState.OPEN, DayState.CLOSED, DayState.NOT_RELEASED


def days(*states: tuple[DayState, dt.datetime]) -> list[DayView]:
    start = dt.date(2026, 11, 30)
    return [
        DayView(OFFICE, start + dt.timedelta(days=n), state, opens)
        for n, (state, opens) in enumerate(states)
    ]


def shape(rows: list[DayRow]) -> list[tuple[str, str | None, bool]]:
    return [
        (f"{r.day.date:%d}", f"{r.until:%d}" if r.until else None, r.closed_inside) for r in rows
    ]


def test_days_that_open_at_the_same_moment_become_one_row_across_the_weekend():
    table = days(
        (OPEN, NOV_30),  # Mon 30
        (LATER, NOV_30),  # Tue 1
        (LATER, NOV_30),
        (LATER, NOV_30),
        (LATER, NOV_30),  # Fri 4
        (CLOSED, NOV_30),  # Sat 5
        (CLOSED, NOV_30),  # Sun 6
        (LATER, NOV_30),  # Mon 7
    )
    assert shape(fold_days(table)) == [("30", None, False), ("01", "07", True)]


def test_a_new_release_moment_starts_a_new_row_and_trailing_closed_days_keep_theirs():
    table = days(
        (LATER, NOV_30),  # Mon 30
        (LATER, NOV_30),  # Tue 1
        (CLOSED, NOV_30),  # Wed 2
        (LATER, DEC_31),  # Thu 3: next month's release
        (LATER, DEC_31),  # Fri 4
        (CLOSED, DEC_31),  # Sat 5
        (CLOSED, DEC_31),  # Sun 6
    )
    assert shape(fold_days(table)) == [
        ("30", "01", False),
        ("02", None, False),
        ("03", "04", False),
        ("05", "06", False),  # a weekend after the run: one closed row
    ]


def test_open_days_and_a_lone_unreleased_day_keep_a_row_each():
    table = days((OPEN, NOV_30), (CLOSED, NOV_30), (OPEN, NOV_30), (LATER, NOV_30))
    assert shape(fold_days(table)) == [
        ("30", None, False),
        ("01", None, False),
        ("02", None, False),
        ("03", None, False),
    ]
