"""Complaints (pengaduan, UU 25/2009): anyone files one, the office answers by a deadline."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from conftest import make_office, make_user
from paspor.audit.models import AuditEntry
from paspor.complaints.models import Complaint, ComplaintCategory, ComplaintStatus
from paspor.complaints.selectors import complaint_stats
from paspor.complaints.services import complaint_respond, complaint_submit
from paspor.complaints.tests.conftest import PDF, image
from paspor.lib.errors import Conflict, DomainError

pytestmark = pytest.mark.django_db
PNG = image(".png")


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


def test_a_complaint_or_an_answer_of_invisible_characters_is_empty(office, supervisor):
    with pytest.raises(DomainError, match="Isi pengaduan wajib diisi"):
        submit(office, body="\u200b\u200f ")
    complaint = submit(office)
    with pytest.raises(DomainError, match="Tanggapan wajib diisi"):
        complaint_respond(complaint=complaint, response="\ufeff\u2060", by=supervisor)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.OPEN and Complaint.objects.count() == 1


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
            "files": [file_("bukti.jpg", image(".jpg"))],
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and complaint.tracking_code in response["Location"]
    assert complaint.attachments.get().content_type == "image/jpeg"
    page = client.get(response["Location"]).content.decode()
    assert complaint.tracking_code in page and "Menunggu tanggapan" in page


@pytest.mark.parametrize(
    ("language", "explained", "not_shown"),
    [
        ("id", "Lampiran x.png bukan PDF, PNG atau JPEG.", "Attachment"),
        ("en", "Attachment x.png is not a PDF, PNG or JPEG.", "Lampiran"),
    ],
)
def test_the_public_form_explains_a_refused_attachment_and_keeps_the_text(
    client, office, settings, language, explained, not_shown
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
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
    assert response.status_code == 400 and explained in page and "Isi tetap ada." in page
    assert not_shown not in page
    assert not Complaint.objects.exists()


def test_an_email_longer_than_its_column_is_said_at_its_field_and_the_text_kept(client, office):
    too_long = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 62 + ".id"  # 258
    response = client.post(
        "/pengaduan/",
        {"office": office.code, "category": "service", "body": "Isi tetap ada.", "email": too_long},
    )
    page = response.content.decode()
    assert response.status_code == 400 and 'id="id_email_error"' in page
    assert "Isi tetap ada." in page and too_long in page
    assert not Complaint.objects.exists()


def test_no_form_field_takes_more_than_its_column_holds():
    from paspor.complaints.forms import ComplaintForm
    from paspor.notifications.forms import PreferenceForm
    from paspor.notifications.models import ChannelPreference

    for form, model in ((ComplaintForm, Complaint), (PreferenceForm, ChannelPreference)):
        columns = {column.name: column.max_length for column in model._meta.fields}
        for name, field in form.base_fields.items():
            column_length = columns.get(name)
            if column_length and hasattr(field, "max_length"):
                assert field.max_length is not None, f"{form.__name__}.{name}"
                assert field.max_length <= column_length, f"{form.__name__}.{name}"


def test_tracking_an_unknown_code_is_404(client):
    assert client.get("/pengaduan/lacak/ADU-TIDAKADA/").status_code == 404


@pytest.mark.parametrize("typed", ["ADU-1234%00", "ADU-%00%00%00%00%00%00%00%00", "%00"])
def test_a_code_with_a_nul_is_not_found_before_any_lookup(client, typed):
    # PostgreSQL cannot take a NUL in a query: a code not of the issued shape is not looked up.
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/pengaduan/lacak/{typed}/")
        refused = client.get(f"/api/complaints/{typed}")
    assert page.status_code == 404
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    assert not [q for q in queries.captured_queries if "complaints_complaint" in q["sql"]]


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
    empty = client.post(
        "/api/complaints/",
        {"office": office.code, "category": "broker", "body": " "},
        content_type="application/json",
    )
    assert (
        empty.status_code == 422 and empty.json()["message"] == "Isian tidak sah: body wajib diisi."
    )


@pytest.mark.parametrize(
    ("change", "status", "said"),
    [
        ({"body": "x" * 5001}, 422, "body terlalu panjang (paling banyak 5000 karakter)"),
        ({"name": "N" * 201}, 422, "name terlalu panjang (paling banyak 200 karakter)"),
        ({"body": "Calo\x00di pintu"}, 422, "body tidak boleh berisi karakter kendali"),
        ({"email": "bukan-email"}, 400, "Masukkan alamat e-mail yang benar."),
    ],
)
def test_the_api_refuses_what_the_form_refuses_and_files_nothing(
    client, office, change, status, said
):
    refused = client.post(
        "/api/complaints/",
        {"office": office.code, "category": "broker", "body": "Ada calo.", **change},
        content_type="application/json",
    )
    assert refused.status_code == status
    assert said in (refused.json().get("message") or refused.json()["detail"])
    assert not Complaint.objects.exists()


# --- The complainant's language ----------------------------------------------------------------


def file_on_the_page(client, office, language):
    client.cookies["django_language"] = language
    return client.post(
        "/pengaduan/",
        {
            "office": office.code,
            "category": "waiting",
            "body": "Antre 5 jam.",
            "email": "warga@example.com",
        },
    )


def test_a_complaint_filed_on_the_english_page_is_confirmed_and_answered_in_english(
    client, office, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert file_on_the_page(client, office, "en").status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.language == "en"
    received = mail.outbox[-1]
    assert received.subject == "We received your complaint"
    assert complaint.tracking_code in received.body and "Track your complaint:" in received.body
    # The officer reads the site in Indonesian; the complainant still reads English.
    with django_capture_on_commit_callbacks(execute=True):
        complaint_respond(complaint=complaint, response="Loket ditambah.", by=supervisor)
    answered = mail.outbox[-1]
    assert answered.subject == "Answer to your complaint"
    assert "Loket ditambah." in answered.body and "Pengaduan" not in answered.body


def test_a_complaint_filed_on_the_indonesian_page_is_answered_in_indonesian(
    client, office, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        file_on_the_page(client, office, "id")
    complaint = Complaint.objects.get()
    assert complaint.language == "id"
    assert mail.outbox[-1].subject == "Pengaduan Anda kami terima"
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        complaint_respond(complaint=complaint, response="Loket ditambah.", by=supervisor)
    assert mail.outbox[-1].subject == "Tanggapan atas pengaduan Anda"


def test_a_complaint_through_the_api_is_confirmed_in_the_callers_language(
    client, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(
            "/api/complaints/",
            {"office": office.code, "category": "broker", "body": "Ada calo.", "email": "a@b.id"},
            content_type="application/json",
            headers={"accept-language": "en"},
        )
    assert created.status_code == 201
    assert Complaint.objects.get().language == "en"
    assert mail.outbox[-1].subject == "We received your complaint"


# --- Times on the office's clock, and errors read with their fields ----------------------------


def test_the_tracking_page_gives_times_on_the_offices_clock_with_its_zone(client, supervisor):
    makassar = make_office("makassar", tz="Asia/Makassar")
    with time_machine.travel("2026-11-29 16:27 +00:00"):  # 30 November, 00.27 in Makassar
        complaint = submit(makassar)
    with time_machine.travel("2026-11-30 02:10 +00:00"):
        complaint_respond(complaint=complaint, response="Sudah.", by=supervisor)
    page = client.get(f"/pengaduan/lacak/{complaint.tracking_code}/").content.decode()
    assert "30 November 2026 00.27 WITA" in page
    assert "30 November 2026 10.10 WITA" in page


def test_the_office_pages_give_times_on_the_offices_clock_with_its_zone(client_for):
    from paspor.accounts.models import Role

    jayapura = make_office("jayapura", tz="Asia/Jayapura")
    head = make_user("kakanim_jayapura", role=Role.HEAD, office=jayapura)
    with time_machine.travel("2026-11-29 16:27 +00:00"):  # 30 November, 01.27 in Jayapura
        complaint = submit(jayapura)
    client = client_for(head)
    detail = client.get(f"/pengaduan/kantor/jayapura/{complaint.tracking_code}/")
    assert "30 November 2026 01.27 WIT" in detail.content.decode()
    listing = client.get("/pengaduan/kantor/jayapura/").content.decode()
    assert "30 Nov 2026 01.27 WIT" in listing


def described_by(body):
    return [i for ids in re.findall(r'aria-describedby="([^"]+)"', body) for i in ids.split()]


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/pengaduan/", {"office": "", "body": ""}),
        ("/pengaduan/lacak/?code=", None),
    ],
)
def test_each_error_of_the_public_forms_is_read_with_its_field(client, office, url, data):
    response = client.post(url, data) if data is not None else client.get(url)
    body = response.content.decode()
    targets = described_by(body)
    assert any(target.endswith("_error") for target in targets)
    for target in targets:
        assert f'id="{target}"' in body, target


def test_the_answer_forms_error_is_read_with_its_field(client_for, office, supervisor):
    complaint = submit(office)
    response = client_for(supervisor).post(
        f"/pengaduan/kantor/{office.code}/{complaint.tracking_code}/", {"response": ""}
    )
    body = response.content.decode()
    assert response.status_code == 400 and "id_response_error" in described_by(body)
    for target in described_by(body):
        assert f'id="{target}"' in body, target


def test_a_phone_number_that_is_not_one_is_refused_at_its_field(client, office):
    response = client.post(
        "/pengaduan/",
        {"office": office.code, "category": "service", "body": "Isi tetap ada.", "phone": "123"},
    )
    page = response.content.decode()
    assert response.status_code == 400 and 'id="id_phone_error"' in page
    assert "Masukkan nomor telepon Indonesia yang benar" in page and "Isi tetap ada." in page
    assert not Complaint.objects.exists()


def test_the_api_tracks_a_code_typed_in_small_letters_and_says_refusals_with_their_code(
    client, office
):
    created = client.post(
        "/api/complaints/",
        {"office": office.code, "category": "broker", "body": "Ada calo."},
        content_type="application/json",
    )
    code = created.json()["tracking_code"]
    assert client.get(f"/api/complaints/{code.lower()}").json()["tracking_code"] == code
    refused = client.post(
        "/api/complaints/",
        {"office": office.code, "category": "broker", "body": "Ada calo.", "phone": "abc"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and refused.json()["code"] == "phone"


def test_the_api_says_an_unknown_tracking_code_is_no_complaint(client, office):
    refused = client.get("/api/complaints/ADU-TIDAKADA")
    assert refused.status_code == 404
    assert refused.json() == {
        "detail": "Tidak ada pengaduan dengan kode ini. Periksa kode pelacakan (ADU- dan 8 "
        "karakter).",
        "code": "not_found",
    }
