"""Escalation: a complaint its office leaves open past the deadline reaches headquarters.

Headquarters sees every office's open and overdue complaints on one national page and may
answer an overdue one itself; the answer is recorded as headquarters' and reaches the
complainant as an office's answer does. Before the deadline only the office answers.
"""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError

from conftest import answered, make_office, make_user
from paspor.accounts.models import Role
from paspor.audit.models import AuditEntry
from paspor.complaints.models import Complaint, ComplaintResponder
from paspor.complaints.selectors import (
    open_complaints_by_office,
    overdue_complaints,
    overdue_filter,
)
from paspor.complaints.services import complaint_respond
from paspor.complaints.tests.test_pages import detail_url, submit
from paspor.lib.errors import Conflict

pytestmark = pytest.mark.django_db
NATIONAL = "/pengaduan/nasional/"
RECEIVED = "2026-03-02 09:00 +07:00"  # Monday: deadline Monday 9 March (5 working days)
LAST_DAY = "2026-03-09 16:00 +07:00"
OVERDUE = "2026-03-10 09:00 +07:00"


@pytest.fixture
def late(office):
    """A complaint the office did not answer by its deadline (9 March)."""
    with time_machine.travel(RECEIVED, tick=False):
        return submit(office)


@pytest.fixture
def admin_user(db):
    return make_user("admin_pusat", role=Role.ADMIN)


def rows_of(page, section_id):
    part = page[page.index(f'id="{section_id}"') :]
    body = part[part.index("<tbody>") : part.index("</tbody>")]
    return re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)


# --- When a complaint is overdue ----------------------------------------------------------------


def test_a_complaint_is_overdue_the_day_after_its_deadline(late):
    assert late.deadline == dt.date(2026, 3, 9)
    with time_machine.travel(LAST_DAY, tick=False):
        assert not Complaint.objects.filter(overdue_filter()).exists()
    with time_machine.travel(OVERDUE, tick=False):
        assert list(Complaint.objects.filter(overdue_filter())) == [late]


def test_overdue_is_counted_on_each_offices_own_clock():
    jakarta = make_office("ketapang")
    makassar = make_office("makassar", tz="Asia/Makassar")
    with time_machine.travel(RECEIVED, tick=False):
        wib = submit(jakarta)
        wita = submit(makassar)
    # 9 March 16.30 UTC: 23.30 WIB, still the deadline day; 00.30 WITA on 10 March, overdue.
    with time_machine.travel("2026-03-09 16:30 +00:00", tick=False):
        overdue = set(Complaint.objects.filter(overdue_filter()))
    assert overdue == {wita} and wib not in overdue


def test_an_answered_complaint_is_never_overdue(late, supervisor):
    with time_machine.travel(OVERDUE, tick=False):
        complaint_respond(complaint=late, response="Maaf terlambat.", by=supervisor)
        assert not overdue_complaints().exists()


# --- The national page --------------------------------------------------------------------------


def test_the_national_page_counts_each_offices_open_and_overdue_complaints(
    client_for, office, other_office, hq_user
):
    make_office("sambas")  # no complaint at all
    with time_machine.travel("2026-02-23 09:00 +07:00", tick=False):
        oldest = submit(other_office)
    with time_machine.travel(RECEIVED, tick=False):
        older = submit(office)
        submit(office, ip="10.0.0.2")
    with time_machine.travel(OVERDUE, tick=False):
        submit(office, ip="10.0.0.3")  # open, not yet due
        backlog = open_complaints_by_office()
        page = client_for(hq_user).get(NATIONAL).content.decode()
    assert [(row.office.code, row.open, row.overdue) for row in backlog] == [
        ("ketapang", 3, 2),
        ("pontianak", 1, 1),
    ]
    offices = rows_of(page, "offices-title")
    assert (
        "/pengaduan/kantor/ketapang/" in offices[0] and "/pengaduan/kantor/pontianak/" in offices[1]
    )
    assert "Terbuka di semua kantor: 4, lewat batas waktu: 3." in page
    assert "1 kantor lain tidak memiliki pengaduan terbuka." in page
    overdue = rows_of(page, "overdue-title")
    assert len(overdue) == 3
    assert oldest.tracking_code in overdue[0] and older.tracking_code in overdue[1]  # oldest first
    assert f'href="{detail_url(oldest)}"' in overdue[0]
    assert "8 hari" in overdue[0]  # received Mon 23 Feb, due Mon 2 March: 8 days late


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (None, "login"),
        ("applicant", 403),
        ("officer_of_other_office", 403),
        ("supervisor", 403),
        ("head_of_office", 403),
        ("hq_user", 200),
        ("admin_user", 200),
    ],
)
def test_only_headquarters_and_administrators_open_the_national_page(
    request, client_for, late, persona, expected
):
    user = request.getfixturevalue(persona) if persona else None
    assert answered(client_for(user).get(NATIONAL)) == expected


def test_a_supervisor_sees_only_the_complaints_of_its_own_office(
    client_for, late, other_office, supervisor
):
    with time_machine.travel(RECEIVED, tick=False):
        elsewhere = submit(other_office, ip="10.0.0.9")
    client = client_for(supervisor)
    own = client.get("/pengaduan/kantor/ketapang/")
    assert own.status_code == 200 and late.tracking_code in own.content.decode()
    assert elsewhere.tracking_code not in own.content.decode()
    assert client.get("/pengaduan/kantor/pontianak/").status_code == 404
    assert client.get(detail_url(elsewhere)).status_code == 404
    assert client.post(detail_url(elsewhere), {"response": "x"}).status_code == 404
    assert client.get(NATIONAL).status_code == 403
    # The office page says that what is overdue is seen by headquarters.
    assert "tampil di halaman nasional kantor pusat" in own.content.decode()


def test_the_staff_home_links_headquarters_to_the_national_page(client_for, late, hq_user):
    assert 'href="/pengaduan/nasional/"' in client_for(hq_user).get("/petugas/").content.decode()


# --- Headquarters answers -----------------------------------------------------------------------


def test_headquarters_answers_an_overdue_complaint_and_the_complainant_is_told(
    client_for, late, hq_user, django_capture_on_commit_callbacks
):
    client = client_for(hq_user)
    page = client.get(detail_url(late)).content.decode()
    assert "Tanggapi sebagai kantor pusat" in page and 'name="response"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail_url(late), {"response": "Kantor pusat menindaklanjuti."})
    assert response.status_code == 302 and response["Location"] == NATIONAL
    late.refresh_from_db()
    assert late.status == "answered" and late.responded_by == hq_user
    assert late.responded_as == ComplaintResponder.HEADQUARTERS
    notice = mail.outbox[-1]
    assert notice.to == ["warga@example.com"] and notice.subject == "Tanggapan atas pengaduan Anda"
    assert "Kantor pusat menindaklanjuti." in notice.body
    entry = AuditEntry.objects.get(event="complaint.answered", subject_id=str(late.pk))
    assert entry.actor == hq_user and entry.chain == "ketapang"
    assert entry.new == {"status": "answered", "within_deadline": False, "answered_as": "hq"}


def test_headquarters_answer_is_named_to_the_office_and_on_the_tracking_page(
    client, client_for, late, hq_user, supervisor
):
    complaint_respond(
        complaint=late, response="Sudah.", by=hq_user, responder=ComplaintResponder.HEADQUARTERS
    )
    office_page = client_for(supervisor).get("/pengaduan/kantor/ketapang/").content.decode()
    assert "kantor pusat" in rows_of(office_page, "answered-title")[0]
    detail = client_for(supervisor).get(detail_url(late)).content.decode()
    assert "ditjen (kantor pusat)" in detail
    tracking = client.get(f"/pengaduan/lacak/{late.tracking_code}/").content.decode()
    assert "Tanggapan kantor pusat" in tracking
    tracked = client.get(f"/api/complaints/{late.tracking_code}").json()
    assert tracked["answered_by"] == "hq" and tracked["response"] == "Sudah."


def test_an_office_answer_is_recorded_as_the_offices(client, office, supervisor):
    complaint = submit(office)
    assert client.get(f"/api/complaints/{complaint.tracking_code}").json()["answered_by"] is None
    complaint_respond(complaint=complaint, response="Sudah.", by=supervisor)
    complaint.refresh_from_db()
    assert complaint.responded_as == ComplaintResponder.OFFICE
    entry = AuditEntry.objects.get(event="complaint.answered")
    assert entry.new["answered_as"] == "office"
    tracked = client.get(f"/api/complaints/{complaint.tracking_code}").json()
    assert tracked["answered_by"] == "office"


def test_headquarters_cannot_answer_before_the_deadline(client_for, office, hq_user):
    with time_machine.travel(RECEIVED, tick=False):
        complaint = submit(office)
    with time_machine.travel(LAST_DAY, tick=False):
        client = client_for(hq_user)
        page = client.get(detail_url(complaint)).content.decode()
        refused = client.post(detail_url(complaint), {"response": "Terlalu cepat."})
        with pytest.raises(Conflict) as raised:
            complaint_respond(
                complaint=complaint,
                response="x",
                by=hq_user,
                responder=ComplaintResponder.HEADQUARTERS,
            )
    assert 'name="response"' not in page
    assert "Kantor pusat dapat menanggapi setelah batas waktu lewat" in page
    text = refused.content.decode()
    assert refused.status_code == 409 and "Kantor masih dapat menanggapinya sampai 9 Maret" in text
    assert "Terlalu cepat." in text  # the unsaved answer stays on the page
    assert raised.value.code == "not_overdue"
    complaint.refresh_from_db()
    assert complaint.status == "open" and not mail.outbox[1:]


def test_the_office_may_still_answer_late_and_then_headquarters_is_refused(
    client_for, late, supervisor, hq_user
):
    assert client_for(supervisor).post(detail_url(late), {"response": "Maaf."}).status_code == 302
    refused = client_for(hq_user).post(detail_url(late), {"response": "Dari pusat."})
    assert refused.status_code == 409
    assert "Pengaduan ini sudah ditanggapi oleh kasubsi" in refused.content.decode()
    late.refresh_from_db()
    assert late.responded_as == ComplaintResponder.OFFICE and late.response == "Maaf."


def test_an_administrator_sees_but_does_not_answer(client_for, late, admin_user):
    client = client_for(admin_user)
    assert 'name="response"' not in client.get(detail_url(late)).content.decode()
    assert client.post(detail_url(late), {"response": "x"}).status_code == 403
    assert "Kantor pusat dapat menanggapinya" not in client.get(NATIONAL).content.decode()


def test_the_database_requires_an_answer_to_name_who_gave_it(office, supervisor):
    complaint = submit(office)
    with pytest.raises(IntegrityError):
        Complaint.objects.filter(pk=complaint.pk).update(
            status="answered", response="x", responded_at=complaint.created_at
        )


def test_the_national_page_speaks_english_too(client_for, late, hq_user):
    client = client_for(hq_user)
    client.cookies["django_language"] = "en"
    with time_machine.travel(OVERDUE, tick=False):
        page = client.get(NATIONAL).content.decode()
        detail = client.get(detail_url(late)).content.decode()
    assert "<h1>National complaints</h1>" in page and "Past the deadline, oldest first" in page
    assert "1 day" in rows_of(page, "overdue-title")[0]
    assert "Answer as headquarters" in detail and "Pengaduan" not in detail.split("<main")[1]
