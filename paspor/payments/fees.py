"""The fee rule: which fee rows a case is charged (STANDARDS.md §4).

- the passport by kind and validity (ordinary or electronic, 5 or 10 years);
- express service (percepatan) on top of the passport fee;
- a fine for a lost or damaged passport, unless waived because a disaster caused it
  (Permenkumham 8/2014 art. 41: loss or damage by disaster carries no charge).

The fine kind is read from the case when it carries one (`fine_kind`: lost, damaged or none)
and otherwise follows the application type; `fine_waived_reason` waives it. Rows are looked up
by date: the row in force on the bill's fee date, so a decree change never alters a bill
already issued.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import formats
from django.utils.translation import gettext as _

from paspor.cases.types import ApplicationType, PassportKind
from paspor.lib.errors import Conflict
from paspor.lib.language import record_text
from paspor.payments.models import Fee, FeeItem

PP_45_2024 = "PP 45/2024 tentang Jenis dan Tarif atas Jenis PNBP pada Kementerian Hukum dan HAM"
# The fines for a lost or damaged passport come from PP 28/2019; whether PP 45/2024 keeps them
# is unconfirmed (STANDARDS.md §4) and headquarters checks it in the fee schedule. That is our
# note, not a citation: the public reads this text on the bill, slip, receipt and service
# standards, so it names the regulation only.
PP_28_2019 = (
    "PP 28/2019 tentang Jenis dan Tarif atas Jenis Penerimaan Negara Bukan Pajak yang Berlaku "
    "pada Kementerian Hukum dan Hak Asasi Manusia"
)
# In force mid-December 2024 (STANDARDS.md §4); headquarters corrects the date in the admin.
DEFAULT_EFFECTIVE_FROM = dt.date(2024, 12, 17)

DEFAULT_FEES: tuple[tuple[FeeItem, int, str], ...] = (
    (FeeItem.ORDINARY_5, 350_000, PP_45_2024),
    (FeeItem.ORDINARY_10, 650_000, PP_45_2024),
    (FeeItem.ELECTRONIC_5, 650_000, PP_45_2024),
    (FeeItem.ELECTRONIC_10, 950_000, PP_45_2024),
    (FeeItem.EXPRESS, 1_000_000, PP_45_2024),
    (FeeItem.FINE_LOST, 1_000_000, PP_28_2019),
    (FeeItem.FINE_DAMAGED, 500_000, PP_28_2019),
)

PASSPORT_ITEMS = {
    (PassportKind.ORDINARY, 5): FeeItem.ORDINARY_5,
    (PassportKind.ORDINARY, 10): FeeItem.ORDINARY_10,
    (PassportKind.ELECTRONIC, 5): FeeItem.ELECTRONIC_5,
    (PassportKind.ELECTRONIC, 10): FeeItem.ELECTRONIC_10,
}
FINE_ITEMS = {"lost": FeeItem.FINE_LOST, "damaged": FeeItem.FINE_DAMAGED}
FINE_BY_APPLICATION_TYPE = {ApplicationType.LOST: "lost", ApplicationType.DAMAGED: "damaged"}


@dataclass(frozen=True)
class BillLine:
    item: FeeItem
    description: str
    amount: int
    fee: Fee


def fees_effective_on(on: dt.date) -> QuerySet[Fee]:
    """The schedule's rows whose period covers `on` (of one item, the latest start wins)."""
    return Fee.objects.filter(effective_from__lte=on).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on)
    )


def fee_in_force(item: FeeItem, on: dt.date) -> Fee:
    fee = fees_effective_on(on).filter(item=item).order_by("-effective_from").first()
    if fee is None:
        raise Conflict(
            _("Tarif “%(item)s” yang berlaku pada %(date)s belum ditetapkan kantor pusat.")
            # Read by the supervisor who bills: the date in words, as on every page.
            % {"item": item.label, "date": formats.date_format(on, "j F Y")},
            code="fee_missing",
        )
    return fee


def fine_kind_of(case: Any) -> str | None:
    """'lost', 'damaged' or None; None also when the fine is waived (disaster)."""
    kind = str(getattr(case, "fine_kind", None) or "none")
    if kind == "none":
        kind = FINE_BY_APPLICATION_TYPE.get(case.application_type, "none")
    waived = str(getattr(case, "fine_waived_reason", None) or "")
    if kind not in FINE_ITEMS or waived.strip():
        return None
    return kind


def bill_lines_for_case(case: Any, on: dt.date) -> list[BillLine]:
    """The itemised fee for `case` by the rows in force on `on`."""
    wanted: list[FeeItem] = [
        PASSPORT_ITEMS[(PassportKind(case.passport_kind), case.validity_years)]
    ]
    if case.express:
        wanted.append(FeeItem.EXPRESS)
    fine = fine_kind_of(case)
    if fine is not None:
        wanted.append(FINE_ITEMS[fine])
    lines = []
    for item in wanted:
        fee = fee_in_force(item, on)
        lines.append(
            BillLine(item=item, description=record_text(item.label), amount=fee.amount, fee=fee)
        )
    return lines


def fee_overlaps(
    *, item: str, start: dt.date, end: dt.date | None, exclude_pk: int | None
) -> list[Fee]:
    """Rows of the same item whose period meets [start, end]; the schedule allows none."""
    rows = Fee.objects.filter(item=item)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    if end is not None:
        rows = rows.filter(effective_from__lte=end)
    return list(rows.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=start)))
