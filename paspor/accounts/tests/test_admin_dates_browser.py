"""In the browser: an officer in Jayapura (two hours ahead of the server) fills the admin's dates.

Django's admin adds "Note: enter times in the Asia/Jakarta time zone" under every date input
when the browser's clock differs from the server's, also under a date without a time (a
certificate's expiry, a holiday), where there is no time to enter. The note stays where a time
is typed, in the reader's language.
"""

from __future__ import annotations

import os

import pytest
from django.test import Client

from conftest import make_user, sign_in
from paspor.accounts.models import Role
from paspor.lib.testing_browser import screenshot, watch_csp
from paspor.offices.models import StationType

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def jayapura_page(browser_context, live_server, admin_user):
    """A page whose browser keeps Jayapura's clock, signed in as the administrator."""
    context = browser_context.browser.new_context(
        locale="id-ID", timezone_id="Asia/Jayapura", viewport={"width": 1366, "height": 900}
    )
    violations = watch_csp(context)
    client = sign_in(Client(), admin_user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert not violations, violations


def test_a_date_without_a_time_carries_no_time_zone_note(jayapura_page, live_server):
    page = jayapura_page
    page.goto(live_server.url + "/admin/accounts/certification/add/")
    page.wait_for_load_state("load")
    assert page.locator("#id_expires_on + .datetimeshortcuts").count() == 1  # the calendar is on
    assert page.locator(".timezonewarning").count() == 0
    screenshot(page, "admin-certificate-dates-jayapura")


def test_a_date_and_time_keeps_its_note_in_indonesian(jayapura_page, live_server, office):
    officer = make_user(
        "petugas_loket", role=Role.INTAKE, office=office, stations=(StationType.INTAKE,)
    )
    page = jayapura_page
    page.goto(f"{live_server.url}/admin/accounts/user/{officer.pk}/change/")
    page.wait_for_load_state("load")
    notes = page.locator(".timezonewarning").all_inner_texts()
    # Last sign-in and date joined take a time; the certificates' dates below them do not.
    assert (
        notes
        == ["Catatan: isikan jam menurut zona waktu Asia/Jakarta. (Jam Anda 2 jam lebih maju.)"] * 2
    )
    page.get_by_text("Tambahkan Sertifikasi lagi").click()
    assert page.locator("[id$='-expires_on'] + .datetimeshortcuts").count() >= 1
    assert page.locator(".timezonewarning").count() == 2
