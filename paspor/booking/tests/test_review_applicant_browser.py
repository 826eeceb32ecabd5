"""In the browser on a 390-pixel phone: cancelling on its question page asks nothing more, and a
64-character seed hash or key, or a name typed without spaces, does not push the page
sideways."""

import os

import pytest
from django.test import Client

from conftest import sign_in
from paspor.booking import services
from paspor.booking.models import BookingStatus, PoolPolicy
from paspor.booking.tests.conftest import DAY, make_profile
from paspor.lib.testing_browser import screenshot

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def signed_in(page, live_server, user) -> None:
    client = sign_in(Client(), user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_viewport_size(PHONE)


def sideways(page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def test_cancelling_on_its_question_page_asks_no_second_time(frozen, page, live_server, booking):
    signed_in(page, live_server, booking.account)
    page.goto(f"{live_server.url}/booking/bukti/{booking.code}/batal/")
    questions: list[str] = []

    def answer_no(dialog) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", answer_no)
    with page.expect_navigation():
        page.get_by_role("button", name="Ya, batalkan booking").click()
    assert questions == []  # the page was the question; a webview blocking confirm() is no matter
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_a_seed_hash_and_a_long_name_fit_a_phone(page, live_server, office, sessions, budi, frozen):
    PoolPolicy.objects.create(office=office, pool="priority", mode="ballot")
    services.ballot_open(office=office, day=DAY, pool="priority")
    make_profile(budi.account, 7, name="A" * 120)  # typed without a single space
    signed_in(page, live_server, budi.account)

    page.goto(f"{live_server.url}/booking/undian/{office.code}/{DAY.isoformat()}/priority/")
    assert page.locator("code.seed").first.is_visible()
    assert sideways(page) <= 0

    page.goto(f"{live_server.url}/booking/pesan/")
    assert page.get_by_text("A" * 40, exact=False).first.is_visible()
    assert sideways(page) <= 0


def test_a_drawn_ballots_order_fits_a_phone(page, live_server, office, sessions, budi, frozen):
    """Each line carries a 64-digit key: it wraps in its cell, and the page never scrolls
    sideways."""
    from paspor.booking.models import Ballot
    from paspor.booking.tests.conftest import ADULT, verified

    PoolPolicy.objects.create(office=office, pool="regular", mode="ballot")
    verified(budi.account)
    for serial in range(5):
        services.ballot_enter(
            account=budi.account,
            profile=make_profile(budi.account, 40 + serial),
            office=office,
            day=DAY,
            pool="regular",
            session=sessions[serial % len(sessions)],
            answers=ADULT,
        )
    ballot = Ballot.objects.get(office=office, date=DAY, pool="regular")
    services.ballot_draw(ballot=ballot, now=ballot.closes_at)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/booking/undian/{office.code}/{DAY.isoformat()}/regular/")
    assert page.locator("table.ballot-order tbody").count() == 5
    assert sideways(page) <= 0
    screenshot(page, "ballot-drawn-phone")
