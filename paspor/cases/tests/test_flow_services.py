"""A normal case through every step by the services, and the rules of each step."""

import pytest

from paspor.audit.models import AuditEntry
from paspor.cases.adjudication import case_decide
from paspor.cases.models import CaseEvent, CaseStatus
from paspor.cases.services import case_claim
from paspor.cases.tests.conftest import case_at

pytestmark = pytest.mark.django_db


def test_a_normal_case_goes_from_intake_to_approved(
    office, intake_officer, biometrics_officer, supervisor
):
    case = case_at(
        CaseStatus.AWAITING_SUPERVISOR,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    assert case.assigned_to is None
    case_claim(case=case, by=supervisor)
    case = case_decide(case=case, by=supervisor, approve=True)
    assert case.status == CaseStatus.APPROVED
    assert case.decided_by == supervisor
    moves = list(
        CaseEvent.objects.filter(case=case, kind="transition").values_list("to_status", flat=True)
    )
    assert moves == ["biometrics", "interview", "awaiting_supervisor", "approved"]
    assert AuditEntry.objects.filter(subject_id=str(case.pk), event="case.transition").count() == 4
