"""Opening, claiming, cancelling and moving a case refuse in the officer's language; interview
flags, stored in Indonesian, are shown on the case page in the page's language."""

import dataclasses

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import make_user, refusal
from paspor.accounts.models import Role
from paspor.cases import interview
from paspor.cases.models import CaseEvent, CaseStatus
from paspor.cases.services import case_cancel, case_claim, case_transition
from paspor.cases.templatetags.cases_tags import flag_message
from paspor.cases.tests.conftest import SITI, case_at, open_case, tourist_answers
from paspor.lib.errors import Conflict

pytestmark = pytest.mark.django_db

SHORT_NIK = dataclasses.replace(SITI, nik="123")
UNKNOWN_TYPE = dataclasses.replace(SITI, application_type="visa")
PAID_BY_BROKER_EN = "The trip is paid for by a broker, a private sponsor or someone else."
PAID_BY_BROKER_ID = "Biaya perjalanan ditanggung calo, sponsor perorangan atau orang lain."


@pytest.fixture
def second_intake_officer(office):
    return make_user("petugas_loket_dua", role=Role.INTAKE, office=office)


@pytest.fixture
def flagged_case(office, intake_officer, biometrics_officer):
    """Awaiting the supervisor, with the interview's ‘paid by a broker’ flag."""
    case = case_at(
        CaseStatus.INTERVIEW,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    answers = tourist_answers(trip_paid_by="agent", recommendation_reason="Dibayar paman")
    return interview.case_interview_record(case=case, by=biometrics_officer, answers=answers)


def _refusal(service, **kwargs) -> str:
    return refusal(service, **kwargs).message


def _open_refusal(office, officer, data) -> str:
    return _refusal(open_case, office=office, officer=officer, data=data)


# --- Opening --------------------------------------------------------------------------------


def test_opening_refusals_read_in_english(office, intake_officer):
    with translation.override("en"):
        nik = _open_refusal(office, intake_officer, SHORT_NIK)
        kind = _open_refusal(office, intake_officer, UNKNOWN_TYPE)
        missing = _open_refusal(office, intake_officer, None)
    assert nik == "A NIK has exactly 16 digits, not 3."
    assert kind == "Unknown application type."
    assert missing == "Enter the applicant's data as on the KTP/KK."


def test_opening_refusals_stay_indonesian_by_default(office, intake_officer):
    assert _open_refusal(office, intake_officer, SHORT_NIK) == (
        "NIK harus terdiri dari 16 angka, bukan 3."
    )
    assert _open_refusal(office, intake_officer, UNKNOWN_TYPE) == "Jenis permohonan tidak dikenal."
    assert _open_refusal(office, intake_officer, None) == "Isi data pemohon sesuai KTP/KK."


# --- Claiming, cancelling and moving --------------------------------------------------------


def test_a_case_taken_by_another_officer_is_refused_in_english(
    office, intake_officer, second_intake_officer
):
    case = open_case(office, intake_officer)
    with translation.override("en"):
        claimed = _refusal(case_claim, case=case, by=second_intake_officer)
        cancelled = _refusal(case_cancel, case=case, by=second_intake_officer, reason="Withdrawn")
    assert claimed == f"Application {case.code} has already been taken by petugas_loket."
    assert cancelled == f"Application {case.code} is being handled by petugas_loket."
    assert _refusal(case_claim, case=case, by=second_intake_officer) == (
        f"Permohonan {case.code} sudah diambil oleh petugas_loket."
    )


def test_a_cancellation_without_a_reason_is_refused_in_english(office, intake_officer):
    case = open_case(office, intake_officer)
    with translation.override("en"):
        message = _refusal(case_cancel, case=case, by=intake_officer, reason=" ")
    assert message == "Write the reason for the cancellation."
    assert _refusal(case_cancel, case=case, by=intake_officer, reason="") == (
        "Tuliskan alasan pembatalan."
    )


def test_a_move_the_table_forbids_is_refused_in_english(office, intake_officer):
    case = open_case(office, intake_officer)
    with translation.override("en"), pytest.raises(Conflict) as refused:
        case_transition(case=case, to=CaseStatus.HANDED_OVER, by=intake_officer)
    assert refused.value.message == (
        f"Application {case.code} has the status “Document check” and cannot be moved to "
        "“Handed over”."
    )
    assert refused.value.code == "transition_not_allowed"


def test_a_step_in_the_wrong_status_is_refused_in_english(office, intake_officer):
    case = open_case(office, intake_officer)
    with translation.override("en"):
        message = _refusal(
            interview.case_interview_record,
            case=case,
            by=intake_officer,
            answers=tourist_answers(),
        )
    assert message == (
        f"Application {case.code} has the status “Document check”: this step cannot be done now."
    )


def test_a_cancellation_in_english_keeps_the_officers_reason(office, intake_officer):
    case = open_case(office, intake_officer)
    with translation.override("en"):
        case = case_cancel(case=case, by=intake_officer, reason="Pemohon mengundurkan diri")
    event = CaseEvent.objects.get(case=case, to_status=CaseStatus.CANCELLED)
    assert event.reason == "Pemohon mengundurkan diri"


# --- Interview flags on the case page -------------------------------------------------------


def test_a_flag_reads_in_the_pages_language_and_falls_back_to_its_stored_text():
    stored = {"code": "paid_by_agent", "message": PAID_BY_BROKER_ID}
    retired = {"code": "retired_rule", "message": "Aturan lama."}
    with translation.override("en"):
        assert flag_message(stored) == PAID_BY_BROKER_EN
        assert flag_message(retired) == "Aturan lama."
    assert flag_message(stored) == PAID_BY_BROKER_ID


def test_flags_on_the_case_page_read_in_english(
    flagged_case, office, supervisor, client_for, settings
):
    case_claim(case=flagged_case, by=supervisor)
    client = client_for(supervisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("cases:detail", args=[office.code, flagged_case.code]))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count(PAID_BY_BROKER_EN) == 2  # the decision panel and the summary
    assert PAID_BY_BROKER_ID not in html


def test_flags_on_the_case_page_stay_indonesian_by_default(
    flagged_case, office, supervisor, client_for
):
    case_claim(case=flagged_case, by=supervisor)
    page = client_for(supervisor).get(
        reverse("cases:detail", args=[office.code, flagged_case.code])
    )
    html = page.content.decode()
    assert html.count(PAID_BY_BROKER_ID) == 2
    assert PAID_BY_BROKER_EN not in html
