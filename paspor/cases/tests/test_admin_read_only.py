"""Cases and their travel-ban screenings are read in the admin, never deleted there.

Deleting a case in the admin took its events, documents and biometrics with it (and a
screening's outcome on its own), with no audit row: a case ends through its services."""

import pytest
from django.urls import reverse

from paspor.cases.models import Case, TravelBanCheck
from paspor.cases.travel_ban import travel_ban_screen

from .conftest import open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def test_an_administrator_does_not_delete_a_case_in_the_admin(admin_client, office, intake_officer):
    case = open_case(office, intake_officer)
    response = admin_client.post(
        reverse("admin:cases_case_delete", args=[case.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Case.objects.filter(pk=case.pk).exists()


def test_a_travel_ban_screening_is_neither_changed_nor_deleted_in_the_admin(
    admin_client, office, intake_officer
):
    check = travel_ban_screen(case=open_case(office, intake_officer), by=intake_officer)
    response = admin_client.post(
        reverse("admin:cases_travelbancheck_delete", args=[check.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert TravelBanCheck.objects.filter(pk=check.pk).exists()
    page = admin_client.get(reverse("admin:cases_travelbancheck_change", args=[check.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
