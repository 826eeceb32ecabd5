"""The applicant's pages as a tired applicant on a phone meets them: a refusal said where the
reader is, no one-tap cancel, the express fee before it is chosen, a reschedule that offers only
what it does, fields that carry their own errors, and a status page that tells the whole story."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from paspor.booking import services
from paspor.booking.models import Booking, BookingStatus
from paspor.booking.pdf import _express_rows, proof_pdf
from paspor.booking.rules import Answers, OldPassport
from paspor.booking.services.bookings import priority_ok
from paspor.booking.tests.conftest import (
    ADULT,
    DAY,
    HOLIDAY,
    WIB,
    book,
    make_profile,
    nik_for,
    verified,
)
from paspor.lib.errors import Conflict

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def with_draft(client, profile, answers: Answers = ADULT):
    session = client.session
    session["booking_draft"] = {"profile": str(profile.public_id), "answers": answers.to_dict()}
    session.save()
    return client


def section(body: str, ident: str) -> str:
    start = body.index(f'<section id="{ident}">')
    return body[start : body.index("</section>", start)]


# --- Choosing a seat --------------------------------------------------------------------------


def test_a_refused_booking_is_said_beside_the_seats_with_the_choice_kept(
    client_for, office, sessions, booking, budi
):
    client = with_draft(client_for(budi.account), budi)
    response = client.post(
        reverse("booking:choose"),
        {"office": office.code, "date": "2026-06-15", "slot": "10:00|express"},
    )
    assert response.status_code == 409
    body = response.content.decode()
    seats = section(body, "sesi")
    # The reason is inside the seats' section, and takes the focus: the page comes back there.
    assert 'role="alert" tabindex="-1" autofocus' in seats and "booking aktif" in seats
    assert body.count("booking aktif") == 1
    assert 'action="/booking/pesan/jadwal/?office=ketapang&amp;tanggal=2026-06-15"' in seats
    assert re.search(r'value="10:00\|express" required checked', seats)
    assert not re.search(r'value="08:00\|regular" required checked', seats)


def test_seat_radios_name_their_session_and_pool_and_the_grid_scrolls_by_keyboard(
    client_for, office, sessions, budi
):
    client = with_draft(client_for(budi.account), budi)
    body = client.get(reverse("booking:choose") + "?office=ketapang&tanggal=2026-06-15")
    seats = section(body.content.decode(), "sesi")
    assert '<span class="visually-hidden">08.00–10.00, Reguler: </span>' in seats
    assert '<span class="visually-hidden">13.00–15.00, Percepatan: </span>' in seats
    assert 'tabindex="0" role="region" aria-labelledby="grid-caption"' in seats


def test_the_express_fee_and_its_pay_by_hour_are_shown_before_express_is_chosen(
    client_for, office, sessions, budi, settings
):
    settings.SLA_EXPRESS_CUTOFF_HOUR = 11
    client = with_draft(client_for(budi.account), budi)
    body = client.get(reverse("booking:choose") + "?office=ketapang&tanggal=2026-06-15")
    seats = section(body.content.decode(), "sesi")
    assert "+Rp 1.000.000" in seats  # in the express column's heading
    assert "biaya tambahan Rp 1.000.000 di atas biaya paspor" in seats
    assert "sebelum pukul 11.00" in seats


def test_an_express_booking_carries_its_fee_on_the_proof_page_and_pdf(
    client_for, office, sessions, budi
):
    express = services.booking_create(
        account=budi.account,
        profile=budi,
        office=office,
        day=DAY,
        session=sessions[1],
        pool="express",
        answers=ADULT,
    )
    page = client_for(budi.account).get(reverse("booking:proof", args=[express.code]))
    assert "Biaya tambahan Rp 1.000.000 di atas biaya paspor" in page.content.decode()
    # An afternoon session cannot pay before the cut-off: the next working day is said too.
    assert "selain itu pada hari kerja berikutnya" in page.content.decode()
    assert _express_rows(express) == [
        (
            "Biaya percepatan",
            "Rp 1.000.000 di atas biaya paspor; selesai hari itu bila lunas sebelum 12.00, "
            "selain itu hari kerja berikutnya",
        )
    ]
    assert proof_pdf(express).startswith(b"%PDF")


def test_a_regular_booking_says_nothing_of_the_express_fee(client_for, booking):
    page = client_for(booking.account).get(reverse("booking:proof", args=[booking.code]))
    assert "Biaya tambahan" not in page.content.decode()
    assert _express_rows(booking) == []


# --- Priority pool: pregnancy -------------------------------------------------------------------


def test_pregnancy_opens_the_priority_pool_for_a_woman_not_for_a_man(applicant, budi, office):
    pregnant = Answers(old_passport=OldPassport.NONE, pregnant=True)
    woman = make_profile(applicant, 7, female=True, name="Siti Aminah")
    assert priority_ok(woman, pregnant, DAY, office)
    assert not priority_ok(budi, pregnant, DAY, office)  # budi: a man of 36


def test_the_questionnaire_refuses_pregnancy_for_a_male_profile(client_for, budi):
    response = client_for(budi.account).post(
        reverse("booking:start"),
        {
            "profile": str(budi.public_id),
            "old_passport": "none",
            "passport_kind": "electronic",
            "pregnant": "on",
        },
    )
    assert response.status_code == 400
    assert "hanya untuk pemohon perempuan" in response.content.decode()


def test_the_questionnaire_api_counts_pregnancy_only_without_a_male_sex(client):
    def eligible(sex):
        body = {"birth_date": "1990-05-15", "answers": {"pregnant": True}}
        if sex:
            body["sex"] = sex
        response = client.post("/api/booking/questionnaire", body, content_type="application/json")
        return response.json()["priority_eligible"]

    assert eligible("F") is True
    assert eligible(None) is True  # no profile yet: the public answer cannot tell
    assert eligible("M") is False


# --- The questionnaire: one active booking per person -------------------------------------------


def test_a_person_with_an_active_booking_is_marked_at_the_first_step_and_cannot_be_chosen(
    client_for, booking, budi
):
    ani = make_profile(budi.account, 5, female=True, name="Ani Santoso")
    client = client_for(budi.account)
    body = client.get(reverse("booking:start")).content.decode()
    budi_radio = re.search(rf'<input[^>]*value="{budi.public_id}"[^>]*>', body)
    ani_radio = re.search(rf'<input[^>]*value="{ani.public_id}"[^>]*>', body)
    assert budi_radio and "disabled" in budi_radio[0]
    assert ani_radio and "disabled" not in ani_radio[0]
    assert (
        f"Budi Santoso ({budi.nik_masked}) — sudah punya booking aktif {booking.code}: "
        "ubah jadwal atau batalkan dulu booking tersebut" in body
    )
    # The note links to that booking, where it can be moved or cancelled.
    assert f'<a href="{reverse("booking:proof", args=[booking.code])}">{booking.code}</a>' in body
    assert "Lanjut pilih jadwal" in body  # Ani can still be booked for

    # A page opened before the booking was made still cannot start a second one.
    chosen = client.post(
        reverse("booking:start"),
        {"profile": str(budi.public_id), "old_passport": "none", "passport_kind": "electronic"},
    )
    assert chosen.status_code == 400
    assert f"Pemohon ini sudah punya booking aktif {booking.code}. Ubah jadwal" in (
        chosen.content.decode()
    )
    assert "booking_draft" not in client.session


def test_a_nik_booked_by_another_account_is_marked_without_that_bookings_code(
    client_for, office, sessions, budi, other_applicant
):
    brother = make_profile(verified(other_applicant), 1, name="Budi Santoso")  # the same NIK
    theirs = services.booking_create(
        account=other_applicant,
        profile=brother,
        office=office,
        day=DAY,
        session=sessions[0],
        pool="regular",
        answers=ADULT,
    )
    body = client_for(budi.account).get(reverse("booking:start")).content.decode()
    assert "NIK ini sudah punya booking aktif dari akun lain" in body
    assert theirs.code not in body
    assert "Semua pemohon di akun ini sudah punya booking aktif." in body
    assert "Lanjut pilih jadwal" not in body


def test_a_person_whose_booking_was_cancelled_can_be_chosen_again(client_for, booking, budi):
    services.booking_cancel(booking=booking, by=budi.account)
    client = client_for(budi.account)
    body = client.get(reverse("booking:start")).content.decode()
    assert "sudah punya booking aktif" not in body
    chosen = client.post(
        reverse("booking:start"),
        {"profile": str(budi.public_id), "old_passport": "none", "passport_kind": "electronic"},
    )
    assert chosen.status_code == 302 and chosen["Location"] == reverse("booking:choose")


def test_the_last_step_names_rescheduling_when_the_nik_is_booked_meanwhile(
    client_for, office, sessions, booking, budi
):
    response = with_draft(client_for(budi.account), budi).post(
        reverse("booking:choose"),
        {"office": office.code, "date": "2026-06-17", "slot": "10:00|regular"},
    )
    assert response.status_code == 409
    assert "Ubah jadwal booking tersebut" in response.content.decode()


# --- Rescheduling -------------------------------------------------------------------------------


def test_the_reschedule_page_offers_only_the_bookings_own_pool(client_for, booking):
    page = client_for(booking.account).get(
        reverse("booking:reschedule", args=[booking.code]) + "?tanggal=2026-06-17"
    )
    body = page.content.decode()
    assert "Jenis kuota tetap Reguler." in body
    radios = re.findall(r'name="slot" value="([^"]+)"', body)
    assert radios and all(value.endswith("|regular") for value in radios)


def reschedule_page(client, booking, query: str = "?tanggal=2026-06-17"):
    return client.get(reverse("booking:reschedule", args=[booking.code]) + query)


def assert_no_dates_offered(body: str) -> None:
    assert 'name="slot"' not in body and "Simpan jadwal baru" not in body
    assert 'class="day-table"' not in body  # no list of days to pick from


def test_after_the_one_reschedule_the_page_says_so_at_once_and_offers_no_dates(
    client_for, sessions, booking, budi
):
    services.booking_reschedule(
        booking=booking, day=dt.date(2026, 6, 17), session=sessions[1], by=budi.account
    )
    client = client_for(budi.account)
    page = reschedule_page(client, booking)
    assert page.status_code == 409
    body = page.content.decode()
    assert '<p class="form-error" role="alert">Jadwal ulang hanya boleh satu kali.</p>' in body
    assert_no_dates_offered(body)
    assert reverse("booking:proof", args=[booking.code]) in body  # the way back
    # The proof no longer offers it, and says why.
    _status, proof = proof_page(client, booking)
    assert reverse("booking:reschedule", args=[booking.code]) not in proof
    assert '<small class="muted">Jadwal ulang hanya boleh satu kali.</small>' in proof
    # A post (a page opened before) is refused the same way, and nothing moves.
    posted = client.post(
        reverse("booking:reschedule", args=[booking.code]),
        {"date": "2026-06-18", "slot": "08:00|regular"},
    )
    assert posted.status_code == 409
    booking.refresh_from_db()
    assert booking.date == dt.date(2026, 6, 17) and booking.reschedule_count == 1


def test_a_cancelled_booking_offers_no_reschedule(client_for, booking, budi):
    services.booking_cancel(booking=booking, by=budi.account)
    page = reschedule_page(client_for(budi.account), booking)
    assert page.status_code == 409
    body = page.content.decode()
    assert "Booking ini sudah tidak aktif." in body
    assert_no_dates_offered(body)


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(2026, 6, 15, 0, 5, tzinfo=WIB),  # the day itself, just after midnight
        dt.datetime(2026, 6, 16, 9, 0, tzinfo=WIB),  # after it (not yet marked a no-show)
    ],
)
def test_on_or_after_the_day_the_reschedule_page_refuses_at_once(
    client_for, booking, budi, frozen, moment
):
    frozen.move_to(moment)
    page = reschedule_page(client_for(budi.account), booking)
    assert page.status_code == 409
    body = page.content.decode()
    assert "Jadwal ulang paling lambat sehari sebelum tanggal kedatangan." in body
    assert_no_dates_offered(body)


def test_the_day_before_the_reschedule_page_still_offers_dates(client_for, booking, frozen):
    frozen.move_to(dt.datetime(2026, 6, 14, 23, 50, tzinfo=WIB))
    page = reschedule_page(client_for(booking.account), booking, "?tanggal=2026-06-17")
    assert page.status_code == 200
    assert 'name="slot"' in page.content.decode()


def test_in_english_the_refused_reschedule_is_said_in_english(
    client_for, sessions, booking, budi, settings
):
    services.booking_reschedule(
        booking=booking, day=dt.date(2026, 6, 17), session=sessions[1], by=budi.account
    )
    client = client_for(budi.account)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = reschedule_page(client, booking)
    assert page.status_code == 409
    assert "A booking can be rescheduled only once." in page.content.decode()


def test_the_page_and_the_service_refuse_by_the_same_rule(sessions, booking, budi):
    services.booking_cancel(booking=booking, by=budi.account)
    booking.refresh_from_db()
    refusal = services.reschedule_refusal(booking)
    assert refusal is not None and refusal.code == "not_active"
    with pytest.raises(Conflict) as raised:
        # A closed day as well: the booking's own state is the reason given.
        services.booking_reschedule(booking=booking, day=HOLIDAY, session=sessions[1], by=None)
    assert raised.value.code == "not_active"


# --- The proof of a booking that no longer holds ------------------------------------------------


def proof_page(client, booking) -> tuple[int, str]:
    response = client.get(reverse("booking:proof", args=[booking.code]))
    return response.status_code, response.content.decode()


def assert_looks_invalid(body: str, booking) -> None:
    assert "<svg" not in body  # no QR code to scan
    assert "Pindai di kios kantor" not in body
    assert "Dokumen ASLI yang wajib dibawa" not in body
    assert reverse("booking:proof_pdf", args=[booking.code]) not in body
    assert "Kios kantor tidak memberi nomor antrean untuk booking ini." in body
    assert 'class="proof proof-inactive"' in body


def test_a_cancelled_booking_shows_no_qr_and_offers_to_book_again(client_for, booking, budi):
    services.booking_cancel(booking=booking, by=budi.account)
    status, body = proof_page(client_for(budi.account), booking)
    assert status == 200
    assert_looks_invalid(body, booking)
    assert "Booking ini sudah dibatalkan dan tidak berlaku lagi." in body
    assert f'href="{reverse("booking:start")}">Pesan jadwal baru</a>' in body
    assert reverse("booking:reschedule", args=[booking.code]) not in body
    assert reverse("booking:cancel", args=[booking.code]) not in body


def test_an_invalid_booking_gives_the_officers_reason_and_no_qr(
    client_for, booking, budi, intake_officer
):
    services.booking_invalidate(booking=booking, by=intake_officer, reason="Dijual calo")
    status, body = proof_page(client_for(budi.account), booking)
    assert status == 200
    assert_looks_invalid(body, booking)
    assert "dinyatakan tidak berlaku oleh petugas" in body and "Alasan: Dijual calo" in body


def test_a_no_show_says_until_when_the_nik_cannot_book(client_for, booking, budi):
    services.booking_mark_no_shows(now=dt.datetime(2026, 6, 15, 11, 0, tzinfo=dt.UTC))
    status, body = proof_page(client_for(budi.account), booking)
    assert status == 200
    assert_looks_invalid(body, booking)
    assert "Pemohon tidak hadir pada jadwal ini" in body
    assert "NIK ini tidak dapat memesan sampai 15 Juli 2026" in body
    assert "Pesan jadwal baru" not in body  # not while the NIK is blocked


def test_a_cancelled_booking_points_to_the_new_booking_of_the_same_person(
    client_for, office, sessions, booking, budi
):
    services.booking_cancel(booking=booking, by=budi.account)
    again = services.booking_create(
        account=budi.account,
        profile=budi,
        office=office,
        day=dt.date(2026, 6, 17),
        session=sessions[1],
        pool="regular",
        answers=ADULT,
    )
    _status, body = proof_page(client_for(budi.account), booking)
    assert f'<a href="{reverse("booking:proof", args=[again.code])}">{again.code}</a>' in body


def test_a_cancelled_bookings_pdf_is_refused_with_409_and_said_on_the_page(
    client_for, booking, budi
):
    services.booking_cancel(booking=booking, by=budi.account)
    response = client_for(budi.account).get(reverse("booking:proof_pdf", args=[booking.code]))
    assert response.status_code == 409
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert 'role="alert"' in body
    assert f"Booking {booking.code} sudah tidak berlaku (Dibatalkan)" in body
    assert "<svg" not in body
    booking.refresh_from_db()
    with pytest.raises(Conflict):
        proof_pdf(booking)


def test_in_english_the_cancelled_proof_says_so_in_english(client_for, booking, budi, settings):
    services.booking_cancel(booking=booking, by=budi.account)
    client = client_for(budi.account)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _status, body = proof_page(client, booking)
    assert "This booking has been cancelled and is no longer valid." in body
    assert "Book a new visit" in body
    refused = client.get(reverse("booking:proof_pdf", args=[booking.code])).content.decode()
    assert f"Booking {booking.code} is no longer valid (Cancelled)" in refused


def test_a_checked_in_booking_keeps_its_proof_without_the_scan_instruction(
    client_for, booking, budi
):
    Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.CHECKED_IN)
    client = client_for(budi.account)
    status, body = proof_page(client, booking)
    assert status == 200
    assert "<svg" in body and "Pindai di kios kantor bersama KTP pemohon." not in body
    assert "Sudah check-in." in body
    assert "Dokumen ASLI yang wajib dibawa" in body  # still asked for at the counter
    assert reverse("booking:reschedule", args=[booking.code]) not in body
    assert reverse("booking:cancel", args=[booking.code]) not in body
    pdf = client.get(reverse("booking:proof_pdf", args=[booking.code]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_an_active_booking_still_has_its_qr_scan_instruction_and_pdf(client_for, booking):
    _status, body = proof_page(client_for(booking.account), booking)
    assert "<svg" in body and "Pindai di kios kantor bersama KTP pemohon." in body
    assert reverse("booking:proof_pdf", args=[booking.code]) in body
    assert "proof-inactive" not in body


# --- Cancelling ---------------------------------------------------------------------------------


def test_cancel_asks_first_and_only_the_confirmation_cancels(client_for, booking):
    client = client_for(booking.account)
    proof = client.get(reverse("booking:proof", args=[booking.code])).content.decode()
    cancel_url = reverse("booking:cancel", args=[booking.code])
    assert f'href="{cancel_url}"' in proof  # a link to the question, not a form that cancels

    asked = client.get(cancel_url)
    assert asked.status_code == 200
    assert "Batalkan booking?" in asked.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED

    done = client.post(cancel_url)
    assert done.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    # Asking again about a booking already cancelled goes back to its proof.
    assert client.get(cancel_url)["Location"] == reverse("booking:proof", args=[booking.code])


def test_nik_notes_are_read_in_the_pages_language_and_kept_in_indonesian(
    client_for, budi, settings
):
    from paspor.booking.models import ApplicantProfile

    kept = "Jenis kelamin pada NIK (laki-laki) berbeda dengan jenis kelamin yang dinyatakan"
    ApplicantProfile.objects.filter(pk=budi.pk).update(sex="F", nik_flags=[f"{kept} (perempuan)."])
    client = client_for(budi.account)
    assert kept in client.get(reverse("booking:profiles")).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("booking:profiles")).content.decode()
    assert "The sex in the NIK (male) differs from the stated sex (female)." in english
    assert kept not in english


def test_on_the_day_no_cancel_is_offered_and_the_question_is_not_asked(client_for, booking, frozen):
    frozen.move_to(dt.datetime.combine(booking.date, dt.time(7), tzinfo=booking.office.tz))
    client = client_for(booking.account)  # signed in on the day
    cancel_url = reverse("booking:cancel", args=[booking.code])
    proof = client.get(reverse("booking:proof", args=[booking.code])).content.decode()
    assert f'href="{cancel_url}"' not in proof
    assert "sehari sebelum tanggal kedatangan" in proof  # the reschedule's reason stands
    asked = client.get(cancel_url, follow=True).content.decode()
    assert "Batalkan booking?" not in asked
    assert "Pembatalan hanya bisa dilakukan sebelum hari kedatangan." in asked
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_another_applicant_cannot_see_the_cancel_question(client_for, booking, other_applicant):
    response = client_for(verified(other_applicant)).get(
        reverse("booking:cancel", args=[booking.code])
    )
    assert response.status_code == 404


# --- Profiles -----------------------------------------------------------------------------------


def test_a_profile_with_an_active_booking_offers_no_delete_and_says_why(client_for, booking, budi):
    other = make_profile(budi.account, 5, name="Ani Santoso")
    body = client_for(budi.account).get(reverse("booking:profiles")).content.decode()
    assert reverse("booking:profile_delete", args=[budi.public_id]) not in body
    assert "Masih punya booking aktif" in body
    assert reverse("booking:profile_delete", args=[other.public_id]) in body
    assert "Hapus profil Ani Santoso?" in body  # asked inside a fold before it is done


def test_at_the_limit_the_page_says_why_no_profile_can_be_added(client_for, budi, settings):
    settings.BOOKING_MAX_PROFILES = 2
    make_profile(budi.account, 5)
    body = client_for(budi.account).get(reverse("booking:profiles")).content.decode()
    assert "Tambah profil" not in body
    assert "Akun ini sudah berisi 2 profil, batas satu akun." in body
    assert "paling banyak untuk 2 orang" in body


def profile_form(nik: str, born: str) -> dict[str, str]:
    return {
        "nik": nik,
        "full_name": "Ani Santoso",
        "sex": "F",
        "birth_date": born,
        "birth_place": "Ketapang",
        "phone": "0812-3456-7890",
    }


def test_a_duplicate_nik_is_marked_at_the_nik_field(client_for, budi):
    response = client_for(budi.account).post(
        reverse("booking:profiles"), profile_form(budi.nik, "1990-05-15")
    )
    assert response.status_code == 409
    body = response.content.decode()
    # At the field, and in the list of mistakes above the form with a link to it; nowhere else.
    assert body.count("NIK ini sudah ada di akun Anda.") == 2
    assert '<a href="#id_nik">NIK (16 angka, sesuai KTP/KK): NIK ini sudah ada' in body
    assert 'aria-invalid="true" aria-describedby="id_nik_error"' in body
    assert '<div id="id_nik_error">' in body


def test_a_birth_date_more_than_130_years_ago_is_refused_at_its_field(client_for, budi):
    born = dt.date(1890, 8, 14)
    response = client_for(budi.account).post(
        reverse("booking:profiles"), profile_form(nik_for(9, born=born, female=True), "1890-08-14")
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "lebih dari 130 tahun yang lalu" in body
    assert 'aria-describedby="id_birth_date_error"' in body
    assert budi.account.profiles.count() == 1


def test_the_phone_field_opens_a_number_pad(client_for, budi):
    body = client_for(budi.account).get(reverse("booking:profiles")).content.decode()
    assert re.search(r'<input type="tel" name="phone"[^>]*autocomplete="tel"', body)


def test_registration_hint_and_error_carry_the_ids_their_fields_point_at(client):
    response = client.post(
        reverse("booking:register"),
        {"email": "baru@example.com", "password": "Ketapang-Kalbar-77", "password_again": "x"},
    )
    body = response.content.decode()
    for target in re.findall(r'aria-describedby="([^"]+)"', body):
        assert f'id="{target}"' in body, target


# --- After the booking --------------------------------------------------------------------------


def test_the_public_status_lists_the_reschedule_and_the_cancellation(
    client, office, sessions, booking, budi
):
    services.booking_reschedule(
        booking=booking, day=dt.date(2026, 6, 17), session=sessions[1], by=budi.account
    )
    services.booking_cancel(booking=booking, by=budi.account)
    page = client.post(
        reverse("notifications:status"), {"code": booking.code, "birth_date": "1990-05-15"}
    )
    body = page.content.decode()
    history = body[body.index("Riwayat") :]
    assert history.index("Booking dibuat.") < history.index("Jadwal diubah.")
    assert history.index("Jadwal diubah.") < history.index("Booking dibatalkan.")


def test_in_english_the_status_names_one_visit_and_the_account_page_lists_appointments(
    client, client_for, booking, budi, settings
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    status = client.post(
        reverse("notifications:status"), {"code": booking.code, "birth_date": "1990-05-15"}
    ).content.decode()
    assert "<strong>Your visit:</strong>" in status and "Appointments" not in status
    mine = client_for(budi.account)
    mine.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    listed = mine.get(reverse("booking:my_bookings")).content.decode()
    assert ">Appointments</h2>" in listed and "Notification preferences" in listed


def test_the_sign_in_form_says_kata_sandi():
    body = Client().get(reverse("accounts:login")).content.decode()
    assert ">Kata sandi</label>" in body and ">Sandi<" not in body


def test_a_waitlist_offer_names_the_offices_time_zone(client_for, office, sessions, budi):
    from paspor.booking.models import WaitlistEntry

    WaitlistEntry.objects.create(
        account=budi.account,
        profile=budi,
        office=office,
        date=DAY,
        pool="regular",
        status="offered",
        offered_session=sessions[0],
        offer_expires_at=dt.datetime(2026, 6, 10, 3, 30, tzinfo=dt.UTC),
    )
    body = client_for(budi.account).get(reverse("booking:my_bookings")).content.decode()
    assert "Terima sebelum 10 Juni 2026 10.30 WIB." in body


def test_changing_the_answers_starts_from_the_answers_given(client_for, budi):
    client = client_for(budi.account)
    answers = {
        "profile": str(budi.public_id),
        "old_passport": "lost",
        "passport_kind": "ordinary",
        "disability": "on",
    }
    assert client.post(reverse("booking:start"), answers).status_code == 302
    form = client.get(reverse("booking:start")).context["form"]
    assert form.initial == {
        "profile": str(budi.public_id),
        "old_passport": "lost",
        "passport_kind": "ordinary",
        "disability": True,
        "data_changed": False,
        "married": False,
        "pregnant": False,
    }
    page = client.get(reverse("booking:start")).content.decode()
    assert re.search(r'value="lost"[^>]*checked', page)
    assert re.search(r'value="ordinary"[^>]*checked', page)
    assert not re.search(r'value="electronic"[^>]*checked', page)
    assert re.search(r'name="disability"[^>]*checked', page)


def test_the_cancel_question_offers_a_reschedule_only_while_one_is_left(
    client_for, booking, sessions
):
    client = client_for(booking.account)
    cancel_url = reverse("booking:cancel", args=[booking.code])
    move = reverse("booking:reschedule", args=[booking.code])
    assert f'href="{move}"' in client.get(cancel_url).content.decode()
    services.booking_reschedule(
        booking=booking, day=DAY + dt.timedelta(days=2), session=sessions[1], by=booking.account
    )
    asked = client.get(cancel_url).content.decode()
    assert "Batalkan booking?" in asked
    assert "pilih jadwal ulang" not in asked and f'href="{move}"' not in asked


def test_a_childs_proof_asks_for_the_family_card_not_a_ktp(client_for, office, sessions, budi):
    child = make_profile(budi.account, 3, born=dt.date(2015, 2, 1), name="Adi Santoso")
    booking = book(child, office, sessions[0], answers=Answers(old_passport=OldPassport.NONE))
    page = client_for(budi.account).get(reverse("booking:proof", args=[booking.code]))
    html = page.content.decode()
    assert "Anak belum punya KTP: bawa Kartu Keluarga" in html
    assert "bersama KTP pemohon" not in html
    adult = client_for(budi.account).get(
        reverse("booking:proof", args=[book(budi, office, sessions[1]).code])
    )
    assert "bersama KTP pemohon" in adult.content.decode()


def test_my_bookings_lists_the_visits_to_come_first_nearest_first(
    client_for, office, sessions, budi
):
    later = book(budi, office, sessions[0], day=DAY + dt.timedelta(days=3))
    services.booking_cancel(booking=later, by=budi.account)
    sister = make_profile(budi.account, 4, name="Sari Santoso", female=True)
    soon = book(sister, office, sessions[1], day=DAY)
    again = book(budi, office, sessions[2], day=DAY + dt.timedelta(days=2))
    listed = list(client_for(budi.account).get(reverse("booking:my_bookings")).context["bookings"])
    assert [b.code for b in listed] == [soon.code, again.code, later.code]


def test_the_office_choice_is_grouped_by_province_and_runs_by_city(client_for, office, budi):
    from conftest import make_office
    from paspor.offices.models import Office

    for code, name, city, province in [
        ("pontianak", "Kantor Imigrasi Kelas I TPI Pontianak", "Kota Pontianak", "Kalimantan Barat"),
        ("bandaaceh", "Kantor Imigrasi Kelas II TPI Banda Aceh", "Kota Banda Aceh", "Aceh"),
    ]:  # fmt: skip
        make_office(code, name=name)
        Office.objects.filter(code=code).update(city=city, province=province)
    Office.objects.filter(code="ketapang").update(city="Kabupaten Ketapang")
    client = with_draft(client_for(budi.account), budi)
    body = client.get(reverse("booking:choose") + "?office=ketapang").content.decode()
    select = body[body.index('<select id="office"') : body.index("</select>")]
    assert re.findall(r'<optgroup label="([^"]+)"', select) == ["Aceh", "Kalimantan Barat"]
    # Ketapang before Pontianak by city, though "Kelas I" comes before "Kelas III" by name.
    assert re.findall(r'<option value="([a-z]+)"', select) == ["bandaaceh", "ketapang", "pontianak"]
    assert '<option value="ketapang" selected>' in select
