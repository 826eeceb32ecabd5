"""Prints the current two-step code of the demo accounts (only those holding the demo key)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from paspor.portal.demo import DEMO_TOTP_KEY_HEX


class Command(BaseCommand):
    help = "Shows the current authenticator code of the demo accounts that need one."

    def handle(self, *args: Any, **options: Any) -> None:
        devices = TOTPDevice.objects.filter(key=DEMO_TOTP_KEY_HEX, confirmed=True)
        if not devices.exists():
            self.stdout.write("Tidak ada akun demo dengan kunci autentikator demo.")
            return
        for device in devices.select_related("user").order_by("user__username"):
            totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
            totp.time = time.time()
            left = device.step - int(time.time() - device.t0) % device.step
            self.stdout.write(
                f"  {device.user.username:<12} {totp.token():06d}  (berlaku {left} detik lagi)"
            )
