"""In the browser on a 390-pixel phone (or a tablet held upright): the printing, quality-control,
stock and handover pages keep the screen's width, each table scrolling in its own box, and axe
finds nothing serious on them, in Indonesian and in English."""

import datetime as dt
import json
import os

import pytest
from django.test import Client

from conftest import sign_in
from paspor.issuance.services import print_confirm, print_start
from paspor.issuance.tests.conftest import make_paid_case, receive
from paspor.issuance.tests.helpers import ready_passport
from paspor.offices.calendar import office_today
from paspor.surveys.tests.test_browser import axe_violations

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def issuance_day(office, intake_officer, printer, checker):
    """A passport in print, one waiting for quality control and one ready for pickup."""
    receive(office, printer, "C1000001", "C1000010", on=dt.date(2026, 1, 5))
    paid = [
        make_paid_case(office, intake_officer, nik=f"61040157089000{n:02d}", full_name=name)
        for n, name in enumerate(
            ("Kusumawardhani Prameswari", "Muhammad Rizky Ramadhan", "Siti Aminah"), start=2
        )
    ]
    return {
        "in_print": print_start(case=paid[0], by=printer),
        "in_qc": print_confirm(passport=print_start(case=paid[1], by=printer), by=printer),
        "ready": ready_passport(paid[2], printer, checker),
    }


def open_as(page, live_server, user, path, language):
    client = sign_in(Client(), user)
    page.context.clear_cookies()
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
    page.goto(live_server.url + path)


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_issuance_pages_keep_a_phones_width(
    page, live_server, language, office, issuance_day, printer, checker, handover_officer
):
    code, month = office.code, f"{office_today(office):%Y-%m}"
    pages = [
        (printer, f"/penerbitan/{code}/cetak/{issuance_day['in_print'].case.code}/"),
        (checker, f"/penerbitan/{code}/kendali-mutu/"),
        (checker, f"/penerbitan/{code}/kendali-mutu/{issuance_day['in_qc'].passport_number}/"),
        (printer, f"/penerbitan/{code}/stok/"),
        (
            printer,
            f"/penerbitan/{code}/stok/laporan/buku/?bulan={month}&kolom=closing&jenis=electronic",
        ),
        (handover_officer, f"/penerbitan/{code}/penyerahan/"),
        (
            handover_officer,
            f"/penerbitan/{code}/penyerahan/{issuance_day['ready'].passport_number}/",
        ),
    ]
    page.set_viewport_size(PHONE)
    found = {}
    for user, path in pages:
        open_as(page, live_server, user, path, language)
        widths = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        problems = {
            "wider_than_the_screen": widths if widths[0] > widths[1] else None,
            "axe": axe_violations(page),
        }
        if problems := {key: value for key, value in problems.items() if value}:
            found[f"{user.username} {path}"] = problems
    assert found == {}, json.dumps(found, indent=1)
