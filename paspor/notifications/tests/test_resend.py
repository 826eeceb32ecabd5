"""Resending a failed message: once, and never when what it offers has run out."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from paspor.audit.models import AuditEntry
from paspor.lib.errors import Conflict
from paspor.notifications.models import Message, MessageStatus
from paspor.notifications.services import message_resend, notify

pytestmark = pytest.mark.django_db

# A billing code that can be paid until 24 March 2026, 22.30 WITA.
BILLING = {
    "case_code": "K7X2M9",
    "name": "Siti Aminah",
    "office": "Kantor Imigrasi Kupang",
    "billing_code": "820260317000123",
    "amount": 650000,
    "expires_at": "2026-03-24T14:30:00+00:00",
    "time_zone": "Asia/Makassar",
}


def failed(template, context, office=None):
    message = notify(
        to_address="siti@example.com", template=template, context=context, office=office
    )
    assert message is not None
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.FAILED, attempts=6, last_error="SMTPServerDisconnected"
    )
    message.refresh_from_db()
    return message


def test_a_billing_code_that_expired_is_not_resent(supervisor):
    message = failed("billing_issued", BILLING)
    with time_machine.travel("2026-03-24 15:00 +00:00"), pytest.raises(Conflict) as refused:
        message_resend(message=message, by=supervisor)
    assert refused.value.code == "moot"
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert not AuditEntry.objects.filter(event="notifications.resend").exists()


def test_a_billing_code_still_valid_is_resent_once(supervisor, django_capture_on_commit_callbacks):
    message = failed("billing_issued", BILLING)
    with time_machine.travel("2026-03-24 14:00 +00:00"):
        with django_capture_on_commit_callbacks(execute=True):
            message_resend(message=message, by=supervisor)
        with pytest.raises(Conflict):  # a second click: it is no longer a failed message
            message_resend(message=message, by=supervisor)
    assert len(mail.outbox) == 1


def test_a_waitlist_offer_past_its_answer_time_is_not_resent(supervisor):
    context = {
        "office": "Kanim Ketapang",
        "date": "2026-03-10",
        "respond_by": "2026-03-09T02:00:00+00:00",
    }
    message = failed("waitlist_offer", context)
    with time_machine.travel("2026-03-09 02:01 +00:00"), pytest.raises(Conflict):
        message_resend(message=message, by=supervisor)


def test_a_verification_code_is_not_resent_after_its_minutes(supervisor):
    with time_machine.travel("2026-03-09 08:00 +07:00"):
        message = failed("booking_verify_email", {"code": "123456", "link": "x", "minutes": 30})
    with time_machine.travel("2026-03-09 08:31 +07:00"), pytest.raises(Conflict):
        message_resend(message=message, by=supervisor)


def test_a_reminder_is_resent_until_the_end_of_the_visit_day_on_the_offices_clock(
    supervisor, office
):
    from conftest import make_office

    jayapura = make_office("jayapura", tz="Asia/Jayapura")
    context = {"booking_code": "BK1", "date": "2026-03-10", "time_zone": "Asia/Jayapura"}
    message = failed("booking_reminder", context, office=jayapura)
    # 23.30 WIT on the visit day: still that day in Jayapura.
    with time_machine.travel("2026-03-10 23:30 +09:00"):
        message_resend(message=message, by=supervisor)
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.FAILED)
    message.refresh_from_db()
    # 22.30 WIB is already the next day in Jayapura (00.30 WIT).
    with time_machine.travel("2026-03-10 22:30 +07:00"), pytest.raises(Conflict):
        message_resend(message=message, by=supervisor)


def test_turn_near_is_not_resent_on_a_later_day(supervisor, office):
    with time_machine.travel("2026-03-10 09:00 +07:00"):
        message = failed("turn_near", {"ticket": "A-012", "ahead": 2, "office": "K"}, office=office)
    with time_machine.travel("2026-03-11 08:00 +07:00"), pytest.raises(Conflict):
        message_resend(message=message, by=supervisor)


def test_an_overdue_alert_is_not_resent_once_the_complaint_is_answered(
    office, supervisor, django_capture_on_commit_callbacks
):
    from paspor.complaints.models import ComplaintCategory
    from paspor.complaints.services import complaint_respond, complaint_submit

    complaint = complaint_submit(
        office=office, category=ComplaintCategory.WAITING, body="Antre 5 jam.", ip="10.0.0.1"
    )
    context = {"tracking_code": complaint.tracking_code, "office": office.name, "name": "Rina"}
    message = failed("complaint_overdue_alert", context, office=office)
    message_resend(message=message, by=supervisor)  # still unanswered: the alert holds
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.FAILED)
    message.refresh_from_db()
    complaint_respond(complaint=complaint, response="Sudah kami perbaiki.", by=supervisor)
    with pytest.raises(Conflict) as refused:
        message_resend(message=message, by=supervisor)
    assert refused.value.code == "moot"
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED


def test_the_refusal_gives_the_time_on_the_offices_clock_with_its_zone(supervisor):
    from conftest import make_office

    kupang = make_office("kupang", tz="Asia/Makassar")
    message = failed("billing_issued", BILLING, office=kupang)
    with time_machine.travel("2026-03-24 15:00 +00:00"), pytest.raises(Conflict) as refused:
        message_resend(message=message, by=supervisor)
    assert refused.value.message == (
        "Pesan ini tidak dikirim ulang: isinya tidak berlaku lagi sejak 24 Maret 2026 22.30 WITA."
    )


def test_a_message_without_a_time_limit_is_resent_whenever_asked(supervisor):
    context = {"case_code": "K7X2M9", "name": "Siti", "office": "K", "reason": "r"}
    message = failed("case_rejected", context)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=400)):
        assert message_resend(message=message, by=supervisor).status == MessageStatus.PENDING


def test_the_admin_says_which_message_was_not_resent_and_why(client_for, admin_user):
    message = failed("billing_issued", BILLING)
    with time_machine.travel("2026-03-25 00:00 +00:00"):
        response = client_for(admin_user).post(
            "/admin/notifications/message/",
            {"action": "resend_failed", "_selected_action": [message.pk]},
            follow=True,
        )
    page = response.content.decode()
    assert "isinya tidak berlaku lagi sejak" in page
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED


@pytest.fixture
def admin_user(db):
    from conftest import make_user
    from paspor.accounts.models import Role

    user = make_user("admin_sistem", role=Role.ADMIN)
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user
