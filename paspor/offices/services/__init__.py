"""Writes of the offices app, one door per change (see the modules for the rules): offices and
their layout (`offices.py`), and the working-day calendar (`calendar.py`)."""

from paspor.offices.services.calendar import (
    CALENDAR_YEARS_AHEAD,
    CALENDAR_YEARS_BACK,
    CalendarChange,
    ImportResult,
    calendar_changed,
    calendar_day_remove,
    calendar_day_set,
    calendar_import_csv,
    calendar_years,
)
from paspor.offices.services.offices import (
    OFFICE_CODE,
    TICKET_PREFIX,
    counter_set,
    office_close,
    office_open,
    office_service_set,
    office_set,
    opening_hours_remove,
    opening_hours_set,
    station_remove,
    station_set,
)

__all__ = [
    "CALENDAR_YEARS_AHEAD",
    "CALENDAR_YEARS_BACK",
    "OFFICE_CODE",
    "TICKET_PREFIX",
    "CalendarChange",
    "ImportResult",
    "calendar_changed",
    "calendar_day_remove",
    "calendar_day_set",
    "calendar_import_csv",
    "calendar_years",
    "counter_set",
    "office_close",
    "office_open",
    "office_service_set",
    "office_set",
    "opening_hours_remove",
    "opening_hours_set",
    "station_remove",
    "station_set",
]
