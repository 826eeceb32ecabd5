"""The complaint form in the browser: each error under its own field, the text's live count;
headquarters' national page and its answer to an overdue complaint, on a phone and a laptop."""

import os

import pytest
import time_machine
from django.test import Client

from conftest import sign_in
from paspor.complaints.models import ComplaintCategory
from paspor.complaints.services import complaint_submit
from paspor.lib.testing_browser import screenshot
from paspor.surveys.tests.test_browser import axe_violations

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


@pytest.mark.parametrize(
    ("language", "title", "answer_as"),
    [
        ("id", "Pengaduan nasional", "Tanggapi sebagai kantor pusat"),
        ("en", "National complaints", "Answer as headquarters"),
    ],
)
def test_headquarters_answers_an_overdue_complaint_from_the_national_page(
    page, live_server, office, hq_user, language, title, answer_as
):
    with time_machine.travel("2026-03-02 09:00 +07:00", tick=False):  # due 9 March
        late = complaint_submit(
            office=office,
            category=ComplaintCategory.WAITING,
            body="Antre sejak subuh, nomor tidak dipanggil.",
            email="warga@example.com",
            ip="10.0.0.1",
        )
    session = sign_in(Client(), hq_user).cookies["sessionid"].value
    page.context.add_cookies(
        [
            {"name": "sessionid", "value": session, "url": live_server.url},
            {"name": "django_language", "value": language, "url": live_server.url},
        ]
    )
    for viewport in (PHONE, {"width": 1280, "height": 800}):
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}/pengaduan/nasional/")
        assert page.get_by_role("heading", level=1).inner_text() == title
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        screenshot(page, f"complaints-national-{language}-{viewport['width']}")
    page.get_by_role("link", name=late.tracking_code).click()
    page.wait_for_url(f"**/{late.tracking_code}/")
    assert page.get_by_role("heading", name=answer_as).is_visible()
    assert axe_violations(page) == []
    screenshot(page, f"complaints-hq-answer-{language}-1280")
    page.get_by_role("textbox").fill("Kantor pusat meminta kantor menambah loket pagi.")
    page.get_by_role("button").filter(has_text="Kirim" if language == "id" else "Send").click()
    page.wait_for_url("**/pengaduan/nasional/")
    assert late.tracking_code not in page.locator("#overdue-title ~ .table-wrap").inner_text()
    late.refresh_from_db()
    assert late.responded_as == "hq"


def test_the_national_overdue_list_shows_every_column_on_an_office_screen(
    page, live_server, office, hq_user
):
    """Eight columns in English ran 45 px past their box on a 1024 px screen: "Contact given"
    was cut off at the edge, behind a sideways scroll nobody sees."""
    with time_machine.travel("2026-03-02 09:00 +07:00", tick=False):  # due 9 March
        complaint_submit(
            office=office,
            category=ComplaintCategory.WAITING,
            body="The waiting room has no fan and the queue board is broken.",
            ip="10.0.0.2",
            language="en",
        )
    session = sign_in(Client(), hq_user).cookies["sessionid"].value
    page.context.add_cookies(
        [
            {"name": "sessionid", "value": session, "url": live_server.url},
            {"name": "django_language", "value": "en", "url": live_server.url},
        ]
    )
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{live_server.url}/pengaduan/nasional/")
    box = page.locator("section[aria-labelledby=overdue-title] .table-wrap")
    shown, table = box.evaluate("e => [e.clientWidth, e.scrollWidth]")
    assert table <= shown, (table, shown)
    last = box.locator("thead th").last
    assert last.inner_text() == "Contact given"
    edge = last.bounding_box()
    assert edge is not None and edge["x"] + edge["width"] <= 1024
    screenshot(page, "complaints-national-en-1024")
