"""Who may open the dashboards, what the live one shows, and the downloads."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
import time_machine
from django.utils import timezone
from openpyxl import load_workbook

from conftest import make_user
from paspor.accounts.models import Role
from paspor.offices.models import Counter, OfficeService, ServiceKind, Station, StationType
from paspor.queueing.models import CounterSession, Ticket, TicketStatus
from paspor.reports.selectors.today import today_summary
from paspor.reports.tables import TABLES
from paspor.reports.tests.conftest import AFTER_THE_WEEK, Week

pytestmark = pytest.mark.django_db

PERIOD = "dari=2026-11-02&sampai=2026-11-06"


def test_anonymous_is_sent_to_login(client_for, office) -> None:
    for url in ("/laporan/dasbor/", f"/laporan/kantor/{office.code}/hari-ini/"):
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert "/akun/" in response["Location"]


def test_officer_gets_403(client_for, intake_officer, office) -> None:
    client = client_for(intake_officer)
    assert client.get("/laporan/dasbor/").status_code == 403
    assert client.get(f"/laporan/kantor/{office.code}/hari-ini/").status_code == 403
    assert client.get("/laporan/dasbor/unduh/permohonan.csv").status_code == 403


def test_head_of_another_office_gets_404(client_for, office, other_office) -> None:
    other_head = make_user("kakanim_lain", role=Role.HEAD, office=other_office)
    client = client_for(other_head)
    assert client.get(f"/laporan/kantor/{office.code}/hari-ini/").status_code == 404
    assert client.get(f"/laporan/dasbor/?kantor={office.code}&{PERIOD}").status_code == 404
    assert (
        client.get(f"/laporan/dasbor/unduh/permohonan.csv?kantor={office.code}").status_code == 404
    )


def test_head_of_office_cannot_see_the_national_roll_up(client_for, head_of_office) -> None:
    response = client_for(head_of_office).get(f"/laporan/dasbor/?kantor=nasional&{PERIOD}")
    assert response.status_code == 404


def test_head_of_office_sees_own_office(client_for, head_of_office, week: Week) -> None:
    with time_machine.travel(AFTER_THE_WEEK, tick=False):
        response = client_for(head_of_office).get(f"/laporan/dasbor/?kantor=ketapang&{PERIOD}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kantor Imigrasi Ketapang" in page and "<svg" in page
    assert "Mesin cetak rusak" in page  # the late case's reason
    assert 'value="nasional"' not in page


def test_headquarters_sees_every_office_and_the_national_roll_up(
    client_for, hq_user, week: Week
) -> None:
    client = client_for(hq_user)
    national = client.get(f"/laporan/dasbor/?kantor=nasional&{PERIOD}")
    assert national.status_code == 200
    assert "Nasional" in national.content.decode()
    assert client.get(f"/laporan/dasbor/?kantor=pontianak&{PERIOD}").status_code == 200
    assert client.get("/laporan/kantor/pontianak/hari-ini/").status_code == 200
    csv_text = client.get(
        f"/laporan/dasbor/unduh/tidak-hadir.csv?kantor=nasional&{PERIOD}"
    ).content.decode()
    assert "60.0" in csv_text  # 3 of 5 bookings at both offices did not come


def test_bad_period_is_refused_in_indonesian(client_for, hq_user) -> None:
    response = client_for(hq_user).get(
        "/laporan/dasbor/?kantor=nasional&dari=2026-11-06&sampai=2026-11-02"
    )
    assert response.status_code == 400
    assert "Tanggal awal tidak boleh setelah tanggal akhir." in response.content.decode()


def test_a_refused_period_is_said_on_its_own_line_not_in_a_cell_of_the_fields(
    client_for, hq_user
) -> None:
    page = (
        client_for(hq_user)
        .get("/laporan/dasbor/?kantor=nasional&dari=2026-11-06&sampai=2026-11-02")
        .content.decode()
    )
    form = re.search(r'<form method="get"[^>]*>(.*?)</form>', page, flags=re.S)
    assert form is not None
    fields = re.search(r'<div class="grid">(.*)</div>\s*$', form.group(1), flags=re.S)
    # The row of fields is a grid of its own; the reason stands above it, the width of the page.
    assert fields is not None and 'id="id_dari"' in fields.group(1)
    assert "Tanggal awal tidak boleh setelah tanggal akhir." in form.group(1)
    assert "Tanggal awal tidak boleh setelah tanggal akhir." not in fields.group(1)


def test_the_live_panel_sends_a_signed_out_reader_to_sign_in_not_into_the_panel(
    client_for, office
) -> None:
    panel = f"/laporan/kantor/{office.code}/hari-ini/panel/"
    # htmx reloads the panel every 15 seconds; the session ended meanwhile (8 hours).
    page = f"http://testserver/laporan/kantor/{office.code}/hari-ini/"
    response = client_for(None).get(panel, headers={"HX-Request": "true", "HX-Current-URL": page})
    assert response.status_code == 204 and not response.content  # nothing to swap in
    assert response["HX-Redirect"] == (
        f"/akun/masuk/?next=/laporan/kantor/{office.code}/hari-ini/"  # the whole page after
    )
    # Opened by hand, not by htmx: the sign-in page as before.
    assert client_for(None).get(panel).status_code == 302


def test_downloads_as_csv_and_xlsx(client_for, head_of_office, week: Week) -> None:
    client = client_for(head_of_office)
    response = client.get(f"/laporan/dasbor/unduh/penerimaan.csv?kantor=ketapang&{PERIOD}")
    assert response.status_code == 200
    assert "2000000" in response.content.decode()
    assert response["Content-Disposition"].endswith('.csv"')
    response = client.get(f"/laporan/dasbor/unduh/waktu-pos.xlsx?kantor=ketapang&{PERIOD}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["Pemeriksaan berkas", 3, 20, 20, 28, 2, 15, 15, 19] in values
    assert client.get(f"/laporan/dasbor/unduh/tidak-ada.csv?{PERIOD}").status_code == 404


def test_today_counts_waiting_longest_wait_and_who_staffs_counters(
    office, intake_officer, client_for, head_of_office
) -> None:
    now = timezone.now()
    day = now.astimezone(office.tz).date()
    service = OfficeService.objects.create(
        office=office, kind=ServiceKind.REGULAR, ticket_prefix="A", route=["intake"]
    )
    intake = Station.objects.get(office=office, station_type=StationType.INTAKE)
    for n, minutes_ago in enumerate((25, 5), start=1):
        Ticket.objects.create(
            office=office,
            service=service,
            day=day,
            prefix="A",
            number=n,
            station=intake,
            arrived_at=now - dt.timedelta(minutes=minutes_ago),
            queued_at=now - dt.timedelta(minutes=minutes_ago),
        )
    Ticket.objects.create(
        office=office,
        service=service,
        day=day,
        prefix="A",
        number=3,
        arrived_at=now,
        status=TicketStatus.DONE,
    )
    Ticket.objects.create(
        office=office,
        service=service,
        day=day,
        prefix="A",
        number=4,
        arrived_at=now,
        status=TicketStatus.NO_SHOW,
    )
    counter = Counter.objects.create(office=office, number=1, name="Loket 1")
    CounterSession.objects.create(
        counter=counter, station=intake, officer=intake_officer, opened_at=now
    )
    summary = today_summary(office, now=now)
    row = next(s for s in summary.stations if s.station == intake)
    assert row.waiting == 2
    assert row.longest_wait_minutes == pytest.approx(25)
    assert [(c.number, c.officer) for c in row.counters] == [(1, "petugas_loket")]
    assert (summary.tickets_issued, summary.tickets_served, summary.tickets_no_show) == (4, 1, 1)
    panel = client_for(head_of_office).get(f"/laporan/kantor/{office.code}/hari-ini/panel/")
    assert panel.status_code == 200
    assert "Loket 1: petugas_loket" in panel.content.decode()  # not the admin's "ketapang loket 1"
    reader = client_for(head_of_office)
    reader.cookies["django_language"] = "en"
    english = reader.get(f"/laporan/kantor/{office.code}/hari-ini/panel/").content.decode()
    assert "Counter 1: petugas_loket" in english
    page = (
        client_for(head_of_office).get(f"/laporan/kantor/{office.code}/hari-ini/").content.decode()
    )
    assert 'hx-trigger="every 15s"' in page


def test_figures_are_grouped_as_the_reader_writes_numbers() -> None:
    from django.template import Context, Template
    from django.utils import translation

    from paspor.reports.tables import _count, _number

    page = Template("{% load report_figures %}{{ a|figure }} {{ b|figure }} {{ c|figure }}")
    values = Context({"a": 1953, "b": 97.25, "c": "Loket 1"})
    with translation.override("id"):
        assert page.render(values) == "1.953 97,25 Loket 1"
        assert (_count(250000), _number(97.04, " %")) == ("250.000", "97,0 %")
    with translation.override("en"):
        assert page.render(values) == "1,953 97.25 Loket 1"
        assert (_count(250000), _number(97.04, " %")) == ("250,000", "97.0 %")


SHEETS = {
    "permohonan": ("Permohonan", "Applications", "applications"),
    "keputusan": ("Keputusan", "Decisions", "decisions"),
    "sla": ("SLA", "SLA", "sla"),
    "waktu-pos": ("Waktu pos", "Station times", "station-times"),
    "kedatangan": ("Kedatangan", "Arrivals", "arrivals"),
    "tidak-hadir": ("Tidak hadir", "No-shows", "no-shows"),
    "penerimaan": ("Penerimaan", "Revenue", "revenue"),
    "blanko": ("Blanko", "Booklets", "booklets"),
    "ikm": ("IKM", "IKM", "ikm"),
    "sertifikasi": ("Sertifikasi", "Certifications", "certifications"),
}


def _download(client, key: str, fmt: str, where: str = "ketapang") -> tuple[str, bytes]:
    response = client.get(f"/laporan/dasbor/unduh/{key}.{fmt}?kantor={where}&{PERIOD}")
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="') and disposition.endswith('"')
    return disposition.removeprefix('attachment; filename="')[:-1], response.content


def test_every_table_has_a_sheet_and_a_file_named_in_the_readers_language(
    client_for, head_of_office, week: Week
) -> None:
    """Indonesian keeps the names the office knows (blanko-ketapang-…); English reads revenue,
    booklets…; both keep the office code and the dates, in ASCII without spaces."""
    assert set(SHEETS) == set(TABLES)
    client = client_for(head_of_office)
    for key, (indonesian, english, english_file) in SHEETS.items():
        client.cookies["django_language"] = "id"
        name, book = _download(client, key, "xlsx")
        assert name == f"{key}-ketapang-20261102-20261106.xlsx"
        assert load_workbook(io.BytesIO(book)).active.title == indonesian
        assert _download(client, key, "csv")[0] == f"{key}-ketapang-20261102-20261106.csv"

        client.cookies["django_language"] = "en"
        name, book = _download(client, key, "xlsx")
        assert name == f"{english_file}-ketapang-20261102-20261106.xlsx"
        assert name.isascii() and " " not in name
        assert load_workbook(io.BytesIO(book)).active.title == english
        assert _download(client, key, "csv")[0] == f"{english_file}-ketapang-20261102-20261106.csv"


def test_the_national_roll_up_is_named_national_in_english(client_for, hq_user, week: Week) -> None:
    client = client_for(hq_user)
    assert _download(client, "blanko", "xlsx", "nasional")[0] == (
        "blanko-nasional-20261102-20261106.xlsx"
    )
    client.cookies["django_language"] = "en"
    assert _download(client, "blanko", "xlsx", "nasional")[0] == (
        "booklets-national-20261102-20261106.xlsx"
    )


def test_the_period_in_a_workbook_is_two_dates_a_spreadsheet_can_compute_with(
    client_for, head_of_office, week: Week
) -> None:
    client = client_for(head_of_office)
    for language, label in (("id", "Periode"), ("en", "Period")):
        client.cookies["django_language"] = language
        sheet = load_workbook(io.BytesIO(_download(client, "penerimaan", "xlsx")[1])).active
        period_row = sheet[3]
        assert period_row[0].value == label
        assert [cell.value for cell in period_row[1:]] == [
            dt.datetime(2026, 11, 2),
            dt.datetime(2026, 11, 6),
        ]
        assert all(cell.is_date and cell.number_format == "yyyy-mm-dd" for cell in period_row[1:])


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Penerimaan", "Penerimaan"),
        ("Rusak / hilang: [buku]?*", "Rusak hilang buku"),
        ("A" * 40, "A" * 31),
        ("'kutip'", "kutip"),
        ("::", "blanko"),
    ],
)
def test_a_sheet_title_is_one_excel_accepts(title: str, expected: str) -> None:
    from paspor.reports.tables import sheet_title

    assert sheet_title(title, fallback="blanko") == expected


@pytest.mark.parametrize(
    "url",
    [
        "/laporan/dasbor/?kantor=ketapang&dari=9999-12-01&sampai=9999-12-31",
        "/laporan/dasbor/?kantor=ketapang&dari=0001-01-01&sampai=0001-01-02",
        "/laporan/dasbor/unduh/penerimaan.xlsx?kantor=ketapang&dari=9999-12-01&sampai=9999-12-31",
        "/laporan/kantor/ketapang/kapasitas/?tanggal=0001-01-01",
        "/laporan/kantor/ketapang/kapasitas/?tanggal=9999-12-31",
    ],
)
def test_a_year_typed_off_the_calendar_is_refused_with_the_reason(
    client_for, head_of_office, url: str
) -> None:
    response = client_for(head_of_office).get(url)
    assert response.status_code == 400
    assert "Masukkan tanggal antara tahun 2000 dan 2099." in response.content.decode()


def test_the_office_choice_is_national_first_then_by_province_and_city(
    client_for, hq_user, office, other_office
) -> None:
    import re

    from paspor.offices.models import Office

    Office.objects.filter(pk=office.pk).update(
        city="Kabupaten Ketapang", province="Kalimantan Barat"
    )
    Office.objects.filter(pk=other_office.pk).update(city="Kota Ambon", province="Maluku")
    page = client_for(hq_user).get(f"/laporan/dasbor/?{PERIOD}").content.decode()
    select = page[
        page.index('name="kantor"') : page.index("</select>", page.index('name="kantor"'))
    ]
    assert re.findall(r'<optgroup label="([^"]+)"', select) == ["Kalimantan Barat", "Maluku"]
    codes = re.findall(r'<option value="([a-z]+)"', select)
    assert codes == ["nasional", office.code, other_office.code]
    assert '<option value="nasional" selected>' in select
