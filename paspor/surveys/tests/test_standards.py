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


def test_fees_default_to_pp_45_2024():
    fees = {row.key: row.amount for row in fees_in_force(ON)}
    assert fees == {
        "ordinary_5": 350_000,
        "ordinary_10": 650_000,
        "electronic_5": 650_000,
        "electronic_10": 950_000,
        "express": 1_000_000,
        "lost": 1_000_000,
        "damaged": 500_000,
    }
    lost = {row.key for row in service_standard("lost", on=ON).fees}
    assert "lost" in lost and "damaged" not in lost


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
def fake_module():
    added = []

    def install(name, **attributes):
        module = types.ModuleType(name)
        for key, value in attributes.items():
            setattr(module, key, value)
        sys.modules[name] = module
        added.append(name)

    yield install
    for name in added:
        del sys.modules[name]


def test_the_fee_schedule_of_the_payments_app_wins_when_present(fake_module):
    fake_module(
        "paspor.payments.selectors",
        fees_in_force=lambda *, on: [Fee("electronic_10", "E-paspor 10 th", 1_250_000, "PP baru")],
    )
    standard = service_standard("new_adult", on=ON)
    assert [(row.key, row.label, row.amount) for row in standard.fees] == [
        ("electronic_10", "E-paspor 10 th", 1_250_000)
    ]


def test_published_documents_are_the_ones_the_counter_checks():
    from paspor.cases.documents import required_documents

    for kind in ApplicationType:
        assert documents_for(kind) == [str(d.label) for d in required_documents(kind)]
    assert standards._optional("paspor.tidak.ada", "x") is None


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
    assert client.get("/standar-pelayanan/tidak-ada/").status_code == 404


def test_the_english_page_is_in_english(client):
    client.cookies["django_language"] = "en"
    page = client.get("/standar-pelayanan/new_adult/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Requirements" in page and "Electronic passport, 10 years" in page
