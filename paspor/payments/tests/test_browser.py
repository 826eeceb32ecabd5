"""In the browser: supervisor bills, the simulator bank pays, the applicant sees paid."""

import os

import pytest

from conftest import PASSWORD, totp_code, totp_device_for
from paspor.cases.models import CaseStatus
from paspor.lib.testing_browser import screenshot
from paspor.payments.services import fee_schedule_ensure_defaults, payment_channel_ensure
from paspor.payments.tests.factories import BIRTH_DATE, make_case

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base, username, device=None):
    page.goto(base + "/akun/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    if device is not None:  # supervisors give the code of their authenticator app too
        page.wait_for_url("**/dua-langkah/verifikasi/**")
        page.locator("input[name=code]").fill(totp_code(device))
        page.locator("main button[type=submit]").first.click()
    page.wait_for_url("**/petugas/")


def test_from_billing_to_paid_with_the_simulator(
    page, live_server, office, intake_officer, supervisor
):
    fee_schedule_ensure_defaults()
    payment_channel_ensure(code="simulasi", name="Bank Simulasi", secret="simulasi-uji-rahasia")
    case = make_case(office, intake_officer, express=True)
    base = live_server.url

    sign_in(page, base, supervisor.username, totp_device_for(supervisor))
    page.get_by_role("button", name="Pembayaran PNBP").click()
    screenshot(page, "payments-overview-before")
    page.get_by_role("row", name=case.code).get_by_role("button", name="Terbitkan tagihan").click()
    notice = page.locator(".message.success").inner_text()
    assert "kode billing" in notice
    code = notice.rsplit(" ", 1)[-1].rstrip(".")
    assert len(code) == 15 and code.isdigit()
    screenshot(page, "payments-overview-billed")

    page.goto(base + "/pembayaran/simulator/")
    page.get_by_label("Kode billing").fill(code)
    page.get_by_label("Cara bayar").select_option("atm")
    page.get_by_role("button", name="Bayar").click()
    answer = page.get_by_role("status").inner_text()
    assert "HTTP 200" in answer and "applied" in answer
    screenshot(page, "payments-simulator")

    page.context.clear_cookies()
    page.goto(base + "/pembayaran/status/")
    page.get_by_label("Nomor permohonan").fill(case.code)
    page.get_by_label("Tanggal lahir pemohon").fill(BIRTH_DATE.isoformat())
    page.get_by_role("button", name="Lihat status").click()
    page.wait_for_url(f"**/pembayaran/status/{case.code}/")
    body = page.content()
    assert "Sudah dibayar" in body and "Janji selesai" in body and "NTPN" in body
    screenshot(page, "payments-status-paid")
    page.get_by_role("button", name="Bukti pembayaran").click()
    assert "Bukti pembayaran PNBP paspor" in page.content()
    screenshot(page, "payments-receipt")
    case.refresh_from_db()
    assert case.status == CaseStatus.PAID and case.due_date is not None


def test_applicant_sees_the_billing_code_and_how_to_pay(
    page, live_server, office, intake_officer, supervisor
):
    from paspor.payments.services import bill_issue_for_case

    fee_schedule_ensure_defaults()
    case = make_case(office, intake_officer)
    code = bill_issue_for_case(case=case, by=supervisor)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(live_server.url + "/pembayaran/status/")
    page.get_by_label("Nomor permohonan").fill(case.code)
    page.get_by_label("Tanggal lahir pemohon").fill(BIRTH_DATE.isoformat())
    page.get_by_role("button", name="Lihat status").click()
    page.wait_for_url(f"**/pembayaran/status/{case.code}/")
    assert code.code[:5] in page.locator(".billing-code").inner_text()
    screenshot(page, "payments-status-billed-phone")
    # The code is typed into mobile banking: every digit stays inside its card, down to a
    # 320-pixel phone.
    for width in (390, 360, 320):
        page.set_viewport_size({"width": width, "height": 844})
        code_box = page.locator(".billing-code").bounding_box()
        card_box = page.locator(".billing-card").bounding_box()
        inside = page.evaluate(
            "() => { const e = document.querySelector('.billing-code');"
            " return e.scrollWidth <= e.clientWidth; }"
        )
        assert inside, width
        assert code_box["x"] + code_box["width"] <= card_box["x"] + card_box["width"], width
