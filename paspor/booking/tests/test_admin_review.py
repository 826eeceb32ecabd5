"""The admin keeps the booking rules the quota page keeps: it saves through the services.

Headquarters and administrators set an office's sessions, quotas and allocation modes in the
admin too. A quota below the seats already booked, a date's quota for a day already past or
without a reason, a session ending before it starts: the services refuse them, and the admin
must say so in words (and keep the input) instead of saving them.
"""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from paspor.audit.models import AuditEntry
from paspor.booking.models import (
    Ballot,
    BallotStatus,
    Pool,
    PoolPolicy,
    QuotaCounter,
    QuotaDefault,
    QuotaException,
)

from .conftest import DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def page_of(response) -> str:
    assert response.status_code == 200  # the form again, with its error
    return html.unescape(response.content.decode())


def test_a_default_quota_below_the_seats_booked_is_refused(
    frozen, admin_client, office, morning, booking
):
    row = QuotaDefault.objects.get(office=office, weekday=0, session=morning, pool=Pool.REGULAR)
    response = admin_client.post(
        reverse("admin:booking_quotadefault_change", args=[row.pk]), {"capacity": "0"}
    )
    assert "Kuota tidak bisa di bawah jumlah yang sudah dipesan (tanggal 15 Juni 2026)." in (
        page_of(response)
    )
    row.refresh_from_db()
    assert row.capacity == 2


def test_a_default_quota_saved_in_the_admin_reaches_the_counters_and_is_audited(
    frozen, admin_client, office, morning, booking
):
    row = QuotaDefault.objects.get(office=office, weekday=0, session=morning, pool=Pool.REGULAR)
    response = admin_client.post(
        reverse("admin:booking_quotadefault_change", args=[row.pk]), {"capacity": "7"}
    )
    assert response.status_code == 302
    counter = QuotaCounter.objects.get(office=office, date=DAY, session=morning, pool="regular")
    assert counter.capacity == 7
    assert AuditEntry.objects.filter(event="quota.default_set").exists()


def exception_form(office, session, **values):
    return {
        "office": office.pk,
        "date": "2026-06-15",
        "session": session.pk,
        "pool": Pool.REGULAR,
        "capacity": "5",
        "reason": "Acara jemput bola",
        **values,
    }


@pytest.mark.parametrize(
    ("language", "values", "refused"),
    [
        ("id", {"date": "2026-06-01"}, "Tanggal itu sudah lewat."),
        ("en", {"date": "2026-06-01"}, "That date has passed."),
        ("id", {"reason": ""}, "Tuliskan alasan kuota khusus untuk tanggal ini."),
        ("id", {"date": "2026-06-16"}, "Kantor tutup pada tanggal itu"),
        ("id", {"capacity": "0"}, "Kuota tidak bisa di bawah jumlah yang sudah dipesan"),
    ],
)
def test_a_dates_quota_the_service_refuses_is_not_saved(
    frozen, admin_client, office, morning, booking, language, values, refused
):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = admin_client.post(
        reverse("admin:booking_quotaexception_add"), exception_form(office, morning, **values)
    )
    page = page_of(response)
    assert refused in page
    assert 'value="Acara jemput bola"' in page or values.get("reason") == ""  # input kept
    assert not QuotaException.objects.exists()


def test_a_dates_quota_saved_in_the_admin_is_the_services(frozen, admin_client, office, morning):
    response = admin_client.post(
        reverse("admin:booking_quotaexception_add"), exception_form(office, morning)
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(event="quota.exception_set")
    assert entry.reason == "Acara jemput bola"
    assert not AuditEntry.objects.filter(event="admin.created").exists()


@pytest.mark.parametrize(
    ("language", "refused"),
    [("id", "Jam mulai harus sebelum jam selesai."), ("en", "The start time must be before")],
)
def test_a_session_ending_before_it_starts_is_refused_in_words(
    admin_client, office, language, refused
):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = admin_client.post(
        reverse("admin:booking_arrivalsession_add"),
        {"office": office.pk, "start": "15:00", "end": "14:00", "is_active": "on"},
    )
    page = page_of(response)
    assert refused in page
    assert "session_start_before_end" not in page


def test_a_pool_cannot_leave_a_ballot_people_entered_through_the_admin(
    frozen, admin_client, office, sessions, budi
):
    from paspor.booking.services import booking_policy_set

    policy_row = booking_policy_set(
        office=office,
        release_rule="rolling",
        release_time=dt.time(9),
        rolling_days=30,
        ballot_window_hours=48,
        modes={Pool.REGULAR: "ballot"},
        by=None,
    )
    assert policy_row.pk
    cache.clear()  # the service forgets the cached setup on commit; tests never commit
    ballot = Ballot.objects.create(
        office=office,
        date=DAY,
        pool=Pool.REGULAR,
        opens_at=dt.datetime(2026, 6, 9, tzinfo=dt.UTC),
        closes_at=dt.datetime(2026, 6, 12, tzinfo=dt.UTC),
        seed="0" * 64,
        seed_hash="1" * 64,
        status=BallotStatus.OPEN,
    )
    ballot.entries.create(
        profile=budi,
        nik=budi.nik,
        account=budi.account,
        session=sessions[0],
        application_type="new_adult",
        passport_kind="electronic",
    )
    pool = PoolPolicy.objects.get(office=office, pool=Pool.REGULAR)
    response = admin_client.post(
        reverse("admin:booking_poolpolicy_change", args=[pool.pk]), {"mode": "fcfs"}
    )
    assert "sedang menerima pendaftaran" in page_of(response)
    pool.refresh_from_db()
    assert pool.mode == "ballot"


def test_nobody_adds_or_deletes_a_ballot_by_hand(admin_client):
    assert admin_client.get(reverse("admin:booking_ballot_add")).status_code == 403
    page = admin_client.get(reverse("admin:booking_ballot_changelist")).content.decode()
    assert "delete_selected" not in page
