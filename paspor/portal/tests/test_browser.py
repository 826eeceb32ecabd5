"""In the browser: the public home page, the English switch, and the intake officer's sign-in."""

import pytest

from conftest import PASSWORD
from paspor.lib.testing_browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_english_switch_and_intake_officer_sign_in(page, live_server, office, intake_officer):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Buat paspor tanpa antre sejak subuh"
    )
    screenshot(page, "home-id")

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Get your passport" in page.get_by_role("heading", level=1).inner_text()

    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username or e-mail").fill(intake_officer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/petugas/")
    assert "Staff home" in page.content()
    assert office.name in page.content()
    screenshot(page, "staff-home-en")
