"""The service promise: when a paid case is due (PRODUCT.md, STANDARDS.md §3).

Read this module as the rule book; `due_date_for_payment` is the one function that decides.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings

from paspor.lib.clock import clock
from paspor.offices.calendar import OfficeCalendar

if TYPE_CHECKING:
    from paspor.offices.models import Office


def sla_start(*, paid_at: dt.datetime, code_issued_at: dt.datetime) -> dt.datetime:
    """The moment the promise counts from: the bank's `paid_at`, but never before the billing
    code was issued (inside the clock tolerance the bank may say a few minutes before it)."""
    return max(paid_at, code_issued_at)


def due_date_for_payment(
    *,
    office: Office,
    paid_at: dt.datetime,
    express: bool,
    calendar: OfficeCalendar | None = None,
) -> dt.date:
    """The date the passport is promised, from the moment of payment.

    The payment moment is read on the office's clock (WIB, WITA or WIT): 23:30 WIB is already
    the next day at a WIT office.

    Regular service: the SLA_WORKING_DAYS-th (default 3) working day after the payment date.
    The payment day itself does not count; a payment on a weekend, holiday or cuti bersama day
    starts counting on the next working day (that day is day one). Paid Tue 17 March 2026 →
    Fri 27 March 2026; paid Wed 24 Dec 2025 → Wed 31 Dec 2025. With SLA_COUNT_PAYMENT_DAY (an
    office's published practice, STANDARDS.md §3) a payment on a working day makes that day day
    one: Tue 17 March 2026 → Thu 26 March 2026; a payment on a closed day counts as before.

    Express (percepatan): the same day when paid before SLA_EXPRESS_CUTOFF_HOUR (12:00) office
    time on a working day; otherwise the next working day.

    A loop over many cases of one office passes its `calendar` (read once).
    """
    if paid_at.tzinfo is None:
        raise ValueError("paid_at must be an aware datetime")
    local = paid_at.astimezone(office.tz)
    calendar = calendar or OfficeCalendar(office)
    if express:
        cutoff = dt.time(settings.SLA_EXPRESS_CUTOFF_HOUR)
        if calendar.is_working_day(local.date()) and local.time() < cutoff:
            return local.date()
        return calendar.working_days_after(local.date(), 1)
    return calendar.working_days_after(
        local.date(), settings.SLA_WORKING_DAYS, count_start=settings.SLA_COUNT_PAYMENT_DAY
    )


def express_pay_by() -> str:
    """The hour before which an express case must be paid to be done that day, as the reader
    writes it ("12.00" / "12:00"): the cut-off `due_date_for_payment` counts with."""
    return clock(dt.time(settings.SLA_EXPRESS_CUTOFF_HOUR))


def working_days_left(
    *, office: Office, today: dt.date, due: dt.date, calendar: OfficeCalendar | None = None
) -> int:
    """Working days from today to the due date: 0 on the day, negative once overdue.

    Overdue is any day after the due date, as on the SLA board: the Saturday after a Friday
    due date is -1, not 0 ("today"), though no working day has passed since.
    """
    calendar = calendar or OfficeCalendar(office)
    if today > due:
        return -max(1, calendar.working_days_between(due, today))
    return calendar.working_days_between(today, due)
