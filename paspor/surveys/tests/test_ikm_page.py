"""The IKM report as the head of office reads it: the period asked for, the weakest elements,
a workbook that adds up to its own index, the chart's labels, complaint handling figures."""

import datetime as dt
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
import time_machine
from openpyxl import load_workbook

from paspor.complaints.models import ComplaintCategory
from paspor.complaints.services import complaint_respond, complaint_submit
from paspor.surveys.chart import HEIGHT, RIGHT, WIDTH, ikm_chart_svg
from paspor.surveys.exports import ikm_report_xlsx
from paspor.surveys.selectors import MonthPoint, ikm_monthly, ikm_report
from paspor.surveys.tests.test_ikm_report import DAY, store

pytestmark = pytest.mark.django_db
REPORT = "/survei/kantor/ketapang/ikm/"


# --- The period ---------------------------------------------------------------------------------


def test_a_period_that_ends_before_it_starts_is_refused_on_its_own_line_with_no_figures(
    client_for, head_of_office
):
    response = client_for(head_of_office).get(
        REPORT, {"dari": "2026-11-30", "sampai": "2026-09-01"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    message = "Tanggal awal tidak boleh setelah tanggal akhir."
    # Above the row of fields, not in its first cell.
    assert page.index(message) < page.index('class="period-fields"')
    assert "Nilai per unsur" not in page and "<svg" not in page  # no other period's figures
    assert "Belum ada angka yang ditampilkan: perbaiki periode di atas." in page


def test_a_date_that_is_no_date_is_named_at_its_field(client_for, head_of_office):
    response = client_for(head_of_office).get(REPORT, {"dari": "abc"})
    page = response.content.decode()
    assert response.status_code == 400
    assert re.search(
        r'id="id_dari_error">.*Masukkan tanggal yang benar, misalnya 2026-09-01.', page
    )
    assert re.search(r'id="id_sampai_error">.*Isi tanggal ini.', page)
    assert (
        client_for(head_of_office)
        .get(REPORT.replace("/ikm/", "/ikm.xlsx"), {"dari": "abc"})
        .status_code
        == 400
    )


@pytest.mark.parametrize(
    "period",
    [
        {"dari": "0001-01-01", "sampai": "0001-01-05"},
        {"dari": "9999-12-01", "sampai": "9999-12-31"},
    ],
)
def test_a_year_outside_the_reports_years_is_refused_at_its_field_not_a_server_error(
    client_for, head_of_office, period
):
    client = client_for(head_of_office)
    response = client.get(REPORT, period)
    page = response.content.decode()
    assert response.status_code == 400
    for field in ("dari", "sampai"):
        assert re.search(
            rf'id="id_{field}_error">.*Masukkan tanggal antara tahun 2000 dan 2099.', page
        )
    assert "Nilai per unsur" not in page
    download = client.get(REPORT.replace("/ikm/", "/ikm.xlsx"), period)
    assert download.status_code == 400
    assert download.content.decode() == "Periode tidak sah; pilih tanggal di halaman laporan."


def test_one_day_is_a_period(client_for, head_of_office, office, intake_officer):
    store(office, intake_officer, [[4] * 9])
    response = client_for(head_of_office).get(
        REPORT, {"dari": DAY.isoformat(), "sampai": DAY.isoformat()}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "10 Maret 2026 – 10 Maret 2026: 1 responden." in page


# --- The weakest elements -----------------------------------------------------------------------


def weakest_line(page: str) -> str:
    found = re.search(r'<p class="weakest">(.*?)</p>', page, flags=re.S)
    assert found is not None, "no weakest line"
    return found.group(1)


def test_a_tie_of_many_weakest_elements_is_counted_not_listed(
    client_for, head_of_office, office, intake_officer
):
    store(office, intake_officer, [[3, 3, 3, 3, 3, 3, 3, 4, 4]])
    page = (
        client_for(head_of_office)
        .get(REPORT, {"dari": "2026-03-01", "sampai": "2026-03-31"})
        .content.decode()
    )
    line = weakest_line(page)
    assert "7 unsur sama rendah (NRR 3,00), ditandai di tabel." in line
    assert "Persyaratan" not in line


def test_a_few_weakest_elements_are_named_with_their_nrr(
    client_for, head_of_office, office, intake_officer
):
    store(office, intake_officer, [[3, 4, 3, 4, 4, 4, 4, 4, 4]])
    page = (
        client_for(head_of_office)
        .get(REPORT, {"dari": "2026-03-01", "sampai": "2026-03-31"})
        .content.decode()
    )
    line = weakest_line(page)
    assert line == "Unsur terlemah: Persyaratan, Waktu penyelesaian (NRR 3,00)"


def test_when_every_element_scores_the_same_none_is_called_weakest(
    client_for, head_of_office, office, intake_officer
):
    store(office, intake_officer, [[4] * 9])
    page = (
        client_for(head_of_office)
        .get(REPORT, {"dari": "2026-03-01", "sampai": "2026-03-31"})
        .content.decode()
    )
    assert "Unsur terlemah" not in page
    assert not any(row.weakest for row in ikm_report(office=office, start=DAY, end=DAY).rows)


def test_the_page_says_the_index_comes_from_unrounded_nrr(client_for, head_of_office):
    page = client_for(head_of_office).get(REPORT).content.decode()
    assert "IKM dihitung dari nilai yang tidak dibulatkan." in page


# --- The workbook -------------------------------------------------------------------------------


def test_the_workbook_adds_up_to_its_own_index(office, intake_officer):
    # NRR 10/3 everywhere: 3,33 rounded. From rounded NRRs the index would be 83,25, not 83,33.
    store(office, intake_officer, [[4] * 9, [3] * 9, [3] * 9])
    report = ikm_report(office=office, start=DAY, end=DAY)
    assert report.index == Decimal("83.33")
    sheet = load_workbook(io.BytesIO(ikm_report_xlsx(report, []))).active
    rows = list(sheet.iter_rows())
    header = next(n for n, row in enumerate(rows) if row[4].value == "NRR × 1/9")
    elements = rows[header + 1 : header + 10]
    weighted = [row[4].value for row in elements]
    total = Decimal(repr(sum(weighted) * 25)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert total == report.index
    assert [row[3].number_format for row in elements] == ["0.000"] * 9
    assert elements[0][3].value == pytest.approx(10 / 3)
    # The sheet's own formulas say the same, for whoever recomputes it in a spreadsheet.
    first, last = elements[0][4].coordinate, elements[-1][4].coordinate
    assert rows[header + 10][4].value == f"=SUM({first}:{last})"
    assert rows[header + 11][4].value == f"=E{header + 11}*25"


# --- The chart ----------------------------------------------------------------------------------


def test_the_chart_keeps_its_category_labels_clear_of_the_points_and_names_years(
    office, intake_officer
):
    store(office, intake_officer, [[4] * 9], day=dt.date(2026, 11, 15))  # latest month: 100,00
    store(office, intake_officer, [[3] * 9], day=dt.date(2026, 1, 15))
    svg = str(ikm_chart_svg(ikm_monthly(office=office, until=dt.date(2026, 11, 30))))
    plot_right = WIDTH - RIGHT
    guide_labels = re.findall(r'<text x="([\d.]+)"[^>]*>([ABC]) ≥', svg)
    assert len(guide_labels) == 3 and all(float(x) > plot_right for x, _ in guide_labels)
    assert all(float(cx) < plot_right for cx in re.findall(r'<circle cx="([\d.]+)"', svg))
    labels = re.findall(
        r'<text x="[\d.]+" y="(\d+)"[^>]*text-anchor="middle"[^>]*>([^<]+)</text>', svg
    )
    months = [text for y, text in labels if int(y) < HEIGHT - 30]
    years = [text for y, text in labels if int(y) >= HEIGHT - 30]
    assert months[0] == "Des" and months[1] == "Jan" and len(months) == 12
    assert years == ["2025", "2026"]  # under the first month and under January
    assert "Des 25" not in svg


def test_the_chart_labels_are_in_the_readers_language():
    from django.utils import translation

    points = [
        MonthPoint(month=dt.date(2026, 5, 1), respondents=1, index=Decimal("80.00"), category=None)
    ]
    with translation.override("en"):
        svg = str(ikm_chart_svg(points))
    assert ">May<" in svg and ">2026<" in svg and "B ≥ 76.61" in svg


def test_twelve_months_without_answers_are_said_in_a_sentence_not_an_empty_chart(
    client_for, head_of_office
):
    page = (
        client_for(head_of_office)
        .get(REPORT, {"dari": "2026-01-01", "sampai": "2026-03-31"})
        .content.decode()
    )
    assert "Belum ada jawaban survei dari April 2025 sampai Maret 2026." in page
    assert 'class="ikm-chart"' not in page and "Angka di balik grafik" not in page


def test_a_month_with_answers_draws_the_chart_and_its_figures(
    client_for, head_of_office, office, intake_officer
):
    store(office, intake_officer, [[4] * 9])
    page = (
        client_for(head_of_office)
        .get(REPORT, {"dari": "2026-01-01", "sampai": "2026-03-31"})
        .content.decode()
    )
    assert 'class="ikm-chart"' in page and "Angka di balik grafik" in page
    assert "Belum ada jawaban survei dari" not in page


# --- Complaint handling beside element 8 --------------------------------------------------------


def test_the_median_response_time_is_shown_with_one_decimal(client_for, head_of_office, office):
    from django.core.cache import cache

    with time_machine.travel("2026-03-02 09:00 +07:00"):  # Monday
        complaint = complaint_submit(
            office=office, category=ComplaintCategory.OTHER, body="Toilet rusak.", ip="10.9.9.9"
        )
    with time_machine.travel("2026-03-05 09:00 +07:00"):  # three working days later
        complaint_respond(complaint=complaint, response="Sudah.", by=head_of_office)
    cache.clear()
    page = (
        client_for(head_of_office)
        .get(REPORT, {"dari": "2026-03-01", "sampai": "2026-03-31"})
        .content.decode()
    )
    assert "Median waktu tanggapan: 3,0 hari kerja." in page
