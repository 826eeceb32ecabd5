"""Pays a billing code as a bank would: a signed notification through the real endpoint."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from paspor.payments.bank import billing_code_typed
from paspor.payments.models import PaymentChannel, PaymentMethod
from paspor.payments.simulator import SIMULATOR_CHANNEL, simulator_send


class Command(BaseCommand):
    help = "Kirim notifikasi pembayaran bertanda tangan untuk sebuah kode billing (simulator)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("billing_code")
        parser.add_argument("--channel", default=SIMULATOR_CHANNEL, help="kode saluran")
        parser.add_argument("--amount", type=int, help="rupiah; bawaan: jumlah tagihan")
        parser.add_argument(
            "--method", default=PaymentMethod.MOBILE_BANKING, choices=PaymentMethod.values
        )
        parser.add_argument(
            "--url",
            help="kirim lewat HTTP ke server yang berjalan, mis. "
            "http://127.0.0.1:8000/api/payments/notifications",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.PAYMENT_SIMULATOR_ENABLED:
            raise CommandError("Simulator bank dimatikan (PAYMENT_SIMULATOR_ENABLED=off).")
        channel = PaymentChannel.objects.filter(code=options["channel"]).first()
        if channel is None:
            raise CommandError(f"Saluran {options['channel']!r} tidak ada (jalankan seed_demo).")
        answer = simulator_send(
            billing_code=billing_code_typed(options["billing_code"]),  # "14313 58988 10983" too
            channel=channel,
            amount=options["amount"],
            method=options["method"],
            url=options["url"],
        )
        self.stdout.write(f"HTTP {answer.status} {json.dumps(answer.body, ensure_ascii=False)}")
        if answer.status >= 400:
            raise CommandError("Notifikasi ditolak.")
