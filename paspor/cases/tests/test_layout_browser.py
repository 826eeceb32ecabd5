"""In the browser: the intake checklist, the work queue and the history fit the officer's screen."""

import dataclasses
import os

import pytest
from django.test import Client

from conftest import sign_in
from paspor.cases.models import CaseStatus, TravelBanEntry
from paspor.cases.tests.conftest import SITI, case_at, finish_intake, make_ticket, open_case

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, live_server, user, width=1366):
    client = sign_in(Client(), user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_viewport_size({"width": width, "height": 768})


def _page_width(page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_every_intake_checkbox_keeps_its_size_beside_a_long_label(
    page, live_server, office, intake_officer
):
    case = open_case(office, intake_officer)
    _as(page, live_server, intake_officer)
    page.goto(f"{live_server.url}/permohonan/{office.code}/{case.code}/")
    sizes = page.eval_on_selector_all(
        "main input[type=checkbox]",
        "boxes => boxes.map(b => [b.getBoundingClientRect().width, b.getBoundingClientRect().height])",
    )
    assert len(sizes) >= 5  # married, express and the originals (Akta kelahiran … is long)
    assert all(abs(w - sizes[0][0]) < 0.5 and abs(h - sizes[0][1]) < 0.5 for w, h in sizes), sizes


def test_the_work_queue_fits_a_768_px_screen_with_its_buttons(
    page, live_server, office, intake_officer
):
    ticket = make_ticket(office, 1, prefix="C", officer=intake_officer)
    open_case(office, intake_officer, ticket=ticket)
    _as(page, live_server, intake_officer, width=768)
    page.goto(f"{live_server.url}/permohonan/{office.code}/")
    assert _page_width(page) <= 768
    button = page.get_by_role("button", name="Lanjutkan").bounding_box()
    assert button is not None and button["x"] + button["width"] <= 768


@pytest.mark.parametrize("width", [768, 390])
def test_the_history_of_a_billed_case_fits_a_tablet_and_a_phone(
    page, live_server, office, intake_officer, biometrics_officer, supervisor, width
):
    case = case_at(
        CaseStatus.BILLED,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
        supervisor=supervisor,
    )
    _as(page, live_server, intake_officer, width=width)
    page.goto(f"{live_server.url}/permohonan/{office.code}/{case.code}/riwayat/")
    assert _page_width(page) <= width  # on a phone the table scrolls inside its box
    assert page.get_by_text("Kode billing berlaku sampai").count() == 1
    # Names are not broken mid-word to squeeze the table: one officer's name, one line or two.
    officer = page.locator("table.timeline tbody td:nth-child(2)").first
    assert officer.bounding_box()["height"] < 3 * 1.6 * 14.4


# How many lines an element's text takes on the screen.
LINES = """el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const rects = [...range.getClientRects()].filter(r => r.width > 0);
  return new Set(rects.map(r => Math.round(r.top))).size;
}"""


def test_the_opening_form_keeps_its_button_in_sight_on_a_counter_screen(
    page, live_server, office, intake_officer
):
    _as(page, live_server, intake_officer, width=1024)
    page.goto(f"{live_server.url}/permohonan/{office.code}/buka/data/")
    button = page.get_by_role("button", name="Buka permohonan").bounding_box()
    assert button is not None and button["y"] + button["height"] <= 768


def test_a_field_error_stays_under_its_field_in_the_intake_grid(
    page, live_server, office, intake_officer
):
    case = open_case(office, intake_officer)
    _as(page, live_server, intake_officer, width=1024)
    page.goto(f"{live_server.url}/permohonan/{office.code}/{case.code}/")
    place = page.get_by_label("Tempat lahir")
    place.fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan", exact=True).click()
    field = place.bounding_box()
    error = page.locator("#id_data-birth_place_error").bounding_box()
    assert abs(error["x"] - field["x"]) < 1 and error["y"] >= field["y"] + field["height"]
    # The next field keeps its column (it is not pushed along by the message).
    assert (
        abs(
            page.get_by_label("Telepon").bounding_box()["x"]
            - page.get_by_label("Jenis kelamin").bounding_box()["x"]
        )
        < 1
    )


def test_photo_checks_and_rescan_buttons_fit_a_counter_screen(
    page, live_server, office, biometrics_officer, at_biometrics
):
    from paspor.cases import biometrics
    from paspor.cases.tests.conftest import good_photo_jpeg

    biometrics.case_photo_add(
        case=at_biometrics, by=biometrics_officer, data=good_photo_jpeg(), source="upload"
    )
    biometrics.case_fingerprints_capture(case=at_biometrics, by=biometrics_officer)
    _as(page, live_server, biometrics_officer, width=1024)
    page.goto(f"{live_server.url}/permohonan/{office.code}/{at_biometrics.code}/")
    cells = page.locator(".checks tbody td:not(:first-child)")
    assert cells.count() > 10
    assert all(cells.nth(i).evaluate(LINES) == 1 for i in range(cells.count()))
    fingers = page.locator(".fingers li")
    rows = {round(fingers.nth(i).bounding_box()["y"]) for i in range(fingers.count())}
    assert fingers.count() == 4 and len(rows) <= 2


def test_a_status_keeps_to_one_line_in_the_work_queue_on_a_counter_screen(
    page, live_server, office, intake_officer, supervisor
):
    long_name = dataclasses.replace(SITI, full_name="Siti Aminah Kusumawardhani Putri Lestari")
    TravelBanEntry.objects.create(
        full_name=long_name.full_name, birth_date=SITI.birth_date, reason="x"
    )
    finish_intake(open_case(office, intake_officer, data=long_name), intake_officer)
    _as(page, live_server, supervisor, width=1024)
    page.goto(f"{live_server.url}/permohonan/{office.code}/")
    status = page.locator(".queue .status").first
    assert status.inner_text() == "Ditahan (cegah tangkal)" and status.evaluate(LINES) == 1
    assert _page_width(page) <= 1024
