"""In the browser: the day's booking list and its "Tidak sah" action fit a 1024-pixel counter
screen, even beside a long note."""

import os

import pytest
from django.test import Client

from conftest import sign_in
from paspor.booking import services
from paspor.booking.tests.conftest import DAY, book, make_profile, verified

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_day_list_and_its_action_fit_a_1024_px_screen(
    page, live_server, office, sessions, applicant, supervisor, frozen
):
    account = verified(applicant)
    first = book(make_profile(account, 1, name="Ahmad Fauzi"), office, sessions[0])
    book(make_profile(account, 2, name="Budi Santoso"), office, sessions[0])
    services.booking_invalidate(
        booking=first, by=supervisor, reason="Calo: booking dibuat pihak ketiga untuk dijual"
    )
    client = sign_in(Client(), supervisor)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{live_server.url}/booking/{office.code}/hari/?tanggal={DAY.isoformat()}")
    boxes = page.eval_on_selector_all(
        "main .overflow-auto", "bs => bs.map(b => [b.scrollWidth, b.clientWidth])"
    )
    assert boxes and all(scroll <= client for scroll, client in boxes), boxes
    summary = page.locator("td.row-action summary").first.bounding_box()
    assert summary is not None and summary["x"] + summary["width"] <= 1024
