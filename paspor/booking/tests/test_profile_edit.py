"""Correcting a person's data: everything but the NIK, by the account that holds the profile,
with the NIK's notes worked out again for the profile and its active booking."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from paspor.booking import services
from paspor.booking.models import ApplicantProfile

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
