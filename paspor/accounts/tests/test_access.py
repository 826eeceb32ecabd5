"""Who may do what: roles per office, certifications, and the staff pages from the outside."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from conftest import make_user
from paspor.accounts.access import require_office_role, staff_can_work_station, staff_offices
from paspor.accounts.models import Role
from paspor.accounts.services import certification_grant
from paspor.offices.models import StationType

TODAY = dt.date(2026, 11, 30)


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.django_db
def test_certified_intake_officer_may_open_an_intake_counter(intake_officer, office):
    assert staff_can_work_station(
        user=intake_officer, office=office, station_type=StationType.INTAKE, on=TODAY
    )


@pytest.mark.django_db
def test_intake_officer_may_not_open_a_biometrics_counter(intake_officer, office):
    certification_grant(
        user=intake_officer,
        station_type=StationType.BIOMETRICS,
        certificate_number="X",
        issued_on=dt.date(2020, 1, 1),
        expires_on=dt.date(2030, 1, 1),
        by=None,
    )
    assert not staff_can_work_station(
        user=intake_officer, office=office, station_type=StationType.BIOMETRICS, on=TODAY
    )


@pytest.mark.django_db
def test_officer_without_certification_may_not_open_a_counter(office):
    untrained = make_user("baru", role=Role.INTAKE, office=office)
    assert not staff_can_work_station(
        user=untrained, office=office, station_type=StationType.INTAKE, on=TODAY
    )


@pytest.mark.django_db
def test_expired_certification_does_not_count(office):
    officer = make_user("lama", role=Role.INTAKE, office=office)
    certification_grant(
        user=officer,
        station_type=StationType.INTAKE,
        certificate_number="L",
        issued_on=dt.date(2020, 1, 1),
        expires_on=dt.date(2026, 11, 29),
        by=None,
    )
    assert not staff_can_work_station(
        user=officer, office=office, station_type=StationType.INTAKE, on=TODAY
    )
    assert staff_can_work_station(
        user=officer, office=office, station_type=StationType.INTAKE, on=dt.date(2026, 11, 29)
    )


@pytest.mark.django_db
def test_officer_may_not_open_a_counter_at_another_office(officer_of_other_office, office):
    assert not staff_can_work_station(
        user=officer_of_other_office, office=office, station_type=StationType.INTAKE, on=TODAY
    )


@pytest.mark.django_db
def test_staff_see_only_their_offices_and_headquarters_sees_all(
    intake_officer, hq_user, office, other_office
):
    assert list(staff_offices(intake_officer)) == [office]
    assert set(staff_offices(hq_user)) == {office, other_office}


@pytest.mark.django_db
def test_access_helper_answers_403_without_role_and_404_for_another_office(
    intake_officer, officer_of_other_office, applicant, office
):
    assert (
        require_office_role(_request(intake_officer), office.code, {Role.INTAKE}).office == office
    )
    with pytest.raises(PermissionDenied):
        require_office_role(_request(applicant), office.code, {Role.INTAKE})
    with pytest.raises(PermissionDenied):
        require_office_role(_request(intake_officer), office.code, {Role.SUPERVISOR})
    with pytest.raises(Http404):
        require_office_role(_request(officer_of_other_office), office.code, {Role.INTAKE})
    with pytest.raises(Http404):
        require_office_role(_request(intake_officer), "tidak-ada", {Role.INTAKE})
