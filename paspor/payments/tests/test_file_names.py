"""A downloaded file is named in the reader's language: `kode-billing-…` or `billing-code-…`."""

import pytest
from django.conf import settings
from django.urls import reverse

from conftest import download_name
from paspor.payments.tests.factories import make_statement, pay

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "slip", "receipt"),
    [("id", "kode-billing", "bukti-bayar"), ("en", "billing-code", "payment-receipt")],
)
def test_the_slip_and_the_receipt_are_named_in_the_reader_language(
    billing_code, channel, approved_case, applicant, client_for, language, slip, receipt
):
    client = client_for(applicant)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    kwargs = {"case_code": approved_case.code}
    assert download_name(client.get(reverse("payments:slip_pdf", kwargs=kwargs))) == (
        f"{slip}-{approved_case.code}.pdf"
    )
    assert pay(channel, billing_code).status_code == 200
    assert download_name(client.get(reverse("payments:receipt_pdf", kwargs=kwargs))) == (
        f"{receipt}-{approved_case.code}.pdf"
    )


@pytest.mark.parametrize(("language", "stem"), [("id", "rekonsiliasi"), ("en", "reconciliation")])
def test_the_reconciliation_workbook_is_named_in_the_reader_language(
    office, supervisor, client_for, language, stem
):
    statement = make_statement(office, supervisor)
    client = client_for(supervisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse(
        "payments:statement_xlsx", kwargs={"office": office.code, "statement": statement.uuid}
    )
    assert download_name(client.get(url)) == f"{stem}-{office.code}-2026-03-01-2026-03-31.xlsx"
