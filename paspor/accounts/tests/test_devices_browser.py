"""In the browser: a phone left signed in is signed out from the computer, one device alone."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from conftest import PASSWORD
from paspor.lib.testing_browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


def sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/akun/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url("**/booking/saya/")


def test_the_phone_is_signed_out_from_the_computer_and_the_computer_stays(
    page, browser_context, live_server, applicant
):
    cache.clear()
    applicant.email_verified = True
    applicant.save(update_fields=["email_verified"])
    phone_context = browser_context.browser.new_context(
        locale="id-ID", user_agent=ANDROID, viewport={"width": 390, "height": 844}
    )
    try:
        phone = phone_context.new_page()
        phone.set_default_timeout(10_000)
        sign_in(phone, live_server.url, applicant.username)
        phone.get_by_role("link", name="Lihat perangkat yang masuk ke akun ini").click()
        assert "Perangkat ini" in phone.content()
        screenshot(phone, "devices-phone")

        sign_in(page, live_server.url, applicant.username)
        page.get_by_role("link", name="Lihat perangkat yang masuk ke akun ini").click()
        page.get_by_role(
            "button", name="Keluarkan Chrome Mobile, Android (Samsung SM-A556E)"
        ).click()
        page.wait_for_load_state()
        assert "Chrome Mobile, Android (Samsung SM-A556E) sudah dikeluarkan" in page.content()
        assert page.get_by_role("button", name="Keluarkan Chrome Mobile").count() == 0
        screenshot(page, "devices-after-sign-out")

        phone.goto(live_server.url + "/booking/saya/")
        phone.wait_for_url("**/akun/masuk/**")
        assert "Perangkat ini sudah dikeluarkan dari akun Anda" in phone.content()
        page.goto(live_server.url + "/booking/saya/")
        assert page.url.endswith("/booking/saya/")
    finally:
        phone_context.close()
