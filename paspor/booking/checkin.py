"""When the kiosk takes a booking's check-in: its arrival window widened by the office's
tolerances (`QueuePolicy.checkin_early_minutes`, `checkin_late_minutes`). The no-show job waits
for the end of the same window, so a booking is never a no-show while the kiosk still takes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from paspor.booking.models import Booking
from paspor.offices.models import Office

if TYPE_CHECKING:
    from paspor.queueing.models import QueuePolicy


def _queue_policy(office: Office) -> QueuePolicy:
    # Imported here: the queueing app reads bookings, and its selectors import far.
    from paspor.queueing.selectors import queue_policy

    return queue_policy(office)


def checkin_window(
    booking: Booking, policy: QueuePolicy | None = None
) -> tuple[dt.datetime, dt.datetime]:
    """The first and the last moment (office clock) the kiosk takes the booking's check-in;
    `policy` is the office's `QueuePolicy` when the caller has read it already."""
    policy = policy or _queue_policy(booking.office)
    tz = booking.office.tz
    opens = dt.datetime.combine(booking.date, booking.window_start, tzinfo=tz)
    closes = dt.datetime.combine(booking.date, booking.window_end, tzinfo=tz)
    return (
        opens - dt.timedelta(minutes=policy.checkin_early_minutes),
        closes + dt.timedelta(minutes=policy.checkin_late_minutes),
    )


def policies_by_office() -> Callable[[Office], QueuePolicy]:
    """The check-in rules of an office, read once per office for as long as it is kept."""
    policies: dict[int, QueuePolicy] = {}

    def policy_of(office: Office) -> QueuePolicy:
        if office.pk not in policies:
            policies[office.pk] = _queue_policy(office)
        return policies[office.pk]

    return policy_of
