"""A channel preference set in the admin keeps the rules of the preferences page.

The admin saved it as typed: SMS without a number, or WhatsApp to "abc", left an applicant
whose messages could never be sent. It now saves through `channel_preference_set`, which
refuses those in words and keeps the number as the gateways dial it; the audit names the
administrator who made the choice."""

import html

import pytest
from django.conf import settings
from django.urls import reverse

from paspor.audit.models import AuditEntry
from paspor.notifications.models import ChannelPreference

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def add(client, user, **values):
    form = {"user": user.pk, "channel": "sms", "phone": "", "language": "id", **values}
    return client.post(reverse("admin:notifications_channelpreference_add"), form)


@pytest.mark.parametrize(
    ("language", "refused"),
    [
        ("id", "Nomor telepon wajib diisi untuk SMS atau WhatsApp."),
        ("en", "A phone number is required for SMS or WhatsApp."),
    ],
)
def test_sms_without_a_number_is_refused_in_words(admin_client, applicant, language, refused):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = add(admin_client, applicant)
    assert response.status_code == 200
    assert refused in html.unescape(response.content.decode())
    assert not ChannelPreference.objects.exists()


def test_a_number_that_cannot_be_dialled_is_refused(admin_client, applicant):
    response = add(admin_client, applicant, channel="whatsapp", phone="abc")
    assert response.status_code == 200
    assert not ChannelPreference.objects.exists()


def test_a_number_is_kept_as_the_gateways_dial_it_and_the_admin_is_audited(
    admin_client, admin_user, applicant
):
    response = add(admin_client, applicant, channel="whatsapp", phone="0812-3456-7890")
    assert response.status_code == 302
    preference = ChannelPreference.objects.get(user=applicant)
    assert preference.phone == "+6281234567890"
    entry = AuditEntry.objects.get(event="notifications.preference_set")
    assert entry.actor_id == admin_user.pk
