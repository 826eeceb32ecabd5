"""In the browser: a paid case from the print queue to the holder's hands.

The printer allocates a booklet, spoils it (witnessed), prints the next; another officer checks
quality with the MRZ read back and sends it to pickup; the handover officer checks the KTP and
the face, takes the signature on the canvas and closes the case.
"""

import datetime as dt
import os

import pytest

from conftest import PASSWORD
from paspor.cases.models import CaseStatus
from paspor.issuance.models import BookletStatus, Handover, Passport
from paspor.issuance.tests.conftest import make_paid_case, receive
from paspor.lib.testing_browser import screenshot, sign_on_pad

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    page.context.clear_cookies()
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url("**/petugas/")


def test_from_the_print_queue_to_the_holder(
    page, live_server, office, intake_officer, printer, checker, handover_officer
):
    receive(office, printer, "C1000001", "C1000010", on=dt.date(2026, 1, 5))
    case = make_paid_case(office, intake_officer, due_date=dt.date(2026, 1, 8))
    make_paid_case(
        office, intake_officer, nik="6104010101900002", full_name="Budi Santoso", express=True
    )
    base = f"{live_server.url}/penerbitan/{office.code}"

    # Spoiling a booklet and handing over ask first (test_browser_confirm.py): the officer agrees.
    page.on("dialog", lambda dialog: dialog.accept())

    # Printer: allocate, spoil the first booklet with a witness, print the next.
    sign_in(page, live_server, printer)
    screenshot(page, "issuance-staff-home")
    page.get_by_role("button", name="Cetak paspor").click()
    page.wait_for_url("**/cetak/")
    screenshot(page, "issuance-print-queue")
    page.get_by_role("link", name=case.code).click()
    page.get_by_role("button", name="Alokasikan buku dan cetak").click()
    assert "C1000001" in page.locator("pre.mrz").inner_text()
    page.locator("summary", has_text="Buku rusak saat dicetak").click()
    page.get_by_label("Alasan kerusakan").fill("Kertas macet di printer")
    page.get_by_label("Saksi (petugas lain)").select_option(
        label=checker.get_full_name() or checker.username
    )
    page.get_by_role("button", name="Catat rusak dan alokasikan buku berikutnya").click()
    assert "C1000002" in page.locator("pre.mrz").inner_text()
    screenshot(page, "issuance-print-case")
    page.get_by_role("button", name="Tercetak baik — kirim ke kendali mutu").click()
    page.wait_for_url("**/cetak/")

    # The printer may not check their own print, and is told who may.
    page.goto(f"{base}/kendali-mutu/C1000002/")
    assert "Kendali mutu harus dilakukan petugas cetak dan kendali mutu lain" in page.content()
    assert checker.username in page.locator("#qc-who").inner_text()
    assert page.get_by_role("button", name="Lulus kendali mutu").count() == 0

    # Another officer checks quality, reading the MRZ off the booklet (here: typed from the
    # print record, as a scanner would send it); the fields start empty.
    printed = Passport.objects.get(passport_number="C1000002")
    sign_in(page, live_server, checker)
    page.goto(f"{base}/kendali-mutu/")
    page.get_by_role("link", name="C1000002").click()
    # On a small counter screen the NIK, read digit by digit, stays on one line.
    page.set_viewport_size({"width": 800, "height": 900})
    nik = page.locator(".case-data .nik")
    assert nik.inner_text() == case.nik
    assert nik.evaluate("e => e.getClientRects().length") == 1
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Data halaman data sesuai permohonan").check()
    page.get_by_label("Foto tercetak baik dan sesuai pemohon").check()
    line1, line2 = (
        page.get_by_label("MRZ baris 1 (terbaca)"),
        page.get_by_label("MRZ baris 2 (terbaca)"),
    )
    assert line1.input_value() == "" and line2.input_value() == ""
    line1.fill(printed.mrz_line1)
    line2.fill(printed.mrz_line2)
    screenshot(page, "issuance-qc")
    page.get_by_role("button", name="Lulus kendali mutu").click()
    page.wait_for_url("**/kendali-mutu/")
    page.get_by_role("button", name="Siap diambil — beri tahu pemohon").click()
    assert "siap diambil" in page.content()

    # Handover: KTP NIK, documents, face, signature.
    sign_in(page, live_server, handover_officer)
    page.goto(f"{base}/penyerahan/")
    page.get_by_label("Cari nomor permohonan, NIK, nomor paspor atau nama").fill(case.nik)
    page.keyboard.press("Enter")
    page.get_by_role("link", name="C1000002").click()
    assert case.nik not in page.content()  # masked: the officer reads the KTP
    page.get_by_label("Pemilik paspor sendiri").check()
    page.get_by_label("NIK pada KTP pengambil (ketik atau pindai)").fill(case.nik)
    page.get_by_role("checkbox", name="KTP pengambil").check()
    page.get_by_role("checkbox", name="Bukti pembayaran").check()
    page.get_by_label("Wajah sesuai (pengambil dibandingkan dengan foto)").check()
    sign_on_pad(page, page.locator("#signature-pad"))
    screenshot(page, "issuance-handover")
    page.get_by_role("button", name="Serahkan paspor dan tutup permohonan").click()
    page.wait_for_url("**/penyerahan/")
    assert "diserahkan" in page.content()

    case.refresh_from_db()
    assert case.status == CaseStatus.HANDED_OVER
    handover = Handover.objects.get(case=case)
    assert handover.passport.booklet.status == BookletStatus.ISSUED
    assert bytes(handover.signature_png).startswith(b"\x89PNG")

    # The stock report shows the spoiled and the used booklet.
    sign_in(page, live_server, printer)
    page.goto(f"{base}/stok/laporan/?bulan=2026-01")
    screenshot(page, "issuance-stock-report")
    page.goto(f"{base}/stok/")
    screenshot(page, "issuance-stock")
