"""A period given by one date only: the dashboard and its downloads read it, never drop it."""

from __future__ import annotations

import pytest
import time_machine

from paspor.reports.tests.conftest import AFTER_THE_WEEK, Week

pytestmark = pytest.mark.django_db


def test_an_end_date_alone_is_its_month_up_to_that_day(client_for, head_of_office) -> None:
    with time_machine.travel(AFTER_THE_WEEK, tick=False):  # 10 November 2026
        response = client_for(head_of_office).get("/laporan/dasbor/?sampai=2026-10-20")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Periode 1 Oktober 2026 – 20 Oktober 2026." in page
    assert 'value="2026-10-01"' in page and 'value="2026-10-20"' in page  # the form says so too


def test_a_download_with_an_end_date_alone_is_of_that_period(
    client_for, head_of_office, week: Week
) -> None:
    client = client_for(head_of_office)
    with time_machine.travel(AFTER_THE_WEEK, tick=False):
        october = client.get("/laporan/dasbor/unduh/penerimaan.csv?sampai=2026-10-31")
        week_to_date = client.get("/laporan/dasbor/unduh/penerimaan.csv?sampai=2026-11-06")
    assert october.status_code == 200
    assert october["Content-Disposition"].endswith('-ketapang-20261001-20261031.csv"')
    assert "2000000" not in october.content.decode()  # the week's payments fell in November
    assert week_to_date["Content-Disposition"].endswith('-ketapang-20261101-20261106.csv"')
    assert "2000000" in week_to_date.content.decode()


def test_an_end_date_alone_with_the_office_is_read_the_same(client_for, head_of_office) -> None:
    with time_machine.travel(AFTER_THE_WEEK, tick=False):
        response = client_for(head_of_office).get(
            "/laporan/dasbor/?kantor=ketapang&sampai=2026-10-20"
        )
    assert response.status_code == 200
    assert "Periode 1 Oktober 2026 – 20 Oktober 2026." in response.content.decode()


def test_a_start_date_alone_runs_to_today(client_for, head_of_office) -> None:
    with time_machine.travel(AFTER_THE_WEEK, tick=False):
        response = client_for(head_of_office).get("/laporan/dasbor/?dari=2026-10-15")
    assert response.status_code == 200
    assert "Periode 15 Oktober 2026 – 10 November 2026." in response.content.decode()


def test_an_end_date_alone_that_is_not_a_date_is_refused_as_that(
    client_for, head_of_office
) -> None:
    client = client_for(head_of_office)
    with time_machine.travel(AFTER_THE_WEEK, tick=False):
        page = client.get("/laporan/dasbor/?sampai=2026-10-32")
        download = client.get("/laporan/dasbor/unduh/penerimaan.csv?sampai=kemarin")
    assert page.status_code == 400
    assert "Tanggal awal tidak boleh setelah tanggal akhir." not in page.content.decode()
    assert (download.status_code, download.content.decode()) == (
        400,
        "Sampai: Masukkan tanggal yang valid.",
    )
