"""Keys in addresses stay out of the application log.

Some public addresses are keys in themselves: whoever has the address may use it without
signing in (the password-reset link, the e-mail verification link, a ticket's phone page, a
survey link, a complaint's tracking page). Django logs a refused request with its address
("Bad Request: /survei/<token>/"), so the handler's filter writes "…" in the key's place.
A complaint's tracking code is the key to its complaint wherever else it appears too
(`/api/complaints/<code>`, the office's page `/pengaduan/kantor/<office>/<code>/`): any text
of its shape is written "…".
"""

from __future__ import annotations

import logging
import re
from typing import Any

from django.utils.crypto import salted_hmac

# The address up to the key, then the key (one path segment).
KEYED_PATHS = re.compile(
    r"(/(?:akun/sandi-baru/[^/\s]+|booking/verifikasi|antrian/t|survei(?=/(?!kantor/))"
    r"|pengaduan/lacak)/)([^/\s?#]+)"
)

# A complaint's tracking code (paspor.complaints.models.TRACKING_CODE), in any case: the
# tracking page and the API accept small letters.
TRACKING_CODES = re.compile(r"ADU-[A-Z0-9]{8}", re.IGNORECASE)


def redact_keys(text: str) -> str:
    return TRACKING_CODES.sub("…", KEYED_PATHS.sub(r"\1…", text))


class RedactKeys(logging.Filter):
    """On a handler: the record's message with the keys of keyed addresses replaced."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_keys(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


class RefusalsWithoutTraceback(logging.Filter):
    """On a handler: a refused request (4xx) is one line, without the exception's traceback.

    Django logs a 403 or 404 raised in a view with the exception attached, so every expected
    refusal (an officer opening another office's page) printed a traceback and buried the real
    errors. A 5xx keeps its traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info, record.exc_text = None, None
        return True


def axes_client_str(
    username: str | None,
    ip_address: str | None,
    user_agent: str | None,
    path_info: str | None,
    request: Any,
) -> str:
    """How django-axes names a client in its log lines (AXES_CLIENT_STR_CALLABLE).

    Axes writes the name that was typed, which is an applicant's e-mail address, or a password
    typed into the wrong field. The log gets a keyed digest instead: the lines of one name still
    go together, and the name itself is in the audit chain (`auth.login_failed`,
    `auth.locked_out`), which only the roles that may read it can open.
    """
    name = (
        "#"
        + salted_hmac("paspor.lib.log_redact.axes", username, algorithm="sha256").hexdigest()[:12]
        if username
        else "-"
    )
    return f"{{username: {name}, ip_address: {ip_address or '-'}, path_info: {path_info or '-'}}}"
