"""The scheduler's nightly `signins_prune`: sign-in records older than PASPOR_SIGNIN_LOG_DAYS.

django-axes writes a row for every successful sign-in (the name, the address, the browser) and
keeps it for good. It is what an inspector reads to see who signed in from where; after
PASPOR_SIGNIN_LOG_DAYS (default 90) it is only personal data kept without a purpose
(docs/data-protection.md). Failed attempts hold whatever was typed as a name (an e-mail
address, or a password typed into the wrong field): axes clears those past the lockout period
only when someone next signs in, so they are cleared here too. The audit chain keeps failures
and lockouts. The list of signed-in devices (`accounts.SignIn`) loses a row once it has been
signed out or past its end for as long.
"""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from paspor.accounts.models import SignIn


class Command(BaseCommand):
    help = "Menghapus catatan masuk (django-axes) yang lebih tua dari PASPOR_SIGNIN_LOG_DAYS hari."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="bawaan: PASPOR_SIGNIN_LOG_DAYS")

    def handle(self, *args: Any, days: int | None, **options: Any) -> None:
        keep = days if days is not None else settings.PASPOR_SIGNIN_LOG_DAYS
        if keep < 1:
            raise CommandError("--days paling sedikit 1: catatan masuk hari ini tidak dihapus")
        removed = AxesProxyHandler.reset_logs(age_days=keep)
        lockout = get_cool_off()
        assert lockout is not None  # AXES_COOLOFF_TIME is always set (settings.py)
        expired, _ = AccessAttempt.objects.filter(
            attempt_time__lte=timezone.now() - lockout
        ).delete()
        before = timezone.now() - dt.timedelta(days=keep)
        devices, _ = SignIn.objects.filter(
            Q(ended_at__lt=before) | Q(expires_at__lt=before)
        ).delete()
        self.stdout.write(
            f"signins_prune: {removed} catatan masuk lebih dari {keep} hari, {expired} "
            f"percobaan gagal yang sudah lewat masa kuncinya dan {devices} perangkat yang sudah "
            "lama keluar dihapus"
        )
