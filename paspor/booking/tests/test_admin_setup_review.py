"""An office's booking setup in the admin, as headquarters reads it.

Session times and the release time are the office's clock: the admin's clock widget told the
reader to enter them "in the Asia/Jakarta time zone" under a label saying "office time". The
office and the session were labelled "Office" and "Session" on Indonesian pages. And a booking
deleted by hand kept its seat taken and its applicant uninformed."""

from __future__ import annotations

import html
import re

import pytest
from django.conf import settings
from django.urls import reverse

from paspor.booking.models import (
    ArrivalSession,
    Booking,
    BookingPolicy,
    PoolPolicy,
    QuotaCounter,
    QuotaDefault,
    QuotaException,
)
from paspor.queueing.models import QueuePolicy

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("url", "fields"),
    [
        ("admin:booking_arrivalsession_add", ["start", "end"]),
        ("admin:booking_bookingpolicy_add", ["release_time"]),
    ],
)
def test_office_clock_times_are_typed_without_the_servers_zone(admin_client, url, fields):
    page = page_of(admin_client, reverse(url))
    for name in fields:
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
        assert field is not None
        # The admin's clock widget (class vTimeField) adds "enter times in Asia/Jakarta".
        assert 'type="time"' in field.group()
        assert "vTimeField" not in field.group()


def test_a_session_typed_in_office_time_is_saved_as_typed(admin_client, office):
    response = admin_client.post(
        reverse("admin:booking_arrivalsession_add"),
        {"office": office.pk, "start": "08:00", "end": "10:00", "is_active": "on"},
    )
    assert response.status_code == 302
    session = ArrivalSession.objects.get(office=office)
    assert (f"{session.start:%H:%M}", f"{session.end:%H:%M}") == ("08:00", "10:00")


@pytest.mark.parametrize(
    ("model", "field", "label"),
    [
        (ArrivalSession, "office", "kantor"),
        (BookingPolicy, "office", "kantor"),
        (PoolPolicy, "office", "kantor"),
        (QuotaDefault, "office", "kantor"),
        (QuotaDefault, "session", "sesi kedatangan"),
        (QuotaException, "office", "kantor"),
        (QuotaException, "session", "sesi kedatangan"),
        (QueuePolicy, "office", "kantor"),
    ],
)
def test_the_setup_forms_name_the_office_and_session_in_indonesian(model, field, label):
    assert str(model._meta.get_field(field).verbose_name) == label


@pytest.mark.parametrize(("language", "label"), [("id", "Kantor:"), ("en", "Office:")])
def test_the_quota_form_labels_the_office_in_the_pages_language(admin_client, language, label):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = page_of(admin_client, reverse("admin:booking_quotaexception_add"))
    assert f'<label class="required" for="id_office">{label}</label>' in page


def test_a_booking_is_not_deleted_by_hand_in_the_admin(frozen, admin_client, booking):
    response = admin_client.post(
        reverse("admin:booking_booking_delete", args=[booking.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Booking.objects.filter(pk=booking.pk).exists()
    assert QuotaCounter.objects.get(session=booking.session, date=booking.date).booked == 1
