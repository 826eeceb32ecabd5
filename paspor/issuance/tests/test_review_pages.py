"""The print, quality-control and handover pages as an officer reads them, in either language.

Dates are written as on the booklet and in the queues ("17 Agu 1990", "24 Nov 2026"), never
"17-08-1990"; the photo placeholder speaks the page's language; and every action that cannot be
undone — spoiling a booklet, failing quality control, returning stock, handing over — asks first.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from paspor.issuance.services import print_confirm, print_start
from paspor.issuance.tests.helpers import ready_passport

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen", "stock")]

NUMERIC_DATE = re.compile(r"\b\d{2}-\d{2}-\d{4}\b")


def url(name, **kwargs):
    return reverse(f"issuance:{name}", kwargs={"office": "ketapang", **kwargs})


def reader(client_for, user, language="id"):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "born", "issued"),
    [("id", "17 Agu 1990", "17 Mar 2026"), ("en", "17 Aug 1990", "17 Mar 2026")],
)
def test_the_print_and_quality_control_pages_write_dates_in_words(
    client_for, paid_case, printer, checker, language, born, issued
):
    print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)
    printed = page(reader(client_for, printer, language), url("print_case", code=paid_case.code))
    checked = page(reader(client_for, checker, language), url("qc_check", number="C1000001"))
    for text in (printed, checked):
        assert f"Ketapang, {born}" in text
        assert f"<dd>{issued}</dd>" in text and "<dd>17 Mar 2036</dd>" in text
        assert not NUMERIC_DATE.search(text)


@pytest.mark.parametrize(
    ("language", "deadline"),
    [("id", "Batas pengambilan: 16 Apr 2026."), ("en", "Collect by: 16 Apr 2026.")],
)
def test_the_handover_page_writes_the_deadline_as_the_pickup_queue_does(
    client_for, paid_case, printer, checker, handover_officer, language, deadline
):
    ready_passport(paid_case, printer, checker)
    client = reader(client_for, handover_officer, language)
    queue = page(client, url("pickup_queue"))
    handover = page(client, url("handover", number="C1000001"))
    assert "<td>16 Apr 2026</td>" in queue
    assert deadline in handover
    assert not NUMERIC_DATE.search(handover)


@pytest.mark.parametrize(
    ("language", "said", "not_said"),
    [("en", "No photo yet", "Foto belum tersedia"), ("id", "Foto belum tersedia", "No photo")],
)
def test_the_photo_placeholder_speaks_the_pages_language(
    client_for, paid_case, printer, language, said, not_said
):
    response = reader(client_for, printer, language).get(url("case_photo", code=paid_case.code))
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert svg.startswith("<svg") and said in svg and not_said not in svg


def test_spoiling_while_printing_and_failing_quality_control_ask_first(
    client_for, paid_case, printer, checker
):
    print_start(case=paid_case, by=printer)
    printing = page(reader(client_for, printer, "en"), url("print_case", code=paid_case.code))
    assert "js/paspor.js" in printing  # where data-confirm is asked
    assert (
        'data-confirm="Record booklet C1000001 as spoiled? A spoiled booklet can never be used '
        'again."' in printing
    )
    print_confirm(passport=paid_case.passports.get(), by=printer)
    checking = page(reader(client_for, checker), url("qc_check", number="C1000001"))
    fail = re.search(r'<button[^>]*id="qc-fail"[^>]*>', checking)
    passed = re.search(r'<button[^>]*id="qc-pass"[^>]*>', checking)
    assert fail and 'data-confirm="Nyatakan paspor C1000001 gagal kendali mutu?' in fail.group()
    assert passed and "data-confirm" not in passed.group()  # a pass is checked, not asked


def test_stock_spoilage_return_and_handover_ask_first(
    client_for, paid_case, printer, checker, handover_officer
):
    stock = page(reader(client_for, printer), url("stock"))
    assert 'data-confirm="Catat buku ini sebagai rusak?' in stock
    assert 'data-confirm="Kembalikan semua buku dalam rentang ini?' in stock
    assert stock.count("data-confirm") == 2  # receiving a delivery asks nothing
    ready_passport(paid_case, printer, checker)
    handover = page(reader(client_for, handover_officer, "en"), url("handover", number="C1000001"))
    assert (
        'data-confirm="Hand over passport C1000001 and close the application? A handover '
        'cannot be undone."' in handover
    )


def test_a_handover_form_refused_by_its_fields_names_them(
    client_for, paid_case, printer, checker, handover_officer
):
    passport = ready_passport(paid_case, printer, checker)
    submit = url("handover_submit", number=passport.passport_number)
    refused = reader(client_for, handover_officer, "en").post(
        submit, {"basis": "someone", "nik_typed": paid_case.nik, "old_passport_action": "none"}
    )
    assert refused.status_code == 400
    alert = re.search(r'<p class="message error" role="alert" id="error">([^<]*)<', refused.text)
    assert alert is not None
    assert alert.group(1) == (
        "Check the handover form. Collected on the basis of: Select a valid choice. someone is "
        "not one of the available choices."
    )


@pytest.mark.parametrize(
    ("language", "heading", "menu"),
    [("id", "Cetak paspor", "Cetak paspor"), ("en", "Print passport", "Print passports")],
)
def test_the_print_page_is_headed_for_one_passport_and_the_menu_for_the_queue(
    client_for, paid_case, printer, language, heading, menu
):
    client = reader(client_for, printer, language)
    printing = page(client, url("print_case", code=paid_case.code))
    assert f"<h1>{heading} · {paid_case.code}</h1>" in printing
    assert f">{menu}<" in page(client, reverse("portal:staff_home"))
