# mypy: disable-error-code="union-attr"
"""In the browser: the kiosk fits its screens, returns to a clean start when left alone, speaks
two languages, and prints on 80 mm paper."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from paspor.booking.qr import qr_payload
from paspor.lib.testing_browser import screenshot
from paspor.queueing.tests import test_browser as shared
from paspor.queueing.tests.conftest import make_booking
from paspor.queueing.views import KIOSK_IDLE_SECONDS

asgi_server = shared.asgi_server  # the uvicorn server fixture of the board test
signed_in = shared.signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KIOSK = "/antrian/ketapang/kios/"
LANDSCAPE = {"width": 1280, "height": 800}
PORTRAIT = {"width": 1080, "height": 1920}
TABLET = {"width": 1024, "height": 768}  # a tablet on a stand serves as a kiosk too


def fits(page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollHeight <= window.innerHeight"))


def refuse(page, code: str = "XYZ9", nik: str = "6104014101900000") -> None:
    page.locator("#booking-code").fill(code)
    page.locator("#booking-code").press("Enter")  # the scanner's Enter: on to the NIK
    page.locator("#ktp-nik").fill(nik)
    page.locator("#ktp-nik").press("Enter")
    page.wait_for_selector("#kiosk-error")


@pytest.mark.parametrize(
    "size", [LANDSCAPE, PORTRAIT, TABLET], ids=["landscape", "portrait", "tablet"]
)
def test_kiosk_pages_fit_the_screen_with_and_without_an_error(
    browser_context, asgi_server, queue_office, kiosk, size
):
    page = signed_in(browser_context, asgi_server, kiosk)
    page.set_viewport_size(size)
    page.goto(asgi_server + KIOSK)
    assert fits(page)
    submit = page.get_by_role("button", name="Ambil nomor antrean").bounding_box()
    assert submit["y"] + submit["height"] <= size["height"]
    assert submit["height"] >= 48
    keys = page.locator(".keypad:not([hidden]) .key")
    assert min(keys.evaluate_all("ks => ks.map(k => k.offsetHeight)")) >= 48
    refuse(page, "BOOKING-YANG-TIDAK-ADA-DI-KANTOR-INI")
    assert fits(page)
    last = page.locator(".walkin-list button").last.bounding_box()
    assert last["y"] + last["height"] <= size["height"]
    # The heading and the cards keep off the screen's edges.
    for part in (".kiosk-head h1", ".kiosk-card >> nth=0", ".kiosk-card >> nth=-1"):
        box = page.locator(part).bounding_box()
        assert box["x"] >= 12 and box["x"] + box["width"] <= size["width"] - 12, part
    # The ticket page too.
    page.get_by_role("button", name="Paspor hilang/rusak").click()
    page.wait_for_url("**/kios/tiket/**")
    assert fits(page)


def test_refused_check_in_returns_to_a_clean_start_when_left_alone(
    browser_context, asgi_server, queue_office, kiosk, frozen
):
    page = signed_in(browser_context, asgi_server, kiosk)
    page.clock.install()
    page.goto(asgi_server + KIOSK)
    refuse(page)
    # A reload must never post the last person's code again.
    assert page.evaluate("location.pathname") == KIOSK
    page.locator('.keypad [data-key="A"]').click()  # half-typed by the next person
    page.clock.run_for((KIOSK_IDLE_SECONDS - 5) * 1000)
    assert page.locator("#kiosk-error").count() == 1
    page.clock.run_for(10_000)
    page.wait_for_function("!document.getElementById('kiosk-error')")
    assert page.evaluate("location.pathname") == KIOSK
    assert page.locator("#booking-code").input_value() == ""
    assert page.locator("#ktp-nik").input_value() == ""


def test_half_typed_code_is_cleared_when_left_alone(
    browser_context, asgi_server, queue_office, kiosk
):
    page = signed_in(browser_context, asgi_server, kiosk)
    page.clock.install()
    page.goto(asgi_server + KIOSK)
    page.locator('.keypad [data-key="K"]').click()
    page.clock.run_for((KIOSK_IDLE_SECONDS + 1) * 1000)
    page.wait_for_function("document.getElementById('booking-code').value === ''")


def test_kiosk_switches_to_english_and_back_to_indonesian_when_idle(
    browser_context, asgi_server, queue_office, kiosk
):
    page = signed_in(browser_context, asgi_server, kiosk)
    page.clock.install()
    page.goto(asgi_server + KIOSK)
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("text=Welcome")
    assert page.get_by_role("button", name="English").get_attribute("aria-pressed") == "true"
    page.clock.run_for((KIOSK_IDLE_SECONDS + 1) * 1000)
    page.wait_for_selector("text=Selamat datang")
    assert page.evaluate("document.documentElement.lang") == "id"


def test_scanned_booking_qr_gives_a_ticket_that_prints_80_mm_wide(
    browser_context, asgi_server, queue_office, kiosk
):
    now = timezone.now().astimezone(queue_office.tz)
    start = (now - dt.timedelta(minutes=5)).time().replace(second=0, microsecond=0)
    end = (now + dt.timedelta(minutes=55)).time().replace(second=0, microsecond=0)
    if end <= start:
        end = dt.time(23, 59)
    booking = make_booking(queue_office, date=now.date(), start=start, end=end)
    page = signed_in(browser_context, asgi_server, kiosk)
    page.goto(asgi_server + KIOSK)
    page.locator("#booking-code").fill(qr_payload(code=booking.code, nik=booking.nik))
    page.locator("#booking-code").press("Enter")
    page.locator("#ktp-nik").fill(booking.nik)  # as the KTP reader types it
    page.locator("#ktp-nik").press("Enter")
    page.wait_for_url("**/kios/tiket/**")
    assert page.locator("#ticket-number").inner_text() == "A-001"
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert len(boxes) == 1  # one page
    width_mm = float(boxes[0][0]) / 72 * 25.4
    assert abs(width_mm - 80) < 0.5


def booking_now(office):
    """A booking whose arrival window is open now, kept inside today near midnight."""
    now = timezone.now().astimezone(office.tz)
    start, end = now - dt.timedelta(minutes=5), now + dt.timedelta(minutes=55)
    return make_booking(
        office,
        date=now.date(),
        start=start.time().replace(second=0, microsecond=0)
        if start.date() == now.date()
        else dt.time(0, 0),
        end=end.time().replace(second=0, microsecond=0)
        if end.date() == now.date()
        else dt.time(23, 59),
    )


@pytest.mark.parametrize(
    "size", [LANDSCAPE, PORTRAIT, TABLET], ids=["landscape", "portrait", "tablet"]
)
def test_a_scanned_qr_asks_for_the_ktp_and_a_wrong_one_keeps_the_code_for_a_second_try(
    browser_context, asgi_server, queue_office, kiosk, size
):
    booking = booking_now(queue_office)
    page = signed_in(browser_context, asgi_server, kiosk)
    page.set_viewport_size(size)
    page.goto(asgi_server + KIOSK)
    # The scanner types the code and presses Enter: the NIK is asked for, on digit keys.
    page.locator("#booking-code").fill(booking.code)
    page.locator("#booking-code").press("Enter")
    assert page.evaluate("document.activeElement.id") == "ktp-nik"
    assert page.locator(".keypad-digits").is_visible()
    assert not page.locator('.keypad[data-for="booking-code"]').is_visible()
    assert page.locator("#kiosk-error").count() == 0  # nothing was sent yet
    for key in "6104014101900000":  # someone else's KTP, typed on the digit keys
        page.locator(f'.keypad-digits [data-key="{key}"]').click()
    page.get_by_role("button", name="Ambil nomor antrean").click()
    page.wait_for_selector("#kiosk-error")
    error = page.locator("#kiosk-error").inner_text()
    assert "KTP ini bukan milik pemilik booking" in error and "Siti" not in error
    assert fits(page)
    screenshot(page, f"queue-kiosk-ktp-refused-{size['width']}x{size['height']}")
    # The code stays, the NIK does not; the holder reads the KTP again.
    assert page.locator("#booking-code").input_value() == booking.code
    assert page.locator("#ktp-nik").input_value() == ""
    assert page.evaluate("document.activeElement.id") == "ktp-nik"
    keys = page.locator(".keypad-digits .key").evaluate_all("ks => ks.map(k => k.offsetHeight)")
    assert min(keys) >= 48
    spaced = " ".join(booking.nik[i : i + 4] for i in range(0, 16, 4))
    page.keyboard.type(spaced + "\n")
    page.wait_for_url("**/kios/tiket/**")
    assert page.locator("#ticket-number").inner_text() == "A-001"


def test_two_services_tapped_at_once_send_one_request_and_show_its_ticket(
    browser_context, asgi_server, queue_office, kiosk
):
    from paspor.queueing.models import Ticket

    page = signed_in(browser_context, asgi_server, kiosk)
    page.goto(asgi_server + KIOSK)
    posted: list[str] = []
    page.on("request", lambda r: posted.append(r.url) if r.method == "POST" else None)
    # Both taps land before the first answer: the second would otherwise replace the page
    # that shows (and prints) the first one's ticket.
    first = page.evaluate(
        """() => {
            const buttons = [...document.querySelectorAll('.walkin-list button:not([disabled])')];
            buttons[0].click();
            buttons[1].click();
            return buttons[0].form.elements.service.value;
        }"""
    )
    page.wait_for_url("**/kios/tiket/**")
    assert len(posted) == 1
    ticket = Ticket.objects.get()
    assert ticket.service.ticket_prefix == first
    assert ticket.display in page.locator("#kiosk-done").inner_text()
