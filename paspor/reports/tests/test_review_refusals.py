"""What the dashboards answer to a period or a plan they cannot give as asked.

A download of a refused period is refused as the page is (400, with the reason), never a file of
another period; a capacity link that names only the day plans it with the default target.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings

from conftest import make_office, make_user
from paspor.accounts.models import Role

pytestmark = pytest.mark.django_db

EXPORT = "/laporan/dasbor/unduh/sla.csv"
CAPACITY_URL = "/laporan/kantor/ketapang/kapasitas/"


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("dari=2026-11-30&sampai=2026-11-01", "Tanggal awal tidak boleh setelah tanggal akhir."),
        ("dari=2025-01-01&sampai=2026-11-01", "Periode paling panjang satu tahun."),
        ("dari=kemarin&sampai=2026-11-01", "Dari: "),
    ],
)
def test_a_download_of_a_refused_period_is_refused_with_the_reason(
    client_for, head_of_office, query, reason
) -> None:
    response = client_for(head_of_office).get(f"{EXPORT}?kantor=ketapang&{query}")
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    assert reason in response.content.decode()


def test_a_refused_download_gives_its_reason_in_english_to_an_english_reader(
    client_for, head_of_office
) -> None:
    client = client_for(head_of_office)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"{EXPORT}?kantor=ketapang&dari=2026-11-30&sampai=2026-11-01")
    assert response.status_code == 400
    assert response.content.decode() == "The start date cannot be after the end date."


def test_a_download_of_a_good_period_is_still_a_file(client_for, head_of_office) -> None:
    response = client_for(head_of_office).get(
        f"{EXPORT}?kantor=ketapang&dari=2026-11-01&sampai=2026-11-30"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-ketapang-20261101-20261130.csv"')


def test_a_capacity_link_naming_only_the_day_plans_it_with_the_default_target(
    client_for, head_of_office, office
) -> None:
    response = client_for(head_of_office).get(CAPACITY_URL, {"tanggal": "2026-12-07"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Senin, 7 Desember 2026" in body
    assert "80 % pemohon dilayani dalam 15 menit" in body
    assert 'role="alert"' not in body


def test_a_capacity_link_naming_only_the_target_plans_the_next_working_day(
    client_for, head_of_office, office
) -> None:
    response = client_for(head_of_office).get(CAPACITY_URL, {"persen": "90"})
    assert response.status_code == 200
    assert "90 % pemohon dilayani dalam 15 menit" in response.content.decode()


def test_a_capacity_field_emptied_by_the_reader_is_still_refused(
    client_for, head_of_office, office
) -> None:
    response = client_for(head_of_office).get(
        CAPACITY_URL, {"tanggal": "2026-12-07", "tunggu": "", "persen": "80"}
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_the_default_period_is_this_month_on_the_offices_own_calendar(client_for) -> None:
    """At 23:30 WIB on 1 April it is already 2 April in Jayapura (WIT): the head of that
    office opens April so far, not March (where WIB still is on its 1st)."""
    office = make_office("jayapura", tz="Asia/Jayapura")
    head = make_user("kakanim-jayapura", role=Role.HEAD, office=office)
    with time_machine.travel(dt.datetime(2026, 4, 1, 16, 30, tzinfo=dt.UTC), tick=False):
        page = client_for(head).get("/laporan/dasbor/").content.decode()
    assert 'name="dari" value="2026-04-01"' in page
    assert 'name="sampai" value="2026-04-02"' in page


def test_on_the_first_of_a_month_the_default_period_is_the_month_just_ended(client_for) -> None:
    """A head of office opening the dashboard on the morning of the 1st reads last month's
    figures, not a month of one day with nothing in it yet."""
    office = make_office("jayapura", tz="Asia/Jayapura")
    head = make_user("kakanim-jayapura", role=Role.HEAD, office=office)
    # 07.00 WIT on 1 March 2026 (2026 is no leap year: February has 28 days).
    with time_machine.travel(dt.datetime(2026, 2, 28, 22, 0, tzinfo=dt.UTC), tick=False):
        page = client_for(head).get("/laporan/dasbor/").content.decode()
    assert 'name="dari" value="2026-02-01"' in page
    assert 'name="sampai" value="2026-02-28"' in page
    assert "Periode 1 Februari 2026 – 28 Februari 2026." in page


@pytest.mark.parametrize(
    "query",
    ["dari=2026-11-30&sampai=2026-11-01", "dari=kemarin&sampai=2026-11-01"],
)
def test_a_refused_period_shows_its_reason_and_no_figures_of_another_period(
    client_for, head_of_office, query
) -> None:
    response = client_for(head_of_office).get(f"/laporan/dasbor/?kantor=ketapang&{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Angka ditampilkan setelah periode diperbaiki." in page
    # Neither the default period's figures nor its downloads, which would pass for the typed one.
    assert 'class="figure-section"' not in page
    assert "/laporan/dasbor/unduh/" not in page
    assert "Periode 1 " not in page


def test_a_good_period_still_shows_its_figures(client_for, head_of_office) -> None:
    response = client_for(head_of_office).get(
        "/laporan/dasbor/?kantor=ketapang&dari=2026-11-01&sampai=2026-11-30"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="figure-section"' in page
    assert "Periode 1 November 2026 – 30 November 2026." in page
