# mypy: disable-error-code="union-attr"
"""In the browser: the kiosk fits its screens, returns to a clean start when left alone, speaks
two languages, and prints on 80 mm paper."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from paspor.booking.qr import qr_payload
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


def refuse(page, code: str = "XYZ9") -> None:
    page.locator("#booking-code").fill(code)
    page.locator("#booking-code").press("Enter")
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
    assert min(page.locator(".keypad .key").evaluate_all("ks => ks.map(k => k.offsetHeight)")) >= 48
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
    page.wait_for_url("**/kios/tiket/**")
    assert page.locator("#ticket-number").inner_text() == "A-001"
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert len(boxes) == 1  # one page
    width_mm = float(boxes[0][0]) / 72 * 25.4
    assert abs(width_mm - 80) < 0.5
