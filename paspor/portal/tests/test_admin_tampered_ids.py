"""Row ids no column could hold, posted to the admin by a changed page.

Django sends ticked rows ("delete selected") and chosen rows (a group's permissions, a user's
groups) to the database as they were posted: "abc" was a ValueError, 10**29 an OverflowError
on SQLite or a DataError on PostgreSQL, each a server error. Every admin on the site, the
packages' own included, now answers as for nothing ticked, or says the value is not valid.
"""

from __future__ import annotations

import html

import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from conftest import make_user
from paspor.offices.models import Counter
from paspor.offices.services import counter_set, station_set

pytestmark = pytest.mark.django_db

NOT_IDS = ["abc", "²", "99999999999999999999999999999"]
NOTHING_TICKED = "Objek harus dipilih sebelum dimanipulasi. Tidak ada objek yang berubah."


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.mark.parametrize("not_an_id", NOT_IDS)
def test_counters_ticked_with_an_id_no_row_has_are_answered_as_nothing_ticked(
    client_for, admin_user, office, not_an_id
):
    station_set(office=office, station_type="intake", default_service_minutes=8, by=None)
    counter = counter_set(office=office, number=1, station_types=["intake"], by=None)
    response = client_for(admin_user).post(
        changelist(Counter),
        {
            "action": "delete_selected",
            "index": "0",
            helpers.ACTION_CHECKBOX_NAME: [str(counter.pk), not_an_id],
        },
        follow=True,
    )
    assert response.status_code == 200
    assert NOTHING_TICKED in html.unescape(response.content.decode())
    assert Counter.objects.filter(pk=counter.pk).exists()


def test_counters_ticked_rightly_are_still_deleted(client_for, admin_user, office):
    station_set(office=office, station_type="intake", default_service_minutes=8, by=None)
    counter = counter_set(office=office, number=1, station_types=["intake"], by=None)
    response = client_for(admin_user).post(
        changelist(Counter),
        {"action": "delete_selected", "post": "yes", helpers.ACTION_CHECKBOX_NAME: [counter.pk]},
    )
    assert response.status_code == 302
    assert not Counter.objects.filter(pk=counter.pk).exists()


@pytest.mark.parametrize("not_an_id", ["abc", "99999999999999999999999999999"])
def test_every_admin_list_refuses_ticked_ids_no_row_has(client_for, admin_user, not_an_id):
    client = client_for(admin_user)
    for model in admin.site._registry:
        for data in (
            {"action": "delete_selected", "index": "0"},  # the list's action bar
            {"action": "delete_selected", "post": "yes"},  # the confirmation page
        ):
            response = client.post(
                changelist(model), {**data, helpers.ACTION_CHECKBOX_NAME: [not_an_id]}
            )
            assert response.status_code in (200, 302), model


@pytest.mark.parametrize("not_an_id", ["abc", "100000000000000000000000000000"])
def test_a_group_given_a_permission_id_no_row_has_is_said_not_valid(
    client_for, admin_user, not_an_id
):
    response = client_for(admin_user).post(
        reverse("admin:auth_group_add"), {"name": "x", "permissions": [not_an_id]}
    )
    assert response.status_code == 200
    assert f"“{not_an_id}” bukan nilai yang valid." in html.unescape(response.content.decode())
    assert not Group.objects.filter(name="x").exists()


def test_a_group_is_still_given_its_permissions(client_for, admin_user):
    permission = Permission.objects.get(codename="view_counter")
    response = client_for(admin_user).post(
        reverse("admin:auth_group_add"), {"name": "x", "permissions": [permission.pk]}
    )
    assert response.status_code == 302
    assert list(Group.objects.get(name="x").permissions.all()) == [permission]


@pytest.mark.parametrize("name", ["groups", "user_permissions"])
def test_a_user_given_an_id_no_row_has_is_said_not_valid(client_for, admin_user, name):
    user = make_user("petugas")
    response = client_for(admin_user).post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "username": user.username,
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
            "assignments-TOTAL_FORMS": "0",
            "assignments-INITIAL_FORMS": "0",
            "certifications-TOTAL_FORMS": "0",
            "certifications-INITIAL_FORMS": "0",
            name: [str(10**30)],
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[name]
    assert f"“{10**30}” bukan nilai yang valid." in html.unescape(response.content.decode())
