"""In the browser on a 390-pixel phone, where a head of office may open it: the personal-data
access log keeps the screen's width, its table scrolling in its own box (the whole page used to
scroll sideways, heading and filter with it), in Indonesian and in English."""

import os

import pytest
from django.test import Client

from conftest import make_user, sign_in
from paspor.accounts.models import Role
from paspor.audit.services import pii_access_record
from paspor.notifications.tests.factories import make_case

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_log_keeps_a_phones_width(page, live_server, office, head_of_office, language):
    officer = make_user("petugas_biometrik_dan_wawancara", role=Role.BIOMETRICS, office=office)
    officer.first_name, officer.last_name = "Kusumawardhani", "Prameswari Wicaksono"
    officer.save(update_fields=["first_name", "last_name"])
    case = make_case(office, officer)
    for what in ("cases.detail", "cases.documents", "cases.biometrics"):
        pii_access_record(user=officer, case=case, what=what)
    client = sign_in(Client(), head_of_office)
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
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/audit/{office.code}/akses-data-pribadi/")
    assert page.locator("tbody tr").count() == 3
    width, screen = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width <= screen
