"""In the browser: deferring at intake keeps the originals the officer already ticked, and the
officer who resumes the case goes on with it where they left it."""

import os

import pytest
from django.test import Client

from conftest import sign_in
from paspor.cases.models import CaseStatus
from paspor.cases.tests.conftest import open_case
from paspor.lib.testing_browser import screenshot

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_deferral_at_intake_keeps_the_ticked_originals_for_the_resumed_case(
    page, live_server, office, intake_officer
):
    case = open_case(office, intake_officer)
    client = sign_in(Client(), intake_officer)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/permohonan/{office.code}/{case.code}/")
    page.get_by_role("checkbox", name="KTP elektronik (e-KTP) asli").check()
    page.get_by_role("checkbox", name="Akta kelahiran, akta").check()
    page.get_by_text("Tangguhkan (berkas belum lengkap)").click()
    page.get_by_label("Yang harus dilengkapi").fill("Kartu Keluarga (KK) asli")
    with page.expect_navigation():
        page.get_by_role("button", name="Tangguhkan", exact=True).click()
    case.refresh_from_db()
    assert case.status == CaseStatus.DEFERRED
    seen = set(case.documents.filter(status="seen").values_list("code", flat=True))
    assert seen == {"ktp", "civil_record"}

    with page.expect_navigation():
        page.get_by_role("button", name="Berkas sudah lengkap: lanjutkan").click()
    assert page.get_by_role("checkbox", name="KTP elektronik (e-KTP) asli").is_checked()
    assert page.get_by_role("checkbox", name="Akta kelahiran, akta").is_checked()
    assert not page.get_by_role("checkbox", name="Kartu Keluarga (KK) asli").is_checked()
    screenshot(page, "cases-resumed-with-ticks")
