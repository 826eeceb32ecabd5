"""Writes of the issuance app: one door per change (docs/issuance.md)."""

from paspor.issuance.services.handover import HandoverInput, handover_record
from paspor.issuance.services.pickup import (
    passport_cancel_uncollected,
    pickup_remind,
    pickup_reminders_run,
)
from paspor.issuance.services.printing import (
    mrz_read_back,
    passport_mark_ready,
    print_confirm,
    print_spoil,
    print_start,
    qc_record,
)
from paspor.issuance.services.stock import (
    booklet_delivery_receive,
    booklet_spoil_in_stock,
    booklets_return,
)

__all__ = [
    "HandoverInput",
    "booklet_delivery_receive",
    "booklet_spoil_in_stock",
    "booklets_return",
    "handover_record",
    "mrz_read_back",
    "passport_cancel_uncollected",
    "passport_mark_ready",
    "pickup_remind",
    "pickup_reminders_run",
    "print_confirm",
    "print_spoil",
    "print_start",
    "qc_record",
]
