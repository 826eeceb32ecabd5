"""The slip and the receipt PDFs: each bill item left with its amount on the right, the total
labelled as on the page, and dates written as the pages write them in the reader's language."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.utils import translation
from reportlab.lib.pagesizes import A4

from paspor.payments.pdf import billing_slip_pdf, receipt_pdf
from paspor.payments.selectors import payment_status_for_case
from paspor.payments.services import bill_issue_for_case
from paspor.payments.tests.factories import (
    line_of,
    make_express_case,
    pay,
    record_drawing,
)

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
ISSUED = dt.datetime(2026, 11, 30, 10, 14, tzinfo=WIB)  # the code expires 7 Dec 2026 10.14 WIB
PAID = dt.datetime(2026, 12, 1, 9, 5, tzinfo=WIB)  # Tuesday morning: express, due that day


@pytest.fixture
def billed(fees, office, intake_officer, applicant, supervisor):
    case = make_express_case(office, intake_officer, applicant)
    with time_machine.travel(ISSUED, tick=False):
        code = bill_issue_for_case(case=case, by=supervisor)
    return case, code


@pytest.fixture
def paid(billed, channel):
    case, code = billed
    with time_machine.travel(PAID, tick=False):
        assert pay(channel, code, paid_at=PAID).status_code == 200
    case.refresh_from_db()
    return case


def slip(case, monkeypatch, language="id"):
    drawn = record_drawing(monkeypatch)
    with (
        time_machine.travel(ISSUED + dt.timedelta(hours=1), tick=False),
        translation.override(language),
    ):
        billing_slip_pdf(payment_status_for_case(case))
    return drawn


def receipt(case, monkeypatch, language="id"):
    drawn = record_drawing(monkeypatch)
    with translation.override(language):
        receipt_pdf(payment_status_for_case(case))
    return drawn


@pytest.mark.parametrize("document", ["slip", "receipt"])
def test_each_item_prints_its_label_left_and_its_amount_right(billed, paid, monkeypatch, document):
    drawn = slip(billed[0], monkeypatch) if document == "slip" else receipt(paid, monkeypatch)
    for label, amount in (
        ("Paspor biasa non-elektronik 10 tahun", "Rp 650.000"),
        ("Layanan percepatan (selesai hari yang sama)", "Rp 1.000.000"),
    ):
        row = [d.text for d in line_of(drawn, label)]
        assert row == [label, amount]
    assert [d.text for d in line_of(drawn, "Total")] == ["Total", "Rp 1.650.000"]
    assert not [d for d in drawn if d.text == "Jumlah" and d.left < 100]  # not the total's label


@pytest.mark.parametrize("document", ["slip", "receipt"])
def test_the_amounts_of_the_items_and_the_total_share_one_right_edge(
    billed, paid, monkeypatch, document
):
    drawn = slip(billed[0], monkeypatch) if document == "slip" else receipt(paid, monkeypatch)
    amounts = [
        *line_of(drawn, "Paspor biasa non-elektronik 10 tahun"),
        *line_of(drawn, "Layanan percepatan"),
        *line_of(drawn, "Total"),
    ][1::2]
    assert [d.text for d in amounts] == ["Rp 650.000", "Rp 1.000.000", "Rp 1.650.000"]
    assert len({round(d.right, 1) for d in amounts}) == 1


@pytest.mark.parametrize("document", ["slip", "receipt"])
def test_nothing_on_the_pdfs_runs_past_the_right_margin(billed, paid, monkeypatch, document):
    drawn = slip(billed[0], monkeypatch) if document == "slip" else receipt(paid, monkeypatch)
    margin = A4[0] - 20 * 72 / 25.4
    too_wide = [d.text for d in drawn if d.right > margin + 0.5]
    assert too_wide == []


@pytest.mark.parametrize(
    ("language", "expires"),
    [("id", "7 Desember 2026 10.14 WIB"), ("en", "7 December 2026 10:14 WIB")],
)
def test_the_slip_writes_the_expiry_as_the_page_does(billed, monkeypatch, language, expires):
    texts = [d.text for d in slip(billed[0], monkeypatch, language)]
    assert expires in texts


@pytest.mark.parametrize(
    ("language", "paid_at", "due"),
    [
        ("id", "1 Desember 2026 09.05 WIB", "Selasa, 1 Desember 2026"),
        ("en", "1 December 2026 09:05 WIB", "Tuesday, 1 December 2026"),
    ],
)
def test_the_receipt_writes_payment_and_due_dates_as_the_page_does(
    paid, monkeypatch, language, paid_at, due
):
    texts = [d.text for d in receipt(paid, monkeypatch, language)]
    assert paid_at in texts and due in texts


def test_the_status_page_writes_the_expiry_as_the_slip_does(billed, client_for, applicant):
    from django.urls import reverse

    case, _code = billed
    with time_machine.travel(ISSUED + dt.timedelta(hours=1), tick=False):
        html = (
            client_for(applicant)
            .get(reverse("payments:status", kwargs={"case_code": case.code}))
            .content.decode()
        )
    assert "7 Desember 2026 10.14 WIB" in html


def test_the_receipt_writes_the_billing_code_in_groups_as_the_slip_and_the_page_do(
    billed, paid, monkeypatch, client_for, applicant
):
    """Read aloud or compared with the bank's proof, the code is in groups of five everywhere."""
    from django.urls import reverse

    from paspor.lib.money import billing_code_grouped

    grouped = billing_code_grouped(billed[1].code)
    assert [d.text for d in receipt(paid, monkeypatch) if d.text == grouped] == [grouped]
    page = client_for(applicant).get(reverse("payments:receipt", kwargs={"case_code": paid.code}))
    assert grouped in page.content.decode()
