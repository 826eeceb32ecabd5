"""A crash at any step of the case's journey leaves it in one status with its event, audit row
and messages, or as it was; approval issues the bill and its billing code with it, or neither
(booking/tests/faults.py).

Each transition is failed at every one of its SQL statements and at its COMMIT — by an
exception, and on PostgreSQL by ending its connection — then sent again as a second click would.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable

import pytest

from paspor.booking.tests.faults import (
    MODES,
    assert_invariants,
    database_tasks,  # noqa: F401 - the fixture
    prove_all_or_nothing,
)
from paspor.cases import biometrics, intake, interview
from paspor.cases.adjudication import case_decide
from paspor.cases.documents import required_documents
from paspor.cases.models import Case, CaseStatus
from paspor.cases.services import ApplicantData, case_claim
from paspor.cases.tests.conftest import (
    SITI,
    finish_biometrics,
    finish_intake,
    open_case,
    tourist_answers,
)
from paspor.payments.models import BillingCode
from paspor.payments.services import fee_schedule_ensure_defaults

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_tasks")]
serials = itertools.count(1)


def fresh(pk: int) -> Case:
    return Case.objects.select_related("office").get(pk=pk)


def opened(office, officer) -> Case:
    nik = f"610401570890{next(serials):04d}"  # Siti's birth, another serial
    return open_case(office, officer, data=dataclasses.replace(SITI, nik=nik))


def data_of(case: Case) -> ApplicantData:
    names = ("nik", "full_name", "sex", "birth_date", "birth_place", "phone", "email",
             "application_type", "passport_kind", "language")  # fmt: skip
    return ApplicantData(**{name: getattr(case, name) for name in names})


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_when_intake_is_completed_moves_the_case_whole_or_not_at_all(
    kill, office, intake_officer
):
    def setup() -> Callable[[], Case]:
        # Data checked and documents seen: only the completion is left.
        case = opened(office, intake_officer)
        intake.case_data_verify(case=case, by=intake_officer, data=data_of(case), validity_years=10)
        codes = [r.code for r in required_documents(case.application_type, is_child=False)]
        intake.case_documents_check(case=case, by=intake_officer, seen=codes)
        return lambda: intake.case_intake_complete(case=fresh(case.pk), by=intake_officer)

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    assert report.result.status == CaseStatus.BIOMETRICS
    assert report.clean_change["cases_caseevent"][1] >= 1
    assert report.clean_change["audit_auditentry"][1] >= 1


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_when_biometrics_are_completed_moves_the_case_whole_or_not_at_all(
    kill, office, intake_officer, biometrics_officer
):
    def setup() -> Callable[[], Case]:
        case = finish_intake(opened(office, intake_officer), intake_officer)
        case_claim(case=case, by=biometrics_officer)
        photo = biometrics.case_photo_add(
            case=case, by=biometrics_officer, data=_photo(), source="upload"
        )
        biometrics.case_photo_accept(case=case, photo=photo, by=biometrics_officer)
        biometrics.case_fingerprints_capture(case=case, by=biometrics_officer)
        biometrics.case_signature_add(
            case=case, by=biometrics_officer, data=_signature(), source="pad"
        )
        return lambda: biometrics.case_biometrics_complete(
            case=fresh(case.pk), by=biometrics_officer, reason="uji"
        )

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    assert report.result.status == CaseStatus.INTERVIEW


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_when_the_interview_is_recorded_moves_the_case_whole_or_not_at_all(
    kill, office, intake_officer, biometrics_officer
):
    def setup() -> Callable[[], Case]:
        case = finish_intake(opened(office, intake_officer), intake_officer)
        case = finish_biometrics(case, biometrics_officer)
        return lambda: interview.case_interview_record(
            case=fresh(case.pk), by=biometrics_officer, answers=tourist_answers()
        )

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    assert report.result.status == CaseStatus.AWAITING_SUPERVISOR


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_at_approval_issues_the_bill_and_its_code_with_it_or_neither(
    kill, office, intake_officer, biometrics_officer, supervisor
):
    fee_schedule_ensure_defaults()

    def setup() -> Callable[[], Case]:
        case = finish_intake(opened(office, intake_officer), intake_officer)
        case = finish_biometrics(case, biometrics_officer)
        case = interview.case_interview_record(
            case=case, by=biometrics_officer, answers=tourist_answers()
        )
        case_claim(case=case, by=supervisor)
        return lambda: case_decide(case=fresh(case.pk), by=supervisor, approve=True, reason="")

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    assert report.result.status == CaseStatus.BILLED
    assert BillingCode.objects.filter(bill__case=report.result, status="issued").count() == 1
    for table in ("payments_bill", "payments_billingcode", "notifications_message"):
        assert report.clean_change[table][1] >= 1, table


def _photo() -> bytes:
    from paspor.cases.tests.conftest import good_photo_jpeg

    return good_photo_jpeg()


def _signature() -> bytes:
    from paspor.cases.tests.conftest import signature_png

    return signature_png()
