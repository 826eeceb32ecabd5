"""Taking a person off the account's list: a profile never booked for is deleted; one used for
a booking is kept for its history, out of the list and of the five-profile limit, and comes
back when the same NIK is added again. Refused while a seat, a waitlist place or a ballot
entry is still held for the person — a held seat must go back, not vanish with the profile."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from paspor.booking import services
from paspor.booking.models import (
    ApplicantProfile,
    Booking,
    BookingStatus,
    PoolPolicy,
    QuotaCounter,
    WaitlistEntry,
    WaitlistStatus,
)
from paspor.booking.tests.conftest import ADULT, DAY, book, make_profile, nik_for, verified
from paspor.lib.errors import Conflict, NotFound

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def remove(profile):
    services.profile_delete(profile=profile)


def add_again(profile, **changes):
    person = {
        "nik": profile.nik,
        "full_name": profile.full_name,
        "sex": profile.sex,
        "birth_date": profile.birth_date,
        "birth_place": profile.birth_place,
        **changes,
    }
    return services.profile_add(account=profile.account, **person)


@pytest.fixture
def cancelled(booking):
    services.booking_cancel(booking=booking, by=booking.account)
    return booking


def test_a_profile_never_booked_for_is_deleted(budi):
    remove(budi)
    assert not ApplicantProfile.objects.filter(pk=budi.pk).exists()


def test_a_profile_once_booked_leaves_the_list_and_keeps_its_history(cancelled, budi):
    remove(budi)

    budi.refresh_from_db()
    assert budi.removed_at is not None
    assert list(budi.account.profiles.current()) == []
    assert Booking.objects.get(pk=cancelled.pk).profile == budi  # the history still names them


def test_a_removed_profile_makes_room_under_the_limit(cancelled, budi, settings):
    settings.BOOKING_MAX_PROFILES = 1
    with pytest.raises(Conflict):
        make_and_add(budi.account, 7)
    remove(budi)
    assert make_and_add(budi.account, 7).full_name == "Pemohon 7"


def make_and_add(account, serial):
    return services.profile_add(
        account=account,
        nik=nik_for(serial),
        full_name=f"Pemohon {serial}",
        sex="M",
        birth_date=dt.date(1990, 5, 15),
        birth_place="Ketapang",
    )


def test_adding_the_same_nik_again_brings_the_person_back_with_the_new_data(cancelled, budi):
    remove(budi)

    back = add_again(budi, full_name="Budi Santoso Putra", phone="0812 3456 7890")

    assert back.pk == budi.pk and back.public_id == budi.public_id
    assert back.removed_at is None
    assert back.full_name == "Budi Santoso Putra" and back.phone == "+6281234567890"
    assert list(budi.account.profiles.current()) == [back]
    with pytest.raises(Conflict) as twice:
        add_again(budi)
    assert twice.value.code == "profile_exists"


def test_a_person_with_an_active_booking_stays_on_the_list(booking, budi):
    with pytest.raises(Conflict) as refused:
        remove(budi)
    assert refused.value.code == "profile_in_use"
    assert "Budi Santoso masih punya booking aktif" in refused.value.message
    budi.refresh_from_db()
    assert budi.removed_at is None


def test_a_seat_offered_from_the_waitlist_is_not_lost_with_the_profile(
    office, sessions, applicant, lain
):
    verified(applicant)
    seated = [book(make_profile(applicant, 100 + n), office, sessions[n // 2]) for n in range(6)]
    entry = services.waitlist_join(
        account=lain.account, profile=lain, office=office, day=DAY, pool="regular", answers=ADULT
    )
    services.booking_cancel(booking=seated[0], by=applicant)  # the seat is held for Rina
    entry.refresh_from_db()
    assert entry.status == WaitlistStatus.OFFERED

    with pytest.raises(Conflict) as refused:
        remove(lain)  # never booked: without the check, the entry would go with the profile

    assert "masih ada di daftar tunggu" in refused.value.message
    assert WaitlistEntry.objects.filter(pk=entry.pk, status=WaitlistStatus.OFFERED).exists()
    held = QuotaCounter.objects.get(office=office, date=DAY, session=sessions[0], pool="regular")
    assert held.booked == 2


def test_a_person_in_a_ballot_not_drawn_stays_until_the_draw(office, sessions, budi):
    PoolPolicy.objects.create(office=office, pool="regular", mode="ballot")
    assert services.ballots_open_released() >= 1
    services.ballot_enter(
        account=budi.account,
        profile=budi,
        office=office,
        day=DAY,
        pool="regular",
        session=sessions[0],
        answers=ADULT,
    )
    with pytest.raises(Conflict) as refused:
        remove(budi)
    assert "undian yang belum diundi" in refused.value.message


def test_a_removed_profile_cannot_be_booked_corrected_or_removed_again(cancelled, budi, client_for):
    remove(budi)
    with pytest.raises(NotFound):
        remove(budi)
    client = client_for(budi.account)
    assert client.get(reverse("booking:profile_edit", args=[budi.public_id])).status_code == 404
    token = services.api_token_issue(account=budi.account)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    listed = client.get("/api/booking/profiles", **headers)
    assert listed.status_code == 200 and listed.json() == []
    booked = client.post(
        "/api/booking/bookings",
        {
            "profile": str(budi.public_id),
            "office": "ketapang",
            "date": DAY.isoformat(),
            "session": "08:00",
            "answers": {"old_passport": "none"},
        },
        content_type="application/json",
        **headers,
    )
    assert booked.status_code == 404 and booked.json()["code"] == "profile_not_found"
    gone = client.delete(f"/api/booking/profiles/{budi.public_id}", **headers)
    assert gone.status_code == 404


def test_the_api_removes_a_booked_profile_and_refuses_one_with_an_active_booking(
    booking, budi, client
):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {services.api_token_issue(account=budi.account)}"}
    url = f"/api/booking/profiles/{budi.public_id}"
    refused = client.delete(url, **headers)
    assert refused.status_code == 409 and refused.json()["code"] == "profile_in_use"
    services.booking_cancel(booking=booking, by=budi.account)
    assert client.delete(url, **headers).status_code == 204
    assert ApplicantProfile.objects.get(pk=budi.pk).removed_at is not None


def test_the_profiles_page_offers_removal_as_it_will_happen(client_for, office, sessions, budi):
    booked = book(make_profile(budi.account, 5, name="Ani Santoso"), office, sessions[0])
    once = book(budi, office, sessions[0])
    services.booking_cancel(booking=once, by=budi.account)
    fresh = make_profile(budi.account, 6, name="Citra Santoso")
    client = client_for(budi.account)

    body = client.get(reverse("booking:profiles")).content.decode()

    assert reverse("booking:profile_delete", args=[booked.profile.public_id]) not in body
    assert "Masih punya booking aktif, jadi belum dapat dihapus." in body
    assert "Hapus Budi Santoso dari daftar? Riwayat bookingnya tetap tersimpan" in body
    assert "Hapus profil Citra Santoso? Data ini tidak dapat dikembalikan." in body

    response = client.post(reverse("booking:profile_delete", args=[budi.public_id]), follow=True)
    assert "Profil dihapus." in response.content.decode()
    assert "Budi Santoso" not in response.content.decode().split("<h1>")[1].split("Tambah")[0]
    mine = client.get(reverse("booking:my_bookings")).content.decode()
    assert once.code in mine  # the cancelled booking is still in the account's history
    assert fresh.full_name in client.get(reverse("booking:start")).content.decode()
    assert booked.status == BookingStatus.BOOKED
