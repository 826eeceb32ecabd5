"""Messages are in the language the applicant used: at registration, and at their first booking."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.utils import translation

from paspor.booking import services
from paspor.booking.tests.conftest import book
from paspor.notifications.models import Channel, ChannelPreference, Language, Message
from paspor.notifications.sending import message_render
from paspor.notifications.services import channel_preference_set, reminders_send

pytestmark = pytest.mark.django_db
STRONG = "kata-sandi-kuat-2026"


def rendered(message: Message):
    return message_render(
        template=message.template, context=message.context, language=message.language
    )


def test_an_account_registered_in_english_gets_its_verification_e_mail_in_english(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        account = services.account_register(email="ana@example.com", password=STRONG)
    assert ChannelPreference.objects.get(user=account).language == Language.ENGLISH
    [mail] = mailoutbox
    assert mail.subject.startswith("Paspor verification code")


def test_the_registration_page_in_english_registers_an_english_recipient(client, mailoutbox):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        "/booking/daftar/",
        {
            "full_name": "Ana Wijaya",
            "email": "ana@example.com",
            "password": STRONG,
            "password_again": STRONG,
        },
    )
    assert response.status_code == 302
    message = Message.objects.get(template="booking_verify_email", to_address="ana@example.com")
    assert message.language == Language.ENGLISH


def test_an_account_registered_in_indonesian_is_written_to_in_indonesian(mailoutbox):
    account = services.account_register(email="budi@example.com", password=STRONG)
    assert ChannelPreference.objects.get(user=account).language == Language.INDONESIAN
    assert Message.objects.get(template="booking_verify_email").language == Language.INDONESIAN


@pytest.mark.usefixtures("frozen")
def test_a_booking_made_in_english_without_a_preference_is_confirmed_in_english(
    office, morning, budi, mailoutbox, django_capture_on_commit_callbacks
):
    # The worker runs in the default language, after the applicant's request has ended.
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        book(budi, office, morning)
    assert ChannelPreference.objects.get(user=budi.account).language == Language.ENGLISH
    [mail] = mailoutbox
    assert mail.subject.startswith("Passport booking confirmed")
    assert "Bring the original documents:" in mail.body
    assert "- Original electronic identity card (e-KTP)" in mail.body
    assert "KTP elektronik" not in mail.body and "Kartu Keluarga" not in mail.body


@pytest.mark.usefixtures("frozen")
def test_a_booking_in_english_keeps_a_preference_already_chosen(
    office, morning, budi, mailoutbox, django_capture_on_commit_callbacks
):
    channel_preference_set(user=budi.account, channel=Channel.EMAIL, language=Language.INDONESIAN)
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        book(budi, office, morning)
    assert ChannelPreference.objects.get(user=budi.account).language == Language.INDONESIAN
    assert mailoutbox[0].subject.startswith("Booking paspor terkonfirmasi")


@pytest.mark.usefixtures("frozen")
def test_the_reminder_lists_the_documents_in_the_recipients_language(
    office, morning, budi, django_capture_on_commit_callbacks
):
    channel_preference_set(user=budi.account, channel=Channel.EMAIL, language=Language.ENGLISH)
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(budi, office, morning)
    # The daily command runs in the office's default language, Indonesian.
    with time_machine.travel(dt.datetime(2026, 6, 14, 18, 0, tzinfo=office.tz)):
        assert reminders_send().bookings == 1
    message = Message.objects.get(template="booking_reminder")
    body = rendered(message).body
    assert "Original family card (KK)" in body and "Kartu Keluarga" not in body
    assert f"/booking/bukti/{booking.code}/batal/" in body  # the cancel link
