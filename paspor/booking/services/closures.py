"""A day the office turns out to be closed (a holiday or cuti bersama declared after bookings
were made): its applicants are told at once and may choose another date, whether or not they
have used their one reschedule."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from paspor.booking.models import ACTIVE_BOOKING_STATUSES, Booking
from paspor.notifications.services import notify_booking, public_url
from paspor.offices.calendar import OfficeCalendar


def booking_day_closed(booking: Booking) -> bool:
    """The office does not serve on the booking's date (any more)."""
    return not OfficeCalendar(booking.office).is_working_day(booking.date)


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
    for booking in bookings:
        if not booking_day_closed(booking):
            continue  # a regional holiday of another office, or a day this office serves
        message = notify_booking(
            booking=booking,
            template="booking_office_closed",
            extra={"proof_url": public_url(reverse("booking:proof", args=[booking.code]))},
            dedupe_key=f"booking_office_closed:{booking.pk}:{day.isoformat()}",
        )
        told += message is not None
    return told
