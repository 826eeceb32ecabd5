"""In the browser: the day's booking list and its "Tidak sah" action fit a 1024-pixel counter
screen, even beside a long note; the applicant's choice of office reads in full on a phone."""

import os

import pytest
from django.test import Client

from conftest import sign_in
from paspor.booking import services
from paspor.booking.tests.conftest import ADULT, DAY, book, make_profile, verified
from paspor.booking.views.applicant import DRAFT

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


# Text of the page (not the select's options) that names the office in full and fits the screen.
NAMED_IN_FULL = """name => [...document.querySelectorAll('main *:not(select, optgroup, option)')]
  .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.includes(name)))
  .filter(el => { const b = el.getBoundingClientRect();
                  return b.width > 0 && b.left >= 0 && b.right <= innerWidth; }).length"""


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_chosen_office_is_named_in_full_on_a_320_px_phone(
    page, live_server, language, office, sessions, applicant, frozen
):
    # A real office's name: the select shows only "Kantor Imigrasi Kelas III No…" on a phone.
    office.name = "Kantor Imigrasi Kelas III Non TPI Ketapang"
    office.save(update_fields=["name"])
    profile = make_profile(verified(applicant), 1, name="Budi Santoso")
    client = sign_in(Client(), applicant)
    session = client.session
    session[DRAFT] = {"profile": str(profile.public_id), "answers": ADULT.to_dict()}
    session.save()
    page.context.add_cookies(
        [
            {"name": "sessionid", "value": session.session_key, "url": live_server.url},
            {"name": "django_language", "value": language, "url": live_server.url},
        ]
    )
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/booking/pesan/jadwal/?tanggal={DAY.isoformat()}")
    assert page.locator("table.session-grid").count() == 1
    assert page.evaluate(NAMED_IN_FULL, office.name) >= 1
    widths = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1], widths
