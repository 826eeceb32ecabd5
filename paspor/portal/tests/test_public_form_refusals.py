"""A public form sent back with a mistake opens at what to fix: the mistake takes the focus
(the page's one autofocus), so a screen reader reads it instead of the page from the top."""

import datetime as dt
import re

import pytest
from django.http import HttpResponse

from paspor.booking.tests.test_accessibility import summary_of
from paspor.notifications.tests.factories import make_booking, make_profile, make_ticket
from paspor.surveys.services import survey_invite

pytestmark = pytest.mark.django_db


def focused(response: HttpResponse) -> str:
    """The one tag that takes the focus when the page opens."""
    page = response.content.decode()
    tags: list[str] = re.findall(r"<[a-z]+\b[^>]*\bautofocus\b[^>]*>", page)
    assert len(tags) == 1, tags
    return tags[0]


def summary_after(response: HttpResponse) -> str:
    assert 'class="error-summary"' in focused(response)
    return summary_of(response.content.decode())


def test_status_lookup_sent_empty_opens_at_the_list_of_mistakes(client):
    summary = summary_after(client.post("/notifikasi/status/", {"code": "", "birth_date": ""}))
    assert "Formulir belum dapat dikirim" in summary
    assert '<a href="#id_code">Kode booking atau nomor permohonan: ' in summary
    assert '<a href="#id_birth_date">Tanggal lahir pemohon: ' in summary


def test_status_lookup_that_matches_nothing_opens_at_the_mismatch(client):
    answer = client.post("/notifikasi/status/", {"code": "BKTIDAKADA", "birth_date": "1990-08-17"})
    assert "Kode atau tanggal lahir tidak cocok" in answer.content.decode()
    assert 'role="alert"' in focused(answer)


def test_payment_lookup_sent_empty_opens_at_the_list_of_mistakes(client):
    summary = summary_after(client.post("/pembayaran/status/", {"case_code": "", "birth_date": ""}))
    assert '<a href="#id_case_code">' in summary and '<a href="#id_birth_date">' in summary


def test_complaint_sent_empty_opens_at_the_list_of_mistakes(client):
    summary = summary_after(client.post("/pengaduan/", {"office": "", "category": "", "body": ""}))
    assert '<a href="#id_office">Kantor imigrasi: ' in summary
    assert '<a href="#id_body">Isi pengaduan: ' in summary


def test_complaint_tracking_with_an_empty_code_opens_at_the_mistake(client):
    summary = summary_after(client.get("/pengaduan/lacak/", {"code": ""}))
    assert '<a href="#id_code">Kode pelacakan: ' in summary


def test_complaint_tracking_of_an_unknown_code_opens_at_not_found(client):
    answer = client.get("/pengaduan/lacak/ADU-C8THJSFX/")
    assert "Kode pelacakan tidak ditemukan." in answer.content.decode()
    assert 'role="alert"' in focused(answer)


def test_survey_with_questions_unanswered_opens_at_the_message(client, office, applicant):
    day = dt.date(2026, 3, 10)
    booking = make_booking(office, make_profile(applicant), day=day)
    ticket = make_ticket(office, number=7, day=day, booking=booking, status="done")
    invitation = survey_invite(ticket=ticket)
    answer = client.post(f"/survei/{invitation.token}/", {"u1": "4"})
    page = answer.content.decode()
    opens_at = focused(answer)
    assert 'role="alert"' in opens_at
    assert page.split(opens_at, 1)[1].startswith("Masih ada pertanyaan yang belum dijawab.")


def test_pages_opened_without_a_mistake_take_no_focus(client):
    for path in ("/notifikasi/status/", "/pembayaran/status/", "/pengaduan/", "/pengaduan/lacak/"):
        assert "autofocus" not in client.get(path).content.decode(), path
