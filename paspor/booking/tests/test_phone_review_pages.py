"""What a review on a phone-width screen found on the applicant's and the staff's pages: a
button is drawn only where it can do something, a date that cannot be shown is said, every
mistake of a form is said in one submit, and a page that is a question asks it once."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from paspor.booking.tests.conftest import DAY, HOLIDAY, make_profile, verified

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

SATURDAY = "2026-06-13"


def with_draft(client, profile):
    session = client.session
    session["booking_draft"] = {
        "profile": str(profile.public_id),
        "answers": {"old_passport": "none"},
    }
    session.save()
    return client


def section(body: str, ident: str) -> str:
    start = body.index(f'<section id="{ident}">')
    return body[start : body.index("</section>", start)]


def reschedule_page(client, booking, day: str):
    return client.get(reverse("booking:reschedule", args=[booking.code]) + f"?tanggal={day}")


def choose_page(client, day: str):
    return client.get(reverse("booking:choose") + f"?office=ketapang&tanggal={day}")


# --- A closed day offers no button ------------------------------------------------------------


@pytest.mark.parametrize("day", [SATURDAY, HOLIDAY.isoformat()])
def test_a_closed_day_on_the_reschedule_page_says_so_and_offers_no_button(client_for, booking, day):
    page = reschedule_page(client_for(booking.account), booking, day)
    assert page.status_code == 200
    seats = section(page.content.decode(), "sesi")
    assert "Tutup (hari libur/tidak melayani)" in seats
    assert "<form" not in seats and "Simpan jadwal baru" not in seats
    assert "data-confirm" not in seats  # no question about a move that has no seat


@pytest.mark.parametrize("day", [SATURDAY, HOLIDAY.isoformat()])
def test_a_closed_day_on_the_choose_page_says_so_and_offers_no_button(
    client_for, sessions, budi, day
):
    page = choose_page(with_draft(client_for(budi.account), budi), day)
    assert page.status_code == 200, re.findall(r"form-error[^<]*<", page.content.decode())
    seats = section(page.content.decode(), "sesi")
    assert "Tutup (hari libur/tidak melayani)" in seats
    assert "<form" not in seats and "Pesan jadwal ini" not in seats


def test_an_open_day_still_offers_its_seats_and_button(client_for, booking, budi):
    client = client_for(booking.account)
    moved = section(reschedule_page(client, booking, "2026-06-17").content.decode(), "sesi")
    assert 'name="slot"' in moved and "Simpan jadwal baru" in moved
    other = make_profile(budi.account, 5, name="Ani")
    chosen = section(
        choose_page(with_draft(client, other), DAY.isoformat()).content.decode(), "sesi"
    )
    assert 'name="slot"' in chosen and "Pesan jadwal ini" in chosen


# --- A date that cannot be shown is said ------------------------------------------------------

NOT_A_DATE = "bukan tanggal yang benar"
OUTSIDE = "pilih tanggal antara 11 Juni 2026 dan"


@pytest.mark.parametrize(
    ("asked", "said"),
    [
        ("2026-02-30", NOT_A_DATE),
        ("abc", NOT_A_DATE),
        ("2026-06-01", OUTSIDE),  # past
        ("2026-06-10", OUTSIDE),  # today
        ("2030-01-01", OUTSIDE),  # beyond the dates shown
    ],
)
def test_a_reschedule_date_that_cannot_be_shown_is_said_with_the_dates_to_choose(
    client_for, booking, asked, said
):
    page = reschedule_page(client_for(booking.account), booking, asked)
    assert page.status_code == 400
    body = page.content.decode()
    assert re.search(
        r'<p class="form-error" role="alert">Tanggal [^<]* tidak dapat ditampilkan', body
    )
    assert said in body
    assert 'class="day-table"' in body and "Simpan jadwal baru" not in body


@pytest.mark.parametrize(
    ("asked", "said"), [("2026-02-30", NOT_A_DATE), ("abc", NOT_A_DATE), ("2026-06-01", OUTSIDE)]
)
def test_a_choose_date_that_cannot_be_shown_is_said_with_the_dates_to_choose(
    client_for, sessions, budi, asked, said
):
    page = choose_page(with_draft(client_for(budi.account), budi), asked)
    assert page.status_code == 400
    body = page.content.decode()
    assert "tidak dapat ditampilkan" in body and said in body
    assert 'class="day-table"' in body and "Pesan jadwal ini" not in body


def test_in_english_a_date_that_cannot_be_shown_is_said_in_english(client_for, booking, settings):
    client = client_for(booking.account)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = reschedule_page(client, booking, "2026-02-30").content.decode()
    assert "The date 2026-02-30 cannot be shown: it is not a valid date." in body


# --- "Pesan jadwal" only for those who may book -------------------------------------------------


def test_staff_are_offered_no_booking_button_they_would_be_refused(
    client_for, office, sessions, intake_officer, supervisor, head_of_office
):
    availability = reverse("booking:availability", args=[office.code]) + f"?tanggal={DAY}"
    start = reverse("booking:start")
    for person in (intake_officer, supervisor, head_of_office):
        client = client_for(person)
        assert client.get(start).status_code == 403
        for url in (reverse("booking:offices"), availability):
            assert f'href="{start}"' not in client.get(url).content.decode(), (person, url)


def test_applicants_and_visitors_are_offered_the_booking_button(
    client_for, client, office, sessions, applicant
):
    availability = reverse("booking:availability", args=[office.code]) + f"?tanggal={DAY}"
    start = reverse("booking:start")
    signed_in = client_for(verified(applicant))
    assert f'href="{start}"' in signed_in.get(reverse("booking:offices")).content.decode()
    assert f'href="{start}"' in signed_in.get(availability).content.decode()
    # Not signed in: the button leads to the sign-in, then on to booking.
    assert f'href="{start}"' in client.get(availability).content.decode()
    assert client.get(start)["Location"].startswith(reverse("accounts:login"))
    offices = client.get(reverse("booking:offices")).content.decode()
    assert reverse("booking:register") in offices


# --- No leftover "#sesi" ------------------------------------------------------------------------


def test_the_seat_forms_post_to_their_pages_own_address_not_to_a_fragment(
    client_for, booking, budi
):
    client = client_for(booking.account)
    moved = reschedule_page(client, booking, "2026-06-17").content.decode()
    assert 'action="#' not in moved
    url = reverse("booking:reschedule", args=[booking.code])
    assert f'<form method="post" action="{url}?tanggal=2026-06-17"' in moved
    other = make_profile(budi.account, 5, name="Ani")
    chosen = choose_page(with_draft(client, other), DAY.isoformat()).content.decode()
    assert 'action="#' not in chosen
    assert 'action="/booking/pesan/jadwal/?office=ketapang&amp;tanggal=2026-06-15"' in chosen


def test_a_booking_lands_on_its_proof_and_a_refusal_comes_back_at_the_seats(
    client_for, office, sessions, budi
):
    client = with_draft(client_for(budi.account), budi)
    url = reverse("booking:choose") + f"?office=ketapang&tanggal={DAY}"
    done = client.post(
        url, {"office": "ketapang", "date": DAY.isoformat(), "slot": "08:00|regular"}
    )
    assert done.status_code == 302 and "#" not in done["Location"]
    assert done["Location"].startswith("/booking/bukti/")
    other = make_profile(budi.account, 5, name="Ani")
    with_draft(client, other)
    refused = client.post(url, {"office": "ketapang", "date": DAY.isoformat(), "slot": "x"})
    assert refused.status_code == 400
    seats = section(refused.content.decode(), "sesi")
    assert '<p class="form-error" role="alert" tabindex="-1" autofocus>' in seats


# --- The staff's day list of a date that cannot be ----------------------------------------------


@pytest.mark.parametrize("asked", ["2026-02-30", "x", "9999-12-31"])
def test_a_day_list_refused_shows_no_days_header_or_figures(
    client_for, booking, intake_officer, office, asked
):
    url = reverse("booking:staff_day", args=[office.code])
    response = client_for(intake_officer).get(f"{url}?tanggal={asked}")
    assert response.status_code == 400
    body = response.content.decode()
    assert "tidak dapat ditampilkan" in body
    assert "menunggu kedatangan" not in body and "sudah hadir" not in body
    assert "Tidak ada booking pada tanggal ini." not in body and booking.code not in body
    assert "Cetak daftar" not in body
    assert f'href="{url}">Hari ini</a>' in body  # the way back to a real day
    assert 'name="tanggal"' in body  # and to another date


# --- Every mistake in one submit ------------------------------------------------------------


def test_a_wrong_nik_and_a_future_birth_date_are_said_in_one_submit(client_for, budi):
    form = {
        "nik": "1234",
        "full_name": "Ani Santoso",
        "sex": "F",
        "birth_date": "2030-01-01",
        "birth_place": "Ketapang",
        "phone": "0812-3456-7890",
    }
    response = client_for(budi.account).post(reverse("booking:profiles"), form)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'aria-describedby="id_nik_error"' in body
    assert 'aria-describedby="id_birth_date_error"' in body
    assert "Tanggal lahir tidak boleh di masa depan." in body
    assert 'value="1234"' in body and 'value="2030-01-01"' in body  # kept as typed
    assert budi.account.profiles.count() == 1


def test_a_corrected_future_birth_date_is_said_at_its_field(client_for, budi):
    response = client_for(budi.account).post(
        reverse("booking:profile_edit", args=[budi.public_id]),
        {
            "full_name": "Budi",
            "sex": "M",
            "birth_date": "2030-01-01",
            "birth_place": "Ketapang",
            "phone": "",
        },
    )
    assert response.status_code == 400
    assert 'aria-describedby="id_birth_date_error"' in response.content.decode()


def test_registration_says_the_password_rules_and_the_mismatch_in_one_submit(client):
    response = client.post(
        reverse("booking:register"),
        {
            "full_name": "Ani",
            "email": "ani@example.com",
            "phone": "0812-3456-7890",
            "password": "123",
            "password_again": "456",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    again = body[body.index('<div id="id_password_again_error">') :].split("</div>")[0]
    assert "Kata sandi tidak sama." in again
    rules = body[body.index('<div id="id_password_error">') :].split("</div>")[0]
    assert "terlalu pendek" in rules and "angka" in rules  # Django's rules, in Indonesian
    assert 'value="ani@example.com"' in body


# --- A page that is a question asks it once ---------------------------------------------------


def test_the_cancel_page_is_the_question_and_its_button_asks_nothing_more(client_for, booking):
    page = client_for(booking.account).get(reverse("booking:cancel", args=[booking.code]))
    body = page.content.decode()
    assert "Batalkan booking?" in body
    assert "data-confirm" not in body


@pytest.mark.parametrize(
    ("field", "typed", "said"),
    [
        ("full_name", "9223372036854775808", "Nama harus berisi huruf, seperti tertulis di KTP."),
        ("full_name", "0000-00-00", "Nama harus berisi huruf, seperti tertulis di KTP."),
        ("full_name", "Ani \ufffd\ufffd", "Teks berisi karakter yang tidak terbaca"),
        ("birth_place", "-1", "Tempat lahir harus berisi huruf."),
    ],
)
def test_a_name_or_place_without_letters_is_said_at_its_field(client_for, budi, field, typed, said):
    form = {
        "nik": "6104014708950002",
        "full_name": "Ani Santoso",
        "sex": "F",
        "birth_date": "1995-08-07",
        "birth_place": "Ketapang",
        "phone": "",
        field: typed,
    }
    response = client_for(budi.account).post(reverse("booking:profiles"), form)
    assert response.status_code == 400
    body = response.content.decode()
    assert f'aria-describedby="id_{field}_error"' in body and said in body
    assert budi.account.profiles.count() == 1


def test_the_service_refuses_a_name_without_letters_too(budi):
    from paspor.booking.services.applicants import profile_update
    from paspor.lib.errors import DomainError

    with pytest.raises(DomainError) as refused:
        profile_update(
            profile=budi,
            full_name="12345",
            sex=budi.sex,
            birth_date=budi.birth_date,
            birth_place=budi.birth_place,
            phone="",
        )
    assert refused.value.code == "full_name"
