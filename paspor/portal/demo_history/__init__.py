"""A history for the demo office, made by the real services at past moments.

`seed_demo_history` walks the office's last working days with the clock set back
(time-machine) and lives each day as the office would have: families book online a few days
ahead, check in at the kiosk, are called to the counters, give their documents, photo,
fingerprints and interview; the supervisor decides, the bank notifies the payments, the printer
prints on the stock's booklets and another officer checks them, and the families come back to
collect. Every row is written by the service that writes it in production, so every figure on
the dashboards is one the system produced itself. The last day is left unfinished (cases waiting
for the supervisor, paid passports waiting for the printer, passports waiting to be collected),
and the next working days have bookings, so every work list has something on it.

The draws are seeded: two runs give the same history (what the services draw themselves
differs: booking, case and billing codes, NTPN, and so which fingerprint scans the simulated
scanner smudges). The faces are drawn (`portrait`) so that they pass the photo checks.
Background tasks run at the moment they are queued and e-mails go to a mailer that keeps
nothing: what the outbox sent in the past is recorded as sent then, and nothing is left for the
worker to send when the demo starts.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import override_settings
from django.utils import timezone, translation

from paspor.cases.models import Case
from paspor.offices.calendar import office_today
from paspor.offices.models import Office
from paspor.payments.models import PaymentChannel
from paspor.payments.simulator import SIMULATOR_CHANNEL
from paspor.portal.demo_history.history import History
from paspor.portal.demo_history.images import portrait, signature_png

__all__ = [
    "DemoApplicantHasher",
    "HistoryMade",
    "history_set_up_moment",
    "portrait",
    "seed_demo_history",
    "signature_png",
]

SET_UP_LEAD = dt.timedelta(days=42)  # the demo office opened this long before today


@dataclass(frozen=True)
class HistoryMade:
    """What `seed_demo_history` made: days walked, applications opened, counts per step, and
    how long it took."""

    days: int
    first_day: dt.date
    last_day: dt.date
    applications: int
    steps: dict[str, int]
    seconds: float


def seed_demo_history(
    office: Office, *, working_days: int = 10, per_day: int = 6, seed: int = 2026
) -> HistoryMade | None:
    """Make the office's history of its last `working_days` (about `per_day` applications a
    day); None when the office already has cases, or when the bank simulator is off."""
    if Case.objects.filter(office=office).exists():
        return None
    channel = PaymentChannel.objects.filter(code=SIMULATOR_CHANNEL, is_active=True).first()
    if channel is None:
        return None
    started = time.monotonic()
    history = History(office, channel=channel, rng=random.Random(seed))
    days = history.working_days_before(office_today(office), working_days)
    with background_at_its_moment(), translation.override("id"):
        history.run(days, per_day=per_day)
    return HistoryMade(
        days=len(days),
        first_day=days[0],
        last_day=days[-1],
        applications=history.steps["cases_opened"],
        steps=dict(history.steps),
        seconds=time.monotonic() - started,
    )


def history_set_up_moment() -> dt.datetime:
    """When the demo office is set up before a history is made: before its first booking."""
    return timezone.now() - SET_UP_LEAD


class DemoApplicantHasher(PBKDF2PasswordHasher):
    """PBKDF2 with a small work factor for the history's applicants, whose password is the
    published demo password anyway: a full hash costs a third of a second each. Django verifies
    it with its own PBKDF2 hasher and hashes it again at full strength on the first sign-in."""

    iterations = 10_000


@contextmanager
def background_at_its_moment() -> Iterator[None]:
    """Tasks run when they are queued (at the history's moment, not when the demo starts), and
    e-mails go to a mailer that keeps nothing; the task log stays quiet."""
    quiet = [logging.getLogger(name) for name in ("django.tasks", "paspor")]
    levels = [each.level for each in quiet]
    for each in quiet:
        each.setLevel(logging.WARNING)
    try:
        with override_settings(
            TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
            MAILERS={"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}},
            PASSWORD_HASHERS=[f"{__name__}.DemoApplicantHasher", *settings.PASSWORD_HASHERS],
        ):
            yield
    finally:
        for each, level in zip(quiet, levels, strict=True):
            each.setLevel(level)
