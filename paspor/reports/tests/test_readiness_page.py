"""The national readiness list: every office, whether it serves the public, each setup step;
headquarters and administrators only; the page, its CSV and its API in a fixed number of
statements however many offices the country has."""

from __future__ import annotations

import csv
import html
import io

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_user
from paspor.accounts.models import Role, User
from paspor.accounts.services import staff_assign
from paspor.offices.models import Office
from paspor.offices.services import office_open, office_set
from paspor.offices.tests.conftest import grant_setup_permissions, lay_out, staff
from paspor.reports.views import READINESS_PAGE_SIZE

pytestmark = pytest.mark.django_db

PAGE = "/laporan/kesiapan-kantor/"
CSV = "/laporan/kesiapan-kantor/unduh.csv"
API = "/api/reports/readiness"


def an_office(
    code: str, *, province: str, city: str, ready: bool = False, opened: bool = False
) -> Office:
    office = office_set(
        code=code,
        name=f"Kantor Imigrasi {code.title()}",
        office_class="Kelas I TPI",
        address="Jl. Uji No. 1",
        city=city,
        province=province,
        time_zone="Asia/Jakarta",
        serves_on_cuti_bersama=False,
        by=None,
    )
    if ready:
        lay_out(office)
        staff(office)
    if opened:
        office_open(office=office, by=None)
    return office


@pytest.fixture
def country(db: None) -> dict[str, Office]:
    """Two offices in service, one of them ready; two being set up, one of them ready."""
    return {
        # In service from before (make_office's way: active, hours and stations only).
        "ketapang": Office.objects.create(
            code="ketapang",
            name="Kantor Imigrasi Ketapang",
            address="Jl. Uji",
            city="Kab. Ketapang",
            province="Kalimantan Barat",
        ),
        "pontianak": an_office(
            "pontianak", province="Kalimantan Barat", city="Kota Pontianak", ready=True, opened=True
        ),
        "denpasar": an_office("denpasar", province="Bali", city="Kota Denpasar"),
        "singaraja": an_office("singaraja", province="Bali", city="Kab. Buleleng", ready=True),
    }


@pytest.fixture
def headquarters(db: None) -> User:
    return make_user("ditjen", role=Role.HQ)


@pytest.fixture
def administrator(admin_user: User) -> User:
    staff_assign(user=admin_user, office=None, role=Role.ADMIN, by=None)
    return admin_user


def names_in_order(page: str, offices: dict[str, Office]) -> list[str]:
    found = sorted((page.find(o.name), code) for code, o in offices.items())
    return [code for position, code in found if position >= 0]


# --- Who may open it ---------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in_and_the_api_answers_401(client_for):
    for url in (PAGE, CSV):
        response = client_for(None).get(url)
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    answer = client_for(None).get(API)
    assert answer.status_code == 401 and answer.json()["code"] == "not_signed_in"


@pytest.mark.parametrize("persona", ["applicant", "head_of_office", "supervisor"])
def test_an_applicant_a_head_of_office_or_a_supervisor_is_refused(client_for, persona, request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(PAGE).status_code == 403
    assert client.get(CSV).status_code == 403
    answer = client.get(API)
    assert answer.status_code == 403 and answer.json()["code"] == "forbidden"


def test_headquarters_and_administrators_see_every_office(
    client_for, headquarters, administrator, country
):
    for user in (headquarters, administrator):
        page = html.unescape(client_for(user).get(PAGE).content.decode())
        assert all(office.name in page for office in country.values())


def test_the_staff_home_of_headquarters_links_to_it(client_for, headquarters, head_of_office):
    home = client_for(headquarters).get(reverse("portal:staff_home")).content.decode()
    assert f'href="{PAGE}"' in home and "Kesiapan kantor" in home
    head_home = client_for(head_of_office).get(reverse("portal:staff_home")).content.decode()
    assert PAGE not in head_home


# --- What it shows ------------------------------------------------------------------------


def test_offices_not_ready_come_first_then_by_province_and_city(client_for, headquarters, country):
    page = html.unescape(client_for(headquarters).get(PAGE).content.decode())
    # Not ready: Bali (Denpasar) before Kalimantan Barat (Ketapang); then the ready ones.
    assert names_in_order(page, country) == ["denpasar", "ketapang", "singaraja", "pontianak"]


def test_each_office_says_whether_it_serves_the_public_and_what_is_missing(
    client_for, headquarters, country
):
    page = html.unescape(client_for(headquarters).get(PAGE).content.decode())
    denpasar = page[
        page.index(">Kantor Imigrasi Denpasar<") : page.index(">Kantor Imigrasi Ketapang<")
    ]
    assert "Belum dibuka" in denpasar
    assert "Pos layanan: Belum ada pos layanan." in denpasar
    assert "Akun perangkat kios: Belum ada akun kios" in denpasar
    ketapang = page[page.index(">Kantor Imigrasi Ketapang<") :]
    ketapang = ketapang[: ketapang.index("</tr>")]
    assert "Dibuka" in ketapang and "Belum dibuka" not in ketapang
    pontianak = page[page.index(">Kantor Imigrasi Pontianak<") :]
    pontianak = pontianak[: pontianak.index("</tr>")]
    assert "Siap" in pontianak and "✗" not in pontianak
    assert "! </strong>" not in pontianak  # reminders are marked ! …
    assert "Stok buku paspor: Belum ada buku paspor" in pontianak  # … and still said in words
    # An office the public can book that is no longer ready stands out.
    assert '<tr class="alert">' in page
    assert "melayani publik, tetapi langkah wajib belum lengkap" in page


def test_only_the_offices_not_ready_or_of_one_province(client_for, headquarters, country):
    client = client_for(headquarters)
    waiting = html.unescape(client.get(PAGE + "?belum_siap=on").content.decode())
    assert names_in_order(waiting, country) == ["denpasar", "ketapang"]
    bali = html.unescape(client.get(PAGE + "?provinsi=Bali").content.decode())
    assert names_in_order(bali, country) == ["denpasar", "singaraja"]
    both = html.unescape(client.get(PAGE + "?provinsi=Bali&belum_siap=on").content.decode())
    assert names_in_order(both, country) == ["denpasar"]
    assert 'href="/laporan/kesiapan-kantor/unduh.csv?provinsi=Bali&belum_siap=on"' in both


def test_a_province_without_an_office_is_refused_not_read_as_every_office(
    client_for, headquarters, country
):
    response = client_for(headquarters).get(PAGE + "?provinsi=Atlantis")
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert not any(office.name in page for office in country.values())
    assert client_for(headquarters).get(CSV + "?provinsi=Atlantis").status_code == 400


def test_the_office_page_is_linked_for_whoever_may_open_it(
    client_for, headquarters, administrator, country
):
    change = reverse("admin:offices_office_change", args=[country["denpasar"].pk])
    assert change in client_for(administrator).get(PAGE).content.decode()
    # Headquarters opens it once an administrator gives the setup group (onboarding.md).
    bare = client_for(headquarters).get(PAGE).content.decode()
    assert change not in bare and "grup penyiapan kantor" in bare
    allowed = client_for(grant_setup_permissions(headquarters)).get(PAGE).content.decode()
    assert change in allowed
    assert client_for(grant_setup_permissions(headquarters)).get(change).status_code == 200


def test_a_long_list_is_shown_in_pages_keeping_the_filter(client_for, headquarters):
    for i in range(READINESS_PAGE_SIZE + 5):
        an_office(f"kantor{i:02d}", province="Papua", city=f"Kota {i:02d}")
    client = client_for(headquarters)
    first = client.get(PAGE + "?provinsi=Papua").content.decode()
    assert first.count('<th scope="row">') == READINESS_PAGE_SIZE
    assert "Halaman 1 dari 2" in first
    assert 'href="?provinsi=Papua&amp;halaman=2"' in first
    second = client.get(PAGE + "?provinsi=Papua&halaman=2").content.decode()
    assert second.count('<th scope="row">') == 5
    assert "Kota 29" in second and "Kota 00" not in second


def test_the_page_in_english(client_for, headquarters, country):
    client = client_for(headquarters)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = html.unescape(client.get(PAGE).content.decode())
    assert 'lang="en"' in page
    assert "No stations yet." in page  # the step's words, as on the office's own page
    assert "Belum ada pos layanan." not in page


# --- The CSV ------------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_has_one_row_per_office_and_one_column_per_step(client_for, headquarters, country):
    response = client_for(headquarters).get(CSV)
    assert 'filename="kesiapan-kantor-' in response["Content-Disposition"]
    header, *rows = read_csv(response)
    assert header[:7] == [
        "Kode", "Kantor", "Kota/kabupaten", "Provinsi", "Melayani publik", "Siap dibuka",
        "Langkah wajib belum",
    ]  # fmt: skip
    assert "Akun perangkat kios (wajib)" in header and "Stok buku paspor" in header
    assert [row[0] for row in rows] == ["denpasar", "ketapang", "singaraja", "pontianak"]
    denpasar = dict(zip(header, rows[0], strict=True))
    assert denpasar["Melayani publik"] == "tidak" and denpasar["Siap dibuka"] == "tidak"
    assert denpasar["Pos layanan (wajib)"] == "Belum ada pos layanan."
    pontianak = dict(zip(header, rows[3], strict=True))
    assert pontianak["Langkah wajib belum"] == "0"
    assert pontianak["Akun perangkat kios (wajib)"] == "selesai"


def test_the_csv_keeps_the_filter_and_every_page(client_for, headquarters, country):
    _header, *rows = read_csv(
        client_for(headquarters).get(CSV + "?provinsi=Kalimantan+Barat&belum_siap=on")
    )
    assert [row[0] for row in rows] == ["ketapang"]


def test_an_office_name_written_as_a_formula_stays_text_in_the_csv(
    client_for, headquarters, country
):
    Office.objects.filter(code="denpasar").update(name='=HYPERLINK("https://x.example","klik")')
    _header, *rows = read_csv(client_for(headquarters).get(CSV))
    assert rows[0][1] == '\'=HYPERLINK("https://x.example","klik")'


# --- The API ------------------------------------------------------------------------------


def test_the_api_answers_the_same_list(client_for, headquarters, country):
    body = client_for(headquarters).get(API).json()
    assert (body["offices"], body["in_service"], body["not_ready"]) == (4, 2, 2)
    assert [row["code"] for row in body["rows"]] == [
        "denpasar", "ketapang", "singaraja", "pontianak",
    ]  # fmt: skip
    denpasar = body["rows"][0]
    assert (denpasar["in_service"], denpasar["ready"]) == (False, False)
    kiosk = next(step for step in denpasar["steps"] if step["key"] == "kiosk")
    assert kiosk == {
        "key": "kiosk",
        "label": "Akun perangkat kios",
        "done": False,
        "blocking": True,
        "missing": "Belum ada akun kios: booking tidak dapat check-in dan tiket tidak tercetak.",
    }
    assert denpasar["page"] == reverse("admin:offices_office_change", args=[country["denpasar"].pk])
    filtered = client_for(headquarters).get(API + "?province=Bali&not_ready=true").json()
    assert [row["code"] for row in filtered["rows"]] == ["denpasar"]
    assert (filtered["offices"], filtered["not_ready"]) == (2, 1)


def test_the_api_speaks_the_readers_language(client_for, headquarters, country):
    body = client_for(headquarters).get(API, headers={"accept-language": "en"}).json()
    stations = next(step for step in body["rows"][0]["steps"] if step["key"] == "stations")
    assert stations["missing"] == "No stations yet."


# --- A fixed number of statements -----------------------------------------------------------


def _set_up(first: int, n: int) -> None:
    """Offices in every state, with rows in every table the steps read."""
    for i in range(first, first + n):
        an_office(
            f"k{i:03d}",
            province=("Bali", "Papua", "Aceh")[i % 3],
            city=f"Kota {i:03d}",
            ready=i % 2 == 0,
            opened=i % 4 == 0,
        )


def _statements(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("url", "most"), [(PAGE, 20), (PAGE + "?belum_siap=on&provinsi=Bali", 20), (CSV, 20), (API, 20)]
)
def test_the_list_is_read_in_a_fixed_number_of_statements(
    client_for, headquarters, url, most, django_assert_max_num_queries
):
    client = client_for(grant_setup_permissions(headquarters))
    _set_up(0, 3)
    assert Office.objects.count() == 3
    client.get(url)  # the session and the caches, as on any request after the first
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200
    few = _statements(client, url)
    _set_up(3, 27)
    assert Office.objects.count() == 30
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200
    assert _statements(client, url) == few
