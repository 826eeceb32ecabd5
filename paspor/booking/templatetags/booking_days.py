"""The date table of the booking pages, with the days not yet released folded into one row.

Two months ahead are shown, and until the release most of them read the same "opens at …": on
a phone that is a long scroll past identical rows to reach anything. A run of days that open at
the same moment becomes one row ("Tue, 1 Dec – Thu, 31 Dec 2026: opens 30 November 09.00 WIB");
the non-working days inside the run stay closed and are said to. Consecutive closed days outside
such a run (a long weekend) share a row too. Open and past days keep a row each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django import template

from paspor.booking.models import Pool
from paspor.booking.selectors import DayState, DayView, PoolView

register = template.Library()


@dataclass(frozen=True)
class DayRow:
    day: DayView  # the first day of the row (its state, opening moment and seats)
    until: dt.date | None = None  # the last day of a folded run; None for a single day
    closed_inside: bool = False  # the run holds non-working days


def fold_days(days: Sequence[DayView]) -> list[DayRow]:
    rows: list[DayRow] = []
    index = 0
    while index < len(days):
        day = days[index]
        if day.state == DayState.CLOSED:
            last = index
            while last + 1 < len(days) and days[last + 1].state == DayState.CLOSED:
                last += 1
            rows.append(DayRow(day, until=days[last].date if last > index else None))
            index = last + 1
            continue
        if day.state != DayState.NOT_RELEASED:
            rows.append(DayRow(day))
            index += 1
            continue
        last = index
        probe = index + 1
        while probe < len(days) and (
            days[probe].state == DayState.CLOSED
            or (days[probe].state == DayState.NOT_RELEASED and days[probe].opens_at == day.opens_at)
        ):
            if days[probe].state == DayState.NOT_RELEASED:
                last = probe
            probe += 1
        if last == index:
            rows.append(DayRow(day))
        else:
            closed = any(d.state == DayState.CLOSED for d in days[index : last + 1])
            rows.append(DayRow(day, until=days[last].date, closed_inside=closed))
        index = last + 1
    return rows


@register.filter
def day_rows(days: Sequence[DayView]) -> list[DayRow]:
    return fold_days(days)


@register.simple_tag
def slot_pickable(
    pool: PoolView, *, selectable: bool, priority_ok: bool, only_pool: str = ""
) -> bool:
    """Whether a cell of the session grid offers a radio: first-come seats left, the priority
    pool only for those it is meant for, and on a reschedule only the booking's own pool (a
    booking keeps its pool when it moves)."""
    if not selectable or pool.mode != "fcfs" or not pool.remaining:
        return False
    if only_pool:
        return pool.pool == only_pool
    return pool.pool != Pool.PRIORITY or priority_ok


@register.simple_tag
def day_pickable(day: DayView | None, *, priority_ok: bool, only_pool: str = "") -> bool:
    """Whether the grid of `day` offers at least one seat to pick. The form around it and its
    button are drawn only then: on a closed or sold-out day a button would send no seat, and
    the page would answer "choose a session" about a day that has none."""
    return day is not None and any(
        slot_pickable(pool, selectable=True, priority_ok=priority_ok, only_pool=only_pool)
        for session in day.sessions
        for pool in session.pools
    )
