# mypy: disable-error-code="union-attr"
"""In the browser on the TVs offices hang in their waiting rooms: the board runs full screen in
a kiosk browser that nobody scrolls, so on a busy day it keeps to the screen, the called number
whole and in view, and no line of its lists cut by the screen's edge."""

import pytest

from paspor.offices.models import OfficeService
from paspor.queueing.services import (
    counter_open,
    ticket_call_next,
    ticket_end_visit,
    ticket_recall,
    ticket_walk_in,
)
from paspor.queueing.tests import test_browser as shared
from paspor.queueing.tests.conftest import counter, station

asgi_server = shared.asgi_server  # the uvicorn server fixture of the board test
signed_in = shared.signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the board takes of the screen, and whether a line of its lists runs past the screen's
# edge (a line dropped for lack of room has no height and is not on the screen).
MEASURE = """() => {
  const d = document.documentElement;
  const cut = [...document.querySelectorAll('.board-grid li')].filter(li => {
    const r = li.getBoundingClientRect();
    return r.height >= 1 && (r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5);
  }).map(li => li.textContent.trim());
  const now = document.querySelector('.board-now').getBoundingClientRect();
  const size = e => parseFloat(getComputedStyle(e).fontSize);
  const others = [...document.querySelectorAll('.board-wrap h1, .board-wrap h2, .board-wrap li,'
    + ' .board-wrap p:not(#now-number), .board-sound span')].map(size);
  return {
    height: d.scrollHeight, width: d.scrollWidth, innerHeight, innerWidth, cut,
    now: [now.top, now.left, now.bottom, now.right],
    number: size(document.getElementById('now-number')), largest_other: Math.max(...others),
  };
}"""


def busy_day(office, intake_officer, second_intake_officer, supervisor):
    """Every walk-in service waiting, three counters calling, the latest call recalled."""
    for service in OfficeService.objects.filter(office=office, walk_in=True):
        for _ in range(3):
            ticket_walk_in(office=office, service=service, by=None)
    desks = []
    for number, station_type, officer in (
        (1, "intake", intake_officer),
        (2, "intake", second_intake_officer),
        (5, "information", supervisor),
    ):
        desk = counter_open(
            office=office,
            counter=counter(office, number),
            station=station(office, station_type),
            by=officer,
        )
        desks.append((desk, officer))
    for _ in range(3):
        for desk, officer in desks:
            ticket_call_next(session=desk, by=officer)
            ticket_end_visit(session=desk, by=officer)
    desk, officer = desks[0]
    latest = ticket_call_next(session=desk, by=officer)
    ticket_recall(session=desk, by=officer)
    return latest


@pytest.mark.parametrize("screen", [(1366, 768), (1280, 720)], ids=["hd-ready", "hd"])
def test_busy_board_in_english_fits_the_tv_with_the_call_whole_and_in_view(
    browser_context,
    asgi_server,
    queue_office,
    display,
    intake_officer,
    second_intake_officer,
    supervisor,
    screen,
):
    latest = busy_day(queue_office, intake_officer, second_intake_officer, supervisor)
    page = signed_in(browser_context, asgi_server, display)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": asgi_server}])
    width, height = screen
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{asgi_server}/antrian/ketapang/papan/")
    assert page.locator("#now-number").inner_text() == latest.display
    assert page.locator("#now-counter").inner_text() == "Counter 1"
    # Busy: six previous calls, a line per service, and the sound switch not yet pressed.
    assert page.locator("#board-recent li").count() == 6
    assert page.locator("#board-waiting li").count() == 6
    assert page.locator("#sound-on").is_visible()
    board = page.evaluate(MEASURE)
    assert board["height"] <= board["innerHeight"], board
    assert board["width"] <= board["innerWidth"], board
    assert board["cut"] == [], board
    top, left, bottom, right = board["now"]
    assert top >= 0 and left >= 0 and bottom <= height and right <= width, board
    # The number called is the largest text on the board.
    assert board["number"] > board["largest_other"], board


def test_a_ticket_at_a_high_counter_stays_on_the_board_when_the_counters_do_not_fit(
    browser_context, asgi_server, queue_office, display, intake_officer
):
    from paspor.offices.models import Counter

    intake = station(queue_office, "intake")
    for number in range(6, 17):  # sixteen counters: more than the list has lines for
        Counter.objects.create(office=queue_office, number=number).stations.add(intake)
    priority = OfficeService.objects.get(office=queue_office, ticket_prefix="B")
    ticket_walk_in(office=queue_office, service=priority, by=None)
    desk = counter_open(
        office=queue_office, counter=counter(queue_office, 14), station=intake, by=intake_officer
    )
    page = signed_in(browser_context, asgi_server, display)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{asgi_server}/antrian/ketapang/papan/")
    assert page.locator('[data-counter="1"]').is_visible()  # idle counters are listed first

    called = ticket_call_next(session=desk, by=intake_officer)
    page.wait_for_function(
        f"() => document.getElementById('now-number').textContent === {called.display!r}"
    )
    slot = page.locator('[data-counter="14"]')
    box = slot.bounding_box()
    assert box is not None and box["height"] >= 1 and box["y"] + box["height"] <= 720
    assert slot.locator(".value").inner_text() == called.display
    assert page.evaluate(MEASURE)["cut"] == []
