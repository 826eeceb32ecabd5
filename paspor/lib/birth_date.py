"""A stated birth date a person could have: not after today, and not older than anyone living
(a mistyped century, 1890 for 1990). Booking profiles and the cases opened at the counter take
birth dates by the same rule."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from paspor.lib.errors import DomainError

OLDEST_AGE = 130  # years: older than any living person


def birth_date_check(birth_date: dt.date, *, today: dt.date) -> None:
    """Raises DomainError (code `birth_date`) for a date after `today` or more than
    OLDEST_AGE years before it."""
    if birth_date > today:
        raise DomainError(_("Tanggal lahir tidak boleh di masa depan."), code="birth_date")
    if birth_date.year < today.year - OLDEST_AGE:
        raise DomainError(
            _("Tanggal lahir lebih dari %(n)s tahun yang lalu; periksa tahun lahir.")
            % {"n": OLDEST_AGE},
            code="birth_date",
        )


def birth_date_validator(birth_date: dt.date) -> None:
    """The same rule for a form field, said at the field: a date no applicant can have is a
    typing slip (tomorrow, 1890 for 1990), never spent as a guess on a lookup."""
    try:
        birth_date_check(birth_date, today=timezone.localdate())
    except DomainError as exc:
        raise ValidationError(exc.message, code="birth_date") from exc
