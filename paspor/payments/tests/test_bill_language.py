"""Bill items: written in Indonesian, the language of the legal record, whatever language the
approving officer reads; shown in the language of whoever reads the bill."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from paspor.payments.models import BillItem, FeeItem
from paspor.payments.pdf import billing_slip_pdf
from paspor.payments.selectors import payment_status_for_case
from paspor.payments.services import bill_issue_for_case
from paspor.payments.tests.factories import make_express_case, pay, record_drawing

pytestmark = pytest.mark.django_db


@pytest.fixture
def billed_in_english(fees, office, intake_officer, applicant, supervisor):
    """An ordinary 10-year passport, express, approved by a supervisor reading English."""
    case = make_express_case(office, intake_officer, applicant)
    with translation.override("en"):
        bill_issue_for_case(case=case, by=supervisor)
    return case


def test_bill_items_are_stored_in_indonesian_whatever_the_supervisors_language(
    billed_in_english,
):
    items = list(billed_in_english.bill.items.order_by("position"))
    assert [(i.item, i.description) for i in items] == [
        ("ordinary_10", "Paspor biasa non-elektronik 10 tahun"),
        ("express", "Layanan percepatan (selesai hari yang sama)"),
    ]


def test_the_indonesian_status_page_shows_the_items_in_indonesian(
    billed_in_english, client_for, applicant
):
    url = reverse("payments:status", kwargs={"case_code": billed_in_english.code})
    html = client_for(applicant).get(url).content.decode()
    assert "Paspor biasa non-elektronik 10 tahun" in html
    assert "Ordinary non-electronic passport" not in html


def test_an_english_reader_sees_the_items_in_english(
    fees, approved_case, supervisor, client_for, applicant, channel
):
    code = bill_issue_for_case(case=approved_case, by=supervisor)  # approved in Indonesian
    assert pay(channel, code).status_code == 200
    client = client_for(applicant)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for url_name in ("status", "receipt"):
        url = reverse(f"payments:{url_name}", kwargs={"case_code": approved_case.code})
        html = client.get(url).content.decode()
        assert "Electronic passport, 10 years" in html
        assert "Paspor elektronik 10 tahun" not in html


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("id", "Paspor biasa non-elektronik 10 tahun"),
        ("en", "Ordinary non-electronic passport, 10 years"),
    ],
)
def test_the_slip_pdf_shows_the_items_in_the_readers_language(
    billed_in_english, monkeypatch, language, label
):
    drawn = record_drawing(monkeypatch)
    with translation.override(language):
        billing_slip_pdf(payment_status_for_case(billed_in_english))
    texts = [d.text for d in drawn]
    assert label in texts


def test_an_item_whose_code_is_unknown_shows_the_stored_text():
    known = BillItem(item=FeeItem.FINE_LOST, description="Denda paspor hilang")
    retired = BillItem(item="visa_on_arrival", description="Visa kunjungan saat kedatangan")
    with translation.override("en"):
        assert known.label == "Fine for a lost passport"
        assert retired.label == "Visa kunjungan saat kedatangan"


def test_the_api_gives_the_item_in_the_callers_language_and_the_record_in_indonesian(
    billed_in_english, client_for, applicant
):
    data = (
        client_for(applicant)
        .get(f"/api/payments/bills/{billed_in_english.code}", headers={"accept-language": "en"})
        .json()
    )
    first = data["items"][0]
    assert first["item"] == "ordinary_10"
    assert first["label"] == "Ordinary non-electronic passport, 10 years"
    assert first["description"] == "Paspor biasa non-elektronik 10 tahun"
