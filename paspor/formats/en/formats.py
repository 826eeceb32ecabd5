"""English output formats (Django's own for everything not named here).

The 24-hour clock with a colon ("07:30 WIB"): the offices run on it, and the English pages
say the same time as the Indonesian ones in the English way of writing it. Dates are written
day first, as in Indonesia ("5 March 2026", "5 Mar 2026"), not Django's American "March 5, 2026"
or "03/05/2026" — the admin's lists and forms included.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "j M Y H:i"
