"""In the browser: a forgotten password, from the e-mail's link to signing in, on a phone."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from paspor.lib.testing_browser import screenshot
from paspor.notifications.models import Message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW = "pagi-buta-2026!"


def test_the_link_from_the_email_sets_a_new_password_in_a_real_browser(
    page, live_server, applicant
):
    """Chromium sends `Origin: null` with a form on a page served with `Referrer-Policy:
    no-referrer`, and Django's CSRF check refused the new password as an expired form."""
    cache.clear()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/akun/lupa-sandi/")
    page.get_by_label("E-mail akun").fill(applicant.email)
    page.get_by_role("button", name="Kirim tautan").click()
    page.wait_for_load_state()
    message = Message.objects.get(template="password_reset", to_address=applicant.email)
    link = re.sub(r"^https?://[^/]+", live_server.url, str(message.context["link"]))

    page.goto(link)
    page.get_by_label("Kata sandi baru").fill(NEW)
    page.get_by_label("Ulangi kata sandi").fill(NEW)
    page.get_by_role("button", name="Simpan kata sandi baru").click()
    page.wait_for_url("**/akun/masuk/?username=*")
    assert "Kata sandi baru tersimpan. Silakan masuk." in page.content()
    screenshot(page, "password-reset-done-phone")

    page.get_by_label("Kata sandi", exact=True).fill(NEW)
    page.locator("main").get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/booking/saya/")
