"""Service standards: the six components, from the configuration the counter uses."""

import datetime as dt
import sys
import types
from dataclasses import dataclass

import pytest

from paspor.cases.types import ApplicationType
from paspor.surveys import standards
from paspor.surveys.standards import (
    documents_for,
    fees_in_force,
    service_standard,
)

ON = dt.date(2026, 3, 10)


@pytest.mark.django_db
def test_every_application_type_has_a_standard_with_six_components():
    for kind in ApplicationType:
        standard = service_standard(kind.value, on=ON)
        for component in (
            "requirements",
            "procedure",
            "completion_time",
            "fees",
            "product",
            "complaint_handling",
        ):
            assert getattr(standard, component), (kind, component)


PP_45_2024 = {
    "ordinary_5": 350_000,
    "ordinary_10": 650_000,
    "electronic_5": 650_000,
    "electronic_10": 950_000,
    "express": 1_000_000,
    "fine_lost": 1_000_000,
    "fine_damaged": 500_000,
}


@pytest.mark.django_db
def test_fees_default_to_pp_45_2024():
    fees = {row.key: row.amount for row in fees_in_force(ON)}
    assert fees == PP_45_2024
    lost = {row.key for row in service_standard("lost", on=ON).fees}
    assert "fine_lost" in lost and "fine_damaged" not in lost


def test_without_the_payments_schedule_the_defaults_are_published(fake_module):
    fake_module("paspor.payments.selectors")
    assert {row.key: row.amount for row in fees_in_force(ON)} == PP_45_2024


@pytest.mark.django_db
def test_a_fee_changed_in_the_schedule_reaches_the_public_page_on_its_date():
    from paspor.payments.models import Fee, FeeItem

    Fee.objects.filter(item=FeeItem.EXPRESS).update(effective_to=dt.date(2026, 6, 30))
    Fee.objects.create(
        item=FeeItem.EXPRESS,
        amount=1_250_000,
        effective_from=dt.date(2026, 7, 1),
        legal_basis="PP baru",
    )

    def express(on):
        rows = service_standard("new_adult", on=on).fees
        return [(row.amount, row.legal_basis[:10]) for row in rows if row.key == "express"]

    assert express(dt.date(2026, 6, 30)) == [(1_000_000, "PP 45/2024")]
    assert express(dt.date(2026, 7, 1)) == [(1_250_000, "PP baru")]


@pytest.mark.django_db
def test_the_complaint_deadline_comes_from_the_setting(settings):
    settings.PASPOR_COMPLAINT_RESPONSE_DAYS = 7
    assert any(
        "7 hari kerja" in line for line in service_standard("new_adult", on=ON).complaint_handling
    )


@dataclass
class Fee:
    code: str
    name: str
    amount: int
    legal_basis: str


@pytest.fixture
def fake_module(monkeypatch):
    def install(name, **attributes):
        module = types.ModuleType(name)
        for key, value in attributes.items():
            setattr(module, key, value)
        monkeypatch.setitem(sys.modules, name, module)

    return install


def test_the_fee_schedule_of_the_payments_app_wins_when_present(fake_module):
    fake_module(
        "paspor.payments.selectors",
        fees_in_force=lambda *, on: [
            Fee("electronic_10", "E-paspor 10 th", 1_250_000, "PP baru"),
            Fee("visa_on_arrival", "Visa", 500_000, "PP baru"),
        ],
    )
    standard = service_standard("new_adult", on=ON)
    # Amount and legal basis from the schedule; the public wording where the page has one.
    assert [(row.key, row.label, row.amount, row.legal_basis) for row in standard.fees] == [
        ("electronic_10", "Paspor elektronik, 10 tahun", 1_250_000, "PP baru")
    ]


def test_published_documents_are_the_ones_the_counter_checks():
    from paspor.cases.documents import required_documents

    for kind in ApplicationType:
        assert documents_for(kind) == [str(d.label) for d in required_documents(kind)]
    assert standards._optional("paspor.tidak.ada", "x") is None


@pytest.mark.django_db
def test_the_public_pages_show_the_six_components(client):
    index = client.get("/standar-pelayanan/")
    assert index.status_code == 200
    page = client.get("/standar-pelayanan/lost/").content.decode()
    for heading in (
        "Persyaratan",
        "Sistem, mekanisme, dan prosedur",
        "Jangka waktu penyelesaian",
        "Biaya/tarif",
        "Produk pelayanan",
        "Penanganan pengaduan",
    ):
        assert heading in page
    assert "Rp 1.000.000" in page and "Surat keterangan kehilangan dari Kepolisian asli" in page
    # Two columns that fit a phone: each fee's legal basis sits under its name.
    fees = page[page.index('id="cost"') : page.index('id="product"')]
    assert fees.count('<th scope="col"') == 2
    assert '<br><small class="muted">PP 45/2024' in fees
    assert client.get("/standar-pelayanan/tidak-ada/").status_code == 404


@pytest.mark.django_db
def test_the_english_page_is_in_english(client):
    client.cookies["django_language"] = "en"
    page = client.get("/standar-pelayanan/new_adult/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Requirements" in page and "Electronic passport, 10 years" in page


@pytest.mark.django_db
def test_a_childs_service_lists_only_what_applies_to_a_child(client):
    standard = service_standard("new_child", on=ON)
    # Under 17 and never married: at most 5 years (Permenkumham 18/2022), so no 10-year fee.
    assert [row.key for row in standard.fees] == ["ordinary_5", "electronic_5", "express"]
    assert standard.procedure[-1].startswith("Orang tua atau wali mengambil paspor anak")
    assert not any("Ambil paspor dengan KTP asli" in step for step in standard.procedure)
    assert any("paling lama 5 tahun" in line for line in standard.product)
    page = client.get("/standar-pelayanan/new_child/").content.decode()
    assert "Rp 350.000" in page and "Rp 950.000" not in page and "10 tahun</th>" not in page
    adult = service_standard("new_adult", on=ON)
    assert "electronic_10" in [row.key for row in adult.fees]
    assert adult.procedure[-1] == "Ambil paspor dengan KTP asli dan bukti pembayaran."
