"""The print room's lists at a busy office's size: a fixed number of statements whatever the
number of rows, and long lists in pages."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from paspor.issuance.services import print_confirm, print_start
from paspor.issuance.tests.conftest import make_paid_case, receive
from paspor.issuance.views import PAGE_SIZE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def url(name, **query):
    path = reverse(f"issuance:{name}", kwargs={"office": "ketapang"})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _printing(office, intake_officer, printer, n, first=0):
    """`n` paid cases, each with a passport being printed."""
    passports = []
    for i in range(first, first + n):
        case = make_paid_case(office, intake_officer, nik=f"61040157089{i:05d}")
        passports.append(print_start(case=case, by=printer))
    return passports


def _statements(client, path):
    client.get(path)  # the session and the caches, as on any page after the first
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_print_queue_reads_its_rows_in_a_fixed_number_of_statements(
    client_for, office, intake_officer, printer
):
    receive(office, printer, "C1000001", "C1000040")
    client = client_for(printer)
    _printing(office, intake_officer, printer, 3)
    few = _statements(client, url("print_queue"))
    _printing(office, intake_officer, printer, 27, first=3)
    many = _statements(client, url("print_queue"))
    assert few == many
    page = client.get(url("print_queue")).content.decode()
    assert page.count("Sedang dicetak (buku C100") == 30


def test_the_quality_control_queue_reads_its_rows_in_a_fixed_number_of_statements(
    client_for, office, intake_officer, printer, checker
):
    receive(office, printer, "C1000001", "C1000040")
    client = client_for(checker)
    for passport in _printing(office, intake_officer, printer, 3):
        print_confirm(passport=passport, by=printer)
    few = _statements(client, url("qc_queue"))
    for passport in _printing(office, intake_officer, printer, 27, first=3):
        print_confirm(passport=passport, by=printer)
    assert _statements(client, url("qc_queue")) == few


def test_a_long_print_queue_is_shown_in_pages(client_for, office, intake_officer, printer):
    for i in range(PAGE_SIZE + 3):
        make_paid_case(office, intake_officer, nik=f"61040157089{i:05d}")
    client = client_for(printer)
    first = client.get(url("print_queue")).content.decode()
    assert first.count("Menunggu cetak") == PAGE_SIZE
    assert f"Baris 1–{PAGE_SIZE} dari {PAGE_SIZE + 3}" in first
    assert "halaman=2" in first
    second = client.get(url("print_queue", halaman=2)).content.decode()
    assert second.count("Menunggu cetak") == 3
    assert "Halaman 2 dari 2" in second


def test_a_months_booklets_are_shown_in_pages_in_both_languages(client_for, office, printer):
    receive(office, printer, "C1000001", "C1000060")
    client = client_for(printer)
    drill = url("stock_report_booklets", bulan="2026-03", kolom="received", jenis="electronic")
    first = client.get(drill).content.decode()
    assert "60 buku" in first  # the count is of the whole list, not of the page
    assert first.count("<tr><td>C100") == PAGE_SIZE
    assert "C1000050" in first and "C1000051" not in first
    second = client.get(drill + "&halaman=2").content.decode()
    assert second.count("<tr><td>C100") == 10
    assert "bulan=2026-03" in second and "kolom=received" in second  # the link keeps the filter
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(drill + "&halaman=2").content.decode()
    assert "Page 2 of 2" in english
    assert "Previous" in english
