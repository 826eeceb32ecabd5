"""Correcting a person's data: everything but the NIK, by the account that holds the profile,
with the NIK's notes worked out again for the profile and its active booking."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.urls import reverse

from paspor.booking import services
from paspor.booking.models import ApplicantProfile, Booking
from paspor.booking.rules import Answers, OldPassport
from paspor.booking.tests.conftest import DAY, book, make_profile, nik_for, verified

pytestmark = pytest.mark.django_db


def edit_url(profile: ApplicantProfile) -> str:
    return reverse("booking:profile_edit", args=[profile.public_id])


def form(**changes: str) -> dict[str, str]:
    return {
        "full_name": "Budi Santosa",
        "sex": "M",
        "birth_date": "1990-05-15",
        "birth_place": "Ketapang",
        "phone": "0812-1111-2222",
        **changes,
    }


def test_a_typo_in_the_name_is_corrected_and_the_nik_stays(client_for, budi):
    client = client_for(budi.account)
    page = client.get(edit_url(budi)).content.decode()
    assert 'name="nik"' not in page and budi.nik[:4] in page
    response = client.post(edit_url(budi), {**form(), "nik": "6104019999990001"})
    assert response.status_code == 302 and response["Location"] == reverse("booking:profiles")
    budi.refresh_from_db()
    assert budi.full_name == "Budi Santosa"
    assert budi.phone == "+6281211112222"
    assert budi.nik.startswith("610401")  # a NIK sent along is ignored: it is who the person is


def test_the_nik_notes_follow_the_corrected_data_on_the_active_booking_too(frozen, booking, budi):
    assert not budi.nik_flags
    services.profile_update(
        profile=budi,
        full_name=budi.full_name,
        sex="F",  # the NIK says male (day 15): the officer should be told
        birth_date=budi.birth_date,
        birth_place=budi.birth_place,
        phone="",
    )
    budi.refresh_from_db()
    booking.refresh_from_db()
    assert budi.nik_flags and booking.nik_flags == budi.nik_flags


def test_a_booking_keeps_the_nik_notes_it_was_made_with_after_a_correction(
    frozen, office, sessions, applicant, client_for, intake_officer
):
    # Born 15 May 1990 by the NIK, typed as the 16th: the booking is made with that note.
    profile = ApplicantProfile.objects.create(
        account=verified(applicant),
        nik=nik_for(7),
        full_name="Dewi Anggraini",
        sex="M",
        birth_date=dt.date(1990, 5, 16),
        birth_place="Ketapang",
        nik_flags=services.nik_check(nik=nik_for(7), birth_date=dt.date(1990, 5, 16), sex="M")[1],
    )
    booking = book(profile, office, sessions[0])
    made_with = list(booking.nik_flags)
    assert made_with
    services.profile_update(
        profile=profile,
        full_name=profile.full_name,
        sex="M",
        birth_date=dt.date(1990, 5, 15),  # now as the NIK says
        birth_place=profile.birth_place,
    )
    profile.refresh_from_db()
    booking.refresh_from_db()
    assert profile.nik_flags == [] and booking.nik_flags == made_with
    day_list = client_for(intake_officer).get(
        reverse("booking:staff_day", args=[office.code]) + f"?tanggal={DAY.isoformat()}"
    )
    assert made_with[0] in day_list.content.decode()


def test_a_corrected_birth_date_leaves_the_booked_type_and_documents(
    frozen, booking, budi, client_for
):
    assert booking.application_type == "new_adult" and not booking.for_child
    services.profile_update(
        profile=budi,
        full_name=budi.full_name,
        sex="M",
        birth_date=dt.date(2012, 5, 15),  # a child on the visit day, were it worked out again
        birth_place=budi.birth_place,
    )
    booking = Booking.objects.get(pk=booking.pk)
    assert not services.booking_for_child(booking)
    assert [d.code for d in services.booking_documents(booking)] == ["ktp", "kk", "civil_record"]
    proof = client_for(budi.account).get(reverse("booking:proof", args=[booking.code]))
    assert "KTP elektronik (e-KTP) asli" in proof.content.decode()


def test_a_child_is_booked_as_a_child_and_stays_one(frozen, office, sessions, applicant):
    child = make_profile(verified(applicant), 8, born=dt.date(2012, 5, 15))
    held = Answers(old_passport=OldPassport.HELD)
    booking = book(child, office, sessions[0], answers=held)
    assert booking.application_type == "replacement" and booking.for_child
    codes = [d.code for d in services.booking_documents(booking)]
    assert "ktp" not in codes and "birth_certificate" in codes and "old_passport" in codes
    services.profile_update(
        profile=child,
        full_name=child.full_name,
        sex="M",
        birth_date=dt.date(1990, 5, 15),
        birth_place=child.birth_place,
    )
    booking = Booking.objects.get(pk=booking.pk)
    assert [d.code for d in services.booking_documents(booking)] == codes


def test_bookings_made_before_the_snapshot_are_filled_from_the_data_at_hand(
    frozen, office, sessions, applicant
):
    from django.apps import apps

    migration = importlib.import_module("paspor.booking.migrations.0013_booking_for_child")
    account = verified(applicant)
    held = Answers(old_passport=OldPassport.HELD)
    child = book(
        make_profile(account, 8, born=dt.date(2012, 5, 15)), office, sessions[0], answers=held
    )
    married = book(
        make_profile(account, 9, born=dt.date(2010, 5, 15)),
        office,
        sessions[1],
        answers=Answers(old_passport=OldPassport.HELD, married=True),
    )
    new_child = book(make_profile(account, 10, born=dt.date(2015, 5, 15)), office, sessions[2])
    adult = book(make_profile(account, 11), office, sessions[2], answers=held)
    Booking.objects.update(for_child=False)  # as the column comes in
    migration.fill_for_child(apps, None)
    kept = dict(Booking.objects.values_list("pk", "for_child"))
    assert kept == {child.pk: True, married.pk: False, new_child.pk: True, adult.pk: False}


def test_a_refused_correction_keeps_what_was_typed(client_for, budi):
    response = client_for(budi.account).post(
        edit_url(budi), form(full_name="Budi Baru", birth_date="2099-01-01")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["birth_date"]
    assert response.context["form"]["full_name"].value() == "Budi Baru"
    budi.refresh_from_db()
    assert budi.full_name == "Budi Santoso" and budi.birth_date == dt.date(1990, 5, 15)


def test_another_account_cannot_open_or_change_the_profile(client_for, budi, other_applicant):
    from paspor.booking.tests.conftest import verified

    stranger = client_for(verified(other_applicant))
    assert stranger.get(edit_url(budi)).status_code == 404
    assert stranger.post(edit_url(budi), form()).status_code == 404
    budi.refresh_from_db()
    assert budi.full_name == "Budi Santoso"
    assert client_for(None).get(edit_url(budi)).status_code == 302  # to sign in


def test_the_edit_page_reads_in_english(client_for, budi, settings):
    client = client_for(budi.account)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(edit_url(budi)).content.decode()
    assert "Edit profile data" in page and "The NIK cannot be changed." in page
    profiles = client.get(reverse("booking:profiles")).content.decode()
    assert "Correct the data" in profiles


def test_a_mobile_app_corrects_the_data_and_a_stranger_cannot(client, budi, other_applicant):
    from paspor.booking.tests.conftest import verified

    def bearer(user):
        return {"Authorization": f"Bearer {services.api_token_issue(account=user)}"}

    url = f"/api/booking/profiles/{budi.public_id}"
    body = {**form(), "birth_date": "1990-05-15"}
    answer = client.put(url, body, content_type="application/json", headers=bearer(budi.account))
    assert answer.status_code == 200
    assert answer.json()["full_name"] == "Budi Santosa" and answer.json()["nik"] == budi.nik
    theirs = client.put(
        url, body, content_type="application/json", headers=bearer(verified(other_applicant))
    )
    assert (theirs.status_code, theirs.json()["code"]) == (404, "profile_not_found")
