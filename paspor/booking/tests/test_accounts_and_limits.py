"""Registration with e-mail verification, profiles and the NIK rules, and the rate limits."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import PASSWORD
from paspor.accounts.models import User
from paspor.booking import services
from paspor.booking.models import ApplicantProfile
from paspor.booking.tests.conftest import make_profile, nik_for, verified
from paspor.lib.errors import Conflict, DomainError
from paspor.lib.phone import phone_normalise
from paspor.notifications.models import Message

pytestmark = pytest.mark.django_db


def register(client, email="baru@example.com", **extra):
    data = {
        "full_name": "Andi Wijaya",
        "email": email,
        "phone": "0812-3456-7890",
        "password": "kuat-sekali-2026",
        "password_again": "kuat-sekali-2026",
        **extra,
    }
    return client.post(reverse("booking:register"), data)


def sent(template="booking_verify_email"):
    """The latest outbox message (sending itself happens after commit, covered elsewhere)."""
    return Message.objects.filter(template=template).latest("created_at", "id")


def code_from_mail():
    return sent().context["code"]


def test_registration_sends_a_code_and_the_code_verifies_the_email(client):
    response = register(client)
    assert response.status_code == 302 and response["Location"] == reverse("booking:verify")
    user = User.objects.get(email="baru@example.com")
    assert not user.email_verified
    assert sent().to_address == "baru@example.com"
    # Unverified accounts are sent to the verification page.
    assert client.get(reverse("booking:my_bookings"))["Location"] == reverse("booking:verify")
    wrong = client.post(
        reverse("booking:verify"), {"code": "000000" if code_from_mail() != "000000" else "111111"}
    )
    assert wrong.status_code == 400 and "Kode verifikasi salah" in wrong.content.decode()
    response = client.post(reverse("booking:verify"), {"code": code_from_mail()})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_verified


def test_the_link_in_the_email_verifies_too(client):
    register(client)
    found = re.search(r"(/booking/verifikasi/[^/\s]+/)", sent().context["link"])
    assert found is not None
    link = found.group(1)
    assert client.get(link).status_code == 302
    assert User.objects.get(email="baru@example.com").email_verified
    again = client.get(link)  # used once: clicked again, it says what holds
    assert again.status_code == 200 and "E-mail Anda sudah terverifikasi." in again.content.decode()


def link_from_mail() -> str:
    found = re.search(r"(/booking/verifikasi/[^/\s]+/)", sent().context["link"])
    assert found is not None
    return found.group(1)


def test_the_link_clicked_after_typing_the_code_says_the_email_is_verified(client):
    register(client)
    link = link_from_mail()
    assert client.post(reverse("booking:verify"), {"code": code_from_mail()}).status_code == 302
    client.logout()  # e.g. the link opened later on another device
    response = client.get(link)
    assert response.status_code == 200
    body = response.content.decode()
    assert "E-mail Anda sudah terverifikasi." in body
    assert f'href="{reverse("accounts:login")}">Masuk</a>' in body
    assert "tidak berlaku lagi" not in body


def test_signed_in_the_verified_link_leads_to_my_bookings_and_says_so_in_english(client, settings):
    register(client)
    link = link_from_mail()
    client.post(reverse("booking:verify"), {"code": code_from_mail()})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(link).content.decode()
    assert "Your e-mail address is already verified." in body
    assert f'href="{reverse("booking:my_bookings")}">My bookings</a>' in body


def test_an_old_link_of_an_unverified_account_still_asks_for_a_new_code(client):
    register(client)
    old = link_from_mail()
    services.verification_send(account=User.objects.get(email="baru@example.com"))
    response = client.get(old)
    assert response.status_code == 409
    assert "Tautan verifikasi tidak berlaku lagi. Minta kode baru." in response.content.decode()
    assert not User.objects.get(email="baru@example.com").email_verified


def test_an_unknown_link_token_is_not_taken_for_a_verified_account(client):
    response = client.get(reverse("booking:verify_link", args=["tidak-ada"]))
    assert response.status_code == 409
    assert "sudah terverifikasi" not in response.content.decode()


# --- Phone numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),  # as in a WhatsApp link
        ("+62 (0)812-3456-7890", "+6281234567890"),
        ("(021) 555-1234", "+62215551234"),
        ("0561.734.567", "+62561734567"),
        ("  ", ""),
        ("", ""),
    ],
)
def test_an_indonesian_phone_number_is_kept_as_plus_62(typed, stored):
    assert phone_normalise(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["abc", "0812", "0812-abc-7890", "+65 9123 4567", "0812345678901234", "01234567890", "0"],
)
def test_anything_else_is_refused_as_a_phone_number(typed):
    with pytest.raises(DomainError) as refused:
        phone_normalise(typed)
    assert refused.value.code == "phone"
    assert "nomor telepon Indonesia" in refused.value.message


def test_registration_refuses_letters_for_a_phone_number_at_the_field(client):
    response = register(client, phone="abc")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Masukkan nomor telepon Indonesia yang benar" in body
    assert 'aria-invalid="true" aria-describedby="id_phone_helptext id_phone_error"' in body
    assert '<div id="id_phone_error">' in body
    assert not User.objects.filter(email="baru@example.com").exists()


def test_registration_keeps_the_phone_number_as_plus_62(client):
    assert register(client, phone="0812 3456 7890").status_code == 302
    assert User.objects.get(email="baru@example.com").phone == "+6281234567890"


def test_a_profile_phone_is_checked_at_its_field_in_the_pages_language(
    client_for, applicant, settings
):
    client = client_for(verified(applicant))
    profile = {
        "nik": nik_for(1),
        "full_name": "Budi",
        "sex": "M",
        "birth_date": "1990-05-15",
        "birth_place": "Ketapang",
        "phone": "abc",
    }
    refused = client.post(reverse("booking:profiles"), profile)
    assert refused.status_code == 400
    assert "Masukkan nomor telepon Indonesia yang benar" in refused.content.decode()
    assert not ApplicantProfile.objects.exists()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.post(reverse("booking:profiles"), profile).content.decode()
    assert "Enter a valid Indonesian phone number" in english
    assert client.post(reverse("booking:profiles"), {**profile, "phone": "+62 812-1111-2222"})
    assert ApplicantProfile.objects.get().phone == "+6281211112222"


def test_the_service_refuses_a_bad_phone_number_whoever_calls_it(applicant):
    with pytest.raises(DomainError) as refused:
        services.profile_add(
            account=applicant,
            nik=nik_for(1),
            full_name="X",
            sex="M",
            birth_date=dt.date(1990, 5, 15),
            birth_place="Ketapang",
            phone="abc",
        )
    assert refused.value.code == "phone"
    with pytest.raises(DomainError):
        services.account_register(email="x@example.com", password=PASSWORD + "-X", phone="12")


def test_registration_refuses_a_taken_email_and_a_weak_password(client, applicant):
    taken = register(client, email="PEMOHON@example.com")
    assert taken.status_code == 409 and "sudah terdaftar" in taken.content.decode()
    weak = register(client, email="x@example.com", password="123", password_again="123")
    assert weak.status_code == 400


def test_verification_code_expires(client, applicant, time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 10, 10, 0, tzinfo=dt.UTC), tick=False)
    services.verification_send(account=applicant)
    code = code_from_mail()
    time_machine.move_to(dt.datetime(2026, 6, 10, 10, 31, tzinfo=dt.UTC), tick=False)
    with pytest.raises(Conflict):
        services.email_verify_code(account=applicant, code=code)


def test_at_most_five_profiles_per_account(applicant):
    verified(applicant)
    for serial in range(1, 6):
        services.profile_add(
            account=applicant,
            nik=nik_for(serial),
            full_name=f"Orang {serial}",
            sex="M",
            birth_date=dt.date(1990, 5, 15),
            birth_place="Ketapang",
        )
    with pytest.raises(Conflict) as refused:
        services.profile_add(
            account=applicant,
            nik=nik_for(6),
            full_name="Orang 6",
            sex="M",
            birth_date=dt.date(1990, 5, 15),
            birth_place="Ketapang",
        )
    assert "paling banyak untuk 5 orang" in refused.value.message


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("61040115059000", "NIK harus terdiri dari 16 angka, bukan 14."),
        ("6104013505900001", "Tanggal lahir pada NIK (35) tidak mungkin"),
        ("6104011513900001", "Bulan lahir pada NIK (13) tidak mungkin"),
        ("61040115059000ab", "NIK hanya boleh berisi angka."),
    ],
)
def test_impossible_nik_is_refused_with_the_indonesian_message(applicant, nik, message):
    with pytest.raises(DomainError) as refused:
        services.profile_add(
            account=applicant,
            nik=nik,
            full_name="X",
            sex="M",
            birth_date=dt.date(1990, 5, 15),
            birth_place="Ketapang",
        )
    assert message in refused.value.message


def test_impossible_nik_is_refused_in_english_on_an_english_page(applicant):
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.profile_add(
            account=applicant,
            nik="61040115059000",
            full_name="X",
            sex="M",
            birth_date=dt.date(1990, 5, 15),
            birth_place="Ketapang",
        )
    assert refused.value.message == "A NIK has exactly 16 digits, not 14."


def test_unknown_region_and_disagreeing_birth_data_are_accepted_but_flagged(applicant):
    profile = services.profile_add(
        account=applicant,
        nik="9904011505900001",  # no province 99 in today's list
        full_name="Y",
        sex="F",  # the NIK says male (day 15)
        birth_date=dt.date(1990, 5, 16),  # the NIK says 15 May
        birth_place="Jayapura",
    )
    flags = " ".join(profile.nik_flags)
    assert "Kode provinsi 99" in flags
    assert "Tanggal lahir pada NIK" in flags
    assert "Jenis kelamin pada NIK" in flags


def test_flags_travel_with_the_booking_to_the_intake_officer(
    applicant, office, sessions, time_machine
):
    from paspor.booking.tests.conftest import ADULT, DAY, NOW

    time_machine.move_to(NOW, tick=False)
    profile = services.profile_add(
        account=verified(applicant),
        nik="9904011505900001",
        full_name="Y",
        sex="M",
        birth_date=dt.date(1990, 5, 15),
        birth_place="Jayapura",
    )
    booking = services.booking_create(
        account=applicant,
        profile=profile,
        office=office,
        day=DAY,
        session=sessions[0],
        pool="regular",
        answers=ADULT,
    )
    assert booking.nik_flags == profile.nik_flags != []


def test_profile_page_shows_the_nik_error_in_indonesian(client_for, applicant):
    client = client_for(verified(applicant))
    response = client.post(
        reverse("booking:profiles"),
        {
            "nik": "6104011513900001",
            "full_name": "Budi",
            "sex": "M",
            "birth_date": "1990-05-15",
            "birth_place": "Ketapang",
        },
    )
    assert response.status_code == 400
    assert "Bulan lahir pada NIK (13) tidak mungkin" in response.content.decode()
    assert 'value="Budi"' in response.content.decode()  # nothing typed is lost
    assert not ApplicantProfile.objects.exists()


# --- Rate limits ------------------------------------------------------------------------


def test_registration_is_rate_limited_per_ip_with_retry_after(client, settings):
    settings.BOOKING_RATE_LIMITS = {"register_ip": "2/600"}
    assert register(client, email="a1@example.com").status_code == 302
    client.logout()
    assert register(client, email="a2@example.com").status_code == 302
    client.logout()
    response = register(client, email="a3@example.com")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 601
    page = response.content.decode()
    assert "Terlalu banyak permintaan" in page
    # The wait as a person reads it (minutes past a minute and a half, not "587 detik"), and
    # a way back.
    wait = int(response["Retry-After"])
    said = f"{wait} detik" if wait <= 90 else f"{-(-wait // 60)} menit"
    assert f"Coba lagi dalam {said}." in page
    assert 'href="/"' in page
    assert not User.objects.filter(email="a3@example.com").exists()


def test_login_is_rate_limited_per_account_name(client, applicant, settings):
    settings.BOOKING_RATE_LIMITS = {"login_account": "3/900", "login_ip": "100/60"}
    url = reverse("accounts:login")
    for _ in range(3):
        assert (
            client.post(url, {"username": "pemohon@example.com", "password": "salah"}).status_code
            == 200
        )
    blocked = client.post(url, {"username": "pemohon@example.com", "password": PASSWORD})
    assert blocked.status_code == 429 and blocked["Retry-After"]
    other = client.post(url, {"username": "lain@example.com", "password": "salah"})
    assert other.status_code == 200


def test_successful_sign_ins_do_not_use_up_the_limit(applicant, settings):
    """An officer signs in at several counter computers behind one office address."""
    from django.test import Client

    settings.BOOKING_RATE_LIMITS = {"login_account": "3/900", "login_ip": "3/300"}
    url = reverse("accounts:login")
    for _ in range(6):
        client = Client()
        signed_in = client.post(url, {"username": "pemohon@example.com", "password": PASSWORD})
        assert signed_in.status_code == 302
    # Failures still count, even between successes.
    for _ in range(3):
        assert (
            Client().post(url, {"username": "pemohon@example.com", "password": "x"}).status_code
            == 200
        )
    assert (
        Client().post(url, {"username": "pemohon@example.com", "password": "x"}).status_code == 429
    )


def test_a_failed_attempt_by_someone_already_signed_in_still_counts(
    client_for, applicant, settings
):
    settings.BOOKING_RATE_LIMITS = {"login_account": "2/900", "login_ip": "100/60"}
    client = client_for(applicant)  # signed in already: a failure must not be taken back
    url = reverse("accounts:login")
    for _ in range(2):
        client.post(url, {"username": "lain@example.com", "password": "salah"})
    assert (
        client.post(url, {"username": "lain@example.com", "password": "salah"}).status_code == 429
    )


def test_login_is_rate_limited_per_ip(client, applicant, settings):
    settings.BOOKING_RATE_LIMITS = {"login_ip": "2/60"}
    url = reverse("accounts:login")
    for n in range(2):
        client.post(url, {"username": f"x{n}@example.com", "password": "salah"})
    assert client.post(url, {"username": "y@example.com", "password": "salah"}).status_code == 429


def test_booking_api_is_rate_limited_per_account(
    client_for, applicant, office, sessions, settings, time_machine
):
    from paspor.booking.tests.conftest import NOW

    time_machine.move_to(NOW, tick=False)
    settings.BOOKING_RATE_LIMITS = {"book_account": "2/60"}
    profile = make_profile(verified(applicant), 1)
    client = client_for(applicant)
    body = {
        "profile": str(profile.public_id),
        "office": office.code,
        "date": "2026-06-13",
        "session": "08:00",
        "answers": {},
    }
    codes = [
        client.post("/api/booking/bookings", body, content_type="application/json").status_code
        for _ in range(3)
    ]
    assert codes[:2] == [409, 409]  # Saturday: refused by the rules, but counted
    assert codes[2] == 429


def test_rate_limit_configuration_must_be_well_formed():
    from paspor.booking.conf import parse_rate
    from paspor.lib.env import ConfigError

    assert parse_rate("60/60", name="X").count == 60
    with pytest.raises(ConfigError):
        parse_rate("sixty", name="BOOKING_RATE_BOOK_IP")


def test_abuse_dashboard_flags_an_account_booking_many_niks(
    client_for, applicant, office, sessions, supervisor, settings, time_machine
):
    from paspor.booking.tests.conftest import ADULT, DAY, NOW

    time_machine.move_to(NOW, tick=False)
    settings.BOOKING_FLAG_DISTINCT_NIKS = 3
    verified(applicant)
    for serial in range(3):
        profile = make_profile(applicant, 40 + serial)
        booking = services.booking_create(
            account=applicant,
            profile=profile,
            office=office,
            day=DAY,
            session=sessions[serial],
            pool="regular",
            answers=ADULT,
            origin=services.Origin(ip="203.0.113.9", device="dev-1"),
        )
        services.booking_cancel(booking=booking, by=applicant)
    services.booking_flags_refresh()
    response = client_for(supervisor).get(reverse("booking:staff_review", args=[office.code]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "pemohon@example.com" in body and "203.0.113.9" in body and "dev-1" in body


def test_wrong_codes_are_counted_and_the_code_stops_after_the_last_try(client, settings):
    settings.BOOKING_VERIFY_MAX_ATTEMPTS = 3
    register(client)
    right = code_from_mail()
    wrong = "000000" if right != "000000" else "111111"
    first = client.post(reverse("booking:verify"), {"code": wrong})
    assert first.status_code == 400
    assert "Kode verifikasi salah. Sisa percobaan: 2." in first.content.decode()
    client.post(reverse("booking:verify"), {"code": wrong})
    last = client.post(reverse("booking:verify"), {"code": wrong})
    assert (
        "Sisa percobaan: 0" in last.content.decode() or "Minta kode baru" in last.content.decode()
    )
    # Even the right code is refused now: guessing has a bound.
    refused = client.post(reverse("booking:verify"), {"code": right})
    assert refused.status_code == 409 and "Terlalu banyak percobaan" in refused.content.decode()
    assert not User.objects.get(email="baru@example.com").email_verified


def test_a_flagged_source_opens_its_bookings_at_this_office_with_a_way_to_the_day_list(
    client_for, applicant, office, sessions, supervisor, settings, time_machine
):
    from paspor.booking.tests.conftest import ADULT, DAY, NOW

    time_machine.move_to(NOW, tick=False)
    settings.BOOKING_FLAG_DISTINCT_NIKS = 3
    verified(applicant)
    codes = []
    for serial in range(3):
        booking = services.booking_create(
            account=applicant,
            profile=make_profile(applicant, 50 + serial),
            office=office,
            day=DAY,
            session=sessions[serial],
            pool="regular",
            answers=ADULT,
            origin=services.Origin(ip="203.0.113.9", device="dev-1"),
        )
        codes.append(booking.code)
    services.booking_flags_refresh()
    review = reverse("booking:staff_review", args=[office.code])
    listing = client_for(supervisor).get(review).content.decode()
    assert "?jenis=ip&amp;sumber=203.0.113.9#sumber" in listing
    assert "?jenis=account&amp;sumber=pemohon%40example.com#sumber" in listing

    page = client_for(supervisor).get(review, {"jenis": "ip", "sumber": "203.0.113.9"})
    body = page.content.decode()
    assert page.status_code == 200 and 'id="sumber"' in body
    day_link = reverse("booking:staff_day", args=[office.code]) + f"?tanggal={DAY.isoformat()}"
    for code in codes:
        assert code in body and f"{day_link}#b-{code}" in body
    # The day list has the row the link points at, with its invalidation form.
    day_page = client_for(supervisor).get(day_link).content.decode()
    assert f'id="b-{codes[0]}"' in day_page

    # A source with nothing here, or a value that is not an address, is said so, not an error.
    for query in ({"jenis": "ip", "sumber": "198.51.100.1"}, {"jenis": "ip", "sumber": "x'--"}):
        quiet = client_for(supervisor).get(review, query)
        assert quiet.status_code == 200
        assert "Sumber ini tidak membuat booking di kantor ini" in quiet.content.decode()
        assert not any(code in quiet.content.decode().split('id="sumber"')[1] for code in codes)


def test_a_code_typed_with_a_space_verifies_and_a_cut_one_costs_no_try(client):
    """The e-mail's code copied as "123 456" verifies; five characters ("123 45", what a
    six-character input box would have kept of it) are said at the field and use no try."""
    register(client)
    short = client.post(reverse("booking:verify"), {"code": "123 45"})
    assert short.status_code == 400  # the page again, with the field's message
    assert "Masukkan 6 angka kode verifikasi dari e-mail." in short.content.decode()
    assert 'maxlength="6"' not in short.content.decode()
    user = User.objects.get(email="baru@example.com")
    assert user.email_verifications.get().attempts == 0
    code = code_from_mail()
    done = client.post(reverse("booking:verify"), {"code": f"{code[:3]} {code[3:]}"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.email_verified


def test_a_signed_in_person_is_not_offered_a_second_account(client, applicant):
    """Registering while signed in would silently switch this browser to the new account."""
    client.force_login(applicant)
    assert client.get(reverse("booking:register"))["Location"] == reverse("portal:after_login")
    response = register(client, email="lain@example.com")
    assert response.status_code == 302
    assert not User.objects.filter(email="lain@example.com").exists()


def test_a_taken_email_is_refused_at_its_field(client, applicant):
    response = register(client, email=applicant.email)
    assert response.status_code == 409
    form = response.context["form"]
    assert form.errors["email"] == ["E-mail ini sudah terdaftar. Silakan masuk."]
    assert form["full_name"].value() == "Andi Wijaya"  # the rest is kept


def test_a_verification_code_that_is_not_six_digits_is_a_400(client):
    register(client)
    response = client.post(reverse("booking:verify"), {"code": "12ab"})
    assert response.status_code == 400
    assert response.context["form"].errors["code"]


def test_a_code_in_other_digits_is_said_at_the_field_and_costs_no_try(client):
    """Digits of another script ("١٢٣٤٥٦") are not the code's: said at the field, no try used."""
    register(client)
    response = client.post(reverse("booking:verify"), {"code": "١٢٣٤٥٦"})
    assert response.status_code == 400
    assert "Masukkan 6 angka kode verifikasi dari e-mail." in response.content.decode()


# Valid by its syntax (a 64-letter name, labels of 60): longer than the 254 an account holds.
TOO_LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".id"


def test_an_email_longer_than_an_account_holds_is_refused_at_its_field(client):
    response = register(client, email=TOO_LONG_EMAIL)
    assert response.status_code == 400
    assert "paling banyak 254 karakter" in response.content.decode()
    assert not User.objects.filter(email__startswith="aaaa").exists()


def test_the_service_refuses_an_email_longer_than_an_account_holds(db):
    from conftest import refusal

    refused = refusal(services.account_register, email=TOO_LONG_EMAIL, password="kuat-sekali-2026")
    assert refused.code == "email" and refused.status == 400
    assert "254" in refused.message
    assert not User.objects.exists()
