"""The stock report's month: one of the report years, not after this month; a refused month
shows the message and the month picker, never another month's figures."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from paspor.issuance.tests.conftest import receive

pytestmark = pytest.mark.django_db

TODAY = "2026-12-02 10:00 +07:00"  # a Wednesday in December 2026 at Ketapang
UNREADABLE = "Bulan “{}” tidak dapat dibaca: tulis TTTT-BB antara 2000 dan 2099."
AHEAD = "Bulan {} belum dimulai; laporan stok tersedia sampai Desember 2026."


def url(name, **query):
    path = reverse(f"issuance:{name}", kwargs={"office": "ketapang"})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def report(client_for, office, printer):
    receive(office, printer, "C1000001", "C1000003", on=dt.date(2026, 11, 2))
    client = client_for(printer)

    def get(name, **query):
        with time_machine.travel(TODAY, tick=False):
            return client.get(url(name, **query))

    return get


@pytest.mark.parametrize(
    ("month", "said"),
    [
        ("2026-13", UNREADABLE.format("2026-13")),
        ("maret", UNREADABLE.format("maret")),
        ("2100-12", UNREADABLE.format("2100-12")),
        ("1999-12", UNREADABLE.format("1999-12")),
        ("2027-01", AHEAD.format("Januari 2027")),
        ("2099-12", AHEAD.format("Desember 2099")),
    ],
)
def test_a_refused_month_shows_the_message_and_the_picker_only(report, month, said):
    response = report("stock_report", bulan=month)
    assert response.status_code == 400
    page = response.content.decode()
    assert said in page
    assert 'id="month-form"' in page and 'name="bulan"' in page
    assert "<table" not in page and 'id="download-xlsx"' not in page
    assert "Desember 2026" not in page.replace(said, "")  # no figures of this month instead


@pytest.mark.parametrize("month", ["2026-13", "2100-12", "2027-01", "2099-12"])
def test_the_download_and_the_drill_down_refuse_the_same_month(report, month):
    said = report("stock_report", bulan=month).context["error"]
    for name, extra in (("stock_report_xlsx", {}), ("stock_report_booklets", {"kolom": "used"})):
        refused = report(name, bulan=month, jenis="electronic", **extra)
        assert (refused.status_code, refused.content.decode()) == (400, said)


def test_this_month_is_reported_with_no_link_to_the_next(report):
    response = report("stock_report", bulan="2026-12")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Laporan stok buku paspor · Desember 2026" in page
    assert '<a href="?bulan=2026-11">&larr; November 2026</a>' in page
    assert "?bulan=2027-01" not in page and 'max="2026-12"' in page
    assert 'id="download-xlsx"' in page
    assert report("stock_report_xlsx", bulan="2026-12").status_code == 200


def test_the_first_report_month_has_no_link_to_the_one_before(report):
    response = report("stock_report", bulan="2000-01")
    assert response.status_code == 200
    assert "?bulan=1999-12" not in response.content.decode()
