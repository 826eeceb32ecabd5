# mypy: disable-error-code="union-attr"
"""In the browser at 390 × 844 (a phone): the counter console, the board and a kiosk refusal
keep to the screen's width and show what matters without scrolling sideways or up."""

import pytest

from paspor.offices.models import OfficeService, ServiceKind
from paspor.queueing.services import counter_open, ticket_call_next, ticket_walk_in
from paspor.queueing.tests import test_browser as shared
from paspor.queueing.tests.conftest import counter, station

asgi_server = shared.asgi_server  # the uvicorn server fixture of the board test
signed_in = shared.signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# The number of line boxes the element's text takes.
LINES = "e => { const r = document.createRange(); r.selectNodeContents(e); return r.getClientRects().length; }"
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def walk_in(office, kind):
    service = OfficeService.objects.get(office=office, kind=kind)
    return ticket_walk_in(office=office, service=service, by=None)


def intake_desk_open(office, officer):
    return counter_open(
        office=office, counter=counter(office, 1), station=station(office, "intake"), by=officer
    )


def test_console_on_a_phone_does_not_scroll_sideways_for_a_long_waiting_line(
    browser_context, asgi_server, queue_office, intake_officer
):
    desk = intake_desk_open(queue_office, intake_officer)
    walk_in(queue_office, ServiceKind.LOST_DAMAGED)
    ticket_call_next(session=desk, by=intake_officer)
    # "B-001 tiba 09.00 prioritas · Layanan prioritas (Ramah HAM)": longer than the screen.
    walk_in(queue_office, ServiceKind.PRIORITY)
    page = signed_in(browser_context, asgi_server, intake_officer)
    page.set_viewport_size(PHONE)
    page.goto(f"{asgi_server}/antrian/ketapang/loket/")
    assert "Layanan prioritas" in page.locator("ol.queue-list li").first.inner_text()
    assert page.evaluate(SIDEWAYS) == 0
    # "Tutup loket" and its reason go under the title, not into a narrow column beside it.
    title = page.locator(".console-head h1").bounding_box()
    close = page.locator("#close-button").bounding_box()
    assert close["y"] >= title["y"] + title["height"]
    assert page.locator("#close-help").evaluate(LINES) <= 2


def test_board_on_a_phone_keeps_the_office_name_and_the_called_number_whole(
    browser_context, asgi_server, queue_office, display, intake_officer
):
    desk = intake_desk_open(queue_office, intake_officer)
    walk_in(queue_office, ServiceKind.PRIORITY)
    ticket_call_next(session=desk, by=intake_officer)
    page = signed_in(browser_context, asgi_server, display)
    page.set_viewport_size(PHONE)
    page.goto(f"{asgi_server}/antrian/ketapang/papan/")
    assert page.locator("#now-number").inner_text() == "B-001"
    assert page.locator("#now-number").evaluate(LINES) == 1
    # The office's name had a sliver beside the sound button and the clock: a letter a line.
    name = page.locator(".board-head h1")
    assert name.bounding_box()["width"] > PHONE["width"] / 2
    assert name.evaluate(LINES) <= 3
    assert page.evaluate(SIDEWAYS) == 0


def test_kiosk_refusal_on_a_short_screen_stays_in_view(
    browser_context, asgi_server, queue_office, kiosk
):
    page = signed_in(browser_context, asgi_server, kiosk)
    page.set_viewport_size(PHONE)
    page.goto(f"{asgi_server}/antrian/ketapang/kios/")
    page.locator("#booking-code").fill("XYZ9")
    page.locator("#booking-code").press("Enter")
    page.locator("#ktp-nik").fill("6104014101900000")
    page.locator("#ktp-nik").press("Enter")
    page.wait_for_selector("#kiosk-error")
    page.wait_for_timeout(300)
    # The field below keeps the focus (the scanner types there) without scrolling the message,
    # above it, out of sight.
    assert page.evaluate("document.activeElement.id") == "booking-code"
    assert page.locator("#kiosk-error").bounding_box()["y"] >= 0
