"""The fee schedule in the admin writes money and dates as the rest of the site does.

Headquarters reads "Rp 950.000" on the bill, the PDF and the e-mail; the schedule that sets
those amounts must not say "950000" or "Rp 950,000 (2024-12-17)".
"""

import datetime as dt
import html
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from paspor.payments.models import Fee, FeeItem

pytestmark = pytest.mark.django_db


def electronic_10() -> Fee:
    return Fee.objects.get(item=FeeItem.ELECTRONIC_10, effective_from=dt.date(2024, 12, 17))


@pytest.mark.parametrize(
    ("language", "reads"),
    [
        ("id", "Paspor elektronik 10 tahun: Rp 950.000 (17 Desember 2024)"),
        ("en", "Electronic passport, 10 years: Rp 950.000 (17 December 2024)"),
    ],
)
def test_a_fee_row_reads_with_dots_and_its_date_in_words(language, reads):
    with translation.override(language):
        assert str(electronic_10()) == reads


def test_the_fee_list_shows_amounts_in_rupiah_and_still_sorts_by_amount(client_for, hq_user):
    client = client_for(hq_user)
    page = html.unescape(client.get(reverse("admin:payments_fee_changelist")).content.decode())
    assert '<td class="field-amount_in_rupiah">Rp 950.000</td>' in page
    assert ">950000<" not in page
    column = re.search(r'<th scope="col" class="([^"]*)column-amount_in_rupiah', page)
    assert column is not None and "sortable" in column.group(1)
    by_amount = client.get(reverse("admin:payments_fee_changelist") + "?o=1")
    amounts = [row.amount for row in by_amount.context["cl"].result_list]
    assert amounts == sorted(amounts)


def test_the_fee_list_heads_its_columns_in_english_on_an_english_page(client_for, hq_user):
    client = client_for(hq_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("admin:payments_fee_changelist")).content.decode()
    assert ">Fee</a>" in page


def test_an_overlapping_period_names_the_old_row_as_people_read_it(client_for, hq_user):
    response = client_for(hq_user).post(
        reverse("admin:payments_fee_add"),
        {
            "item": FeeItem.ELECTRONIC_10,
            "amount": "1000000",
            "effective_from": "2025-01-01",
            "effective_to": "",
            "legal_basis": "Uji",
        },
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Paspor elektronik 10 tahun: Rp 950.000 (17 Desember 2024)" in page


def test_a_charged_row_keeps_its_period_checked_though_its_start_is_read_only(
    client_for, hq_user, office, intake_officer, supervisor
):
    """A row charged on a bill shows its item and start read-only, so they are not posted: the
    overlap check used to be skipped for it, and two rows of one item could both be open."""
    from paspor.payments.services import bill_issue_for_case
    from paspor.payments.tests.factories import make_case

    code = bill_issue_for_case(case=make_case(office, intake_officer), by=supervisor)
    charged_on = code.bill.fee_date
    old = electronic_10()
    assert code.bill.items.filter(fee=old).exists()
    client = client_for(hq_user)
    change = reverse("admin:payments_fee_change", args=[old.pk])

    def close(on: str):
        return client.post(change, {"effective_to": on, "legal_basis": old.legal_basis})

    # Not before the fee date of a bill that used it.
    early = close((charged_on - dt.timedelta(days=1)).isoformat())
    assert early.status_code == 200
    assert "sudah dipakai tagihan" in html.unescape(early.content.decode())
    assert close((charged_on + dt.timedelta(days=30)).isoformat()).status_code == 302
    start = charged_on + dt.timedelta(days=31)
    added = client.post(
        reverse("admin:payments_fee_add"),
        {
            "item": FeeItem.ELECTRONIC_10,
            "amount": "1100000",
            "effective_from": start.isoformat(),
            "effective_to": "",
            "legal_basis": "Uji",
        },
    )
    assert added.status_code == 302
    # Opening the old row again would have two rows in force for one item.
    reopened = close("")
    assert reopened.status_code == 200
    assert "bertumpang tindih" in html.unescape(reopened.content.decode())
    old.refresh_from_db()
    assert old.effective_to == charged_on + dt.timedelta(days=30)
