"""A number too large for its column, typed in an office's setup in the admin.

The setup forms ask the service in a dry run while the form is checked; Django checks a value
against the column's range only after that. A capacity of 10**30 reached the database: an
OverflowError on SQLite, a DataError on PostgreSQL (3 000 000 000 in an integer column), and a
server error. Now it is said at the field, in the page's language, with the input kept.
"""

from __future__ import annotations

import html

import pytest
from django.db import connection
from django.urls import reverse

from paspor.offices.models import OfficeService, Station
from paspor.offices.tests.conftest import lay_out

pytestmark = pytest.mark.django_db

TOO_LARGE = "Pastikan nilai ini lebih kecil dari atau sama dengan"


def past_the_column(model, name):
    """The smallest number the field's column cannot hold on this database."""
    field = model._meta.get_field(name)
    return connection.ops.integer_field_range(field.get_internal_type())[1] + 1


def test_station_minutes_too_large_for_the_column_are_said_at_the_field(
    client_for, admin_user, office
):
    lay_out(office)
    station = Station.objects.get(office=office, station_type="intake")
    minutes = past_the_column(Station, "default_service_minutes")
    response = client_for(admin_user).post(
        reverse("admin:offices_station_change", args=[station.pk]),
        {"name": "", "default_service_minutes": str(minutes)},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["default_service_minutes"]
    page = html.unescape(response.content.decode())
    assert TOO_LARGE in page
    assert f'value="{minutes}"' in page
    station.refresh_from_db()
    assert station.default_service_minutes == 8


def test_walk_in_cap_too_large_for_the_column_is_said_at_the_field(client_for, admin_user, office):
    lay_out(office)
    service = OfficeService.objects.get(office=office, kind="regular")
    cap = past_the_column(OfficeService, "walk_in_daily_cap")
    response = client_for(admin_user).post(
        reverse("admin:offices_officeservice_change", args=[service.pk]),
        {
            "ticket_prefix": "A",
            "route_1": "intake",
            "route_2": "biometrics",
            "walk_in": "on",
            "walk_in_daily_cap": str(cap),
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["walk_in_daily_cap"]
    page = html.unescape(response.content.decode())
    assert TOO_LARGE in page
    assert f'value="{cap}"' in page
    service.refresh_from_db()
    assert service.walk_in_daily_cap == 0
