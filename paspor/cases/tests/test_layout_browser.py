"""In the browser: the intake checklist, the work queue and the history fit the officer's screen."""

import os

import pytest
from django.test import Client

from conftest import sign_in
from paspor.cases.models import CaseStatus
from paspor.cases.tests.conftest import case_at, make_ticket, open_case

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
