"""The outbox in the admin: filters, read-only rows, and the resend action through the service."""

import pytest
from django.core import mail

from conftest import make_user
from paspor.accounts.models import Role
from paspor.audit.models import AuditEntry
from paspor.notifications.models import Message, MessageStatus
from paspor.notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    user = make_user("admin_sistem", role=Role.ADMIN)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def failed_message():
    message = notify(
        to_address="a@example.com",
        template="case_rejected",
        context={"case_code": "X", "name": "A", "office": "K", "reason": "r"},
    )
    assert message is not None
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.FAILED, attempts=6, last_error="timeout"
    )
    return message


def test_the_outbox_list_filters_by_status_and_channel(client_for, admin_user):
    failed_message()
    page = client_for(admin_user).get(
        "/admin/notifications/message/?status__exact=failed&channel__exact=email"
    )
    assert page.status_code == 200
    assert "a@example.com" in page.content.decode()


def test_staff_resend_a_failed_message_from_the_admin(
    client_for, admin_user, django_capture_on_commit_callbacks
):
    message = failed_message()
    sent = notify(to_address="b@example.com", template="case_rejected", context={})
    assert sent is not None
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin_user).post(
            "/admin/notifications/message/",
            {"action": "resend_failed", "_selected_action": [message.pk, sent.pk]},
        )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert [m.to for m in mail.outbox] == [["a@example.com"]]
    assert AuditEntry.objects.filter(event="notifications.resend", actor=admin_user).count() == 1


def test_the_admin_is_closed_to_applicants_and_office_staff(client_for, applicant, intake_officer):
    for user in (None, applicant, intake_officer):
        assert client_for(user).get("/admin/notifications/message/").status_code == 302


def test_the_outbox_list_says_why_a_message_failed(client_for, admin_user):
    failed_message()
    page = client_for(admin_user).get("/admin/notifications/message/?status__exact=failed")
    assert "timeout" in page.content.decode()


def test_a_message_shows_its_text_in_the_recipients_language(client_for, admin_user):
    message = notify(
        to_address="+6281234567890",
        template="case_rejected",
        context={
            "case_code": "K7X2M9",
            "name": "Siti",
            "office": "Kanim Ketapang",
            "reason": "Data <palsu>",
            "complaint_url": "http://127.0.0.1:8000/pengaduan/",
        },
        language="en",
    )
    assert message is not None
    page = client_for(admin_user).get(f"/admin/notifications/message/{message.pk}/change/")
    body = page.content.decode()
    assert "Passport application rejected (K7X2M9)" in body
    assert "was rejected for this reason: Data &lt;palsu&gt;" in body
    assert "/pengaduan/?bahasa=en" in body


def test_a_message_that_cannot_be_written_still_opens_with_the_reason(client_for, admin_user):
    message = notify(to_address="a@example.com", template="no_such_template", context={})
    assert message is not None
    page = client_for(admin_user).get(f"/admin/notifications/message/{message.pk}/change/")
    assert page.status_code == 200
    assert "Tidak dapat disusun: TemplateDoesNotExist" in page.content.decode()
