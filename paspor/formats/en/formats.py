"""English output formats (Django's own for everything not named here).

The 24-hour clock with a colon ("07:30 WIB"): the offices run on it, and the English pages
say the same time as the Indonesian ones in the English way of writing it.
"""

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "j M Y H:i"
