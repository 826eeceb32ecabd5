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


@pytest.mark.parametrize("width", [320, 360, 390])
def test_a_phone_never_scrolls_sideways_past_the_header(page, live_server, applicant, width):
    applicant.email_verified = True
    applicant.save(update_fields=["email_verified"])
    page.set_viewport_size({"width": width, "height": 700})
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("link", name="Masuk").click()
    page.get_by_label("Nama pengguna atau e-mail").fill(applicant.email)
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/booking/saya/")
    # Signed in, the header holds "Beranda saya", "Keluar" and "English": all on the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    english = page.get_by_role("button", name="English").bounding_box()
    assert english["x"] + english["width"] <= width


def test_keyboard_focus_is_drawn_with_a_visible_outline(page, live_server, office):
    """Tabbing onto a control draws a solid outline of at least 3:1 contrast on white."""
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }"""
    )
    assert style[0] == "solid" and style[1] >= 2, style
    red, green, blue = (int(v) for v in style[2][style[2].index("(") + 1 : -1].split(",")[:3])

    def luminance(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * luminance(red) + 0.7152 * luminance(green) + 0.0722 * luminance(blue)
    assert (1.05) / (lum + 0.05) >= 3  # against white
