"""In the browser: the payments overview fits the counter's 1024-pixel screen, and the
applicant's payment pages fit a phone."""

import os

import pytest
from django.test import Client

from conftest import sign_in
from paspor.cases.models import Case
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


def test_a_bill_is_found_at_the_counter_on_a_phone_by_its_code_as_printed(
    page, live_server, office, channel, intake_officer, supervisor
):
    from paspor.payments.tests.test_bill_search import grouped, make_bill

    bills = [make_bill(office, intake_officer, n, state="paid", channel=channel) for n in range(55)]
    wanted = bills[0]  # the oldest: on the second page
    client = sign_in(Client(), supervisor)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/pembayaran/{office.code}/")
    assert page.get_by_role("row", name=wanted.case.code).count() == 0
    page.get_by_label("Cari kode billing").fill(grouped(wanted.codes.get().code))
    page.get_by_label("Status kode").select_option("paid")
    page.get_by_role("button", name="Cari").click()
    page.wait_for_url("**status=paid**")
    assert page.get_by_role("row", name=wanted.case.code).count() == 1
    assert "1 tagihan cocok." in page.get_by_role("status").inner_text()
    # The page keeps the phone's width; the table scrolls in its own box.
    widths = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1], widths
    assert page.evaluate("document.activeElement.id") == "id_q"  # the answer opens at the search


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_office_bills_fit_a_1024_px_screen_with_their_time_and_ntpn(
    page, live_server, language, office, channel, intake_officer, supervisor
):
    from paspor.payments.tests.test_bill_search import make_bill

    names = ("Kusumawardhani Prameswari", "Muhammad Rizky Ramadhan", "Siti Aminah")
    bills = [
        make_bill(
            office,
            intake_officer,
            n,
            name=name,
            state="paid",
            channel=channel,
            ntpn=f"5O2RUN1MIVX{n:05d}",
        )
        for n, name in enumerate(names)
    ]
    bills.append(make_bill(office, intake_officer, 9, state="issued"))
    # Case codes are drawn at random: the widest letters, so the fit does not depend on the draw.
    for n, bill in enumerate(bills):
        Case.objects.filter(pk=bill.case_id).update(code=f"WMWMWMWMW{n + 2}")
    client = sign_in(Client(), supervisor)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            },
            {"name": "django_language", "value": language, "url": live_server.url},
        ]
    )
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{live_server.url}/pembayaran/{office.code}/")
    box = page.locator("#tagihan .table-wrap")
    widths = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
    assert widths[0] <= widths[1], widths  # the paid time and NTPN are seen, not scrolled to


# The NTPN as banks print it: sixteen letters and digits with no space to wrap at.
WIDE_NTPN = "5O2RUN1MIVXPYMU3"
OUTSIDE_ITS_CARD = """() => [...document.querySelectorAll('dl.pairs dd')]
  .filter(dd => dd.getBoundingClientRect().right > dd.closest('article').getBoundingClientRect().right)
  .map(dd => dd.textContent.trim())"""


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_ntpn_stays_in_its_card_on_a_360_px_phone(
    page, live_server, language, approved_case, billing_code, channel, applicant
):
    pay(channel, billing_code, ntpn=WIDE_NTPN)
    client = sign_in(Client(), applicant)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            },
            {"name": "django_language", "value": language, "url": live_server.url},
        ]
    )
    page.set_viewport_size({"width": 360, "height": 800})
    code = approved_case.code
    for path in (f"/pembayaran/status/{code}/", f"/pembayaran/status/{code}/bukti/"):
        page.goto(live_server.url + path)
        assert page.get_by_text(WIDE_NTPN).count() == 1
        assert page.evaluate(OUTSIDE_ITS_CARD) == [], path
        widths = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert widths[0] <= widths[1], (path, widths)


# Anything in a card (the receipt, the status page's billing card) that sticks out of it: the
# page itself may keep its width while a table runs past the card's edge.
OUT_OF_CARD = """() => [...document.querySelectorAll('main article *')].filter(el => {
  const box = el.getBoundingClientRect(), card = el.closest('article').getBoundingClientRect();
  return box.width > 0 && (box.right > card.right + 0.5 || box.left < card.left - 0.5);
}).map(el => el.tagName + ' ' + el.textContent.trim().slice(0, 40))"""


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_receipt_and_its_bill_items_fit_a_320_px_phone(
    page, live_server, language, approved_case, billing_code, channel, applicant
):
    pay(channel, billing_code)
    client = sign_in(Client(), applicant)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            },
            {"name": "django_language", "value": language, "url": live_server.url},
        ]
    )
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/pembayaran/status/{approved_case.code}/bukti/")
    assert page.locator("table.bill-items").count() == 1
    assert page.evaluate(OUT_OF_CARD) == []
    widths = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1], widths
