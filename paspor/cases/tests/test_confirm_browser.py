"""In the browser: a final move (cancelling or rejecting a case) asks first, and "no" changes
nothing; a reason it needs is asked for before the question."""

import os

import pytest

from paspor.cases.models import CaseStatus
from paspor.cases.services import case_claim
from paspor.cases.tests.conftest import case_at, open_case
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


def test_a_refusal_asks_for_its_reason_before_the_final_question(
    page, live_server, office, intake_officer, biometrics_officer, supervisor
):
    case = case_at(
        CaseStatus.AWAITING_SUPERVISOR,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    case_claim(case=case, by=supervisor)
    _as(page, live_server, supervisor, width=1024)
    page.goto(f"{live_server.url}/permohonan/{office.code}/{case.code}/")
    questions: list[str] = []

    def answer_yes(dialog) -> None:
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer_yes)
    page.get_by_role("button", name="Tolak").click()
    page.wait_for_timeout(300)
    # Not "final?" first and "write a reason" after: the reason is asked for where it is typed.
    assert questions == [] and page.evaluate("document.activeElement.name") == "decision-reason"
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_SUPERVISOR
    page.get_by_label("Alasan").first.fill("Keterangan tujuan perjalanan tidak meyakinkan")
    with page.expect_navigation():
        page.get_by_role("button", name="Tolak").click()
    case.refresh_from_db()
    assert len(questions) == 1 and case.status == CaseStatus.REJECTED
