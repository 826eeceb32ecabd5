"""The applicant's journey as reviewed on a phone: what cannot be undone asks first, a form is
offered only where it would be taken, a refused change answers with its own status, and every
time is told on the office's clock."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from conftest import make_office
from paspor.booking import services
from paspor.booking.models import BookingStatus, PoolPolicy, WaitlistEntry, WaitlistStatus
from paspor.booking.rules import Answers, OldPassport
from paspor.booking.tests.conftest import DAY, book, make_profile, make_sessions, verified

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

DISABLED = Answers(old_passport=OldPassport.NONE, disability=True)


def with_draft(client, profile, answers: Answers):
    session = client.session
    session["booking_draft"] = {"profile": str(profile.public_id), "answers": answers.to_dict()}
    session.save()
    return client


def choose_day(client):
    return client.get(reverse("booking:choose") + f"?office=ketapang&tanggal={DAY.isoformat()}")


def opening_tag(body: str, pattern: str) -> str:
    found = re.search(pattern, body)
    assert found is not None, pattern
    return found.group(0)


def waitlist_options(body: str) -> list[str]:
    select = re.search(r'<select id="waitlist-pool" name="pool">(.*?)</select>', body, re.S)
    return re.findall(r'<option value="(\w+)"', select.group(1)) if select else []


# --- Asking before what cannot be undone --------------------------------------------------------


def test_the_cancel_page_is_itself_the_question_and_its_button_asks_no_more(client_for, booking):
    page = client_for(booking.account).get(reverse("booking:cancel", args=[booking.code]))
    body = page.content.decode()
    assert "Batalkan booking?" in body
    button = opening_tag(body, r'<button type="submit" class="danger"[^>]*>')
    assert "data-confirm" not in button  # a webview that blocks confirm() left it doing nothing


def test_leaving_the_waitlist_asks_first_and_names_the_person_and_date(
    client_for, office, sessions, budi
):
    WaitlistEntry.objects.create(
        account=budi.account, profile=budi, office=office, date=DAY, pool="regular"
    )
    body = client_for(budi.account).get(reverse("booking:my_bookings")).content.decode()
    form = opening_tag(body, r'<form method="post" action="/booking/tunggu/[^"]+/keluar/"[^>]*>')
    assert 'data-confirm="Keluar dari daftar tunggu untuk Budi Santoso, 15 Juni 2026?' in form


def test_the_one_reschedule_asks_first_and_shows_the_current_visit(client_for, booking):
    client = client_for(booking.account)
    page = client.get(
        reverse("booking:reschedule", args=[booking.code]) + "?tanggal=2026-06-17"
    ).content.decode()
    assert "Jadwal sekarang: <strong>Senin, 15 Juni 2026, 08.00–10.00 WIB</strong>" in page
    url = reverse("booking:reschedule", args=[booking.code])
    form = opening_tag(page, rf'<form method="post" action="{url}\?tanggal=2026-06-17"[^>]*>')
    assert f'data-confirm="Pindahkan booking {booking.code} ke jadwal yang dipilih?' in form


# --- Refusals answer with their status ----------------------------------------------------------


def test_a_cancel_refused_on_the_day_is_a_409_with_the_reason(client_for, booking, frozen):
    # "Ya, batalkan" pressed on the morning of the visit, on a question page opened before.
    frozen.move_to("2026-06-15 07:00:00+07:00")
    response = client_for(booking.account).post(reverse("booking:cancel", args=[booking.code]))
    assert response.status_code == 409
    assert "Pembatalan hanya bisa dilakukan sebelum hari kedatangan." in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_a_second_cancel_from_another_tab_is_a_409_on_the_void_proof(client_for, booking):
    client = client_for(booking.account)
    assert client.post(reverse("booking:cancel", args=[booking.code])).status_code == 302
    again = client.post(reverse("booking:cancel", args=[booking.code]))
    assert again.status_code == 409
    body = again.content.decode()
    assert "Booking ini sudah tidak aktif." in body and "Booking tidak berlaku" in body


def test_an_offer_accepted_after_it_ran_out_is_a_409_on_my_bookings(client_for, office, budi):
    entry = WaitlistEntry.objects.create(
        account=budi.account, profile=budi, office=office, date=DAY, pool="regular"
    )  # waiting, no seat offered (or the offer lapsed back)
    response = client_for(budi.account).post(
        reverse("booking:waitlist_accept", args=[entry.public_id])
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert 'class="form-error" role="alert"' in body and "<h1>Booking saya</h1>" in body


def test_leaving_a_waitlist_twice_is_a_409_with_the_reason(client_for, office, budi):
    entry = WaitlistEntry.objects.create(
        account=budi.account, profile=budi, office=office, date=DAY, pool="regular"
    )
    client = client_for(budi.account)
    url = reverse("booking:waitlist_leave", args=[entry.public_id])
    assert client.post(url).status_code == 302
    again = client.post(url)
    assert again.status_code == 409
    assert "Entri ini sudah tidak aktif." in again.content.decode()
    entry.refresh_from_db()
    assert entry.status == WaitlistStatus.CANCELLED


def test_deleting_a_profile_booked_meanwhile_is_a_409_with_the_reason(
    client_for, office, sessions, budi
):
    book(budi, office, sessions[0])  # booked in another tab after the page offered "Hapus"
    response = client_for(budi.account).post(
        reverse("booking:profile_delete", args=[budi.public_id])
    )
    assert response.status_code == 409
    assert "Budi Santoso masih punya booking aktif" in response.content.decode()


def test_an_action_opened_as_an_address_leads_back_to_its_page_and_changes_nothing(
    client_for, office, budi, lain
):
    entry = WaitlistEntry.objects.create(
        account=budi.account, profile=budi, office=office, date=DAY, pool="regular"
    )
    mine, theirs = client_for(budi.account), client_for(lain.account)
    for name, back in (("waitlist_accept", "my_bookings"), ("waitlist_leave", "my_bookings")):
        url = reverse(f"booking:{name}", args=[entry.public_id])
        response = mine.get(url)
        assert (response.status_code, response.url) == (302, reverse(f"booking:{back}"))
        assert theirs.get(url).status_code == 404  # another account learns nothing
    delete = reverse("booking:profile_delete", args=[budi.public_id])
    assert mine.get(delete).url == reverse("booking:profiles")
    assert theirs.get(delete).status_code == 404
    entry.refresh_from_db()
    assert entry.status == WaitlistStatus.WAITING
    assert budi.account.profiles.filter(pk=budi.pk).exists()


# --- Offered only where it would be taken -------------------------------------------------------


def test_the_priority_ballot_is_not_offered_to_someone_it_does_not_serve(
    client_for, office, sessions, budi
):
    PoolPolicy.objects.create(office=office, pool="priority", mode="ballot")
    adult = choose_day(with_draft(client_for(budi.account), budi, Answers(OldPassport.NONE)))
    assert 'value="ballot"' not in adult.content.decode()
    served = choose_day(with_draft(client_for(budi.account), budi, DISABLED)).content.decode()
    assert 'name="pool" value="priority"' in served and 'value="ballot"' in served


def test_the_waitlist_offers_only_sold_out_pools_the_applicant_may_use(
    client_for, office, sessions, other_applicant, budi, django_capture_on_commit_callbacks
):
    client = with_draft(client_for(budi.account), budi, Answers(OldPassport.NONE))
    assert "Masuk daftar tunggu" not in choose_day(client).content.decode()  # seats everywhere
    others = verified(other_applicant)
    toddler = DAY.replace(year=2024)  # the priority pool serves children under five
    with django_capture_on_commit_callbacks(execute=True):  # the cached seat counts forgotten
        for n, session in enumerate(sessions):  # one express and one priority seat each
            book(make_profile(others, 200 + n), office, session, pool="express")
            book(make_profile(others, 300 + n, born=toddler), office, session, pool="priority")
    assert waitlist_options(choose_day(client).content.decode()) == ["express"]
    joined = client.post(
        reverse("booking:choose"),
        {"office": office.code, "date": DAY.isoformat(), "pool": "express", "action": "waitlist"},
    )
    assert joined.status_code == 302


def test_my_ballot_entries_say_which_pool_they_are_for(client_for, office, sessions, budi):
    PoolPolicy.objects.create(office=office, pool="priority", mode="ballot")
    services.ballot_enter(
        account=budi.account,
        profile=budi,
        office=office,
        day=DAY,
        pool="priority",
        session=sessions[0],
        answers=DISABLED,
    )
    body = client_for(budi.account).get(reverse("booking:my_bookings")).content.decode()
    assert re.search(r"15 Juni 2026 · Prioritas \(Ramah HAM\) · ", body)


# --- The office's clock -------------------------------------------------------------------------


def test_dates_not_yet_open_say_when_on_the_offices_own_clock(client):
    makassar = make_office("makassar", tz="Asia/Makassar")
    make_sessions(makassar)
    body = client.get(reverse("booking:availability", args=[makassar.code])).content.decode()
    # July opens at 09.00 in Makassar (08.00 in Jakarta, where the server's clock is).
    assert "Dibuka pada 30 Juni 2026 09.00 WITA" in body
    assert "08.00 WITA" not in body
