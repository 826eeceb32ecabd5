"""The outbox in the admin speaks Indonesian: column, filter and field names, and the status.

Staff read the admin in Indonesian; a field without a translated name falls back to its code
name in English ("Berdasarkan office", "Created at") in the middle of Indonesian pages.
"""

import html
import re

import pytest
from django.utils.functional import Promise

from conftest import make_user
from paspor.accounts.models import Role
from paspor.notifications.models import ChannelPreference, Message, MessageStatus
from paspor.notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    user = make_user("admin_sistem", role=Role.ADMIN)
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


def sent_message(office, recipient):
    message = notify(
        to_address="a@example.com",
        template="case_rejected",
        context={},
        recipient=recipient,
        office=office,
        dedupe_key="uji:1",
    )
    assert message is not None
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENT)
    message.refresh_from_db()
    return message


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def columns(page):
    return re.findall(r'<div class="text">(?:<a [^>]*>|<span>)([^<]+)</(?:a|span)></div>', page)


def filters(page):
    return [title.strip() for title in re.findall(r"<summary>\s*([^<]+?)\s*</summary>", page)]


@pytest.mark.parametrize("model", [Message, ChannelPreference])
def test_every_field_of_the_outbox_has_a_translated_name(model):
    unnamed = [
        field.name
        for field in model._meta.concrete_fields
        if not field.primary_key and not isinstance(field.verbose_name, Promise)
    ]
    assert unnamed == []


def test_the_outbox_list_has_indonesian_columns_and_filters(client_for, admin_user, office):
    sent_message(office, admin_user)
    page = page_of(client_for(admin_user), "/admin/notifications/message/")
    assert columns(page) == [
        "Dibuat pada",
        "Templat",
        "Status",
        "Galat terakhir",
        "Percobaan",
        "Saluran",
        "Alamat tujuan",
        "Percobaan berikutnya",
        "Terkirim pada",
        "Kantor",
    ]
    assert filters(page) == [
        "Berdasarkan status",
        "Berdasarkan saluran",
        "Berdasarkan templat",
        "Berdasarkan kantor",
        "Berdasarkan bahasa",
    ]


def test_a_message_reads_in_indonesian_with_its_status_label(client_for, admin_user, office):
    message = sent_message(office, admin_user)
    assert str(message) == "case_rejected → a@example.com (Terkirim)"
    page = page_of(client_for(admin_user), f"/admin/notifications/message/{message.pk}/change/")
    labels = re.findall(r"<label>([^<]+):</label>", page)
    assert {"Penerima", "Bahasa", "Kunci anti-ganda", "Kantor", "Dibuat pada"} <= set(labels)
    assert not {"Recipient", "Language", "Dedupe key", "Office", "Created at"} & set(labels)
    assert "(Terkirim)" in page and "(sent)" not in page


def test_the_channel_preferences_list_has_indonesian_columns(client_for, admin_user):
    ChannelPreference.objects.create(user=admin_user)
    page = page_of(client_for(admin_user), "/admin/notifications/channelpreference/")
    assert columns(page) == ["Pengguna", "Saluran", "Bahasa", "Diperbarui pada"]
