"""The work queue at a busy office's size: a fixed number of statements whatever the number of
cases waiting, and a count that says how many wait beyond the listed ones."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from paspor.accounts.models import Role
from paspor.cases import selectors
from paspor.cases.models import Case, CaseStatus
from paspor.cases.types import ApplicationType, PassportKind

pytestmark = pytest.mark.django_db


def _waiting(office, opened_by, n, first=0, **overrides):
    """`n` cases waiting for the supervisor, each assigned to the officer who opened it."""
    for i in range(first, first + n):
        values = dict(
            office=office,
            opened_by=opened_by,
            assigned_to=opened_by,
            nik=f"61040157089{i:05d}",
            full_name=f"Pemohon {i}",
            sex="F",
            birth_date=dt.date(1990, 8, 17),
            birth_place="Ketapang",
            application_type=ApplicationType.NEW_ADULT,
            passport_kind=PassportKind.ELECTRONIC,
            validity_years=10,
            status=CaseStatus.AWAITING_SUPERVISOR,
        )
        values.update(overrides)
        Case.objects.create(**values)


def _statements(client, path):
    client.get(path)  # the session and the caches, as on any request after the first
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries)


@pytest.mark.parametrize("path", ["/api/cases/ketapang/queue", "/permohonan/ketapang/"])
def test_the_supervisors_queue_takes_the_same_statements_for_3_and_30_cases(
    client_for, office, intake_officer, supervisor, path
):
    client = client_for(supervisor)
    _waiting(office, intake_officer, 3)
    few = _statements(client, path)
    _waiting(office, intake_officer, 27, first=3)
    assert _statements(client, path) == few


def test_the_api_queue_names_the_office_and_the_officer_of_each_case(
    client_for, office, intake_officer, supervisor
):
    _waiting(office, intake_officer, 2)
    (section,) = client_for(supervisor).get("/api/cases/ketapang/queue").json()
    assert [(c["office"], c["assigned_to"]) for c in section["cases"]] == [
        ("ketapang", intake_officer.username)
    ] * 2


def test_a_queue_longer_than_its_list_says_how_many_wait(
    client_for, office, intake_officer, supervisor, monkeypatch
):
    monkeypatch.setattr(selectors, "QUEUE_ROWS", 5)
    _waiting(office, intake_officer, 7)
    (section,) = selectors.work_queue(office=office, roles={Role.SUPERVISOR})
    assert (len(section.cases), section.total) == (5, 7)
    page = client_for(supervisor).get("/permohonan/ketapang/").content.decode()
    assert "Ditampilkan 5 permohonan terlama dari 7" in page


def test_the_case_admin_list_takes_the_same_statements_for_3_and_30_assigned_cases(
    client_for, admin_user, office, intake_officer
):
    client = client_for(admin_user)
    _waiting(office, intake_officer, 3)
    few = _statements(client, "/admin/cases/case/")
    _waiting(office, intake_officer, 27, first=3)
    assert _statements(client, "/admin/cases/case/") == few
