"""The published service standard says what the running configuration does (STANDARDS.md §3, §6)."""

import datetime as dt

import pytest

from paspor.payments.sla import due_date_for_payment
from paspor.surveys.standards import service_standard

ON = dt.date(2026, 3, 10)
WIB = dt.timezone(dt.timedelta(hours=7))

pytestmark = pytest.mark.django_db  # the fee table of the standard is read from the database


def _text(**kwargs):
    standard = service_standard("new_adult", on=ON, **kwargs)
    return standard.completion_time, standard.product


def test_the_published_numbers_are_the_defaults_the_code_uses():
    completion, product = _text()
    assert completion[0].startswith("Paspor selesai paling lambat 3 hari kerja setelah pembayaran")
    assert "sebelum pukul 12.00" in completion[2]
    assert any("dalam 30 hari" in line for line in product)


def test_configured_completion_days_express_cutoff_and_pickup_days_are_published(settings):
    settings.SLA_WORKING_DAYS = 5
    settings.SLA_EXPRESS_CUTOFF_HOUR = 10
    settings.ISSUANCE = {"cancel_after_days": 60}
    completion, product = _text()
    assert "paling lambat 5 hari kerja" in completion[0]
    assert "sebelum pukul 10.00" in completion[2]
    assert any("dalam 60 hari" in line for line in product)
    assert not any("3 hari kerja" in line or "12.00" in line for line in completion)
    assert not any("30 hari" in line for line in product)


def test_the_pickup_deadline_from_the_environment_is_published(monkeypatch):
    monkeypatch.setenv("ISSUANCE_PICKUP_CANCEL_AFTER_DAYS", "60")
    _, product = _text()
    assert any("dalam 60 hari" in line for line in product)


def test_the_published_days_are_the_days_the_due_date_counts(settings, office):
    settings.SLA_WORKING_DAYS = 5
    paid = dt.datetime(2026, 4, 6, 9, 0, tzinfo=WIB)  # Monday, no holiday in the next week
    assert due_date_for_payment(office=office, paid_at=paid, express=False) == dt.date(2026, 4, 13)
    assert "paling lambat 5 hari kerja" in _text(office=office)[0][0]


def test_counting_the_payment_day_is_published(settings, office):
    assert "hari pembayaran tidak dihitung" in _text(office=office)[0][0]
    settings.SLA_COUNT_PAYMENT_DAY = True
    paid = dt.datetime(2026, 4, 6, 9, 0, tzinfo=WIB)  # Monday: day one, due Wednesday
    assert due_date_for_payment(office=office, paid_at=paid, express=False) == dt.date(2026, 4, 8)
    completion = _text(office=office)[0]
    assert "hari pembayaran dihitung sebagai hari pertama bila hari kerja" in completion[0]
    assert "tidak dihitung." not in completion[0]


def test_an_office_that_closes_on_cuti_bersama_does_not_count_it(office):
    completion, _ = _text(office=office)
    assert completion[1] == "Sabtu, Minggu, libur nasional dan cuti bersama tidak dihitung."


def test_an_office_that_serves_on_cuti_bersama_counts_it_as_a_working_day(office):
    office.serves_on_cuti_bersama = True
    completion, _ = _text(office=office)
    assert "cuti bersama tidak dihitung" not in completion[1]
    assert "cuti bersama dihitung sebagai hari kerja" in completion[1]


def test_without_an_office_the_standard_says_cuti_bersama_depends_on_the_office():
    completion, _ = _text()
    assert "kecuali di kantor yang melayani pada hari cuti bersama" in completion[1]


def test_the_public_page_of_an_office_that_serves_on_cuti_bersama_says_so(client, office):
    office.serves_on_cuti_bersama = True
    office.save(update_fields=["serves_on_cuti_bersama"])
    general = client.get("/standar-pelayanan/new_adult/").content.decode()
    assert "?kantor=ketapang" in general
    page = client.get("/standar-pelayanan/new_adult/?kantor=ketapang").content.decode()
    assert "Berlaku di Kantor Imigrasi Ketapang." in page
    assert "cuti bersama dihitung sebagai hari kerja" in page
    assert client.get("/standar-pelayanan/new_adult/?kantor=tidak-ada").status_code == 404


def test_the_configured_numbers_reach_the_english_page(client, settings, office):
    settings.SLA_WORKING_DAYS = 1
    settings.SLA_EXPRESS_CUTOFF_HOUR = 10
    client.cookies["django_language"] = "en"
    page = client.get(
        "/standar-pelayanan/new_adult/?kantor=ketapang", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "at most 1 working day after payment" in page
    assert "when paid before 10:00" in page
    assert "Saturdays, Sundays, national holidays and collective leave days do not count." in page
