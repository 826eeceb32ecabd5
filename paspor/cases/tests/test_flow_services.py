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
    assert case.status == CaseStatus.BILLED  # approval issues the bill at once
    assert case.decided_by == supervisor
    moves = list(
        CaseEvent.objects.filter(case=case, kind="transition").values_list("to_status", flat=True)
    )
    assert moves == ["biometrics", "interview", "awaiting_supervisor", "approved", "billed"]
    assert AuditEntry.objects.filter(subject_id=str(case.pk), event="case.transition").count() == 5


def test_cancelling_a_billed_case_cancels_its_billing_code(office, supervisor, intake_officer):
    from paspor.cases.models import Case
    from paspor.cases.services import case_cancel
    from paspor.cases.tests.test_lifecycle import make_case
    from paspor.payments.models import BillingCode, BillingCodeStatus
    from paspor.payments.services import bill_issue_for_case

    case = make_case(office, intake_officer, status=CaseStatus.APPROVED)
    code = bill_issue_for_case(case=case, by=supervisor)
    case_cancel(case=Case.objects.get(pk=case.pk), by=supervisor, reason="Pemohon membatalkan")
    code.refresh_from_db()
    assert code.status == BillingCodeStatus.CANCELLED
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CANCELLED
    assert not BillingCode.objects.filter(bill__case=case, status=BillingCodeStatus.ISSUED).exists()
