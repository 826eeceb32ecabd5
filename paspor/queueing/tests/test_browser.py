# mypy: disable-error-code="union-attr"
"""In the browser: a kiosk check-in leads to a call that a board shows and speaks.

The board needs server-sent events, so this test serves the site with uvicorn (ASGI), like
`make run`, instead of the WSGI live server.
"""

import datetime as dt
import os
import socket
import threading
import time

import cv2
import numpy as np
import pytest
from django.test import Client
from django.utils import timezone

from conftest import sign_in
from paspor.lib.testing_browser import screenshot
from paspor.queueing.tests.conftest import make_booking

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STUBS = """
window.__spoken = [];
window.__printed = 0;
const fakeSpeech = {
  speak(u) { window.__spoken.push(u.text); setTimeout(() => u.onend && u.onend(), 10); },
  cancel() {}, getVoices() { return []; }, speaking: false, pending: false,
};
Object.defineProperty(window, "speechSynthesis", { value: fakeSpeech, configurable: true });
window.print = () => { window.__printed += 1; };
"""


@pytest.fixture
def asgi_server(transactional_db):
    import uvicorn

    from paspor.asgi import application
    from paspor.queueing.broadcast import close_board_connections

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        application,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    close_board_connections()


def qr_read(page, selector: str) -> str:
    """What a phone would read from the QR code at `selector`, as the page draws it now.

    Like a phone's camera it looks again for a moment when the first picture does not read
    (on a busy machine the first picture can be taken while the page is still settling).
    """
    margin = 16  # the white around the code that a reader needs
    text = ""
    for _attempt in range(5):
        box = page.locator(selector).bounding_box()
        png = page.screenshot(
            clip={
                "x": box["x"] - margin,
                "y": box["y"] - margin,
                "width": box["width"] + 2 * margin,
                "height": box["height"] + 2 * margin,
            }
        )
        image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
        assert image is not None
        text, _points, _straight = cv2.QRCodeDetector().detectAndDecode(image)
        if text:
            break
        page.wait_for_timeout(300)
    return str(text)


def signed_in(browser_context, url, user):
    client = sign_in(Client(), user)
    context = browser_context.browser.new_context(
        locale="id-ID", viewport={"width": 1366, "height": 768}
    )
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}]
    )
    context.add_init_script(STUBS)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def test_kiosk_check_in_is_called_at_the_counter_and_announced_on_the_board(
    browser_context, asgi_server, queue_office, kiosk, display, intake_officer
):
    now = timezone.now().astimezone(queue_office.tz)
    start = (now - dt.timedelta(minutes=5)).time().replace(second=0, microsecond=0)
    end = (now + dt.timedelta(minutes=55)).time().replace(second=0, microsecond=0)
    if end <= start:  # close to midnight: a window to the end of the day
        end = dt.time(23, 59)
    booking = make_booking(
        queue_office, date=now.date(), start=start, end=end, name="Siti Rahmawati"
    )
    url = asgi_server

    board = signed_in(browser_context, url, display)
    board.set_viewport_size({"width": 1920, "height": 1080})
    board.goto(f"{url}/antrian/ketapang/papan/")
    board.wait_for_function("() => document.getElementById('board-clock').textContent !== '--.--'")

    kiosk_page = signed_in(browser_context, url, kiosk)
    kiosk_page.set_viewport_size({"width": 1280, "height": 1024})
    kiosk_page.goto(f"{url}/antrian/ketapang/kios/")
    # A wrong code first, typed on the on-screen keypad, the NIK on the digits that replace
    # it: a large, plain error.
    for key in "XYZ9":
        kiosk_page.locator(f'.keypad[data-for="booking-code"] [data-key="{key}"]').click()
    kiosk_page.locator("#ktp-nik").click()
    for key in booking.nik:
        kiosk_page.locator(f'.keypad-digits [data-key="{key}"]').click()
    kiosk_page.get_by_role("button", name="Ambil nomor antrean").click()
    assert "Kode booking XYZ9 tidak ditemukan" in kiosk_page.locator("#kiosk-error").inner_text()
    screenshot(kiosk_page, "queue-kiosk-error")
    # The scanner types the proof's URL and presses Enter; the KTP reader then types the NIK.
    kiosk_page.locator("#booking-code").fill(
        f"https://paspor.example/booking/bukti/{booking.code}/"
    )
    kiosk_page.locator("#booking-code").press("Enter")
    assert kiosk_page.evaluate("document.activeElement.id") == "ktp-nik"
    kiosk_page.keyboard.type(booking.nik + "\n")
    kiosk_page.wait_for_url("**/kios/tiket/**")
    assert kiosk_page.locator("#ticket-number").inner_text() == "A-001"
    assert "Siti Rahmawati" in kiosk_page.content()
    kiosk_page.wait_for_function("() => window.__printed >= 1")
    screenshot(kiosk_page, "queue-kiosk-ticket")
    # The QR reads back on the screen and on the 80 mm paper (the print stylesheet's 34 mm box).
    follow = f"/antrian/t/{booking.ticket.token}/"
    assert qr_read(kiosk_page, ".ticket-qr svg").endswith(follow)
    kiosk_page.emulate_media(media="print")
    assert kiosk_page.locator(".ticket-qr svg").bounding_box()["width"] < 130  # 34 mm
    assert qr_read(kiosk_page, ".ticket-qr svg").endswith(follow)
    kiosk_page.emulate_media(media="screen")

    board.wait_for_function(
        "() => document.querySelector('[data-prefix=\"A\"] .value').textContent.trim() === '1'"
    )

    officer = signed_in(browser_context, url, intake_officer)
    officer.goto(f"{url}/antrian/ketapang/loket/")
    officer.get_by_label("Loket 1 — Pemeriksaan berkas").check()
    officer.get_by_role("button", name="Buka loket").click()
    officer.wait_for_selector("text=Antrean pos ini")
    officer.keyboard.press("n")  # the shortcut of "call next"
    officer.wait_for_selector("#current-ticket")
    assert officer.locator("#current-ticket").inner_text() == "A-001"
    assert "Siti Rahmawati" in officer.content()

    spoken = "Nomor antrean A nol nol satu, silakan ke loket satu"
    board.wait_for_function(f"() => window.__spoken.includes({spoken!r})")
    assert board.locator("#now-number").inner_text() == "A-001"
    # The line under the number is written in the page's language; the sentence is spoken.
    assert board.locator("#now-text").inner_text() == "Nomor antrean A-001, silakan ke loket 1"
    assert board.locator('[data-counter="1"] .value').inner_text() == "A-001"
    screenshot(board, "queue-board")

    officer.keyboard.press("u")  # recall: the board speaks again
    board.wait_for_function("() => window.__spoken.length >= 2")
    assert board.evaluate("window.__spoken") == [spoken, spoken]
    officer.wait_for_selector("text=panggilan ke-2")
    screenshot(officer, "queue-console")
    # No case opened yet: "Selesai" would be refused, so it is disabled (S too) and the line
    # above the buttons says why.
    assert officer.locator("#finish-button").is_disabled()
    officer.keyboard.press("s")
    officer.wait_for_timeout(300)
    assert officer.locator(".console-error").count() == 0
    assert "Belum ada permohonan untuk nomor ini" in officer.locator("#finish-outlook").inner_text()
    assert officer.locator("#current-ticket").inner_text() == "A-001"

    phone = browser_context.browser.new_context(locale="id-ID").new_page()  # anonymous
    ticket = booking.ticket
    phone.goto(f"{url}/antrian/t/{ticket.token}/")
    assert "Silakan ke loket 1" in phone.content()
    assert "Siti Rahmawati" not in phone.content()
    phone.set_viewport_size({"width": 390, "height": 844})
    screenshot(phone, "queue-phone")

    # Parked: the counter's slot empties and the large number no longer sends anyone to
    # counter 1; A-001 is a previous call, listed once.
    officer.keyboard.press("t")
    board.wait_for_selector("#now-number.board-empty")
    assert board.locator("#now-number").inner_text() == "Menunggu panggilan berikutnya"
    assert board.locator("#now-text").inner_text() == ""
    assert board.locator('[data-counter="1"] .value').inner_text() == ""
    assert board.locator("#board-recent li").all_inner_texts() == ["A-001\n→ Loket 1"]
    # The sound switch sits in the header: it covers none of the lists.
    sound = board.locator("#sound-on").bounding_box()
    grid = board.locator(".board-grid").bounding_box()
    assert sound["y"] + sound["height"] <= grid["y"]
