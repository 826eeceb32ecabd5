"""Keys in addresses stay out of the application log.

Some public addresses are keys in themselves: whoever has the address may use it without
signing in (the password-reset link, the e-mail verification link, a ticket's phone page, a
survey link, a complaint's tracking page). Django logs a refused request with its address
("Bad Request: /survei/<token>/"), so the handler's filter writes "…" in the key's place.
"""

from __future__ import annotations

import logging
import re

# The address up to the key, then the key (one path segment).
KEYED_PATHS = re.compile(
    r"(/(?:akun/sandi-baru/[^/\s]+|booking/verifikasi|antrian/t|survei(?=/(?!kantor/))"
    r"|pengaduan/lacak)/)([^/\s?#]+)"
)


def redact_keys(text: str) -> str:
    return KEYED_PATHS.sub(r"\1…", text)


class RedactKeys(logging.Filter):
    """On a handler: the record's message with the keys of keyed addresses replaced."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_keys(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
