"""Who may withdraw, claim, reassign and record what, and what the record keeps of it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from paspor.audit.models import AuditEntry
from paspor.cases import interview
from paspor.cases.adjudication import case_decide, case_defer
from paspor.cases.models import CaseParent, CaseStatus
from paspor.cases.services import case_cancel, case_claim, case_reassign
from paspor.cases.tests.conftest import SITI, open_case, tourist_answers
from paspor.cases.tests.test_lifecycle import make_case
from paspor.cases.tests.test_suspension import lost_case_awaiting
from paspor.lib.errors import Conflict

pytestmark = pytest.mark.django_db
CHILD = dataclasses.replace(
    SITI, nik="6104015708150001", birth_date=dt.date(2015, 8, 17), application_type="new_child"
)


def _step(office, case, action):
    return reverse("cases:step", args=[office.code, case.code, action])


@pytest.mark.parametrize(
    "status", [CaseStatus.PAID, CaseStatus.READY_FOR_PICKUP, CaseStatus.AWAITING_SUPERVISOR]
)
def test_a_case_is_withdrawn_only_before_payment_and_outside_the_decision(
    status, office, intake_officer, supervisor, client_for
):
    """After payment the passport is made: a ready passport is cancelled only by the pickup
    deadline, which also voids its booklet and stops the reminders."""
    case = make_case(office, intake_officer, status=status)
    with pytest.raises(Conflict) as refused:
        case_cancel(case=case, by=supervisor, reason="Pemohon mengundurkan diri")
    assert refused.value.code == "wrong_status"
    response = client_for(supervisor).post(
        _step(office, case, "batalkan"), {"cancel-reason": "Pemohon mengundurkan diri"}
    )
    assert response.status_code == 409
    case.refresh_from_db()
    assert case.status == status


def test_a_role_that_does_not_work_the_step_cannot_withdraw_the_case(
    office, intake_officer, head_of_office, client_for
):
    case = open_case(office, intake_officer)
    with pytest.raises(PermissionDenied):
        case_cancel(case=case, by=head_of_office, reason="Pemohon mengundurkan diri")
    response = client_for(head_of_office).post(
        _step(office, case, "batalkan"), {"cancel-reason": "Pemohon mengundurkan diri"}
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE


def test_a_deferred_case_is_claimed_only_by_the_step_that_deferred_it(
    at_interview, office, intake_officer, biometrics_officer, client_for
):
    case = case_claim(case=at_interview, by=biometrics_officer)
    case = case_defer(case=case, by=biometrics_officer, missing="Surat sponsor")
    with pytest.raises(PermissionDenied):
        case_claim(case=case, by=intake_officer)
    response = client_for(intake_officer).post(
        reverse("cases:claim", args=[office.code, case.code])
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.assigned_to is None
    assert case_claim(case=case, by=biometrics_officer).assigned_to == biometrics_officer


@pytest.mark.parametrize("status", [CaseStatus.CANCELLED, CaseStatus.REJECTED, CaseStatus.PAID])
def test_a_case_that_left_the_steps_is_not_reassigned(status, office, intake_officer, supervisor):
    case = make_case(office, intake_officer, status=status)
    with pytest.raises(Conflict) as refused:
        case_reassign(case=case, to=None, by=supervisor, reason="Antrean")
    assert refused.value.code == "wrong_status"
    assert not AuditEntry.objects.filter(event="case.reassigned").exists()


def test_a_suspension_for_carelessness_is_in_the_audit_trail(
    office, intake_officer, biometrics_officer, supervisor
):
    case = lost_case_awaiting(office, intake_officer, biometrics_officer, supervisor)
    case_decide(case=case, by=supervisor, approve=False, reason="Kelalaian", suspend_months=12)
    entry = AuditEntry.objects.get(event="case.issuance_suspended", subject_id=str(case.pk))
    assert entry.actor == supervisor and entry.new["months"] == 12
    assert entry.new["until"] and entry.reason == "Kelalaian"


def test_a_fine_waived_after_a_disaster_is_in_the_audit_trail(
    office, intake_officer, biometrics_officer, supervisor
):
    case = lost_case_awaiting(office, intake_officer, biometrics_officer, supervisor, disaster=True)
    entry = AuditEntry.objects.get(event="case.interview", subject_id=str(case.pk))
    assert entry.actor == biometrics_officer
    assert entry.new["fine_waived_reason"] == "Banjir Ketapang Januari 2026"
    assert entry.old == {"fine_waived_reason": ""}


def test_an_interview_without_a_waiver_records_none(at_interview, biometrics_officer):
    case = case_claim(case=at_interview, by=biometrics_officer)
    interview.case_interview_record(case=case, by=biometrics_officer, answers=tourist_answers())
    entry = AuditEntry.objects.get(event="case.interview", subject_id=str(case.pk))
    assert "fine_waived_reason" not in entry.new


def test_a_childs_guardian_is_recorded_from_the_page(office, intake_officer, client_for):
    case = open_case(office, intake_officer, data=CHILD)
    response = client_for(intake_officer).post(
        _step(office, case, "orang-tua"),
        {
            "parents-guardian_name": "Rahmawati",
            "parents-guardian_nik": "6104014504850002",
            "parents-guardian_present": "on",
            "parents-guardian_ktp": "on",
        },
    )
    assert response.status_code == 302
    guardian = CaseParent.objects.get(case=case)
    assert (guardian.role, guardian.full_name, guardian.nik) == (
        "guardian",
        "Rahmawati",
        "6104014504850002",
    )
    assert guardian.present and guardian.documents == ["ktp"]


def test_a_parent_typed_without_a_name_is_refused_not_dropped(office, intake_officer, client_for):
    case = open_case(office, intake_officer, data=CHILD)
    response = client_for(intake_officer).post(
        _step(office, case, "orang-tua"),
        {
            "parents-father_nik": "6104011203800001",
            "parents-father_present": "on",
            "parents-mother_name": "Siti",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Isi nama ayah." in html
    assert 'value="6104011203800001"' in html  # what was typed stays on the page
    assert not CaseParent.objects.filter(case=case).exists()
