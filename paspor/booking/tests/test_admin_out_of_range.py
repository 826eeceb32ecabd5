"""Numbers the booking setup's admin pages cannot use, as a server error no more.

A quota's capacity too large for its column reached the database in the form's dry run
(OverflowError on SQLite, DataError on PostgreSQL); it is now said at the field with the
input kept. An office in the add page's address ("?office=²", an id of 23 digits) broke the
page; it is now ignored, as any other office id that names no office.
"""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.db import connection
from django.urls import reverse

from paspor.booking.models import Pool, QuotaDefault, QuotaException
from paspor.booking.services import quota_default_set, session_set

pytestmark = pytest.mark.django_db

TOO_LARGE = "Pastikan nilai ini lebih kecil dari atau sama dengan"


def past_the_column(model, name):
    field = model._meta.get_field(name)
    return connection.ops.integer_field_range(field.get_internal_type())[1] + 1


@pytest.fixture
def session(office):
    return session_set(office=office, start=dt.time(8), end=dt.time(10), by=None)


def test_a_default_quota_too_large_for_its_column_is_said_at_the_capacity(
    client_for, admin_user, office, session
):
    quota = quota_default_set(
        office=office, weekday=0, session=session, pool=Pool.REGULAR, capacity=20, by=None
    )
    capacity = past_the_column(QuotaDefault, "capacity")
    response = client_for(admin_user).post(
        reverse("admin:booking_quotadefault_change", args=[quota.pk]),
        {"capacity": str(capacity)},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["capacity"]
    page = html.unescape(response.content.decode())
    assert TOO_LARGE in page
    assert f'value="{capacity}"' in page
    quota.refresh_from_db()
    assert quota.capacity == 20


def test_a_dates_quota_too_large_for_its_column_is_said_at_the_capacity(
    client_for, admin_user, office, session
):
    capacity = past_the_column(QuotaException, "capacity")
    day = dt.date.today() + dt.timedelta(days=30)
    day += dt.timedelta(days=-day.weekday())  # a Monday: the office is open
    response = client_for(admin_user).post(
        reverse("admin:booking_quotaexception_add"),
        {
            "office": office.pk,
            "date": day.isoformat(),
            "session": session.pk,
            "pool": Pool.REGULAR,
            "capacity": str(capacity),
            "reason": "Pelayanan akhir pekan",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["capacity"]
    assert TOO_LARGE in html.unescape(response.content.decode())
    assert not QuotaException.objects.exists()


@pytest.mark.parametrize(
    "url", ["admin:booking_quotadefault_add", "admin:booking_quotaexception_add"]
)
@pytest.mark.parametrize("typed", ["99999999999999999999999", "²", "-1", "abc"])
def test_an_office_in_the_address_that_is_no_id_is_ignored(
    client_for, admin_user, office, session, url, typed
):
    response = client_for(admin_user).get(reverse(url), {"office": typed})
    assert response.status_code == 200
    # Every office's sessions are offered, as without the office in the address.
    assert session.pk in [
        choice.value
        for choice, _label in response.context["adminform"].form.fields["session"].choices
        if choice
    ]


def test_an_office_in_the_address_still_narrows_the_sessions(
    client_for, admin_user, office, other_office, session
):
    response = client_for(admin_user).get(
        reverse("admin:booking_quotadefault_add"), {"office": other_office.pk}
    )
    assert response.status_code == 200
    assert not list(response.context["adminform"].form.fields["session"].queryset)
