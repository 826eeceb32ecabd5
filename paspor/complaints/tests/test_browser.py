"""The complaint form in the browser: each error under its own field, the text's live count."""

import os

import pytest

from paspor.lib.testing_browser import screenshot

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def test_an_error_stays_with_its_field_apart_from_the_next_label(page, live_server, office):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/pengaduan/")
    page.get_by_role("button", name="Kirim pengaduan").click()
    page.wait_for_load_state()
    error = page.locator("#id_office_error").bounding_box()
    next_label = page.locator("label[for=id_category]").bounding_box()
    own_select = page.locator("#id_office").bounding_box()
    gap_below = next_label["y"] - (error["y"] + error["height"])
    gap_above = error["y"] - (own_select["y"] + own_select["height"])
    assert gap_below >= 12 and gap_below > 2 * gap_above  # reads as the office field's error
    screenshot(page, "complaint-errors-phone")


def test_the_text_counts_its_characters_as_they_are_typed(page, live_server, office):
    page.goto(f"{live_server.url}/pengaduan/")
    counter = page.locator("[data-counter-for=id_body]")
    assert counter.is_visible() and counter.inner_text() == "0 / 5.000 karakter"
    page.get_by_label("Isi pengaduan").fill("x" * 1234)
    assert counter.inner_text() == "1.234 / 5.000 karakter"
    assert page.get_by_label("Isi pengaduan").get_attribute("maxlength") == "5000"
