"""The messages as the applicant reads them: facts, clocks, links and SMS length.

Each test builds its message the way its sender does (the real flow where it is cheap, else the
sender's context shape) and reads the text in the recipient's language.
"""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from conftest import make_office
from paspor.booking.models import Booking, Pool
from paspor.booking.services.bookings import booking_documents
from paspor.cases.models import CaseStatus
from paspor.cases.services import case_transition
from paspor.cases.types import ApplicationType
from paspor.notifications import channels
from paspor.notifications.models import Channel, ChannelPreference, Language, Message
from paspor.notifications.sending import message_deliver, message_render
from paspor.notifications.services import notify, notify_booking, notify_case, notify_turn_near
from paspor.notifications.sms import SMS_MAX_CHARS
from paspor.notifications.tests.factories import (
    defer_case,
    make_booking,
    make_case,
    make_profile,
    make_ticket,
)
from paspor.offices.models import Office

SITE = settings.PASPOR_PUBLIC_URL.rstrip("/")
# Characters outside GSM-7's basic set that our texts could carry: one of them sends the SMS as
# UCS-2, at 67 characters a segment instead of 153.
NOT_GSM7 = set("–—·‘’“”…")

# A booking moved from 9 March 2026, 10.00-12.00 (office time).
MOVED_FROM = {
    "previous_date": "2026-03-09",
    "previous_window_start": "10:00",
    "previous_window_end": "12:00",
}


def read(message: Message | None, *, channel: str | None = None) -> str:
    assert message is not None, "the sender wrote no message"
    rendered = message_render(
        template=message.template,
        context=message.context,
        language=message.language,
        channel=channel or message.channel,
    )
    return rendered.body


def speaks_english(account) -> None:
    ChannelPreference.objects.update_or_create(
        user=account, defaults={"channel": Channel.EMAIL, "language": Language.ENGLISH}
    )


@pytest.fixture
def makassar(db):
    return make_office("kupang", tz="Asia/Makassar", name="Kantor Imigrasi Kupang")


# --- Bookings: the arrival window on the office's clock -----------------------------------


@pytest.mark.django_db
def test_booking_confirmation_names_the_offices_time_zone(makassar, applicant):
    booking = make_booking(makassar, make_profile(applicant))
    message = notify_booking(booking=booking, template="booking_confirmed")
    assert "antara pukul 08.00 dan 10.00 WITA" in read(message)
    speaks_english(applicant)
    english = notify_booking(booking=booking, template="booking_confirmed", dedupe_key="en")
    body = read(english)
    assert "between 08:00 and 10:00 WITA" in body
    assert " asli" not in body  # the documents to bring, in English too


@pytest.mark.django_db
def test_reminder_cancellation_and_move_name_the_zone(makassar, applicant):
    booking = make_booking(makassar, make_profile(applicant))
    moved = notify_booking(booking=booking, template="booking_rescheduled", extra=MOVED_FROM)
    assert "10.00–12.00 WITA ke 10 Maret 2026 pukul 08.00–10.00 WITA" in read(moved)
    for template in ("booking_reminder", "booking_cancelled", "booking_invalidated"):
        message = notify_booking(booking=booking, template=template, extra={"reason": "Ganda"})
        assert "10.00 WITA" in read(message), template


@pytest.mark.django_db
def test_express_pay_by_hour_is_on_the_offices_clock(makassar, applicant):
    booking = make_booking(makassar, make_profile(applicant))
    extra = {"express_fee": 1_000_000, "express_pay_by": "12:00"}
    message = notify_booking(booking=booking, template="booking_confirmed", extra=extra)
    assert "sebelum pukul 12.00 WITA" in read(message) and "Rp 1.000.000" in read(message)


def test_a_booking_message_queued_before_the_zone_was_passed_still_renders():
    context: dict[str, object] = {
        "booking_code": "BK1",
        "office": "Kanim Ketapang",
        "office_address": "Jl. Uji No. 1",
        "date": "2026-03-10",
        "window_start": "08:00",
        "window_end": "10:00",
        "bring": [],
    }
    body = message_render(template="booking_reminder", context=context, language="id").body
    assert "antara pukul 08.00 dan 10.00 (booking BK1)" in body


@pytest.mark.django_db
def test_waitlist_offer_window_names_the_zone():
    # The context `waitlist_offer_seat` builds.
    context: dict[str, object] = {
        "office": "Kantor Imigrasi Kupang",
        "name": "Siti Aminah",
        "pool": Pool.REGULAR,
        "date": "2026-03-10",
        "window_start": "08:00",
        "window_end": "10:00",
        "respond_by": "2026-03-09T02:00:00+00:00",
        "time_zone": "Asia/Makassar",
        "link": f"{SITE}/booking/saya/",
    }
    body = message_render(template="waitlist_offer", context=context, language="id").body
    assert "pukul 08.00–10.00 WITA" in body and "9 Maret 2026 10.00 WITA" in body


# --- The queue ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_next_in_line_is_told_it_is_next_not_zero_people_ahead(office, applicant):
    booking = make_booking(office, make_profile(applicant, phone="081234567890"))
    ticket = make_ticket(office, number=12, day=dt.date(2026, 3, 10), booking=booking)
    body = read(notify_turn_near(ticket=ticket, ahead=0))
    assert "Anda berikutnya" in body and "0 orang" not in body


# --- Payments -------------------------------------------------------------------------------


STATUS_URL = f"{SITE}/pembayaran/status/K7X2M9/"
BILLING: dict[str, object] = {  # `billing_message_context`
    "case_code": "K7X2M9",
    "name": "Siti Aminah",
    "office": "Kantor Imigrasi Kupang",
    "billing_code": "820260317000123",
    "amount": 650000,
    "expires_at": "2026-03-24T14:30:00+00:00",
    "time_zone": "Asia/Makassar",
    "status_url": STATUS_URL,
}


def test_billing_expiring_says_where_to_pay_and_to_get_a_new_code():
    body = message_render(template="billing_expiring", context=BILLING, language="id").body
    assert "24 Maret 2026 22.30 WITA" in body
    assert STATUS_URL in body and "minta kode baru" in body
    english = message_render(template="billing_expiring", context=BILLING, language="en").body
    assert STATUS_URL in english and "ask for a new one" in english


def test_the_sla_alert_reads_as_plain_text_with_the_date_in_words():
    # The context `_alert_raise` builds, for a supervisor named with an apostrophe.
    context: dict[str, object] = {
        "case_code": "K7X2M9",
        "office": "Kantor Imigrasi Kupang",
        "kind": "breach",
        "due_date": "2026-03-27",
        "step": "Menunggu pembayaran",
        "name": "Budi O'Hara",
    }
    rendered = message_render(template="payments_sla_alert", context=context, language="id")
    assert "Yth. Budi O'Hara," in rendered.body and "&#x27;" not in rendered.body
    assert "27 Maret 2026" in rendered.body and "2026-03-27" not in rendered.body


def test_the_verification_e_mail_is_plain_text():
    context: dict[str, object] = {
        "code": "123456",
        "link": f"{SITE}/booking/verifikasi/a&b/",
        "minutes": 30,
    }
    body = message_render(template="booking_verify_email", context=context, language="id").body
    assert "/verifikasi/a&b/" in body


# --- Cases: deferral, rejection, pickup --------------------------------------------------------


@pytest.mark.django_db
def test_deferral_says_where_to_bring_it_and_what_happens_after_the_deadline(
    office, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        defer_case(office, supervisor, ["Akta kelahiran asli"])
    body = read(Message.objects.get(template="case_deferred"))
    assert f"Bawa kelengkapannya ke {office.name} paling lambat 10 April 2026" in body
    assert "permohonan ditolak" in body and f"Alamat kantor: {office.address}" in body


@pytest.mark.django_db
def test_rejection_links_to_the_complaint_page(
    office, supervisor, django_capture_on_commit_callbacks
):
    case = make_case(office, supervisor, status=CaseStatus.AWAITING_SUPERVISOR)
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case=case, to=CaseStatus.REJECTED, by=supervisor, reason="Data palsu")
    message = Message.objects.get(template="case_rejected")
    assert f"{SITE}{reverse('complaints:submit')}" in read(message)
    assert message.context["complaint_url"].startswith("http")


def _ready(case, officer, capture):
    with time_machine.travel("2026-03-02 10:00 +07:00"), capture(execute=True):
        case_transition(case=case, to=CaseStatus.READY_FOR_PICKUP, by=officer)
    return read(Message.objects.get(template="ready_for_pickup"))


@pytest.mark.django_db
def test_a_childs_passport_is_collected_by_a_parent_with_the_family_card(
    office, intake_officer, django_capture_on_commit_callbacks
):
    case = make_case(
        office,
        intake_officer,
        status=CaseStatus.QC_PASSED,
        application_type=ApplicationType.NEW_CHILD,
    )
    body = _ready(case, intake_officer, django_capture_on_commit_callbacks)
    assert "KTP asli ayah, ibu atau wali yang mengambil" in body
    assert "Kartu Keluarga asli" in body
    assert "Bawa KTP asli dan bukti pembayaran" not in body


@pytest.mark.django_db
def test_a_replacement_is_told_to_bring_the_old_passport(
    office, intake_officer, django_capture_on_commit_callbacks
):
    case = make_case(
        office,
        intake_officer,
        status=CaseStatus.QC_PASSED,
        application_type=ApplicationType.REPLACEMENT,
    )
    body = _ready(case, intake_officer, django_capture_on_commit_callbacks)
    assert "- KTP asli" in body and "- Paspor lama" in body
    assert "surat kuasa bermeterai" in body  # an adult may send a proxy


@pytest.mark.django_db
def test_pickup_reminder_gives_the_address_and_what_to_bring(office, intake_officer):
    case = make_case(
        office, intake_officer, status=CaseStatus.READY_FOR_PICKUP, application_type="damaged"
    )
    # The context `pickup_remind` (issuance) passes.
    context = {
        "case_code": case.code,
        "name": case.full_name,
        "office": office.name,
        "office_address": office.address,
        "day": 21,
        "pickup_deadline": "2026-04-01",
        "days_left": 9,
    }
    message = notify_case(case=case, template="pickup_reminder", context=context, dedupe_key="r")
    body = read(message)
    assert f"Alamat kantor: {office.address}" in body
    assert "- KTP asli" in body and "- Paspor lama" in body
    assert "1 April 2026" in body


# --- SMS --------------------------------------------------------------------------------------


def test_billing_code_by_sms_fits_three_segments_in_gsm7():
    for language in ("id", "en"):
        body = message_render(
            template="billing_issued", context=BILLING, language=language, channel=Channel.SMS
        ).body
        assert len(body) <= SMS_MAX_CHARS, (language, len(body))
        assert "820260317000123" in body and STATUS_URL in body
        assert not NOT_GSM7 & set(body)
    e_mail = message_render(template="billing_issued", context=BILLING, language="id").body
    assert "Teller bank:" in e_mail  # the e-mail keeps every payment channel


@pytest.mark.django_db
def test_a_booking_sms_uses_no_character_outside_gsm7(makassar, applicant):
    booking = make_booking(makassar, make_profile(applicant))
    moved = notify_booking(booking=booking, template="booking_rescheduled", extra=MOVED_FROM)
    body = read(moved, channel=Channel.SMS)
    assert "08.00-10.00 WITA" in body and not NOT_GSM7 & set(body)
    assert len(body) <= SMS_MAX_CHARS


@pytest.mark.django_db
def test_the_worker_sends_the_sms_text_to_the_sms_gateway(monkeypatch):
    sent = []

    class Gateway:
        def send(self, *, to, subject, body, key):
            sent.append(body)

    monkeypatch.setattr(channels, "adapter_for", lambda channel: Gateway())
    message = notify(
        to_address="+6281234567890",
        template="billing_issued",
        context=BILLING,
        channel=Channel.SMS,
    )
    assert message is not None and message_deliver(message_id=message.pk)
    assert len(sent[0]) <= SMS_MAX_CHARS and "Teller bank:" not in sent[0]


# Every application type for an adult and for a child: a child's change of data lists the most
# documents (six).
BIRTH_DATES = (dt.date(1990, 8, 17), dt.date(2020, 5, 2))
EVERY_LIST = [(kind, birth) for kind in ApplicationType for birth in BIRTH_DATES]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_booking_confirmation_by_sms_fits_three_segments_for_every_document_list(
    applicant, language
):
    office = make_office("ketapang", name="Kantor Imigrasi Kelas III Non TPI Ketapang")
    Office.objects.filter(pk=office.pk).update(
        address="Jl. Jenderal Sudirman No. 1, Kabupaten Ketapang"
    )
    office.refresh_from_db()
    if language == "en":
        speaks_english(applicant)
    for kind, birth in EVERY_LIST:
        booking = make_booking(office, make_profile(applicant, birth_date=birth))
        Booking.objects.filter(pk=booking.pk).update(application_type=kind)
        booking.refresh_from_db()
        message = notify_booking(booking=booking, template="booking_confirmed")
        sms, e_mail = read(message, channel=Channel.SMS), read(message, channel=Channel.EMAIL)
        assert len(sms) <= SMS_MAX_CHARS, (kind, birth, len(sms))
        assert not NOT_GSM7 & set(sms)
        # The SMS names each document in a few words on one line; the e-mail keeps the list.
        with translation.override(language):
            shown = "; ".join(str(d.short) for d in booking_documents(booking))
            heading = str(translation.gettext("Bawa dokumen asli:"))
            long_first = str(booking_documents(booking)[0].label)
        assert f"{heading} {shown}" in sms
        assert f"- {long_first}" in e_mail and "- " not in sms.split(heading)[1]


@pytest.mark.django_db
def test_a_message_queued_before_the_short_names_still_lists_the_documents(office, applicant):
    booking = make_booking(office, make_profile(applicant))
    message = notify_booking(booking=booking, template="booking_reminder")
    assert message is not None
    context = {k: v for k, v in message.context.items() if k != "bring_short"}
    sms = message_render(
        template="booking_reminder", context=context, language="id", channel=Channel.SMS
    ).body
    assert "Bawa dokumen asli:\n- KTP elektronik (e-KTP) asli" in sms
