"""The PII access log: staff looks at applicants' data are recorded; the head of office reviews."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from conftest import make_user
from paspor.accounts.models import Role
from paspor.audit.models import PiiAccess
from paspor.audit.pii import PiiData
from paspor.audit.services import pii_access_record
from paspor.cases.views import FILE_KINDS
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


def _data_column(page: str) -> list[str]:
    """The "data viewed" cell of each row, newest first, without its markup."""
    return [cell.strip() for cell in re.findall(r'<td class="pii-what"[^>]*>([^<]*)</td>', page)]


def test_the_log_names_the_data_seen_in_plain_words_in_the_readers_language(
    client_for, intake_officer, head_of_office, case, office
):
    """The head of office reads "Foto pemohon", not "issuance.photo"; a code this version does
    not know (from an older release, say) is still shown, as it was written."""
    codes = [
        "cases.detail",
        "cases.file:finger",
        "issuance.photo",
        "issuance.print_case",
        "issuance.qc_check",
        "issuance.handover",
        "payments.status",
        "kode.lama",
    ]
    for minute, code in enumerate(codes):
        with time_machine.travel(dt.datetime(2026, 6, 10, 3, minute, tzinfo=dt.UTC), tick=False):
            pii_access_record(user=intake_officer, case=case, what=code)
    head = client_for(head_of_office)

    assert _data_column(head.get(log_url(office)).content.decode()) == [
        "kode.lama",
        "Status pembayaran",
        "Serah terima paspor",
        "Kendali mutu",
        "Halaman cetak paspor",
        "Foto pemohon",
        "Berkas: sidik jari",
        "Halaman permohonan",
    ]
    head.cookies["django_language"] = "en"
    assert _data_column(head.get(log_url(office)).content.decode()) == [
        "kode.lama",
        "Payment status",
        "Passport handover",
        "Quality control",
        "Passport printing page",
        "Applicant&#x27;s photo",
        "File: fingerprint",
        "Application page",
    ]


def test_every_case_file_kind_has_words_in_the_log():
    """The file download writes "cases.file:<kind>" for each kind it serves."""
    assert {f"cases.file:{kind}" for kind in FILE_KINDS} <= set(PiiData.values)


def test_every_payment_page_staff_open_writes_a_code_with_words(client_for, supervisor, case):
    """The payment pages and API calls write "payments.<URL name>": each one they write is known,
    whether the page then shows the bill or finds nothing to show."""
    client = client_for(supervisor)
    for url in (
        f"/pembayaran/status/{case.code}/",
        f"/pembayaran/status/{case.code}/slip.pdf",
        f"/pembayaran/status/{case.code}/bukti/",
        f"/pembayaran/status/{case.code}/bukti.pdf",
        f"/api/payments/bills/{case.code}",
        f"/api/payments/receipts/{case.code}",
    ):
        client.get(url)
    client.post(f"/pembayaran/status/{case.code}/kode-baru/")
    written = set(PiiAccess.objects.values_list("what", flat=True))
    assert len(written) == 7
    assert written <= set(PiiData.values)
