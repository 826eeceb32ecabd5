"""The IKM report's period: at most a year, as the dashboards, and a trend that stops at today."""

import datetime as dt
import io
import re

import pytest
import time_machine
from openpyxl import load_workbook

from paspor.surveys.tests.test_ikm_report import store

pytestmark = pytest.mark.django_db
REPORT = "/survei/kantor/ketapang/ikm/"
XLSX = "/survei/kantor/ketapang/ikm.xlsx"
TODAY = "2026-12-02 10:00 +07:00"


@pytest.mark.parametrize(
    "period",
    [
        {"dari": "2000-01-01", "sampai": "2099-12-31"},
        {"dari": "2024-12-31", "sampai": "2026-01-01"},  # 367 days
    ],
)
def test_a_period_longer_than_a_year_is_refused_with_no_figures(client_for, head_of_office, period):
    client = client_for(head_of_office)
    response = client.get(REPORT, period)
    page = response.content.decode()
    assert response.status_code == 400
    assert re.search(r'class="message error"[^>]*>Periode paling panjang satu tahun.</p>', page)
    assert "Nilai per unsur" not in page and "IKM per bulan" not in page
    download = client.get(XLSX, period)
    assert download.status_code == 400
    assert download.content.decode() == "Periode tidak sah; pilih tanggal di halaman laporan."


def test_a_whole_year_is_a_period(client_for, head_of_office):
    for period in (
        {"dari": "2025-01-01", "sampai": "2025-12-31"},
        {"dari": "2024-01-01", "sampai": "2024-12-31"},  # a leap year, 366 days
    ):
        assert client_for(head_of_office).get(REPORT, period).status_code == 200


def trend_months(page: str) -> list[str]:
    table = page[page.index("Angka di balik grafik") :]
    return re.findall(r'<tr><th scope="row">([^<]+)</th>', table)


def test_the_trend_of_a_period_running_past_today_stops_at_this_month(
    client_for, head_of_office, office, intake_officer
):
    store(office, intake_officer, [[4] * 9], day=dt.date(2026, 11, 20))
    with time_machine.travel(TODAY, tick=False):
        client = client_for(head_of_office)
        page = client.get(REPORT, {"dari": "2026-12-01", "sampai": "2027-06-30"}).content.decode()
        download = client.get(XLSX, {"dari": "2026-12-01", "sampai": "2027-06-30"})
    months = trend_months(page)
    assert months[0] == "Januari 2026" and months[-1] == "Desember 2026" and len(months) == 12
    assert "2027" not in "".join(months)
    sheet = load_workbook(io.BytesIO(download.content))["Bulanan"]
    last = list(sheet.iter_rows(values_only=True))[-1]
    assert last[0] == dt.datetime(2026, 12, 1)


def test_a_period_wholly_to_come_says_the_year_up_to_this_month(client_for, head_of_office):
    with time_machine.travel(TODAY, tick=False):
        page = (
            client_for(head_of_office)
            .get(REPORT, {"dari": "2027-01-01", "sampai": "2027-03-31"})
            .content.decode()
        )
    assert "Belum ada jawaban survei dari Januari 2026 sampai Desember 2026." in page
