"""Indonesian output formats (Django's own for everything not named here).

The clock is written with a dot, as PUEBI and Indonesian offices write it ("07.30 WIB"), with a
leading zero so a column of times lines up; a date with a time keeps the month's full name.
A date alone is "5 Maret 2026" (short: "5 Mar 2026"), not Django's "5 Mar. 2026" or "05-03-2026".
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
TIME_FORMAT = "H.i"
DATETIME_FORMAT = "j F Y H.i"
SHORT_DATETIME_FORMAT = "j M Y H.i"
