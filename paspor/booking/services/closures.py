"""A day the office turns out to be closed (a holiday or cuti bersama declared after bookings
were made, or an office no longer serving on cuti bersama): its applicants are told and may
choose another date, whether or not they have used their one reschedule.

Whoever changes the calendar (the calendar services in `offices.services`, from the admin, the
CSV import or the office's settings) tells them after commit; the day-before reminder tells
anyone still untold (a change that came another way, e.g. a new `holidays` package). Each
booking is told once per date, whichever path comes first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable

from django.db import transaction
from django.urls import reverse

from paspor.booking.models import ACTIVE_BOOKING_STATUSES, Booking
from paspor.notifications.models import Message
from paspor.notifications.services import notify_booking, public_url
from paspor.offices.calendar import OfficeCalendar, office_today
from paspor.offices.models import Office


def booking_day_closed(booking: Booking, calendar: OfficeCalendar | None = None) -> bool:
    """The office does not serve on the booking's date (any more). A loop over many bookings
    passes its office's `calendar` (`calendars_by_office`): one read per office, not per booking."""
    return not (calendar or OfficeCalendar(booking.office)).is_working_day(booking.date)


def calendars_by_office() -> Callable[[Booking], OfficeCalendar]:
    """The calendar of a booking's office, read once per office for as long as it is kept."""
    calendars: dict[int, OfficeCalendar] = {}

    def calendar_of(booking: Booking) -> OfficeCalendar:
        if booking.office_id not in calendars:
            calendars[booking.office_id] = OfficeCalendar(booking.office)
        return calendars[booking.office_id]

    return calendar_of


def _told_key(booking: Booking) -> str:
    return f"booking_office_closed:{booking.pk}:{booking.date.isoformat()}"


def closed_ahead(bookings: Iterable[Booking]) -> list[Booking]:
    """The bookings among `bookings` whose date, today or later at their office, the office's
    calendar now closes; days already past are left alone (the booking ends cancelled at the
    end of its day, `booking_mark_no_shows`). Each office's calendar and today are read once."""
    calendar_of = calendars_by_office()
    today: dict[int, dt.date] = {}
    closed = []
    for booking in bookings:
        if booking.office_id not in today:
            today[booking.office_id] = office_today(booking.office)
        if booking.date >= today[booking.office_id] and booking_day_closed(
            booking, calendar_of(booking)
        ):
            closed.append(booking)
    return closed


def closed_day_untold(
    *, days: Collection[dt.date], offices: Collection[Office] | None = None
) -> list[Booking]:
    """Active bookings on `days` (at `offices`; None: any office) whose office is closed that
    day (`closed_ahead`) and whose applicant has not been told yet."""
    if not days:
        return []
    bookings = Booking.objects.filter(date__in=days, status__in=ACTIVE_BOOKING_STATUSES)
    if offices is not None:
        bookings = bookings.filter(office__in=offices)
    closed = closed_ahead(
        bookings.select_related("office", "profile__account").order_by("date", "pk")
    )
    told = set(
        Message.objects.filter(dedupe_key__in=[_told_key(b) for b in closed]).values_list(
            "dedupe_key", flat=True
        )
    )
    return [booking for booking in closed if _told_key(booking) not in told]


def closed_day_tell(booking: Booking) -> Message | None:
    """Tell the applicant that the office is closed on the booking's date (once per booking and
    date: None when they were told before)."""
    return notify_booking(
        booking=booking,
        template="booking_office_closed",
        extra={"proof_url": public_url(reverse("booking:proof", args=[booking.code]))},
        dedupe_key=_told_key(booking),
    )


@transaction.atomic
def closed_days_notify(
    *, days: Collection[dt.date], offices: Collection[Office] | None = None
) -> int:
    """Tell every applicant booked on `days` (at `offices`; None: any office) at an office
    closed that day and not told yet; returns how many were told now. Safe to repeat."""
    return sum(
        closed_day_tell(booking) is not None
        for booking in closed_day_untold(days=days, offices=offices)
    )


def closed_day_notify(
    *, day: dt.date, office: Office | None = None, today: dt.date | None = None
) -> int:
    """`closed_days_notify` for one date (at `office`; None: any office).

    Days already past are left alone: before `today` when given, else before the office's own
    today.
    """
    if today is not None and day < today:
        return 0
    return closed_days_notify(days=[day], offices=[office] if office is not None else None)
