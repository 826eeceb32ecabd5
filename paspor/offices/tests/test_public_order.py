"""The public finds its office by province, then city: the office names all begin with their
class ("Kantor Imigrasi Kelas I TPI …"), so sorted by name the list runs by class instead."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from conftest import make_office
from paspor.offices.models import Office

pytestmark = pytest.mark.django_db

# By name these run Jakarta Selatan, Pontianak, Banda Aceh, Sambas, Ketapang; by the city
# field as written, every "Kabupaten" before every "Kota".
OFFICES = [
    ("jaksel", "Kantor Imigrasi Kelas I Khusus TPI Jakarta Selatan", "Kota Administrasi Jakarta Selatan", "DKI Jakarta"),
    ("pontianak", "Kantor Imigrasi Kelas I TPI Pontianak", "Kota Pontianak", "Kalimantan Barat"),
    ("bandaaceh", "Kantor Imigrasi Kelas II TPI Banda Aceh", "Kota Banda Aceh", "Aceh"),
    ("sambas", "Kantor Imigrasi Kelas II Non TPI Sambas", "Kab. Sambas", "Kalimantan Barat"),
    # Sorted by "Kotawaringin Barat": the leading "Kabupaten" is left out, the "Kota" in the name stays.
    ("pangkalanbun", "Kantor Imigrasi Kelas II TPI Pangkalan Bun", "Kabupaten Kotawaringin Barat", "Kalimantan Tengah"),
    ("ketapang", "Kantor Imigrasi Kelas III Non TPI Ketapang", "Kabupaten Ketapang", "Kalimantan Barat"),
]  # fmt: skip
BY_PROVINCE_AND_CITY = ["bandaaceh", "jaksel", "ketapang", "pontianak", "sambas", "pangkalanbun"]
PROVINCES = ["Aceh", "DKI Jakarta", "Kalimantan Barat", "Kalimantan Tengah"]


@pytest.fixture
def offices():
    for code, name, city, province in OFFICES:
        office = make_office(code, name=name)
        Office.objects.filter(pk=office.pk).update(city=city, province=province)
    make_office("tutup", name="Kantor Imigrasi Kelas I Tutup")
    Office.objects.filter(code="tutup").update(is_active=False, province="Aceh")


def _names_in(page: str) -> list[str]:
    """The office codes in the order the page names their offices."""
    names = {name: code for code, name, _, _ in OFFICES}
    found = re.findall("|".join(re.escape(n) for n in names), page)
    return list(dict.fromkeys(names[n] for n in found))


def _headings(page: str, level: str) -> list[str]:
    return [h for h in re.findall(rf"<{level}>([^<]+)</{level}>", page) if h in PROVINCES]


def test_the_booking_office_list_runs_by_province_then_city(client, offices):
    page = client.get(reverse("booking:offices")).content.decode()
    assert _names_in(page) == BY_PROVINCE_AND_CITY
    assert _headings(page, "h2") == PROVINCES
    assert "Kelas I Tutup" not in page


def test_the_front_page_lists_the_offices_under_their_provinces(client, offices):
    page = client.get("/").content.decode()
    assert _names_in(page) == BY_PROVINCE_AND_CITY
    assert _headings(page, "h3") == PROVINCES


def test_the_complaint_form_groups_its_offices_by_province(client, offices):
    page = client.get(reverse("complaints:submit")).content.decode()
    select = page[
        page.index('name="office"') : page.index("</select>", page.index('name="office"'))
    ]
    assert re.findall(r'<optgroup label="([^"]+)"', select) == PROVINCES
    assert re.findall(r'<option value="([a-z]+)"', select) == BY_PROVINCE_AND_CITY
    assert "— pilih kantor —" in select


def test_the_complaint_form_still_takes_an_office_from_its_list_only(offices):
    from paspor.complaints.forms import ComplaintForm

    data = {"category": "service", "body": "Antrean lama sekali."}
    assert ComplaintForm({**data, "office": "pontianak"}).errors.get("office") is None
    assert "office" in ComplaintForm({**data, "office": "tutup"}).errors


def test_the_offices_api_runs_by_province_then_city(client, offices):
    answer = client.get("/api/offices/").json()
    assert [o["code"] for o in answer] == BY_PROVINCE_AND_CITY


def test_the_service_standard_lists_each_offices_standard_by_province(client, offices):
    page = client.get(reverse("standards:detail", kwargs={"service": "new_adult"})).content.decode()
    assert _names_in(page) == BY_PROVINCE_AND_CITY
    assert page.index("DKI Jakarta") < page.index("Jakarta Selatan")
