"""The status page's history says what happened at each change, and the next step is the real one."""

import datetime as dt

import pytest
from django.utils import translation

from paspor.cases.models import ALLOWED, CaseStatus
from paspor.cases.services import case_transition
from paspor.notifications.status import ENTERED, NEXT, history_text, status_lookup
from paspor.notifications.tests.factories import make_case

pytestmark = pytest.mark.django_db
BIRTH = dt.date(1990, 8, 17)
S = CaseStatus


def walk(case, officer, *statuses):
    for status in statuses:
        case = case_transition(case=case, to=status, by=officer)
    return case


def look_up(case, language):
    with translation.override(language):
        result = status_lookup(code=case.code, birth_date=BIRTH, ip="10.0.0.1")
    assert result is not None
    return result


def history(case, language):
    return [step.text for step in look_up(case, language).steps]


def test_the_end_of_intake_is_told_as_documents_checked_not_as_photo_taken(office, intake_officer):
    case = walk(make_case(office, intake_officer), intake_officer, S.BIOMETRICS)
    assert history(case, "en") == [
        "The application was opened at the counter.",
        "Documents checked; next: photo and fingerprints.",
    ]
    assert history(case, "id")[1] == "Berkas diperiksa; berikutnya foto dan sidik jari."


def test_the_interview_is_told_as_done_only_when_it_ended(office, intake_officer):
    case = walk(
        make_case(office, intake_officer),
        intake_officer,
        S.BIOMETRICS,
        S.INTERVIEW,
        S.AWAITING_SUPERVISOR,
    )
    assert history(case, "en")[2:] == [
        "Photo and fingerprints taken; next: interview.",
        "Interview done; the application awaits the supervisor's decision.",
    ]


def test_waiting_at_the_photo_station_the_next_step_is_the_photo(office, intake_officer):
    case = walk(make_case(office, intake_officer), intake_officer, S.BIOMETRICS)
    assert look_up(case, "en").next_step == (
        "Wait to be called to the photo and fingerprint counter."
    )
    assert look_up(case, "id").next_step == "Tunggu panggilan ke loket foto dan sidik jari."


def test_waiting_for_the_interview_the_next_step_is_the_interview(office, intake_officer):
    case = walk(make_case(office, intake_officer), intake_officer, S.BIOMETRICS, S.INTERVIEW)
    assert look_up(case, "en").next_step == "Wait to be called to the interview."


def test_a_case_back_from_a_deferral_says_the_documents_were_brought(office, intake_officer):
    case = walk(
        make_case(office, intake_officer),
        intake_officer,
        S.BIOMETRICS,
        S.DEFERRED,
        S.BIOMETRICS,
    )
    assert history(case, "en")[-1] == "Missing documents brought; next: photo and fingerprints."


def test_a_reprint_after_a_failed_quality_check_is_not_told_as_a_payment(office, intake_officer):
    case = make_case(office, intake_officer, status=S.PAID)
    case = walk(case, intake_officer, S.PRINTED, S.PAID)
    assert history(case, "en")[-1] == (
        "The passport did not pass the quality check and is printed again."
    )


def test_every_status_has_a_history_line_and_a_next_step():
    assert set(ENTERED) == set(S) and set(NEXT) == set(S)


@pytest.mark.parametrize(
    ("before", "after"),
    [(before, after) for before, targets in ALLOWED.items() for after in sorted(targets)],
)
def test_every_allowed_change_reads_in_indonesian_and_in_english(before, after):
    with translation.override("id"):
        indonesian = history_text(before, after)
    with translation.override("en"):
        english = history_text(before, after)
    assert indonesian and english and indonesian != english


@pytest.mark.parametrize("status", list(S))
def test_every_next_step_reads_in_indonesian_and_in_english(status):
    with translation.override("id"):
        indonesian = str(NEXT[status])
    with translation.override("en"):
        english = str(NEXT[status])
    assert indonesian and english and indonesian != english
