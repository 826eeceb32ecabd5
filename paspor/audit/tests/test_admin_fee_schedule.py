"""Headquarters reads the fee schedule in the admin as the fee table reads (STANDARDS.md §4)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import make_user
from paspor.accounts.models import Role
from paspor.payments.models import Fee, FeeItem
from paspor.payments.services import fee_schedule_ensure_defaults

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule() -> None:
    """The PP 45/2024 rows, and the ordinary 5-year passport's earlier fee before them."""
    fee_schedule_ensure_defaults()
    Fee.objects.create(
        item=FeeItem.ORDINARY_5,
        amount=300_000,
        effective_from=dt.date(2019, 6, 1),
        effective_to=dt.date(2024, 12, 16),
        legal_basis="PP 28/2019",
    )


def _rows(html: str) -> list[tuple[str, str]]:
    """(item, first day) of each row of the list, top to bottom."""
    rows = re.findall(
        r'class="field-(?:fee_)?item"><a [^>]*>(.*?)</a>.*?class="field-effective_from[^"]*">(.*?)</td>',
        html,
        re.S,
    )
    return [(item.strip(), start.strip()) for item, start in rows]


def test_the_fee_schedule_lists_items_in_the_fee_table_order_newest_row_first(client_for, schedule):
    hq = client_for(make_user("pusat", role=Role.HQ))
    rows = _rows(hq.get("/admin/payments/fee/").content.decode())
    assert rows == [
        ("Paspor biasa non-elektronik 5 tahun", "17 Desember 2024"),
        ("Paspor biasa non-elektronik 5 tahun", "1 Juni 2019"),
        ("Paspor biasa non-elektronik 10 tahun", "17 Desember 2024"),
        ("Paspor elektronik 5 tahun", "17 Desember 2024"),
        ("Paspor elektronik 10 tahun", "17 Desember 2024"),
        ("Layanan percepatan (selesai hari yang sama)", "17 Desember 2024"),
        ("Denda paspor hilang", "17 Desember 2024"),
        ("Denda paspor rusak", "17 Desember 2024"),
    ]


def test_sorting_by_the_item_column_follows_the_fee_table_too(client_for, schedule):
    hq = client_for(make_user("pusat", role=Role.HQ))
    items = [item for item, _start in _rows(hq.get("/admin/payments/fee/?o=-0").content.decode())]
    assert items[0] == "Denda paspor rusak"
    assert items[-1] == "Paspor biasa non-elektronik 5 tahun"
    assert items.index("Paspor elektronik 10 tahun") < items.index("Paspor elektronik 5 tahun")
