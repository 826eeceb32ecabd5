"""In the browser: an empty station queue on the console says so without a list number."""

import os

import pytest
from django.test import Client

from conftest import sign_in
from paspor.queueing.services import counter_open
from paspor.queueing.tests.conftest import counter, station

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_nobody_waiting_is_not_numbered_as_a_ticket(
    page, live_server, queue_office, intake_officer
):
    counter_open(
        office=queue_office,
        counter=counter(queue_office, 1),
        station=station(queue_office, "intake"),
        by=intake_officer,
    )
    client = sign_in(Client(), intake_officer)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/antrian/ketapang/loket/")
    empty = page.locator("ol.queue-list li.muted")
    assert empty.inner_text() == "Tidak ada yang menunggu."
    assert empty.evaluate("e => getComputedStyle(e).listStyleType") == "none"
