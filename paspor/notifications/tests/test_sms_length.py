"""Every message that can go by SMS fits in three GSM-7 segments, in the worst realistic case.

The worst case: an office with a long name and a long address (a class designation spelled
out, an airport's address), the office zone's longest label (WITA), the longest month, the
longest name a profile or a case takes (200 characters), the longest list of documents, an
express booking, the officer's free texts at their form's limit, and the site's production
address in every link. Each test builds its message the way its sender does (the real flow
where it is cheap, else the sender's context shape) and reads it in both languages.
"""

import datetime as dt
from collections.abc import Mapping

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from conftest import make_office
from paspor.booking.models import ApplicantProfile, Booking, BookingStatus, Pool
from paspor.booking.services.bookings import booking_code_new, booking_documents
from paspor.cases.models import Case, CaseStatus
from paspor.cases.services import case_transition
from paspor.cases.types import ApplicationType
from paspor.notifications.models import Channel, ChannelPreference, Message
from paspor.notifications.sending import message_render
from paspor.notifications.services import (
    notify_booking,
    notify_case,
    notify_turn_near,
    reminders_send,
)
from paspor.notifications.sms import SMS_MAX_SEGMENTS, sms_segments, text_cut
from paspor.notifications.tests.factories import make_booking, make_case, make_profile, make_ticket
from paspor.offices.models import Office, office_short_name

SITE = "https://paspor.imigrasi.go.id"  # deploy/paspor.env.example
LONG_OFFICE = "Kantor Imigrasi Kelas II Tempat Pemeriksaan Imigrasi Tanjung Balai Karimun"
SHORT_OFFICE = "Kantor Imigrasi Tanjung Balai Karimun"
LONG_ADDRESS = (
    "Gedung Imigrasi Bandara Internasional Soekarno-Hatta, Jl. Raya Bandara Soekarno-Hatta, "
    "Pajang, Kec. Benda, Kota Tangerang, Banten 15126"
)
LONGEST_NAME = ("Raden Ayu Siti Nurhaliza Kusumaningtyas Wulandari Purwaningsih " * 4)[:200]
VISIT_DAY = dt.date(2026, 9, 30)  # "30 September 2026": the longest month in both languages
DAY = "30 September 2026"
BIRTH_DATES = (dt.date(1990, 8, 17), dt.date(2020, 5, 2))  # an adult, a child
EVERY_LIST = [(kind, birth) for kind in ApplicationType for birth in BIRTH_DATES]
LANGUAGES = pytest.mark.parametrize("language", ["id", "en"])


def fits(body: str) -> str:
    assert sms_segments(body) <= SMS_MAX_SEGMENTS, (sms_segments(body), len(body), body)
    return body


def window(language: str) -> str:
    return "13.00" if language == "id" else "13:00"


def sms_of(message: Message | None) -> str:
    assert message is not None and message.channel == Channel.SMS
    return fits(
        message_render(
            template=message.template,
            context=message.context,
            language=message.language,
            channel=Channel.SMS,
        ).body
    )


def sms_render(template: str, context: Mapping[str, object], language: str) -> str:
    return fits(
        message_render(
            template=template, context=dict(context), language=language, channel=Channel.SMS
        ).body
    )


@pytest.fixture(autouse=True)
def _production_links(settings):
    settings.PASPOR_PUBLIC_URL = SITE


@pytest.fixture
def far_office(db) -> Office:
    office = make_office("tanjungbalaikarimun", tz="Asia/Makassar", name=LONG_OFFICE)
    Office.objects.filter(pk=office.pk).update(address=LONG_ADDRESS)
    office.refresh_from_db()
    return office


def by_sms(account, language: str) -> None:
    ChannelPreference.objects.update_or_create(
        user=account,
        defaults={"channel": Channel.SMS, "phone": "+6281234567890", "language": language},
    )


def test_the_worst_case_name_is_the_longest_a_profile_and_a_case_take():
    assert len(LONGEST_NAME) == ApplicantProfile._meta.get_field("full_name").max_length
    assert len(LONGEST_NAME) == Case._meta.get_field("full_name").max_length


# --- Bookings ---------------------------------------------------------------------------------


def express_bookings(office, account) -> list[Booking]:
    """One express booking from 13.00 to 15.00 for every list of documents to bring."""
    bookings = []
    for kind, birth in EVERY_LIST:
        booking = make_booking(
            office, make_profile(account, birth_date=birth), day=VISIT_DAY, code=booking_code_new()
        )
        Booking.objects.filter(pk=booking.pk).update(
            application_type=kind,
            pool=Pool.EXPRESS,
            window_start=dt.time(13),
            window_end=dt.time(15),
        )
        booking.refresh_from_db()
        bookings.append(booking)
    return bookings


def proof_url(booking: Booking) -> str:
    return f"{SITE}{reverse('booking:proof', args=[booking.code])}"


EXPRESS = {"express_fee": 1_000_000, "express_pay_by": "12:00"}


def assert_the_visit(sms: str, booking: Booking, language: str) -> None:
    """The booking code, the day, the window, the office and what to bring."""
    assert booking.code in sms and DAY in sms and window(language) in sms
    assert SHORT_OFFICE in sms
    with translation.override(language):
        shorts = [str(document.short) for document in booking_documents(booking)]
    assert all(short in sms for short in shorts), (shorts, sms)


@pytest.mark.django_db
@LANGUAGES
def test_booking_confirmation_by_sms_fits_at_a_long_named_office(far_office, applicant, language):
    by_sms(applicant, language)
    for booking in express_bookings(far_office, applicant):
        extra = {"proof_url": proof_url(booking), **EXPRESS}
        sms = sms_of(notify_booking(booking=booking, template="booking_confirmed", extra=extra))
        assert_the_visit(sms, booking, language)
        assert proof_url(booking) in sms


@pytest.mark.django_db
@LANGUAGES
def test_booking_reminder_by_sms_fits(far_office, applicant, language):
    by_sms(applicant, language)
    bookings = express_bookings(far_office, applicant)
    with time_machine.travel("2026-09-29 18:00 +08:00"):
        assert reminders_send().bookings == len(bookings)
    for booking in bookings:
        key = f"booking_reminder:{booking.pk}:{booking.date.isoformat()}"
        sms = sms_of(Message.objects.get(dedupe_key=key))
        assert_the_visit(sms, booking, language)
        assert f"{SITE}{reverse('booking:cancel', args=[booking.code])}" in sms


@pytest.mark.django_db
@LANGUAGES
def test_booking_reschedule_by_sms_fits(far_office, applicant, language):
    by_sms(applicant, language)
    moved_from = {
        "previous_date": "2026-09-29",
        "previous_window_start": "13:00",
        "previous_window_end": "15:00",
    }
    for booking in express_bookings(far_office, applicant):
        extra = {"proof_url": proof_url(booking), **EXPRESS, **moved_from}
        sms = sms_of(notify_booking(booking=booking, template="booking_rescheduled", extra=extra))
        assert_the_visit(sms, booking, language)
        assert proof_url(booking) in sms


@pytest.mark.django_db
@LANGUAGES
def test_booking_cancellation_by_sms_fits(far_office, applicant, language):
    by_sms(applicant, language)
    booking = express_bookings(far_office, applicant)[-1]
    Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.CANCELLED)
    extra = {"booking_url": f"{SITE}{reverse('booking:start')}"}
    sms = sms_of(notify_booking(booking=booking, template="booking_cancelled", extra=extra))
    assert booking.code in sms and DAY in sms


@pytest.mark.django_db
@LANGUAGES
def test_booking_invalidation_by_sms_fits_with_the_longest_reason(far_office, applicant, language):
    by_sms(applicant, language)
    booking = express_bookings(far_office, applicant)[-1]
    extra = {
        "booking_url": f"{SITE}{reverse('booking:start')}",
        "reason": "Data pemohon tidak sesuai dengan dokumen kependudukan. " * 9,  # 500 at most
    }
    sms = sms_of(notify_booking(booking=booking, template="booking_invalidated", extra=extra))
    assert booking.code in sms and "Data pemohon tidak sesuai" in sms and "..." in sms


@pytest.mark.django_db
@LANGUAGES
def test_office_closed_on_the_booking_day_by_sms_fits(far_office, applicant, language):
    by_sms(applicant, language)
    booking = express_bookings(far_office, applicant)[-1]
    extra = {"proof_url": proof_url(booking)}  # as `closed_day_notify`
    sms = sms_of(notify_booking(booking=booking, template="booking_office_closed", extra=extra))
    assert booking.code in sms and DAY in sms and proof_url(booking) in sms


# --- Ballot, waitlist, queue --------------------------------------------------------------------

DRAW_URL = f"{SITE}/booking/undian/tanjungbalaikarimun/2026-09-30/priority/"


@LANGUAGES
@pytest.mark.parametrize("outcome", ["won", "waitlisted", "lost", "cancelled"])
def test_ballot_result_by_sms_fits(language, outcome):
    context: dict[str, object] = {  # `_result_notify`
        "name": LONGEST_NAME,
        "won": outcome == "won",
        "waitlisted": outcome == "waitlisted",
        "cancelled": outcome == "cancelled",  # the office closed the date before the draw
        "office": LONG_OFFICE,
        "date": VISIT_DAY.isoformat(),
        "booking_code": "ABCDEFGHJK" if outcome == "won" else "",
        "draw_url": DRAW_URL,
    }
    sms = sms_render("ballot_result", context, language)
    assert DAY in sms and "Raden Ayu Siti" in sms
    assert (DRAW_URL in sms) == (outcome != "cancelled")  # a cancelled ballot has no order


@LANGUAGES
def test_waitlist_offer_by_sms_fits(language):
    context: dict[str, object] = {  # `waitlist_offer_seat`
        "office": LONG_OFFICE,
        "name": LONGEST_NAME,
        "pool": Pool.PRIORITY,
        "date": VISIT_DAY.isoformat(),
        "window_start": "13:00",
        "window_end": "15:00",
        "respond_by": "2026-09-29T02:00:00+00:00",
        "time_zone": "Asia/Makassar",
        "link": f"{SITE}{reverse('booking:my_bookings')}",
    }
    sms = sms_render("waitlist_offer", context, language)
    assert DAY in sms and window(language) in sms and f"{SITE}/booking/saya/" in sms
    assert "Raden Ayu Siti" in sms


@pytest.mark.django_db
@LANGUAGES
def test_turn_near_by_sms_fits(far_office, applicant, language):
    by_sms(applicant, language)
    booking = express_bookings(far_office, applicant)[0]
    ticket = make_ticket(far_office, number=999, day=VISIT_DAY, booking=booking)
    assert ticket.display in sms_of(notify_turn_near(ticket=ticket, ahead=3))


# --- Cases: billing, payment, decisions, pickup --------------------------------------------------


def sms_case(office, officer, language, **fields):
    """A walk-in's case told by SMS: no account and no e-mail, the phone typed at intake."""
    return make_case(office, officer, full_name=LONGEST_NAME, email="", language=language, **fields)


def case_message(template: str) -> Message:
    return Message.objects.get(template=template)


def billing(case_code: str, **extra: object) -> dict[str, object]:
    return {  # `billing_message_context`
        "case_code": case_code,
        "name": LONGEST_NAME,
        "office": LONG_OFFICE,
        "billing_code": "820260930000123",
        "amount": 2_650_000,  # the passport, the express fee and a lost passport's fine
        "expires_at": "2026-09-24T14:30:00+00:00",
        "time_zone": "Asia/Makassar",
        "status_url": f"{SITE}{reverse('payments:status', kwargs={'case_code': case_code})}",
        **extra,
    }


@LANGUAGES
@pytest.mark.parametrize("template", ["billing_issued", "billing_expiring"])
@pytest.mark.parametrize("reissued", [False, True])
def test_billing_code_by_sms_fits(language, template, reissued):
    context = billing("K7X2M9ABCD", reissued=reissued)
    sms = sms_render(template, context, language)
    assert "820260930000123" in sms and "Rp 2.650.000" in sms
    assert f"{SITE}/pembayaran/status/K7X2M9ABCD/" in sms


@LANGUAGES
def test_payment_received_by_sms_fits(language):
    context: dict[str, object] = {  # `_case_context` of a paid case
        "case_code": "K7X2M9ABCD",
        "name": LONGEST_NAME,
        "reason": "",
        "due_date": VISIT_DAY.isoformat(),
        "office": LONG_OFFICE,
        "office_address": LONG_ADDRESS,
        "receipt_url": f"{SITE}{reverse('payments:receipt', args=['K7X2M9ABCD'])}",
    }
    sms = sms_render("payment_received", context, language)
    assert "K7X2M9ABCD" in sms and DAY in sms and "/pembayaran/status/K7X2M9ABCD/bukti/" in sms


@pytest.mark.django_db
@LANGUAGES
def test_deferral_by_sms_fits_with_a_long_list_of_what_is_missing(
    far_office, supervisor, language, django_capture_on_commit_callbacks
):
    case = sms_case(far_office, supervisor, language, status=CaseStatus.AWAITING_SUPERVISOR)
    missing = [
        "Akta kelahiran asli yang memuat nama kedua orang tua",
        "Kartu Keluarga terbaru yang memuat nama pemohon",
        "Surat rekomendasi dari instansi pemberi beasiswa",
        "Surat pernyataan orang tua bermeterai untuk perjalanan ke luar negeri",
        "Ijazah terakhir yang dilegalisasi sekolah penerbitnya",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(
            case=case,
            to=CaseStatus.DEFERRED,
            by=supervisor,
            reason="Berkas kurang",
            data={"missing": missing, "deadline": "2026-09-30"},
        )
    sms = sms_of(case_message("case_deferred"))
    assert case.code in sms and DAY in sms and "Akta kelahiran asli" in sms


@pytest.mark.django_db
@LANGUAGES
def test_rejection_by_sms_fits_with_a_long_reason(
    far_office, supervisor, language, django_capture_on_commit_callbacks
):
    case = sms_case(far_office, supervisor, language, status=CaseStatus.AWAITING_SUPERVISOR)
    reason = "Keterangan tujuan perjalanan tidak sesuai dengan dokumen pendukung. " * 8
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case=case, to=CaseStatus.REJECTED, by=supervisor, reason=reason)
    sms = sms_of(case_message("case_rejected"))
    assert case.code in sms and "Keterangan tujuan perjalanan" in sms
    assert f"{SITE}{reverse('complaints:submit')}" in sms


@pytest.mark.django_db
@LANGUAGES
@pytest.mark.parametrize("uncollected", [True, False])
def test_cancellation_of_a_case_by_sms_fits(
    far_office, intake_officer, language, uncollected, django_capture_on_commit_callbacks
):
    case = sms_case(far_office, intake_officer, language, status=CaseStatus.READY_FOR_PICKUP)
    data = {"passport_number": "X1234567", "uncollected_days": 30, "ready_on": "2026-09-01"}
    reason = "Pemohon meminta pembatalan permohonan karena rencana perjalanan berubah. " * 7
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(
            case=case,
            to=CaseStatus.CANCELLED,
            by=intake_officer,
            reason=reason,
            data=data if uncollected else None,
        )
    assert case.code in sms_of(case_message("case_cancelled"))


@pytest.mark.django_db
@LANGUAGES
def test_ready_for_pickup_by_sms_fits_for_a_child_with_an_old_passport(
    far_office, intake_officer, language, django_capture_on_commit_callbacks
):
    case = sms_case(
        far_office,
        intake_officer,
        language,
        status=CaseStatus.QC_PASSED,
        application_type=ApplicationType.NEW_CHILD,
        previous_passport_number="X1234567",
    )
    with (
        time_machine.travel("2026-08-19 10:00 +08:00"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        case_transition(case=case, to=CaseStatus.READY_FOR_PICKUP, by=intake_officer)
    message = case_message("ready_for_pickup")
    assert message.context["child"] and message.context["old_passport"]
    sms = sms_of(message)
    assert case.code in sms and SHORT_OFFICE in sms and "NTPN" in sms


@pytest.mark.django_db
@LANGUAGES
def test_pickup_reminder_by_sms_fits_for_a_child_with_an_old_passport(
    far_office, intake_officer, language
):
    case = sms_case(
        far_office,
        intake_officer,
        language,
        status=CaseStatus.READY_FOR_PICKUP,
        application_type=ApplicationType.NEW_CHILD,
        previous_passport_number="X1234567",
    )
    context = {  # `pickup_remind`
        "case_code": case.code,
        "name": case.full_name,
        "office": far_office.name,
        "office_address": far_office.address,
        "day": 21,
        "pickup_deadline": VISIT_DAY.isoformat(),
        "days_left": 9,
    }
    sms = sms_of(
        notify_case(case=case, template="pickup_reminder", context=context, dedupe_key="r")
    )
    assert case.code in sms and DAY in sms and "NTPN" in sms


# --- Survey and complaints ------------------------------------------------------------------------


@LANGUAGES
def test_survey_invitation_by_sms_fits(language):
    link = f"{SITE}{reverse('surveys:answer', kwargs={'token': 'x' * 32})}"
    context = {"link": link, "office": LONG_OFFICE, "valid_until": "2026-09-30"}
    assert link in sms_render("survey_invite", context, language)


TRACKING_LINK = f"{SITE}/pengaduan/lacak/ADU-ABCDEFGH/"


@LANGUAGES
def test_complaint_received_by_sms_fits(language):
    context = {
        "tracking_code": "ADU-ABCDEFGH",
        "office": LONG_OFFICE,
        "deadline": "2026-09-30",
        "link": TRACKING_LINK,
    }
    sms = sms_render("complaint_received", context, language)
    assert "ADU-ABCDEFGH" in sms and TRACKING_LINK in sms


@LANGUAGES
def test_complaint_answer_by_sms_fits_with_the_longest_response(language):
    response = "Terima kasih atas pengaduan Anda. Petugas loket telah kami tegur. " * 75
    context = {
        "tracking_code": "ADU-ABCDEFGH",
        "office": LONG_OFFICE,
        "response": response[:5000],  # the answer form's limit
        "link": TRACKING_LINK,
    }
    sms = sms_render("complaint_answered", context, language)
    assert "Terima kasih atas pengaduan Anda" in sms and sms.count("...") == 1
    assert TRACKING_LINK in sms


# --- How an SMS is made to fit -------------------------------------------------------------------


def test_segments_count_the_extension_signs_twice_and_ucs2_at_67():
    assert sms_segments("a" * 160) == 1 and sms_segments("a" * 161) == 2
    assert sms_segments("a" * 459) == 3 and sms_segments("a" * 460) == 4
    assert sms_segments("[" * 230) == 4  # escape + sign: 460 characters on the air
    assert sms_segments("é" * 459) == 3  # é is GSM-7
    assert sms_segments("–" + "a" * 200) == 3 and sms_segments("–" + "a" * 201) == 4  # UCS-2


def test_an_office_is_named_by_its_place_without_its_class():
    assert office_short_name(LONG_OFFICE) == SHORT_OFFICE
    for name in (
        "Kantor Imigrasi Kelas I Khusus TPI Soekarno-Hatta",
        "Kantor Imigrasi Kelas I Tempat Pemeriksaan Imigrasi Khusus Soekarno-Hatta",
    ):
        assert office_short_name(name) == "Kantor Imigrasi Soekarno-Hatta"
    assert office_short_name("Kantor Imigrasi Kelas III Non TPI Ketapang") == (
        "Kantor Imigrasi Ketapang"
    )
    assert office_short_name("Kantor Imigrasi Kupang") == "Kantor Imigrasi Kupang"


def test_a_free_text_is_cut_at_a_word():
    assert text_cut("Data pemohon tidak sesuai", by=4) == "Data pemohon tidak..."
    assert text_cut("Data pemohon tidak sesuai", by=5) == "Data pemohon..."
    assert text_cut("Data pemohon tidak sesuai", by=30, keep=10) == "Data..."
    assert text_cut("Data", by=5, keep=4) is None


@pytest.mark.django_db
def test_an_sms_that_fits_keeps_the_full_office_name_and_address(applicant):
    office = make_office("ketapang", name="Kantor Imigrasi Kelas III Non TPI Ketapang")
    by_sms(applicant, "id")
    booking = make_booking(office, make_profile(applicant), code=booking_code_new())
    sms = sms_of(notify_booking(booking=booking, template="booking_reminder"))
    assert "Kantor Imigrasi Kelas III Non TPI Ketapang" in sms and office.address in sms


@pytest.mark.django_db
def test_the_e_mail_keeps_what_the_sms_leaves_out(far_office, applicant):
    booking = express_bookings(far_office, applicant)[-1]
    extra = {"proof_url": proof_url(booking), **EXPRESS}
    message = notify_booking(booking=booking, template="booking_confirmed", extra=extra)
    assert message is not None and message.channel == Channel.EMAIL
    e_mail = message_render(
        template=message.template, context=message.context, language=message.language
    ).body
    assert LONG_OFFICE in e_mail and LONG_ADDRESS in e_mail and "Rp 1.000.000" in e_mail
    sms = message_render(
        template=message.template,
        context=message.context,
        language=message.language,
        channel=Channel.SMS,
    ).body
    assert LONG_ADDRESS not in sms and SHORT_OFFICE in sms
