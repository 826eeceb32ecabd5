"""Demo data of the payments app: the fee schedule and the simulator's channel. Idempotent."""

from __future__ import annotations

from django.conf import settings

from paspor.payments.services import fee_schedule_ensure_defaults, payment_channel_ensure
from paspor.payments.simulator import SIMULATOR_CHANNEL


def seed_payments_demo() -> None:
    fee_schedule_ensure_defaults()
    if settings.PAYMENT_SIMULATOR_ENABLED and settings.PAYMENT_SIMULATOR_SECRET:
        payment_channel_ensure(
            code=SIMULATOR_CHANNEL,
            name="Bank Simulasi",
            secret=settings.PAYMENT_SIMULATOR_SECRET,
        )
