"""Demo stock for the demo office: one delivery of each booklet kind. Idempotent."""

from __future__ import annotations

from paspor.accounts.models import User
from paspor.issuance.models import BookletDelivery, BookletKind
from paspor.issuance.services import booklet_delivery_receive
from paspor.offices.calendar import office_today
from paspor.offices.models import Office

DEMO_DELIVERIES = (
    (BookletKind.ELECTRONIC, "DEMO-BAST-E-001", "E1000001", "E1000200"),
    (BookletKind.ORDINARY, "DEMO-BAST-B-001", "B2000001", "B2000100"),
)


def seed_issuance_demo(office: Office) -> None:
    receiver = User.objects.filter(username="cetak").first()
    if receiver is None:
        return
    for kind, document, first, last in DEMO_DELIVERIES:
        if BookletDelivery.objects.filter(office=office, document_number=document).exists():
            continue
        booklet_delivery_receive(
            office=office,
            kind=kind,
            document_number=document,
            received_on=office_today(office),
            first_number=first,
            last_number=last,
            by=receiver,
        )
