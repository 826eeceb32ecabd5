"""The dashboard's downloads: the XLSX for a spreadsheet, the CSV for programs, and the CSV still
opens in Excel with its characters intact."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.conf import settings

from paspor.reports.tests.conftest import Week

pytestmark = pytest.mark.django_db

PERIOD = "kantor=ketapang&dari=2026-11-02&sampai=2026-11-06"
BOM = b"\xef\xbb\xbf"


def test_the_csv_starts_with_a_byte_order_mark_so_excel_reads_it_as_utf8(
    client_for, head_of_office, week: Week
):
    """Without the mark Excel reads the file in Windows' code page: "07.00–07.59" came out
    as "07.00â€“07.59"."""
    body = client_for(head_of_office).get(f"/laporan/dasbor/unduh/kedatangan.csv?{PERIOD}").content
    assert body.startswith(BOM)
    assert not body[len(BOM) :].startswith(BOM)
    assert re.search(r"\d\d\.00–\d\d\.59", body.decode("utf-8-sig"))


def test_a_program_reading_the_csv_as_utf8_sig_gets_the_plain_header(
    client_for, head_of_office, week: Week
):
    body = client_for(head_of_office).get(f"/laporan/dasbor/unduh/penerimaan.csv?{PERIOD}").content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][0] == "Jenis tarif"
    assert rows[-1][-2:] == ["3", "2000000"]


def test_the_page_says_which_download_opens_in_a_spreadsheet(
    client_for, head_of_office, week: Week
):
    page = client_for(head_of_office).get(f"/laporan/dasbor/?{PERIOD}").content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Untuk dibuka di Excel atau spreadsheet lain, pilih XLSX." in text
    assert text.count("XLSX untuk Excel") == 10
    assert text.count("CSV untuk olah data") == 10


@pytest.mark.parametrize(("language", "first_hour"), [("id", "08.00–08.59"), ("en", "08:00–08:59")])
def test_the_arrival_hours_are_written_as_the_reader_writes_times(
    client_for, head_of_office, week: Week, language, first_hour
):
    client = client_for(head_of_office)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    body = client.get(f"/laporan/dasbor/unduh/kedatangan.csv?{PERIOD}").content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[1][0] == first_hour


def test_a_name_written_as_a_formula_stays_text_in_the_csv_and_the_xlsx(
    client_for, head_of_office, week: Week
):
    """Names and reasons are typed by people: a spreadsheet opening the file must not run one
    as a formula (a link that sends the sheet's data elsewhere)."""
    from openpyxl import load_workbook

    from paspor.accounts.models import User

    formula = '=HYPERLINK("https://contoh.example/","Klik di sini")'
    User.objects.filter(username="petugas_biometrik_2").update(first_name=formula, last_name="")
    client = client_for(head_of_office)
    body = client.get(f"/laporan/dasbor/unduh/sertifikasi.csv?{PERIOD}").content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[1][:2] == ["'" + formula, "petugas_biometrik_2"]
    workbook = client.get(f"/laporan/dasbor/unduh/sertifikasi.xlsx?{PERIOD}").content
    sheet = load_workbook(io.BytesIO(workbook)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == formula]
    assert cells and all(cell.data_type == "s" for cell in cells)  # not "f": shown as typed


def test_an_office_named_like_a_formula_stays_text_above_the_xlsx_table(
    client_for, head_of_office, week: Week
):
    """The office's name, typed by an administrator, heads every sheet: stored as the text it
    is, never as a formula the spreadsheet would run."""
    import zipfile

    from openpyxl import load_workbook

    from paspor.offices.models import Office

    formula = '=HYPERLINK("http://x.example/","klik")'
    Office.objects.filter(pk=week.office.pk).update(name=formula)
    body = client_for(head_of_office).get(f"/laporan/dasbor/unduh/permohonan.xlsx?{PERIOD}").content
    cell = load_workbook(io.BytesIO(body)).active["B2"]
    assert (cell.value, cell.data_type) == (formula, "s")
    sheet_xml = zipfile.ZipFile(io.BytesIO(body)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml
