"""Every message exists in Indonesian and English, renders its context, and is documented."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from paspor.cases.models import CaseStatus
from paspor.cases.services import case_transition
from paspor.notifications.models import Message
from paspor.notifications.sending import message_render
from paspor.notifications.services import reminders_send
from paspor.notifications.tests.factories import (
    defer_case,
    make_booking,
    make_case,
    make_profile,
)
from paspor.offices.models import CalendarDay, CalendarDayKind

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates" / "notifications"
DOCS = Path(__file__).resolve().parents[3] / "docs" / "notifications.md"
CONTEXT = {
    "case_code": "K7X2M9",
    "name": "Siti Aminah",
    "office": "Kanim Ketapang",
    "office_address": "Jl. Sudirman",
    "reason": "Data tidak sesuai",
    "due_date": "2026-03-27",
    "missing": ["Akta kelahiran"],
    "deadline": "2026-04-10",
    "billing_code": "820260317000123",
    "amount": 650000,
    "expires_at": "2026-03-24T14:30:00+00:00",
    "time_zone": "Asia/Jakarta",
    "pickup_deadline": "2026-04-26",
    "days_left": 3,
    "passport_number": "X1234567",
    "uncollected_days": 30,
    "ready_on": "2026-03-02",
    "booking_code": "BK1",
    "date": "2026-03-10",
    "window_start": "08.00",
    "window_end": "10.00",
    "bring": ["e-KTP"],
    "won": True,
    "draw_url": "https://paspor.example/undian/1",
    "respond_by": "2026-03-09T10:00:00+00:00",
    "link": "https://paspor.example/x",
    "ticket": "A-012",
    "ahead": 3,
    "tracking_code": "ADU-ABCDEFGH",
    "response": "Petugas sudah ditegur.",
    "category": "Pelayanan petugas",
    "answered_by": "Rina Wulandari",
    "previous_date": "2026-03-09",
    "previous_window_start": "10.00",
    "previous_window_end": "12.00",
    "proof_url": "https://paspor.example/booking/bukti/BK1/",
    "booking_url": "https://paspor.example/booking/pesan/",
    "cancel_url": "https://paspor.example/booking/bukti/BK1/batal/",
    "receipt_url": "https://paspor.example/pembayaran/status/K7X2M9/bukti/",
}
NAMES = sorted(
    path.name.removesuffix(".subject.txt") for path in TEMPLATES_DIR.glob("*.subject.txt")
)
REQUIRED = {
    "booking_confirmed",
    "booking_reminder",
    "ballot_result",
    "waitlist_offer",
    "turn_near",
    "billing_issued",
    "billing_expiring",
    "payment_received",
    "case_deferred",
    "case_rejected",
    "ready_for_pickup",
    "pickup_reminder",
    "case_cancelled",
    "survey_invite",
    "booking_rescheduled",
    "booking_cancelled",
    "booking_invalidated",
}


def test_every_message_the_issue_names_has_a_template_pair():
    assert set(NAMES) >= REQUIRED
    for name in NAMES:
        assert (TEMPLATES_DIR / f"{name}.txt").exists()


@pytest.mark.parametrize("name", NAMES)
def test_each_template_renders_in_indonesian_and_english(name):
    indonesian = message_render(template=name, context=CONTEXT, language="id")
    english = message_render(template=name, context=CONTEXT, language="en")
    for rendered in (indonesian, english):
        assert rendered.subject and rendered.body.strip()
        assert (
            "{{" not in rendered.body and "{%" not in rendered.body and "&amp;" not in rendered.body
        )
    assert english.subject != indonesian.subject
    assert english.body != indonesian.body


@pytest.mark.parametrize("name", NAMES)
def test_each_template_is_documented(name):
    assert f"`{name}`" in DOCS.read_text()


def test_dates_and_money_read_naturally():
    body = message_render(template="billing_issued", context=CONTEXT, language="id").body
    assert "Rp 650.000" in body and "820260317000123" in body and "24 Maret 2026 21.30" in body
    body = message_render(template="payment_received", context=CONTEXT, language="en").body
    assert "27 March 2026" in body


@pytest.mark.django_db
def test_deferral_tells_what_is_missing_and_the_deadline(
    office, intake_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        defer_case(office, intake_officer, ["Akta kelahiran asli", "Kartu Keluarga"])
    body = mail.outbox[0].body
    assert "- Akta kelahiran asli" in body and "- Kartu Keluarga" in body
    assert "10 April 2026" in body


def test_a_deferral_without_a_list_gives_its_reason():
    context = {**CONTEXT, "missing": [], "reason": "Berkas kurang"}
    english = message_render(template="case_deferred", context=context, language="en").body
    assert "Berkas kurang" in english and "10 April 2026" in english
    listed = message_render(template="case_deferred", context=CONTEXT, language="en").body
    assert "Data tidak sesuai" not in listed  # the list and the date say it in the reader's words


@pytest.mark.django_db
def test_payment_received_gives_the_due_date(
    office, intake_officer, django_capture_on_commit_callbacks
):
    case = make_case(office, intake_officer, status=CaseStatus.BILLED)
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(
            case=case,
            to=CaseStatus.PAID,
            by=intake_officer,
            fields={"due_date": dt.date(2026, 3, 27)},
        )
    body = mail.outbox[0].body
    assert "27 Maret 2026" in body
    receipt = reverse("payments:receipt", args=[case.code])
    assert f"Bukti pembayaran: {settings.PASPOR_PUBLIC_URL.rstrip('/')}{receipt}" in body


@pytest.mark.django_db
def test_the_day_before_reminder_goes_out_once(office, applicant):
    booking = make_booking(office, make_profile(applicant), day=dt.date(2026, 3, 11))
    with time_machine.travel("2026-03-10 18:00 +07:00"):
        assert reminders_send().bookings == 1
        assert reminders_send().bookings == 0
    message = Message.objects.get(template="booking_reminder")
    assert message.to_address == applicant.email and message.context["booking_code"] == booking.code


@pytest.mark.django_db
def test_a_moved_booking_is_reminded_again_for_its_new_date_once(office, applicant):
    from paspor.booking.services import booking_reschedule
    from paspor.booking.tests.conftest import NOW, book, make_sessions, verified
    from paspor.booking.tests.conftest import make_profile as booking_profile

    sessions = make_sessions(office)
    profile = booking_profile(verified(applicant), 1)
    with time_machine.travel(NOW, tick=False):
        booking = book(profile, office, sessions[0], day=dt.date(2026, 6, 15))
    with time_machine.travel("2026-06-14 18:00 +07:00", tick=False):
        assert reminders_send().bookings == 1
        booking_reschedule(
            booking=booking, day=dt.date(2026, 6, 17), session=sessions[1], by=applicant
        )
    with time_machine.travel("2026-06-16 18:00 +07:00", tick=False):
        assert reminders_send().bookings == 1
        assert reminders_send().bookings == 0
    dates = Message.objects.filter(template="booking_reminder").values_list("context", flat=True)
    assert sorted(context["date"] for context in dates) == ["2026-06-15", "2026-06-17"]


@pytest.mark.django_db
def test_a_booking_on_a_day_since_closed_is_told_the_office_is_closed_not_reminded(
    office, other_office, applicant
):
    day = dt.date(2026, 3, 11)
    for _booking in range(2):
        make_booking(office, make_profile(applicant), day=day)
    CalendarDay.objects.create(date=day, kind=CalendarDayKind.CUTI_BERSAMA, name="Cuti bersama")
    other_office.serves_on_cuti_bersama = True  # for it the day is still a working day
    other_office.save(update_fields=["serves_on_cuti_bersama"])
    served = make_booking(other_office, make_profile(applicant), day=day)
    with (
        time_machine.travel("2026-03-10 18:00 +07:00"),
        CaptureQueriesContext(connection) as queries,
    ):
        assert reminders_send().bookings == 1
    message = Message.objects.get(template="booking_reminder")
    assert message.context["booking_code"] == served.code
    calendar_reads = [q for q in queries.captured_queries if "offices_calendarday" in q["sql"]]
    assert len(calendar_reads) == 2  # once per office with bookings, not once per booking
    # The row came without the calendar service (nobody was told): the reminder job tells them
    # that the office is closed instead, once.
    assert Message.objects.filter(template="booking_office_closed").count() == 2
    with time_machine.travel("2026-03-10 19:00 +07:00"):
        reminders_send()
    assert Message.objects.filter(template="booking_office_closed").count() == 2


@pytest.mark.django_db
def test_ready_for_pickup_tells_the_30_day_deadline(
    office, intake_officer, django_capture_on_commit_callbacks
):
    case = make_case(office, intake_officer, status=CaseStatus.QC_PASSED)
    with (
        time_machine.travel("2026-03-02 10:00 +07:00"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        case_transition(case=case, to=CaseStatus.READY_FOR_PICKUP, by=intake_officer)
    assert "1 April 2026" in mail.outbox[0].body
    assert office.address in mail.outbox[0].body  # where to collect it


def test_ready_for_pickup_deadline_on_a_closed_day_is_the_next_open_day(
    office, intake_officer, django_capture_on_commit_callbacks
):
    # Ready 30 April 2026: day 30 is a Saturday, then Waisak (Sunday) and Pancasila (Monday).
    case = make_case(office, intake_officer, status=CaseStatus.QC_PASSED)
    with (
        time_machine.travel("2026-04-30 10:00 +07:00"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        case_transition(case=case, to=CaseStatus.READY_FOR_PICKUP, by=intake_officer)
    assert "2 Juni 2026" in mail.outbox[0].body
