"""In the browser at 1366×768: a booked ticket through intake, photo, interview and approval.

Counts the officers' clicks for a normal case (typing a ticket code or a destination counts as
one field; the count is printed and checked against the figure in docs/cases.md).
"""

import os
from pathlib import Path

import pytest
from django.test import Client

from conftest import sign_in
from paspor.cases.models import Case, CaseStatus
from paspor.cases.tests.conftest import good_photo_jpeg, make_booking, make_ticket
from paspor.lib.testing_browser import screenshot
from paspor.payments.services import fee_schedule_ensure_defaults

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


class Officer:
    """Signs a persona in (session cookie) and counts what they do on the page."""

    def __init__(self, page, live_server):
        self.page, self.url, self.clicks = page, live_server.url, 0

    def sign_in(self, user):
        client = sign_in(Client(), user)
        self.page.context.clear_cookies()
        self.page.context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": self.url}]
        )

    def click(self, locator):
        locator.click()
        self.clicks += 1

    def submit(self, locator):
        """Click a button that posts a form, and wait for the answer page."""
        with self.page.expect_navigation():
            locator.click()
        self.clicks += 1

    def fill(self, locator, text):
        locator.fill(text)
        self.clicks += 1

    def shot(self, name):
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}-viewport.png"))
        screenshot(self.page, name)


def test_a_booked_ticket_goes_through_intake_photo_interview_and_approval(
    page, live_server, office, intake_officer, biometrics_officer, supervisor, applicant, tmp_path
):
    # A transactional test run earlier in this process flushes the fee rows the migration
    # seeded; approval needs them to issue the bill.
    fee_schedule_ensure_defaults()
    make_ticket(office, 12, booking=make_booking(office, applicant))
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(good_photo_jpeg())
    me = Officer(page, live_server)
    queue = f"{live_server.url}/permohonan/{office.code}/"

    # Intake officer: open from the ticket, tick the originals, finish.
    me.sign_in(intake_officer)
    page.goto(queue)
    me.fill(page.get_by_label("Nomor antrean hari ini"), "A-012")
    me.submit(page.get_by_role("button", name="Buka permohonan"))
    page.wait_for_url("**/permohonan/ketapang/*/")
    assert page.get_by_label("NIK", exact=True).input_value() == "6104015708900001"
    for label in (
        "KTP elektronik (e-KTP) asli",
        "Kartu Keluarga (KK) asli",
        "Akta kelahiran, akta",
    ):
        me.click(page.get_by_role("checkbox", name=label))
    me.shot("cases-intake")
    me.submit(page.get_by_role("button", name="Simpan dan selesai pemeriksaan berkas"))
    case = Case.objects.get()
    assert case.status == CaseStatus.BIOMETRICS
    intake_clicks = me.clicks

    # Biometrics officer: take the case, upload the photo, accept, fingers, signature.
    me.sign_in(biometrics_officer)
    page.goto(queue)
    me.shot("cases-queue-biometrics")
    # The officer screens' wider layout keeps a margin on a 1280-pixel screen too.
    page.set_viewport_size({"width": 1280, "height": 768})
    assert page.locator("main h1").bounding_box()["x"] >= 16
    page.set_viewport_size({"width": 1366, "height": 768})
    me.submit(page.get_by_role("button", name=f"Buka {case.code}"))
    page.wait_for_url(f"**/{case.code}/")
    page.get_by_label("Foto (JPEG/PNG)").set_input_files(str(photo))
    me.clicks += 1
    me.submit(page.get_by_role("button", name="Unggah dan periksa"))
    assert page.get_by_text("Tinggi kepala").is_visible()
    me.shot("cases-photo-checked")
    me.submit(page.get_by_role("button", name="Terima foto"))
    me.submit(page.get_by_role("button", name="Pindai 4 jari"))
    # The simulated scanner smudges a finger now and then, as a real one does: scan it again.
    rescans = 0
    while page.locator(".fingers li.fail").count():
        me.submit(page.locator(".fingers li.fail").first.get_by_role("button", name="Ulangi"))
        rescans += 1
    pad = page.locator("[data-signature-pad]")
    box = pad.bounding_box()
    page.mouse.move(box["x"] + 40, box["y"] + 90)
    page.mouse.down()
    for step in range(1, 30):
        page.mouse.move(box["x"] + 40 + step * 12, box["y"] + 70 + (step % 5) * 10)
    page.mouse.up()
    me.clicks += 1  # the signature stroke
    me.submit(page.get_by_role("button", name="Simpan tanda tangan"))
    me.shot("cases-biometrics-done")
    me.submit(page.get_by_role("button", name="Selesai, lanjut wawancara"))
    case.refresh_from_db()
    assert case.status == CaseStatus.INTERVIEW

    # Interview: purpose (tourism is preselected), destination, recommendation approve.
    me.fill(page.get_by_label("Negara tujuan"), "Malaysia")
    me.shot("cases-interview")
    me.submit(page.get_by_role("button", name="Simpan wawancara"))
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_SUPERVISOR
    biometrics_clicks = me.clicks - intake_clicks - rescans

    # Supervisor: take and approve.
    me.sign_in(supervisor)
    page.goto(queue)
    me.submit(page.get_by_role("button", name=f"Buka {case.code}"))
    page.wait_for_url(f"**/{case.code}/")
    me.shot("cases-decision")
    me.submit(page.get_by_role("button", name="Setujui"))
    case.refresh_from_db()
    assert case.status == CaseStatus.BILLED  # approval issues the bill and its billing code
    supervisor_clicks = me.clicks - intake_clicks - biometrics_clicks - rescans

    page.goto(f"{live_server.url}/permohonan/{office.code}/{case.code}/riwayat/")
    me.shot("cases-timeline")
    assert page.get_by_text("Disetujui").first.is_visible()
    print(
        f"\nclicks for a normal case: intake {intake_clicks}, biometrics and interview "
        f"{biometrics_clicks} (+{rescans} fingerprint rescans), supervisor {supervisor_clicks}, "
        f"total {me.clicks - rescans}"
    )
    assert (intake_clicks, biometrics_clicks, supervisor_clicks) == (6, 10, 2)


def test_the_webcam_capture_posts_a_photo_that_is_checked_and_accepted_with_a_reason(
    live_server, office, intake_officer, biometrics_officer
):
    """Chromium's fake camera (a test pattern, no face) stands in for the office webcam."""
    from playwright.sync_api import sync_playwright

    from paspor.cases.services import case_claim
    from paspor.cases.tests.conftest import case_at
    from paspor.lib.testing_browser import CHROMIUM_ARGS, require_chromium

    executable = require_chromium()
    case = case_at(
        CaseStatus.BIOMETRICS,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    case_claim(case=case, by=biometrics_officer)
    fake_camera = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS + fake_camera
        )
        context = browser.new_context(
            locale="id-ID", viewport={"width": 1366, "height": 768}, permissions=["camera"]
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        me = Officer(page, live_server)
        me.sign_in(biometrics_officer)
        page.goto(f"{live_server.url}/permohonan/{office.code}/{case.code}/")
        page.get_by_role("button", name="Nyalakan kamera").click()
        page.get_by_role("button", name="Ambil foto").wait_for(state="visible")
        page.wait_for_function("() => document.querySelector('video').videoWidth > 0")
        with page.expect_navigation():
            page.get_by_role("button", name="Ambil foto").click()
        assert page.get_by_text("Tepat satu wajah menghadap depan").is_visible()
        me.shot("cases-webcam-no-face")
        photo = case.photos.get()
        assert photo.source == "webcam" and not photo.passed
        page.get_by_label("Alasan").first.fill("Uji kamera kantor")
        with page.expect_navigation():
            page.get_by_role("button", name="Terima walau tidak lulus (dengan alasan)").click()
        photo.refresh_from_db()
        assert photo.accept_reason == "Uji kamera kantor"
        context.close()
        browser.close()
