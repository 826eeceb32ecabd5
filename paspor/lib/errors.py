"""Domain errors that views and the API map to HTTP answers.

Services raise these; a view never invents its own status code for a refused rule: each class
carries its `status`. `Conflict` is 409 (a quota gone, a transition not allowed), `NotFound`
404, `Forbidden` 403, `NotSignedIn` 401, `RateLimited` 429; any other `DomainError` is 400 (a
refused input).
"""

from __future__ import annotations

import math

from django.utils.translation import ngettext


class DomainError(Exception):
    """A rule refused the request; `message` is shown to the user (Indonesian first)."""

    code = "invalid"
    status = 400

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = str(message)
        if code is not None:
            self.code = code


class Conflict(DomainError):
    code = "conflict"
    status = 409


class NotFound(DomainError):
    """404 with a sentence and a code: what was not found, among the caller's own objects."""

    code = "not_found"
    status = 404


class Forbidden(DomainError):
    """403: signed in, but this caller may not do this here (a role missing, a staff account
    on an applicant endpoint, a form's security check failed)."""

    code = "forbidden"
    status = 403


class NotSignedIn(DomainError):
    """401: who is asking is not known (no sign-in, wrong e-mail or password)."""

    code = "not_signed_in"
    status = 401


class RateLimited(DomainError):
    code = "rate_limited"
    status = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def wait_text(seconds: int) -> str:
    """How long to wait, as a person reads it: seconds up to a minute and a half, else whole
    minutes rounded up ("48 menit", not "2890 detik")."""
    if seconds <= 90:
        return ngettext("%(n)s detik", "%(n)s detik", seconds) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(n)s menit", "%(n)s menit", minutes) % {"n": minutes}
