"""In the browser, in Indonesian: register → verify → profile → questionnaire → date and
session → proof; then the intake officer sees the booking on the day list."""

import os

import pytest

from conftest import PASSWORD
from paspor.booking.models import Booking, BookingPolicy, ReleaseRule
from paspor.booking.tests.conftest import make_sessions
from paspor.lib.testing_browser import screenshot
from paspor.notifications.models import Message

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_whole_booking_journey_in_indonesian(page, live_server, office, intake_officer):
    make_sessions(office, {"regular": 40, "priority": 8, "express": 5})
    # Rolling release so that the next working days are open whatever today is.
    BookingPolicy.objects.create(office=office, release_rule=ReleaseRule.ROLLING, rolling_days=40)

    page.goto(live_server.url + "/booking/kuota/ketapang/")
    assert page.get_by_role("heading", level=1).inner_text() == "Sisa kuota"
    screenshot(page, "booking-availability")

    page.goto(live_server.url + "/booking/daftar/")
    page.get_by_label("Nama lengkap").fill("Budi Santoso")
    page.get_by_label("E-mail").fill("budi@example.com")
    page.get_by_label("Nomor telepon").fill("081234567890")
    page.get_by_label("Kata sandi", exact=True).fill("paspor-kuat-2026")
    page.get_by_label("Ulangi kata sandi").fill("paspor-kuat-2026")
    screenshot(page, "booking-register")
    page.get_by_role("button", name="Daftar").click()
    page.wait_for_url("**/booking/verifikasi/")

    code = Message.objects.filter(template="booking_verify_email").latest("id").context["code"]
    page.get_by_label("Kode verifikasi (6 angka)").fill(code)
    page.get_by_role("button", name="Verifikasi", exact=True).click()
    page.wait_for_url("**/booking/profil/")

    page.get_by_label("NIK (16 angka, sesuai KTP/KK)").fill("6104 0115 0590 0001")
    page.get_by_label("Nama lengkap sesuai KTP").fill("Budi Santoso")
    page.get_by_label("Laki-laki").check()
    page.get_by_label("Tanggal lahir").fill("1990-05-15")
    page.get_by_label("Tempat lahir").fill("Ketapang")
    page.get_by_role("button", name="Simpan profil").click()
    assert "Profil Budi Santoso ditambahkan." in page.content()
    screenshot(page, "booking-profiles")

    page.get_by_role("button", name="Lanjut pesan jadwal").click()
    page.get_by_label("Budi Santoso").check()
    page.get_by_label("Belum pernah memiliki paspor").check()
    screenshot(page, "booking-questionnaire")
    page.get_by_role("button", name="Lanjut pilih jadwal").click()
    page.wait_for_url("**/booking/pesan/jadwal/")
    assert page.locator("#application-type").inner_text() == "Paspor baru (dewasa)"
    assert "KTP elektronik (e-KTP) asli" in page.content()

    page.locator(".day-table th a").first.click()
    page.locator('input[name="slot"][value$="|regular"]').first.check()
    screenshot(page, "booking-choose")
    page.get_by_role("button", name="Pesan jadwal ini").click()
    page.locator(".booking-code").wait_for()
    assert "/booking/bukti/" in page.url

    booking = Booking.objects.get()
    assert page.locator(".booking-code").inner_text() == booking.code
    assert page.locator(".qr svg").count() == 1
    assert "Dokumen ASLI yang wajib dibawa" in page.content()
    screenshot(page, "booking-proof")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "booking-proof-mobile")

    # The intake officer sees it on the day list.
    page.get_by_role("button", name="Keluar").click()
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill(intake_officer.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url("**/petugas/")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/booking/ketapang/hari/?tanggal={booking.date.isoformat()}")
    assert booking.code in page.content()
    screenshot(page, "booking-staff-day")
