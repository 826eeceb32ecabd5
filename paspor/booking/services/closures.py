"""A day the office turns out to be closed (a holiday or cuti bersama declared after bookings
were made): its applicants are told at once and may choose another date, whether or not they
have used their one reschedule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.urls import reverse

from paspor.booking.models import ACTIVE_BOOKING_STATUSES, Booking
from paspor.notifications.services import notify_booking, public_url
from paspor.offices.calendar import OfficeCalendar


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


@transaction.atomic
def closed_day_notify(*, day: dt.date, today: dt.date | None = None) -> int:
    """Tell every applicant booked on `day` at an office closed that day; returns how many.

    Safe to repeat (one message per booking and day). Days already past are left alone.
    """
    if today is not None and day < today:
        return 0
    told = 0
    bookings = Booking.objects.filter(date=day, status__in=ACTIVE_BOOKING_STATUSES).select_related(
        "office", "profile__account"
    )
    calendar_of = calendars_by_office()
    for booking in bookings:
        if not booking_day_closed(booking, calendar_of(booking)):
            continue  # a regional holiday of another office, or a day this office serves
        message = notify_booking(
            booking=booking,
            template="booking_office_closed",
            extra={"proof_url": public_url(reverse("booking:proof", args=[booking.code]))},
            dedupe_key=f"booking_office_closed:{booking.pk}:{day.isoformat()}",
        )
        told += message is not None
    return told
