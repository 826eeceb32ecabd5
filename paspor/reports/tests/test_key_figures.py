"""The key figures above each chart say what the table under it says, in the reader's language."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
import time_machine
from django.utils import translation
from openpyxl import load_workbook

from paspor.reports.figures import fixed, rounded
from paspor.reports.tables import (
    applications_table,
    arrivals_table,
    certifications_table,
    ikm_table,
    revenue_table,
    sla_table,
)
from paspor.reports.tests.conftest import AFTER_THE_WEEK, END, START, Week

PERIOD = "dari=2026-11-02&sampai=2026-11-06"


def _section(page: str, key: str) -> str:
    """One table's section of the dashboard: its key figures, chart and table."""
    match = re.search(rf'<section id="{key}".*?</section>', page, re.S)
    assert match, key
    return match.group(0)


def _tiles(section: str) -> list[str]:
    return re.findall(r'<span class="figure">([^<]*)</span>', section)


def _cells(section: str) -> list[str]:
    return re.findall(r"<td>([^<]*)</td>", section)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (200 / 3, 1, "66.7"),  # number_format(decimal_pos=1) cut it to 66.6
        (12.25, 1, "12.3"),  # round() goes to the even 12.2
        (0.15, 1, "0.2"),  # 0.1499999… in binary
        (20, 1, "20.0"),
        (Decimal("87.5"), 2, "87.50"),
        (Decimal("88.305"), 2, "88.31"),
    ],
)
def test_figures_round_half_up(value: float | Decimal, places: int, expected: str) -> None:
    assert str(rounded(value, places)) == expected


def test_a_key_figure_is_rounded_half_up_in_the_readers_language() -> None:
    with translation.override("id"):
        assert fixed(12.25, 1, " %") == "12,3 %"
        assert fixed(1234.5, 2) == "1.234,50"
        assert fixed(None) == "–"
    with translation.override("en"):
        assert fixed(12.25, 1, " %") == "12.3 %"
        assert fixed(1234.5, 2) == "1,234.50"


@pytest.mark.django_db
def test_the_sla_key_figure_agrees_with_its_table(client_for, head_of_office, week: Week) -> None:
    """Two of three cases kept their promised date: 66,7 %, above the chart and in the table."""
    with time_machine.travel(AFTER_THE_WEEK, tick=False):
        page = client_for(head_of_office).get(f"/laporan/dasbor/?kantor=ketapang&{PERIOD}")
        with translation.override("id"):
            table = sla_table(week.office, START, END)
    sla = _section(page.content.decode(), "sla")
    assert _tiles(sla)[0] == "66,7 %"
    assert "66,7" in _cells(sla)
    assert "66,6" not in sla
    assert table.rows[4] == ["Tepat waktu (%)", Decimal("66.7")]  # the CSV and XLSX say 66.7


@pytest.mark.django_db
def test_the_ikm_has_two_decimals_with_the_readers_decimal_mark(
    client_for, head_of_office, week: Week
) -> None:
    """NRR 3,5 everywhere → IKM 87,50: the key figure and the table's last row alike."""
    client = client_for(head_of_office)
    indonesian = _section(
        client.get(f"/laporan/dasbor/?kantor=ketapang&{PERIOD}").content.decode(), "ikm"
    )
    assert _tiles(indonesian)[0] == "87,50"
    assert _cells(indonesian)[-1] == "87,50"
    assert "3,50" in _cells(indonesian)
    assert not any("." in figure for figure in _tiles(indonesian) + _cells(indonesian))
    assert "U1: 3,5</title>" in indonesian  # a bar's tooltip in the chart

    client.cookies["django_language"] = "en"
    english = _section(
        client.get(f"/laporan/dasbor/?kantor=ketapang&{PERIOD}").content.decode(), "ikm"
    )
    assert _tiles(english)[0] == "87.50"
    assert _cells(english)[-1] == "87.50"
    assert "87,5" not in english


@pytest.mark.django_db
def test_english_key_figures_count_in_the_plural(week: Week) -> None:
    with translation.override("en"):
        applications = applications_table(week.office, START, END).summary[0]
        tickets = arrivals_table(week.office, START, END).summary[0]
        respondents = ikm_table(week.office, START, END).summary[2]
        certifications = certifications_table(week.office, START, END).summary[0]
        no_respondents = ikm_table(week.other, START, END).summary[2]

    assert applications[0] == "Applications" and int(applications[1]) > 1
    assert tickets == ("Queue tickets", "3")
    assert respondents == ("Respondents", "2")
    assert certifications == ("Certification", "1")
    assert no_respondents == ("Respondents", "0")


@pytest.mark.django_db
def test_the_english_dashboard_names_the_stations_and_totals_as_the_dashboard_means(
    week: Week,
) -> None:
    """Words shared with other apps ("Berkas" is a payment's file, "Jumlah" an amount) are kept
    apart by their context on the dashboard."""
    with translation.override("en"):
        applications = applications_table(week.office, START, END)
    assert applications.headers[-1] == "Total" and applications.rows[-1][0] == "Total"
    assert ">applications</text>" in applications.chart


@pytest.mark.django_db
def test_money_is_written_as_rupiah_in_both_languages_and_stays_a_number_in_the_files(
    client_for, head_of_office, week: Week
) -> None:
    """Rp 650.000 in the key figure and in the table alike, on the English page too; counts keep
    the reader's grouping; the CSV and XLSX keep plain integers for a spreadsheet's sums."""
    client = client_for(head_of_office)
    for language in ("id", "en"):
        client.cookies["django_language"] = language
        page = client.get(f"/laporan/dasbor/?kantor=ketapang&{PERIOD}").content.decode()
        revenue = _section(page, "penerimaan")
        assert _tiles(revenue)[0] == "Rp 2.000.000"
        assert _cells(revenue) == [
            "1",
            "Rp 350.000",
            "1",
            "Rp 650.000",
            "1",
            "Rp 1.000.000",
            "3",
            "Rp 2.000.000",
        ]
        assert "2,000,000" not in revenue and "650,000" not in revenue

    csv_rows = client.get(
        f"/laporan/dasbor/unduh/penerimaan.csv?kantor=ketapang&{PERIOD}"
    ).content.decode()
    assert csv_rows.splitlines()[-1].endswith(",3,2000000")
    book = client.get(f"/laporan/dasbor/unduh/penerimaan.xlsx?kantor=ketapang&{PERIOD}").content
    sheet = load_workbook(io.BytesIO(book)).active
    assert [c.value for c in list(sheet.iter_rows())[-1]][1:] == [3, 2_000_000]
    assert all(type(c.value) is int for c in list(sheet.iter_rows())[-1][1:])


@pytest.mark.django_db
def test_the_revenue_total_row_adds_up_its_columns_and_the_payments_are_counted_apart(
    week: Week,
) -> None:
    """Three bill lines (two payments, one with the express fee) make Rp 2.000.000: the total row
    under "Baris tagihan" says 3, the sum of the lines above it; the two payments have their own
    key figure instead of hiding in the bill-lines column."""
    with translation.override("id"):
        indonesian = revenue_table(week.office, START, END)
    with translation.override("en"):
        english = revenue_table(week.office, START, END)

    *items, total = indonesian.rows
    assert total == ["Jumlah", 3, 2_000_000]
    assert total[1] == sum(row[1] for row in items)  # type: ignore[misc]
    assert total[2] == sum(row[2] for row in items)  # type: ignore[misc]
    assert indonesian.summary == [("Penerimaan", "Rp 2.000.000"), ("Pembayaran", "2")]
    assert english.headers == ["Fee item", "Bill lines", "Rupiah"]
    assert english.rows[-1] == ["Total", 3, 2_000_000]
    assert english.summary == [("Revenue", "Rp 2.000.000"), ("Payments", "2")]
