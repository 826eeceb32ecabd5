"""What the quality-control, handover and print-queue pages tell each officer, through HTTP.

The four-eyes rule of quality control stays; the pages say who may act. Checks the officer
must make by reading the booklet or the KTP never show the answer beside the empty field.
"""

import html
import re

import pytest
from django.urls import reverse

from conftest import make_user
from paspor.accounts.models import Role
from paspor.accounts.services import staff_assign
from paspor.cases.models import CaseStatus
from paspor.issuance.models import PassportStatus, QualityCheck
from paspor.issuance.services import print_confirm, print_start
from paspor.issuance.tests.helpers import ready_passport

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen", "stock")]


@pytest.fixture
def printed(paid_case, printer):
    return print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)


def url(name, **kwargs):
    return reverse(f"issuance:{name}", kwargs={"office": "ketapang", **kwargs})


def body(response):
    """The page as the officer reads it (entities such as &lt; unescaped)."""
    return html.unescape(response.content.decode())


def input_value(page, name):
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert tag is not None, name
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return value.group(1) if value else ""


# --- Quality control: who may do it, and what the page says -------------------------------


def test_the_printer_is_told_which_officers_must_do_quality_control(
    client_for, printed, printer, checker
):
    checker.first_name, checker.last_name = "Rina", "Wati"
    checker.save(update_fields=["first_name", "last_name"])
    page = body(client_for(printer).get(url("qc_check", number=printed.passport_number)))
    assert "Anda mencetak paspor ini" in page
    assert "Rina Wati (petugas_qc)" in page
    assert 'id="qc-pass"' not in page


def test_the_printer_is_told_when_no_other_officer_may_check(client_for, printed, printer):
    page = body(client_for(printer).get(url("qc_check", number=printed.passport_number)))
    assert "belum punya petugas lain" in page
    assert 'id="qc-pass"' not in page


def test_a_supervisor_reads_the_check_and_is_told_who_does_it(
    client_for, printed, supervisor, checker
):
    # docs/issuance.md and roles.md: quality control is written by print/QC officers only;
    # supervisors read. The page says so instead of showing a form without buttons.
    response = client_for(supervisor).get(url("qc_check", number=printed.passport_number))
    page = body(response)
    assert response.status_code == 200
    assert "hanya untuk dibaca" in page and "petugas_qc" in page and "petugas_cetak" in page
    assert 'id="qc-pass"' not in page
    refused = client_for(supervisor).post(url("qc_submit", number=printed.passport_number), {})
    assert refused.status_code == 403


def test_the_officer_who_confirmed_the_print_gets_no_form_and_a_409(
    client_for, paid_case, printer, checker
):
    passport = print_confirm(passport=print_start(case=paid_case, by=printer), by=checker)
    client = client_for(checker)
    page = body(client.get(url("qc_check", number=passport.passport_number)))
    assert "Anda mencetak paspor ini" in page and 'id="qc-pass"' not in page
    refused = client.post(
        url("qc_submit", number=passport.passport_number),
        {
            "data_matches": "on",
            "photo_ok": "on",
            "mrz_line1": passport.mrz_line1,
            "mrz_line2": passport.mrz_line2,
            "decision": "pass",
        },
    )
    assert refused.status_code == 409
    assert not QualityCheck.objects.exists()


def test_another_print_officer_gets_the_form(client_for, printed, checker):
    page = body(client_for(checker).get(url("qc_check", number=printed.passport_number)))
    assert 'id="qc-pass"' in page and "Anda mencetak" not in page and "qc-who" not in page


# --- Quality control: the MRZ is read from the booklet, not copied from the page ----------


def test_the_mrz_fields_start_empty_and_the_expected_lines_are_not_shown(
    client_for, printed, checker
):
    page = body(client_for(checker).get(url("qc_check", number=printed.passport_number)))
    assert input_value(page, "mrz_line1") == ""
    assert input_value(page, "mrz_line2") == ""
    assert printed.mrz_line1 not in page and printed.mrz_line2 not in page


def test_pressing_pass_without_reading_the_mrz_passes_nothing(client_for, printed, checker):
    response = client_for(checker).post(
        url("qc_submit", number=printed.passport_number),
        {"data_matches": "on", "photo_ok": "on", "decision": "pass"},
    )
    assert response.status_code == 400
    assert not QualityCheck.objects.exists()
    printed.refresh_from_db()
    assert printed.status == PassportStatus.PRINTED


def test_a_misread_mrz_names_the_differing_positions(client_for, printed, checker):
    line2 = printed.mrz_line2
    misread = line2[:27] + ("1" if line2[27] != "1" else "2") + line2[28:]
    response = client_for(checker).post(
        url("qc_submit", number=printed.passport_number),
        {
            "data_matches": "on",
            "photo_ok": "on",
            "mrz_line1": printed.mrz_line1,
            "mrz_line2": misread,
            "decision": "pass",
        },
    )
    assert response.status_code == 400
    page = body(response)
    assert "baris 2 posisi 28" in page
    assert input_value(page, "mrz_line2") == misread  # what was typed is kept
    assert not QualityCheck.objects.exists()


def test_the_read_mrz_passes_through_the_page(client_for, printed, checker, paid_case):
    response = client_for(checker).post(
        url("qc_submit", number=printed.passport_number),
        {
            "data_matches": "on",
            "photo_ok": "on",
            "mrz_line1": printed.mrz_line1,
            "mrz_line2": printed.mrz_line2,
            "decision": "pass",
        },
    )
    assert response.status_code == 302
    paid_case.refresh_from_db()
    assert paid_case.status == CaseStatus.QC_PASSED


def test_an_unticked_checklist_is_named_not_called_a_mismatch(client_for, printed, checker):
    response = client_for(checker).post(
        url("qc_submit", number=printed.passport_number),
        {"mrz_line1": printed.mrz_line1, "mrz_line2": printed.mrz_line2, "decision": "pass"},
    )
    page = body(response)
    assert response.status_code == 400
    assert (
        "Belum dicentang: Data halaman data sesuai permohonan; "
        "Foto tercetak baik dan sesuai pemohon." in page
    )
    assert "tidak sesuai permohonan" not in page and ".;" not in page


# --- Handover: the NIK is read off the KTP ------------------------------------------------


def test_the_handover_page_masks_the_holders_nik(
    client_for, paid_case, printer, checker, handover_officer
):
    passport = ready_passport(paid_case, printer, checker)
    page = body(client_for(handover_officer).get(url("handover", number=passport.passport_number)))
    assert paid_case.nik not in page
    assert "6104••••••••0001" in page
    assert input_value(page, "nik_typed") == ""
    # The old passport's fieldset names its two fields apart, not "Paspor lama" twice.
    assert page.count(">Paspor lama<") == 1
    assert ">Yang terjadi dengan paspor lama</label>" in page


def test_the_pickup_queue_says_none_is_ready_until_a_search_finds_nothing(
    client_for, paid_case, printer, checker, handover_officer
):
    client = client_for(handover_officer)
    empty = body(client.get(url("pickup_queue")))
    assert "Belum ada paspor yang siap diambil." in empty and "yang cocok" not in empty
    passport = ready_passport(paid_case, printer, checker)
    listed = body(client.get(url("pickup_queue")))
    assert passport.passport_number in listed and "Belum ada paspor" not in listed
    missed = body(client.get(url("pickup_queue"), {"q": "ZZZ-TIDAK-ADA"}))
    assert "Tidak ada paspor yang cocok." in missed and passport.passport_number not in missed
    # The search is a landmark of its own (<search>), with its label above the field and a
    # button to press on a touch screen.
    found = re.search(r"<search>.*?</search>", missed, re.S)
    assert found is not None
    form = found.group(0)
    assert 'type="search"' in form and ">Cari</button>" in form and 'role="search"' not in form


# --- Menus: only the pages the officer may open --------------------------------------------


def _menu(page):
    nav = re.search(r'<nav aria-label="Menu penerbitan".*?</nav>', page, re.S)
    assert nav is not None
    return re.findall(r'<a href="([^"]+)">', nav.group(0))


@pytest.mark.parametrize(
    ("persona", "home"),
    [
        ("printer", "print_queue"),
        ("handover_officer", "pickup_queue"),
        ("supervisor", "home"),
        ("head_of_office", "home"),
    ],
)
def test_the_issuance_menu_links_only_to_pages_that_open(request, client_for, persona, home):
    client = client_for(request.getfixturevalue(persona))
    links = _menu(body(client.get(url(home))))
    assert links[1:], "the menu shows at least one page"
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_print_officer_and_the_handover_officer_see_their_own_menus(
    client_for, printer, handover_officer
):
    print_links = _menu(body(client_for(printer).get(url("home"))))
    handover_links = _menu(body(client_for(handover_officer).get(url("home"))))
    assert url("pickup_queue") not in print_links
    assert {url("print_queue"), url("qc_queue"), url("stock")} <= set(print_links)
    assert url("pickup_queue") in handover_links
    assert not {url("print_queue"), url("qc_queue"), url("stock")} & set(handover_links)


def test_an_officer_with_both_roles_sees_both_on_every_page(client_for, office):
    both = make_user("cetak_serah", role=Role.PRINT_QC, office=office)
    staff_assign(user=both, office=office, role=Role.HANDOVER, by=None)
    links = _menu(body(client_for(both).get(url("print_queue"))))
    every_page = {url(name) for name in ("print_queue", "qc_queue", "pickup_queue", "stock")}
    assert every_page <= set(links)


# --- Texts that follow the configuration ---------------------------------------------------


@pytest.mark.parametrize("days", [3, 5])
def test_the_print_queue_states_the_configured_promise(client_for, printer, days, settings):
    settings.SLA_WORKING_DAYS = days
    page = body(client_for(printer).get(url("print_queue")))
    assert f"({days} hari kerja setelah hari pembayaran)" in page
    assert "tiga hari kerja" not in page


def test_the_print_queue_says_when_the_payment_day_counts(client_for, printer, settings):
    settings.SLA_COUNT_PAYMENT_DAY = True
    client = client_for(printer)
    page = body(client.get(url("print_queue")))
    assert "(3 hari kerja; hari pembayaran dihitung bila hari kerja)" in page
    assert "setelah hari pembayaran" not in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = body(client.get(url("print_queue")))
    assert "3 working days; the day of payment counts when it is a working day" in english


def test_the_print_queue_promise_in_english(client_for, printer, settings):
    settings.SLA_WORKING_DAYS = 1
    client = client_for(printer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = body(client.get(url("print_queue")))
    assert "1 working day after the day of payment" in page


def test_the_print_queue_states_the_express_promise_with_the_configured_cutoff(
    client_for, printer, settings
):
    settings.SLA_EXPRESS_CUTOFF_HOUR = 11
    page = body(client_for(printer).get(url("print_queue")))
    assert "Percepatan: selesai hari itu juga bila dibayar sebelum pukul 11.00" in page
