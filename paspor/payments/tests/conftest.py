import pytest

from paspor.payments.services import (
    bill_issue_for_case,
    fee_schedule_ensure_defaults,
    payment_channel_ensure,
)
from paspor.payments.tests.factories import make_case


@pytest.fixture
def fees(db):
    fee_schedule_ensure_defaults()


@pytest.fixture
def channel(db):
    return payment_channel_ensure(code="bank-uji", name="Bank Uji", secret="rahasia-bank-uji-123")


@pytest.fixture
def approved_case(office, intake_officer, applicant):
    return make_case(office, intake_officer, applicant_account=applicant)


@pytest.fixture
def billing_code(fees, approved_case, supervisor):
    return bill_issue_for_case(case=approved_case, by=supervisor)
