"""In the browser: the payments overview fits the counter's 1024-pixel screen."""

import os

import pytest
from django.test import Client

from conftest import sign_in
from paspor.payments.tests.factories import pay

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_flagged_payment_and_its_follow_up_fit_a_1024_px_screen(
    page, live_server, office, billing_code, channel, supervisor
):
    pay(channel, billing_code, amount=1)  # the wrong amount: flagged for review
    client = sign_in(Client(), supervisor)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{live_server.url}/pembayaran/{office.code}/")
    box = page.locator(".table-wrap").first
    widths = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
    assert widths[0] <= widths[1], widths  # nothing to scroll sideways for
    button = page.get_by_role("button", name="Selesai ditinjau").bounding_box()
    assert button is not None and button["x"] + button["width"] <= 1024
