"""Bills and billing codes: issued on approval, immutable, 15 random digits, with expiry."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction

from paspor.audit.models import AuditEntry
from paspor.cases.models import CaseEvent, CaseStatus
from paspor.cases.services import case_transition
from paspor.lib.errors import Conflict
from paspor.notifications.models import Message
from paspor.payments import services
from paspor.payments.models import Bill, BillingCode, BillingCodeStatus, BillItem
from paspor.payments.services import (
    bill_cancel_for_case,
    bill_issue_for_case,
    billing_code_generate,
    billing_code_reissue,
    billing_codes_expire,
)
from paspor.payments.tests.factories import make_case


@pytest.mark.django_db
def test_supervisor_approval_bills_the_case_and_moves_it_to_billed(
    billing_code, approved_case, supervisor
):
    approved_case.refresh_from_db()
    assert approved_case.status == CaseStatus.BILLED
    bill = Bill.objects.get(case=approved_case)
    assert [(i.item, i.amount) for i in bill.items.order_by("position")] == [
        ("electronic_10", 950_000)
    ]
    assert bill.total == billing_code.amount == 950_000
    assert bill.issued_by == supervisor
    event = CaseEvent.objects.get(case=approved_case, to_status=CaseStatus.BILLED)
    assert event.data["billing_code"] == billing_code.code
    audit = AuditEntry.objects.get(event="payments.bill_issued", subject_id=str(bill.pk))
    assert audit.actor == supervisor and audit.new["total"] == 950_000


@pytest.mark.django_db
def test_applicant_gets_code_amount_expiry_and_how_to_pay_by_email(billing_code, approved_case):
    message = Message.objects.get(template="billing_issued")
    assert message.to_address == "siti@example.com"
    assert message.context["billing_code"] == billing_code.code
    assert message.context["amount"] == 950_000
    assert message.context["time_zone"] == "Asia/Jakarta"
    assert message.context["status_url"].endswith(f"/pembayaran/status/{approved_case.code}/")
    from django.core import mail

    from paspor.notifications.sending import message_deliver

    message_deliver(message_id=message.pk)
    sent = [m for m in mail.outbox if billing_code.code in m.body]
    assert sent and "ATM" in sent[0].body and "Kantor pos" in sent[0].body
    assert "Rp 950.000" in sent[0].body and "WIB" in sent[0].body


@pytest.mark.django_db
def test_billing_twice_is_safe_and_returns_the_same_code(billing_code, approved_case, supervisor):
    again = bill_issue_for_case(case=approved_case, by=supervisor)
    assert again == billing_code
    assert Bill.objects.count() == 1 and BillingCode.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [CaseStatus.INTAKE, CaseStatus.AWAITING_SUPERVISOR, CaseStatus.REJECTED]
)
def test_a_case_not_yet_approved_cannot_be_billed(fees, office, intake_officer, supervisor, status):
    case = make_case(office, intake_officer, status=status)
    with pytest.raises(Conflict):
        bill_issue_for_case(case=case, by=supervisor)
    assert not Bill.objects.exists()


@pytest.mark.django_db
def test_a_bill_and_its_items_cannot_be_changed_in_the_database(billing_code):
    bill = billing_code.bill
    with pytest.raises(DatabaseError), transaction.atomic():
        BillItem.objects.filter(bill=bill).update(amount=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        Bill.objects.filter(pk=bill.pk).update(total=1)
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            BillItem.objects.filter(bill=bill).delete()
    assert BillItem.objects.get(bill=bill).amount == 950_000


def test_billing_code_is_15_digits_from_the_csprng():
    codes = {billing_code_generate() for _ in range(2000)}
    assert all(re.fullmatch(r"[0-9]{15}", code) for code in codes)
    assert len(codes) == 2000
    # No meaning in the first digit: every leading digit occurs.
    assert {code[0] for code in codes} == set("0123456789")


@pytest.mark.django_db
def test_a_colliding_code_is_drawn_again(fees, office, intake_officer, supervisor, monkeypatch):
    first = bill_issue_for_case(case=make_case(office, intake_officer), by=supervisor)
    draws = iter([first.code, first.code, "123456789012345"])
    monkeypatch.setattr(services, "billing_code_generate", lambda: next(draws))
    second = bill_issue_for_case(case=make_case(office, intake_officer), by=supervisor)
    assert second.code == "123456789012345"


@pytest.mark.django_db
def test_the_database_refuses_a_code_that_is_not_15_characters(billing_code):
    with pytest.raises(DatabaseError), transaction.atomic():
        BillingCode.objects.filter(pk=billing_code.pk).update(code="1234")


@pytest.mark.django_db
def test_billing_code_expires_after_seven_days_by_default(billing_code):
    assert billing_code.expires_at - billing_code.issued_at == dt.timedelta(days=7)


@pytest.mark.django_db
def test_a_new_code_can_be_issued_for_an_expired_one(billing_code, approved_case, applicant):
    same = billing_code_reissue(bill=billing_code.bill, by=applicant)
    assert same == billing_code  # still valid: nothing new
    with time_machine.travel(billing_code.expires_at + dt.timedelta(minutes=1)):
        new = billing_code_reissue(bill=billing_code.bill, by=applicant)
    billing_code.refresh_from_db()
    assert billing_code.status == BillingCodeStatus.EXPIRED
    assert new.status == BillingCodeStatus.ISSUED and new.code != billing_code.code
    assert new.amount == billing_code.amount
    assert AuditEntry.objects.filter(event="payments.billing_code_reissued").count() == 1
    assert Message.objects.filter(template="billing_issued").count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "says", "not_said"),
    [
        ("id", "Kode billing baru untuk permohonan", "disetujui"),
        ("en", "A new billing code for application", "approved"),
    ],
)
def test_a_new_code_is_sent_as_a_new_code_not_as_a_second_approval(
    billing_code, applicant, language, says, not_said
):
    from paspor.notifications.sending import message_render

    with time_machine.travel(billing_code.expires_at + dt.timedelta(minutes=1)):
        new = billing_code_reissue(bill=billing_code.bill, by=applicant)
    message = Message.objects.filter(template="billing_issued").latest("pk")
    rendered = message_render(template=message.template, context=message.context, language=language)
    assert says in rendered.body and new.code in rendered.body
    assert not_said not in rendered.body
    assert rendered.subject.startswith("Kode billing baru" if language == "id" else "Your new")
    first = Message.objects.filter(template="billing_issued").earliest("pk")
    assert "reissued" not in first.context


@pytest.mark.django_db
def test_applicant_is_reminded_once_a_day_before_the_code_expires(billing_code):
    from paspor.payments.services import billing_codes_warn_expiring

    assert billing_codes_warn_expiring(now=billing_code.expires_at - dt.timedelta(hours=30)) == 0
    day_before = billing_code.expires_at - dt.timedelta(hours=20)
    assert billing_codes_warn_expiring(now=day_before) == 1
    assert billing_codes_warn_expiring(now=day_before + dt.timedelta(hours=1)) == 0
    message = Message.objects.get(template="billing_expiring")
    assert message.context["billing_code"] == billing_code.code


@pytest.mark.django_db
def test_a_code_valid_for_a_day_or_less_gets_no_expiry_warning(
    fees, approved_case, supervisor, settings
):
    """With two-hour codes the warning would go out the moment each code is issued."""
    from paspor.payments.services import billing_codes_warn_expiring

    settings.PAYMENT_BILLING_CODE_VALID_HOURS = 2
    code = bill_issue_for_case(case=approved_case, by=supervisor)
    assert billing_codes_warn_expiring(now=code.issued_at + dt.timedelta(minutes=1)) == 0
    assert not Message.objects.filter(template="billing_expiring").exists()


@pytest.mark.django_db
def test_expiry_run_marks_codes_past_their_validity(billing_code):
    assert billing_codes_expire(now=billing_code.expires_at - dt.timedelta(seconds=1)) == 0
    assert billing_codes_expire(now=billing_code.expires_at) == 1
    billing_code.refresh_from_db()
    assert billing_code.status == BillingCodeStatus.EXPIRED
    assert billing_codes_expire(now=billing_code.expires_at) == 0
    assert AuditEntry.objects.filter(event="payments.billing_code_expired").count() == 1


@pytest.mark.django_db
def test_cancelling_a_billed_case_cancels_its_live_code(billing_code, approved_case, supervisor):
    assert bill_cancel_for_case(case=approved_case, by=supervisor, reason="Pemohon mundur") == 1
    billing_code.refresh_from_db()
    assert billing_code.status == BillingCodeStatus.CANCELLED
    case_transition(case=approved_case, to=CaseStatus.CANCELLED, by=supervisor)
    with pytest.raises(Conflict):
        billing_code_reissue(bill=billing_code.bill, by=supervisor)


@pytest.mark.django_db
def test_one_live_code_per_bill_is_a_database_rule(billing_code):
    with pytest.raises(DatabaseError), transaction.atomic():
        BillingCode.objects.create(
            bill=billing_code.bill,
            code="999999999999999",
            amount=billing_code.amount,
            issued_at=billing_code.issued_at,
            expires_at=billing_code.expires_at,
        )
