"""The applicant's own pages, as a family fills them in on a phone before work: each person is
told apart by the NIK shown, a NIK can be checked where the page says to check it, every
mistake on the form is said at once, and an entry in a draw says when the draw is."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from paspor.booking import services
from paspor.booking.models import ApplicantProfile, PoolPolicy
from paspor.booking.tests.conftest import ADULT, DAY, WIB, make_profile, nik_for

pytestmark = pytest.mark.django_db


def test_family_members_are_told_apart_by_their_masked_nik_on_the_profile_list(client_for, budi):
    ani = make_profile(budi.account, 5, female=True, name="Ani Santoso")
    body = client_for(budi.account).get(reverse("booking:profiles")).content.decode()
    # Region and serial, as on the proof: two people of one regency no longer read the same.
    assert f"NIK {budi.nik[:4]}••••••••{budi.nik[-4:]}" in body
    assert f"NIK {ani.nik[:4]}••••••••{ani.nik[-4:]}" in body
    assert budi.nik not in body


def test_the_questionnaire_names_each_person_with_the_masked_nik(client_for, budi):
    make_profile(budi.account, 5, female=True, name="Ani Santoso")
    body = client_for(budi.account).get(reverse("booking:start")).content.decode()
    assert "Budi Santoso (6104••••••••0001)" in body
    assert "Ani Santoso (6104••••••••0005)" in body


def test_the_correction_page_shows_the_whole_nik_it_asks_the_applicant_to_check(client_for, budi):
    body = (
        client_for(budi.account)
        .get(reverse("booking:profile_edit", args=[budi.public_id]))
        .content.decode()
    )
    grouped = " ".join(budi.nik[i : i + 4] for i in range(0, 16, 4))
    assert f'NIK <span class="nik">{grouped}</span>' in body
    assert "NIK tidak dapat diubah. Bila NIK salah" in body


def test_another_account_never_sees_the_whole_nik(client_for, budi, lain):
    response = client_for(lain.account).get(reverse("booking:profile_edit", args=[budi.public_id]))
    assert response.status_code == 404


def test_an_impossible_nik_and_a_wrong_phone_are_both_said_on_the_first_try(client_for, budi):
    response = client_for(budi.account).post(
        reverse("booking:profiles"),
        {
            "nik": "6104011513900002",  # month 13
            "full_name": "Ani Santoso",
            "sex": "F",
            "birth_date": "1990-05-15",
            "birth_place": "Ketapang",
            "phone": "0812",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "Bulan lahir pada NIK (13) tidak mungkin" in " ".join(form.errors["nik"])
    assert "phone" in form.errors
    assert form["nik"].value() == "6104011513900002"  # kept, to be corrected in place
    assert ApplicantProfile.objects.filter(account=budi.account).count() == 1


def test_a_nik_typed_in_groups_is_still_accepted(client_for, budi):
    nik = nik_for(6, born=dt.date(1990, 5, 15), female=True)
    response = client_for(budi.account).post(
        reverse("booking:profiles"),
        {
            "nik": f"{nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]}",
            "full_name": "Ani Santoso",
            "sex": "F",
            "birth_date": "1990-05-15",
            "birth_place": "Ketapang",
            "phone": "",
        },
    )
    assert response.status_code == 302
    assert ApplicantProfile.objects.filter(account=budi.account, nik=nik).exists()


def test_an_entry_waiting_for_the_draw_says_when_it_is_drawn(
    client_for, frozen, office, sessions, budi
):
    PoolPolicy.objects.create(office=office, pool="regular", mode="ballot")
    entry = services.ballot_enter(
        account=budi.account,
        profile=budi,
        office=office,
        day=DAY,
        pool="regular",
        session=sessions[0],
        answers=ADULT,
    )
    closes = entry.ballot.closes_at.astimezone(WIB)
    body = client_for(budi.account).get(reverse("booking:my_bookings")).content.decode()
    assert (
        f"Diundi setelah pendaftaran ditutup pada {closes.day} Juni 2026 {closes:%H.%M} WIB; "
        "hasilnya kami kirim melalui saluran pemberitahuan Anda." in body
    )
