"""Complaints (pengaduan, UU 25/2009): anyone files one, the office answers by a deadline."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from paspor.audit.models import AuditEntry
from paspor.complaints.models import Complaint, ComplaintCategory, ComplaintStatus
from paspor.complaints.selectors import complaint_stats
from paspor.complaints.services import complaint_respond, complaint_submit
from paspor.lib.errors import Conflict, DomainError

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n" + b"x" * 64


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def file_(name, content, kind="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=kind)


def submit(office, **overrides):
    values = dict(
        office=office,
        category=ComplaintCategory.WAITING,
        body="Antre 5 jam.",
        email="warga@example.com",
        ip="10.0.0.1",
    )
    values.update(overrides)
    return complaint_submit(**values)


def test_the_deadline_is_five_working_days_in_the_office_calendar(office):
    # Tue 17 March 2026: 18, 20, 23, 24 cuti bersama, 19, 21 (Sat), 22 holidays → 25, 26, 27, 30, 31.
    with time_machine.travel("2026-03-17 10:00 +07:00"):
        complaint = submit(office)
    assert complaint.deadline == dt.date(2026, 3, 31)
    assert complaint.tracking_code.startswith("ADU-") and complaint.status == ComplaintStatus.OPEN
    assert AuditEntry.objects.filter(
        event="complaint.submitted", subject_id=str(complaint.pk)
    ).exists()


def test_the_deadline_setting_is_honoured(office, settings):
    settings.PASPOR_COMPLAINT_RESPONSE_DAYS = 1
    with time_machine.travel("2026-03-06 10:00 +07:00"):  # Friday
        assert submit(office).deadline == dt.date(2026, 3, 9)


def test_the_complainant_receives_the_tracking_code(office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = submit(office)
    assert complaint.tracking_code in mail.outbox[0].body


def test_attachments_are_checked_by_content_not_by_name(office):
    complaint = submit(office, files=[file_("foto.png", PNG), file_("surat.pdf", PDF)])
    kinds = sorted(complaint.attachments.values_list("content_type", flat=True))
    assert kinds == ["application/pdf", "image/png"]
    with pytest.raises(DomainError, match="bukan PDF, PNG atau JPEG"):
        submit(office, files=[file_("virus.pdf", b"MZ\x90\x00 this is an exe", "application/pdf")])
    assert Complaint.objects.count() == 1  # nothing half-written


def test_attachments_over_the_size_limit_are_refused(office, settings):
    settings.PASPOR_COMPLAINT_MAX_BYTES = 1024
    with pytest.raises(DomainError, match="terlalu besar"):
        submit(office, files=[file_("besar.png", PNG + b"\x00" * 2000)])
    with pytest.raises(DomainError, match="Paling banyak 3"):
        submit(office, files=[file_(f"{n}.png", PNG) for n in range(4)])


def test_an_officer_answers_once_and_the_complainant_is_told(
    office, supervisor, django_capture_on_commit_callbacks
):
    complaint = submit(office)
    with django_capture_on_commit_callbacks(execute=True):
        complaint_respond(complaint=complaint, response="Loket ditambah.", by=supervisor)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ANSWERED and complaint.responded_by == supervisor
    assert "Loket ditambah." in mail.outbox[-1].body
    assert AuditEntry.objects.get(event="complaint.answered").new["within_deadline"] is True
    with pytest.raises(Conflict):
        complaint_respond(complaint=complaint, response="Lagi", by=supervisor)


def test_handling_is_measured_time_to_answer_and_share_within_deadline(office, supervisor):
    with time_machine.travel("2026-03-02 09:00 +07:00"):  # Monday
        quick, late, _overdue, waiting = (submit(office, ip=f"10.0.0.{n}") for n in range(4))
    with time_machine.travel("2026-03-03 09:00 +07:00"):
        complaint_respond(complaint=quick, response="Sudah.", by=supervisor)
    with time_machine.travel("2026-03-12 09:00 +07:00"):
        complaint_respond(complaint=late, response="Maaf terlambat.", by=supervisor)
        Complaint.objects.filter(pk=waiting.pk).update(deadline=dt.date(2026, 3, 20))
        stats = complaint_stats(office=office, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    assert (stats.received, stats.answered, stats.open, stats.overdue) == (4, 2, 2, 1)
    assert stats.answered_in_time == 1
    assert stats.within_deadline_pct == pytest.approx(33.3)  # 1 in time of 3 whose outcome is known
    assert stats.median_working_days == 4.5  # 1 and 8 working days
    assert stats.mean_hours == pytest.approx((24 + 240) / 2)


def test_handling_figures_round_half_up_as_the_office_reports(office, supervisor):
    with time_machine.travel("2026-03-02 09:00 +07:00", tick=False):
        quick = submit(office)
    with time_machine.travel("2026-03-02 09:15 +07:00", tick=False):
        complaint_respond(complaint=quick, response="Sudah.", by=supervisor)
        stats = complaint_stats(office=office, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    assert stats.mean_hours == 0.3  # a quarter of an hour; round() would say 0.2


def test_one_address_may_file_five_complaints_an_hour(client, office):
    for _ in range(5):
        submit(office)
    from paspor.lib.errors import RateLimited

    with pytest.raises(RateLimited):
        submit(office)


def test_the_public_form_files_a_complaint_with_an_attachment(client, office):
    response = client.post(
        "/pengaduan/",
        {
            "office": office.code,
            "category": "service",
            "body": "Petugas kasar.",
            "files": [file_("bukti.jpg", b"\xff\xd8\xff\xe0" + b"0" * 40)],
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and complaint.tracking_code in response["Location"]
    assert complaint.attachments.get().content_type == "image/jpeg"
    page = client.get(response["Location"]).content.decode()
    assert complaint.tracking_code in page and "Menunggu tanggapan" in page


def test_the_public_form_explains_a_refused_attachment_and_keeps_the_text(client, office):
    response = client.post(
        "/pengaduan/",
        {
            "office": office.code,
            "category": "service",
            "body": "Isi tetap ada.",
            "files": [file_("x.png", b"GIF89a")],
        },
    )
    page = response.content.decode()
    assert (
        response.status_code == 400
        and "bukan PDF, PNG atau JPEG" in page
        and "Isi tetap ada." in page
    )
    assert not Complaint.objects.exists()


def test_tracking_an_unknown_code_is_404(client):
    assert client.get("/pengaduan/lacak/ADU-TIDAKADA/").status_code == 404


def test_the_api_files_and_tracks_a_complaint(client, office):
    created = client.post(
        "/api/complaints/",
        {"office": office.code, "category": "broker", "body": "Ada calo."},
        content_type="application/json",
    )
    assert created.status_code == 201
    code = created.json()["tracking_code"]
    tracked = client.get(f"/api/complaints/{code}").json()
    assert tracked["status"] == "open" and "name" not in tracked and "email" not in tracked
    assert (
        client.post(
            "/api/complaints/",
            {"office": office.code, "category": "broker", "body": " "},
            content_type="application/json",
        ).status_code
        == 400
    )
