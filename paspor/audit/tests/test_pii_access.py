"""The PII access log: staff looks at applicants' data are recorded; the head of office reviews."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from conftest import make_user
from paspor.accounts.models import Role
from paspor.audit.models import PiiAccess
from paspor.issuance.tests.conftest import make_paid_case

pytestmark = pytest.mark.django_db


def log_url(office):
    return f"/audit/{office.code}/akses-data-pribadi/"


@pytest.fixture
def case(office, intake_officer):
    return make_paid_case(office, intake_officer)


def test_opening_a_case_records_who_saw_which_case(client_for, intake_officer, case, office):
    assert (
        client_for(intake_officer).get(f"/permohonan/{office.code}/{case.code}/").status_code == 200
    )
    row = PiiAccess.objects.get()
    assert (row.user, row.case, row.office, row.what) == (
        intake_officer,
        case,
        office,
        "cases.detail",
    )


def test_case_api_and_payment_status_are_recorded_too(client_for, supervisor, case, office):
    client = client_for(supervisor)
    assert client.get(f"/api/cases/{office.code}/{case.code}").status_code == 200
    assert client.get(f"/pembayaran/status/{case.code}/").status_code == 200
    assert set(PiiAccess.objects.values_list("what", flat=True)) == {
        "api.cases.get",
        "payments.status",
    }


def test_a_refused_look_is_not_recorded(client_for, officer_of_other_office, case, office):
    response = client_for(officer_of_other_office).get(f"/permohonan/{office.code}/{case.code}/")
    assert response.status_code == 404
    assert not PiiAccess.objects.exists()


def test_head_of_office_reviews_the_log_with_filters(
    client_for, intake_officer, supervisor, head_of_office, case, office
):
    other_case = make_paid_case(office, intake_officer, nik="6104015708900002")
    with time_machine.travel(dt.datetime(2026, 6, 10, 3, 0, tzinfo=dt.UTC), tick=False):
        client_for(intake_officer).get(f"/permohonan/{office.code}/{case.code}/")
    with time_machine.travel(dt.datetime(2026, 6, 12, 3, 0, tzinfo=dt.UTC), tick=False):
        client_for(supervisor).get(f"/permohonan/{office.code}/{other_case.code}/")
    head = client_for(head_of_office)

    page = head.get(log_url(office)).content.decode()
    assert case.code in page and other_case.code in page
    by_officer = head.get(log_url(office), {"petugas": intake_officer.username}).content.decode()
    assert case.code in by_officer and other_case.code not in by_officer
    by_case = head.get(log_url(office), {"permohonan": other_case.code}).content.decode()
    assert other_case.code in by_case and case.code not in by_case
    by_date = head.get(log_url(office), {"dari": "2026-06-11", "sampai": "2026-06-12"})
    assert other_case.code in by_date.content.decode()
    assert case.code not in by_date.content.decode()
    assert "NIK" not in by_officer or case.nik not in by_officer  # the log shows no data itself


def test_head_of_another_office_cannot_see_the_log(client_for, other_office, office, case):
    other_head = make_user("kakanim_lain", role=Role.HEAD, office=other_office)
    assert client_for(other_head).get(log_url(office)).status_code == 404
    assert client_for(other_head).get(log_url(other_office)).status_code == 200


def test_officers_cannot_see_the_log(client_for, intake_officer, supervisor, office):
    assert client_for(intake_officer).get(log_url(office)).status_code == 403
    assert client_for(supervisor).get(log_url(office)).status_code == 403


def test_anonymous_and_applicants_cannot_see_the_log(client_for, applicant, office):
    assert client_for(None).get(log_url(office)).status_code == 302
    assert client_for(applicant).get(log_url(office)).status_code == 403


def test_headquarters_sees_every_office(client_for, hq_user, office, other_office, case):
    client_for(hq_user).get(f"/permohonan/{office.code}/{case.code}/")
    assert client_for(hq_user).get(log_url(office)).status_code == 200
    assert client_for(hq_user).get(log_url(other_office)).status_code == 200
