"""The stock pages through HTTP: forms keep what was typed, the report drills down to booklets."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from paspor.issuance.models import Booklet
from paspor.issuance.tests.conftest import receive

pytestmark = pytest.mark.django_db


def url(name, **query):
    path = reverse(f"issuance:{name}", kwargs={"office": "ketapang"})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_receiving_stock_through_the_page(client_for, office, printer):
    response = client_for(printer).post(
        url("stock_receive"),
        {
            "kind": "electronic",
            "document_number": "BAST-07/2026",
            "received_on": "2026-03-02",
            "first_number": "c1000001",
            "last_number": "C1000050",
        },
    )
    assert response.status_code == 302
    assert Booklet.objects.filter(office=office).count() == 50


def test_a_refused_range_keeps_what_was_typed(client_for, office, printer):
    response = client_for(printer).post(
        url("stock_receive"),
        {
            "kind": "electronic",
            "document_number": "BAST-08/2026",
            "received_on": "2026-03-02",
            "first_number": "C1000050",
            "last_number": "C1000001",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nomor akhir lebih kecil" in body and "BAST-08/2026" in body


def test_the_report_drills_down_to_the_booklets(client_for, office, printer):
    receive(office, printer, "C1000001", "C1000003", on=dt.date(2026, 3, 2))
    client = client_for(printer)
    report = client.get(url("stock_report", bulan="2026-03"))
    assert report.status_code == 200
    page = report.content.decode()
    assert "Laporan stok buku paspor · Maret 2026" in page
    assert '<a href="?bulan=2026-02">&larr; Februari 2026</a>' in page
    assert '<a href="?bulan=2026-04">April 2026 &rarr;</a>' in page
    assert "kolom=received&amp;jenis=electronic" in report.content.decode()
    booklets = client.get(
        url("stock_report_booklets", bulan="2026-03", kolom="received", jenis="electronic")
    )
    assert booklets.status_code == 200
    assert all(n in booklets.content.decode() for n in ("C1000001", "C1000002", "C1000003"))
    download = client.get(url("stock_report_xlsx", bulan="2026-03"))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert download.content[:2] == b"PK"


def test_an_unknown_drill_down_column_is_not_found(client_for, printer):
    response = client_for(printer).get(
        url("stock_report_booklets", bulan="2026-03", kolom="stolen", jenis="electronic")
    )
    assert response.status_code == 404


def test_the_pages_speak_english_too(client_for, printer):
    client = client_for(printer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(url("print_queue")).content.decode()
    assert "Print queue" in body and "Antrean cetak" not in body


def test_the_witness_is_chosen_by_the_officers_name(client_for, office, printer, checker):
    checker.first_name, checker.last_name = "Rina", "Wulandari"
    checker.save(update_fields=["first_name", "last_name"])
    page = client_for(printer).get(url("stock")).content.decode()
    assert f'<option value="{checker.pk}">Rina Wulandari</option>' in page
    assert f">{checker.username}</option>" not in page


def test_a_deactivated_officer_is_not_offered_as_witness(client_for, office, printer, checker):
    checker.is_active = False
    checker.save(update_fields=["is_active"])
    page = client_for(printer).get(url("stock")).content.decode()
    assert f'<option value="{checker.pk}">' not in page
