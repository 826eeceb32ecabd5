"""Domain errors that views and the API map to HTTP answers.

Services raise these; a view never invents its own status code for a refused rule.
`Conflict` is 409 (a quota gone, a transition not allowed), `RateLimited` is 429.
"""

from __future__ import annotations


class DomainError(Exception):
    """A rule refused the request; `message` is shown to the user (Indonesian first)."""

    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = str(message)
        if code is not None:
            self.code = code


class Conflict(DomainError):
    code = "conflict"


class RateLimited(DomainError):
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
