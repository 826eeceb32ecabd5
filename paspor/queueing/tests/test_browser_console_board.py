# mypy: disable-error-code="union-attr"
"""In the browser: the console's ticket number stays whole at 1366 × 768; a board whose stream
was refused once (a proxy's 502 while the server restarts) comes back by itself, and a board
left on overnight starts the new day without yesterday's calls."""

import datetime as dt

import pytest
from django.utils import timezone

from paspor.booking.models import Pool
from paspor.offices.models import OfficeService, ServiceKind
from paspor.queueing.services import (
    counter_open,
    ticket_call_next,
    ticket_check_in,
    ticket_mark_no_show,
    ticket_park,
    ticket_recall,
    ticket_walk_in,
)
from paspor.queueing.tests import test_browser as shared
from paspor.queueing.tests.conftest import counter, make_booking, station

asgi_server = shared.asgi_server  # the uvicorn server fixture of the board test
signed_in = shared.signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The number of line boxes the element's text takes.
LINES = "e => { const r = document.createRange(); r.selectNodeContents(e); return r.getClientRects().length; }"


def checked_in_today(office, **kwargs):
    now = timezone.now().astimezone(office.tz)
    earlier, later = now - dt.timedelta(minutes=5), now + dt.timedelta(minutes=55)
    # A window within today, however close to midnight on either side.
    start = earlier.time() if earlier.date() == now.date() else dt.time(0, 0)
    end = later.time() if later.date() == now.date() else dt.time(23, 59)
    start, end = start.replace(second=0, microsecond=0), end.replace(second=0, microsecond=0)
    booking = make_booking(office, date=now.date(), start=start, end=end, **kwargs)
    return ticket_check_in(office=office, code=booking.code, by=None)


def intake_desk_open(office, officer):
    return counter_open(
        office=office,
        counter=counter(office, 1),
        station=station(office, "intake"),
        by=officer,
    )


def console_with_one_waiting(browser_context, asgi_server, office, officer):
    """The intake console of `officer`, open at its counter, with one ticket waiting."""
    intake_desk_open(office, officer)
    checked_in_today(office)
    page = signed_in(browser_context, asgi_server, officer)
    page.goto(f"{asgi_server}/antrian/{office.code}/loket/")
    return page


@pytest.mark.parametrize("width", [1366, 1024])
def test_console_shows_the_called_number_on_one_line_beside_long_details(
    browser_context, asgi_server, queue_office, intake_officer, width
):
    desk = intake_desk_open(queue_office, intake_officer)
    lost = OfficeService.objects.get(office=queue_office, kind=ServiceKind.LOST_DAMAGED)
    ticket_walk_in(office=queue_office, service=lost, by=None)
    ticket_call_next(session=desk, by=intake_officer)
    ticket_recall(session=desk, by=intake_officer)
    ticket_recall(session=desk, by=intake_officer)
    ticket_mark_no_show(session=desk, by=intake_officer)
    ticket = checked_in_today(
        queue_office, pool=Pool.PRIORITY, name="Yohanes Bartholomeus Wibowo Simanjuntak"
    )
    ticket_call_next(session=desk, by=intake_officer)
    page = signed_in(browser_context, asgi_server, intake_officer)
    page.set_viewport_size({"width": width, "height": 768})
    page.goto(f"{asgi_server}/antrian/ketapang/loket/")
    number = page.locator("#current-ticket")
    assert number.inner_text() == ticket.display == "B-001"
    assert number.evaluate(LINES) == 1
    # The no-show's line says until when it may come back and keeps its button in view.
    line = page.locator("ul.queue-list li", has_text="F-001")
    assert "kembali s.d." in line.inner_text()
    button, box = line.locator("button").bounding_box(), line.bounding_box()
    assert button["x"] + button["width"] <= box["x"] + box["width"]


def test_board_refused_once_reconnects_and_announces_the_next_call(
    browser_context, asgi_server, queue_office, display, intake_officer
):
    page = signed_in(browser_context, asgi_server, display)
    page.set_viewport_size({"width": 1920, "height": 1080})
    streams = []

    def first_refused(route):
        streams.append(route.request.url)
        if len(streams) == 1:
            route.fulfill(status=502, body="Bad Gateway")
        else:
            route.continue_()

    page.route("**/papan/events/**", first_refused)
    page.goto(f"{asgi_server}/antrian/ketapang/papan/")
    page.wait_for_function("() => document.getElementById('board-status').textContent !== ''")
    page.wait_for_timeout(1000)  # EventSource has given up on the 502

    checked_in_today(queue_office)
    ticket_call_next(session=intake_desk_open(queue_office, intake_officer), by=intake_officer)

    spoken = "Nomor antrean A nol nol satu, silakan ke loket satu"
    page.wait_for_function(f"() => window.__spoken.includes({spoken!r})", timeout=20_000)
    assert page.locator("#now-number").inner_text() == "A-001"
    assert page.locator("#board-status").inner_text() == ""
    assert len(streams) >= 2


def test_board_left_on_overnight_starts_the_new_day_without_yesterdays_calls(
    browser_context, asgi_server, queue_office, display, intake_officer
):
    desk = intake_desk_open(queue_office, intake_officer)
    checked_in_today(queue_office)
    checked_in_today(queue_office)
    ticket_call_next(session=desk, by=intake_officer)
    ticket_park(session=desk, by=intake_officer)
    ticket_call_next(session=desk, by=intake_officer)
    checked_in_today(queue_office)  # still waiting when the day ends
    page = signed_in(browser_context, asgi_server, display)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.clock.install()
    page.goto(f"{asgi_server}/antrian/ketapang/papan/")
    assert page.locator("#now-number").inner_text() == "A-002"
    assert page.locator("#board-recent li").all_inner_texts() == ["A-001\n→ Loket 1"]
    assert page.locator('[data-prefix="A"] .value').inner_text() == "1"

    page.clock.fast_forward("24:00:00")

    page.wait_for_function(
        "() => document.getElementById('now-number').textContent === 'Belum ada panggilan'"
    )
    assert page.locator("#board-recent li").all_inner_texts() == ["Belum ada panggilan"]
    assert page.locator('[data-counter="1"] .value').inner_text() == ""
    assert page.locator("#now-counter").inner_text() == ""
    # Numbers restart: nobody waits yet on the new day.
    assert page.locator('[data-prefix="A"] .value').inner_text() == "0"


def test_board_keeps_the_servers_time_on_a_tv_whose_clock_is_wrong(
    browser_context, asgi_server, queue_office, display, intake_officer
):
    desk = intake_desk_open(queue_office, intake_officer)
    checked_in_today(queue_office)
    ticket_call_next(session=desk, by=intake_officer)
    page = signed_in(browser_context, asgi_server, display)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.clock.install(time=timezone.now() + dt.timedelta(hours=9))  # the TV is 9 hours ahead
    page.goto(f"{asgi_server}/antrian/ketapang/papan/")
    page.wait_for_function("() => document.getElementById('board-clock').textContent !== '--.--'")
    now = timezone.now().astimezone(queue_office.tz)
    shown = {f"{now + dt.timedelta(minutes=m):%H.%M}" for m in (-1, 0, 1)}
    assert page.locator("#board-clock").inner_text() in shown
    assert page.locator("#now-number").inner_text() == "A-001"


def test_console_reads_out_what_the_action_did_in_a_region_htmx_keeps(
    browser_context, asgi_server, queue_office, intake_officer
):
    page = console_with_one_waiting(browser_context, asgi_server, queue_office, intake_officer)
    region = page.locator("#console-announce")
    assert region.get_attribute("role") == "status"
    assert page.locator("#console #console-announce").count() == 0
    assert region.inner_text() == ""

    page.get_by_role("button", name="Panggil berikutnya").click()
    page.wait_for_function(
        "() => document.getElementById('console-announce').textContent === 'Memanggil A-001.'"
    )
    # The notice in the panel is no live region of its own: it would be read out twice.
    assert page.locator("#console-notice").get_attribute("role") is None

    page.get_by_role("button", name="Mulai layani").click()
    page.wait_for_function(
        "() => document.getElementById('console-announce').textContent === 'Melayani A-001.'"
    )


def test_the_phone_page_swaps_its_live_region_only_when_the_ticket_changed(
    browser_context, asgi_server, queue_office, intake_officer
):
    desk = intake_desk_open(queue_office, intake_officer)
    ticket = checked_in_today(queue_office)
    phone = browser_context.browser.new_context(locale="id-ID").new_page()
    phone.clock.install()
    phone.goto(f"{asgi_server}/antrian/t/{ticket.token}/")
    phone.evaluate("window.__shown = document.querySelector('#ticket-status article')")

    with phone.expect_response(lambda r: "/status/" in r.url):
        phone.clock.fast_forward(6000)
    phone.wait_for_timeout(300)
    # Nothing changed: the same nodes, so a screen reader has nothing to read again.
    assert phone.evaluate("document.querySelector('#ticket-status article') === window.__shown")

    ticket_call_next(session=desk, by=intake_officer)
    with phone.expect_response(lambda r: "/status/" in r.url):
        phone.clock.fast_forward(6000)
    phone.wait_for_selector("#ticket-status .phone-call")
    assert phone.locator(".phone-call").inner_text() == "Silakan ke loket 1"
    assert phone.evaluate("document.querySelector('#ticket-status article') !== window.__shown")


def test_board_stream_ended_by_its_lifetime_reopens_from_the_last_event_and_misses_no_call(
    browser_context, asgi_server, queue_office, display, intake_officer, settings, monkeypatch
):
    from paspor.queueing import views
    from paspor.queueing.models import BoardEvent

    settings.QUEUE_BOARD_STREAM_SECONDS = 2  # the server ends each stream after 2 s
    desk = intake_desk_open(queue_office, intake_officer)
    resumed_after = []  # the Last-Event-ID of each stream opened again, as the server read it
    board_open = views._board_open

    def recording(request, office, after):
        resumed_after.append(request.headers.get("Last-Event-ID"))
        return board_open(request, office, after)

    monkeypatch.setattr(views, "_board_open", recording)
    page = signed_in(browser_context, asgi_server, display)
    page.set_viewport_size({"width": 1920, "height": 1080})
    armed: list[bool] = []
    called: list[object] = []

    def reopen(route):
        if armed and not called:
            # The stream ended after the board saw the check-in: a call made while the browser
            # reconnects must reach it through Last-Event-ID.
            called.append(ticket_call_next(session=desk, by=intake_officer))
        route.continue_()

    page.route("**/papan/events/**", reopen)
    page.goto(f"{asgi_server}/antrian/ketapang/papan/")
    checked_in_today(queue_office)
    seen = BoardEvent.objects.filter(office=queue_office).latest("id").pk
    page.wait_for_function(
        "() => document.querySelector('[data-prefix=\"A\"] .value').textContent === '1'"
    )
    armed.append(True)
    spoken = "Nomor antrean A nol nol satu, silakan ke loket satu"
    page.wait_for_function(f"() => window.__spoken.includes({spoken!r})", timeout=20_000)
    page.wait_for_timeout(4500)  # two more planned reopenings
    assert resumed_after[0] is None  # the first stream starts from the page's ?after=
    assert str(seen) in resumed_after[1:]  # later ones from the last event the board had
    assert len(resumed_after) >= 3
    assert page.evaluate("window.__spoken").count(spoken) == 1  # not replayed again
    assert page.locator("#now-number").inner_text() == "A-001"
    assert page.locator("#board-status").inner_text() == ""  # no "reconnecting" each time


def test_console_says_when_an_action_never_reached_the_server(
    browser_context, asgi_server, queue_office, intake_officer
):
    page = console_with_one_waiting(browser_context, asgi_server, queue_office, intake_officer)
    problem = page.locator("#console-problem")
    assert problem.is_hidden()

    # The network is down: "call next" (N) reaches nobody, and the officer is told so.
    page.route("**/antrian/ketapang/loket/**", lambda route: route.abort("connectionrefused"))
    page.keyboard.press("n")
    # (The queue's 3-second refresh may fail first and say the list is not being updated.)
    page.wait_for_selector("#console-problem:has-text('tindakan tadi tidak terkirim')")
    assert problem.inner_text().startswith("Tidak tersambung ke server: tindakan tadi tidak")
    assert problem.get_attribute("role") == "alert"
    assert page.locator("#current-ticket").count() == 0

    # Back again: the console loads anew (the queue's refresh answers) and says why.
    with page.expect_navigation(timeout=15_000):
        page.unroute("**/antrian/ketapang/loket/**")
    page.wait_for_selector("text=Antrean pos ini")
    assert problem.inner_text().startswith("Tersambung kembali: konsol dimuat ulang")
    page.keyboard.press("n")
    page.wait_for_selector("#current-ticket")
    assert problem.is_hidden()  # until the next action
    page.keyboard.press("t")
    # The new panel settled: htmx has taken its forms over (before that a press would post the
    # form as a plain page) and the focus is on its primary action, "Panggil berikutnya".
    page.wait_for_function("() => document.activeElement.dataset.shortcut === 'n'")

    # A server error of its own (a proxy's 502) is named, not swallowed.
    page.route("**/aksi/**", lambda route: route.fulfill(status=502, body="Bad Gateway"))
    page.keyboard.press("n")
    page.wait_for_selector("#console-problem:has-text('galat 502')")
    assert problem.is_visible()


def test_a_shortcut_key_held_down_acts_once(
    browser_context, asgi_server, queue_office, intake_officer
):
    from paspor.queueing.models import TicketCall

    desk = intake_desk_open(queue_office, intake_officer)
    ticket = checked_in_today(queue_office)
    ticket_call_next(session=desk, by=intake_officer)
    page = signed_in(browser_context, asgi_server, intake_officer)
    page.goto(f"{asgi_server}/antrian/ketapang/loket/")
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.keyboard.press("u")
    page.wait_for_selector("text=panggilan ke-2")
    # The keyboard repeats a key held down: those presses are not new ones.
    for _ in range(3):
        page.evaluate(
            "document.dispatchEvent(new KeyboardEvent('keydown',"
            " {key: 'u', repeat: true, bubbles: true}))"
        )
    page.keyboard.press("m")  # the next press is an action again
    page.wait_for_selector("text=Melayani")
    assert [url.rsplit("/", 2)[-2] for url in posts] == ["recall", "start"]
    assert TicketCall.objects.filter(visit__ticket=ticket).count() == 2
