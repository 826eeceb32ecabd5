"""In the browser: a final move (cancelling a case) asks first, and "no" changes nothing."""

import os

import pytest

from paspor.cases.models import CaseStatus
from paspor.cases.tests.conftest import open_case
from paspor.cases.tests.test_layout_browser import _as

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_cancelling_a_case_asks_first_and_no_keeps_it(page, live_server, office, intake_officer):
    case = open_case(office, intake_officer)
    _as(page, live_server, intake_officer, width=1024)
    page.goto(f"{live_server.url}/permohonan/{office.code}/{case.code}/")
    page.get_by_text("Batalkan permohonan (pemohon mengundurkan diri)").click()
    page.get_by_label("Alasan").last.fill("Pemohon mengundurkan diri")
    questions: list[str] = []

    def answer(dialog, accept: bool) -> None:
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    page.get_by_role("button", name="Batalkan", exact=True).click()
    page.wait_for_timeout(300)
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE and questions
    assert questions[0].startswith(f"Batalkan permohonan {case.code}?")
    page.once("dialog", lambda dialog: answer(dialog, True))
    page.get_by_role("button", name="Batalkan", exact=True).click()
    page.wait_for_load_state()
    case.refresh_from_db()
    assert case.status == CaseStatus.CANCELLED
