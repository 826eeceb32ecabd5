"""The data page and the stock workbook are named in the reader's language."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from conftest import download_name
from paspor.issuance.services import print_confirm, print_start
from paspor.issuance.tests.conftest import make_paid_case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "page", "workbook"),
    [("id", "halaman-data", "stok-buku"), ("en", "data-page", "booklet-stock")],
)
def test_the_data_page_and_the_stock_workbook_are_named_in_the_reader_language(
    office, stock, intake_officer, printer, checker, client_for, language, page, workbook
):
    with time_machine.travel(dt.datetime(2026, 3, 17, 3, 0, tzinfo=dt.UTC), tick=False):
        case = make_paid_case(office, intake_officer, nik="6104010101900002")
        passport = print_confirm(passport=print_start(case=case, by=checker), by=checker)
    client = client_for(printer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    number = passport.passport_number
    data_page = reverse("issuance:data_page", kwargs={"office": "ketapang", "number": number})
    assert download_name(client.get(data_page)) == f"{page}-{number}.pdf"
    stock_xlsx = reverse("issuance:stock_report_xlsx", kwargs={"office": "ketapang"})
    assert download_name(client.get(stock_xlsx + "?bulan=2026-03")) == (
        f"{workbook}-ketapang-2026-03.xlsx"
    )
