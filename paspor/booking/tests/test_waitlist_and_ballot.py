"""Waitlist offers held for 30 minutes (frozen time) and the verifiable ballot."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from paspor.audit.models import AuditEntry
from paspor.booking import ballot as draw
from paspor.booking import services
from paspor.booking.models import (
    ApplicantProfile,
    Ballot,
    BallotEntry,
    BallotResult,
    BallotStatus,
    Booking,
    BookingSource,
    BookingStatus,
    PoolPolicy,
    QuotaCounter,
    WaitlistEntry,
    WaitlistStatus,
)
from paspor.booking.selectors import day_availability
from paspor.booking.tests.conftest import ADULT, DAY, NOW, WIB, book, make_profile, verified
from paspor.lib.errors import Conflict
from paspor.offices.models import CalendarDay, CalendarDayKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def join(profile, office, pool="regular"):
    return services.waitlist_join(
        account=profile.account, profile=profile, office=office, day=DAY, pool=pool, answers=ADULT
    )


@pytest.fixture
def sold_out(office, sessions, applicant):
    verified(applicant)
    return [book(make_profile(applicant, 100 + n), office, sessions[n // 2]) for n in range(6)]


def test_waitlist_only_when_the_pool_is_sold_out(office, sessions, budi):
    with pytest.raises(Conflict) as refused:
        join(budi, office)
    assert refused.value.code == "seats_left"


def test_freed_seat_is_offered_to_the_first_waiting_and_held(
    office, sessions, sold_out, budi, lain, django_capture_on_commit_callbacks
):
    first, second = join(budi, office), join(lain, office)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=sold_out[0], by=sold_out[0].account)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == WaitlistStatus.OFFERED and second.status == WaitlistStatus.WAITING
    assert first.offer_expires_at == dt.datetime(2026, 6, 10, 10, 30, tzinfo=WIB)
    assert first.offered_session == sessions[0]
    # The seat stays counted while offered: nobody else can book it.
    assert QuotaCounter.objects.get(session=sessions[0], date=DAY, pool="regular").booked == 2
    offers = [m for m in mail.outbox if "Kuota tersedia" in m.subject]
    assert [m.to for m in offers] == [[budi.account.email]]
    assert f"Untuk: {budi.full_name} · Reguler" in offers[0].body  # whose seat, which pool
    booking = services.waitlist_accept(entry=first, account=budi.account)
    assert booking.via == BookingSource.WAITLIST and booking.window_start == dt.time(8)
    first.refresh_from_db()
    assert first.status == WaitlistStatus.ACCEPTED and first.booking == booking
    assert QuotaCounter.objects.get(session=sessions[0], date=DAY, pool="regular").booked == 2


def test_offer_expires_after_thirty_minutes_and_passes_to_the_next(
    office, sessions, sold_out, budi, lain, frozen
):
    first, second = join(budi, office), join(lain, office)
    services.booking_cancel(booking=sold_out[0], by=sold_out[0].account)
    frozen.move_to(dt.datetime(2026, 6, 10, 10, 29, 59, tzinfo=WIB))
    assert services.waitlist_expire_offers() == 0
    frozen.move_to(dt.datetime(2026, 6, 10, 10, 30, tzinfo=WIB))
    with pytest.raises(Conflict) as refused:
        services.waitlist_accept(entry=first, account=budi.account)
    assert refused.value.code == "offer_expired"
    assert services.waitlist_expire_offers() == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == WaitlistStatus.EXPIRED
    assert second.status == WaitlistStatus.OFFERED
    assert second.offer_expires_at == dt.datetime(2026, 6, 10, 11, 0, tzinfo=WIB)
    # Nobody left waiting: the next expiry gives the seat back to everyone.
    frozen.move_to(dt.datetime(2026, 6, 10, 11, 0, tzinfo=WIB))
    assert services.waitlist_expire_offers() == 1
    assert QuotaCounter.objects.get(session=sessions[0], date=DAY, pool="regular").booked == 1
    assert day_availability(office, DAY).remaining("regular") == 1


def test_offer_window_is_configurable(office, sessions, sold_out, budi, settings):
    settings.BOOKING_WAITLIST_OFFER_MINUTES = 10
    entry = join(budi, office)
    services.booking_cancel(booking=sold_out[0], by=sold_out[0].account)
    entry.refresh_from_db()
    assert entry.offer_expires_at == dt.datetime(2026, 6, 10, 10, 10, tzinfo=WIB)


def test_one_waitlist_place_per_nik_and_day(office, sessions, sold_out, budi):
    join(budi, office)
    with pytest.raises(Conflict) as refused:
        join(budi, office, pool="regular")
    assert refused.value.code == "waitlist_exists"


def close_day(day=DAY):
    """Headquarters declares `day` a holiday after people booked and joined its waitlist."""
    CalendarDay.objects.create(date=day, kind=CalendarDayKind.CUTI_BERSAMA, name="Cuti bersama")


def test_no_seat_is_offered_on_a_day_the_office_has_closed_since(office, sessions, sold_out, budi):
    entry = join(budi, office)
    close_day()
    services.booking_cancel(booking=sold_out[0], by=sold_out[0].account)
    entry.refresh_from_db()
    assert entry.status == WaitlistStatus.WAITING
    assert QuotaCounter.objects.get(session=sessions[0], date=DAY, pool="regular").booked == 1


def test_an_offer_on_a_day_closed_since_cannot_be_accepted_nor_passed_on(
    office, sessions, sold_out, budi, lain, frozen
):
    first, second = join(budi, office), join(lain, office)
    services.booking_cancel(booking=sold_out[0], by=sold_out[0].account)
    close_day()
    with pytest.raises(Conflict) as refused:
        services.waitlist_accept(entry=first, account=budi.account)
    assert refused.value.code == "closed_day" and refused.value.status == 409
    assert "Kantor tidak melayani pada tanggal 15 Juni 2026" in refused.value.message
    assert not Booking.objects.filter(profile=budi).exists()
    frozen.move_to(dt.datetime(2026, 6, 10, 10, 30, tzinfo=WIB))
    assert services.waitlist_expire_offers() == 1
    second.refresh_from_db()
    assert second.status == WaitlistStatus.WAITING  # not offered a seat on a closed day
    assert QuotaCounter.objects.get(session=sessions[0], date=DAY, pool="regular").booked == 1


def test_an_offer_cannot_be_accepted_on_the_visit_day_itself(
    office, sessions, sold_out, budi, frozen
):
    frozen.move_to(dt.datetime(2026, 6, 14, 23, 50, tzinfo=WIB))
    entry = join(budi, office)
    services.booking_cancel(booking=sold_out[0], by=sold_out[0].account)
    entry.refresh_from_db()
    assert entry.offer_expires_at == dt.datetime(2026, 6, 15, 0, 20, tzinfo=WIB)
    frozen.move_to(dt.datetime(2026, 6, 15, 0, 5, tzinfo=WIB))
    with pytest.raises(Conflict) as refused:
        services.waitlist_accept(entry=entry, account=budi.account)
    assert refused.value.code == "too_late"
    assert "paling lambat sehari sebelum" in refused.value.message


def test_a_pool_without_quota_on_that_date_has_no_waitlist(office, sessions, budi, client_for):
    for session in sessions:
        services.quota_exception_set(
            office=office,
            day=DAY,
            session=session,
            pool="express",
            capacity=0,
            reason="Tidak ada layanan percepatan",
            by=None,
        )
    with pytest.raises(Conflict) as refused:
        join(budi, office, pool="express")
    assert refused.value.code == "no_quota"
    answer = client_for(budi.account).post(
        "/api/booking/waitlist",
        {
            "profile": str(budi.public_id),
            "office": office.code,
            "date": DAY.isoformat(),
            "pool": "express",
            "answers": {"old_passport": "none"},
        },
        content_type="application/json",
    )
    assert (answer.status_code, answer.json()["code"]) == (409, "no_quota")
    assert not WaitlistEntry.objects.exists()


def test_a_place_still_waiting_when_its_day_comes_is_closed_and_frees_the_profile(
    office, sessions, sold_out, budi, frozen
):
    entry = join(budi, office)
    frozen.move_to(dt.datetime(2026, 6, 14, 23, 59, tzinfo=WIB))
    assert services.waitlist_close_past() == 0
    with pytest.raises(Conflict) as refused:
        services.profile_delete(profile=budi)
    assert refused.value.code == "profile_in_use"
    frozen.move_to(dt.datetime(2026, 6, 15, 0, 0, tzinfo=WIB))
    out = io.StringIO()
    call_command("booking_tick", stdout=out)
    assert "waiting places closed 1" in out.getvalue()
    entry.refresh_from_db()
    assert entry.status == WaitlistStatus.EXPIRED
    assert services.waitlist_close_past() == 0  # repeat-safe
    services.profile_delete(profile=budi)
    assert not ApplicantProfile.objects.filter(pk=budi.pk).exists()


# --- Ballot -------------------------------------------------------------------------------


def test_draw_order_is_sha256_of_seed_and_nik():
    seed = "00" * 32
    niks = ["6104011505900001", "6104011505900002", "6104011505900003"]
    import hashlib

    keys = {n: hashlib.sha256(bytes(32) + b":" + n.encode()).hexdigest() for n in niks}
    assert draw.draw_order(seed, niks) == sorted(niks, key=lambda n: keys[n])
    assert draw.draw_order(seed, reversed(niks)) == draw.draw_order(seed, niks)
    assert draw.seed_commitment(seed) == hashlib.sha256(bytes(32)).hexdigest()


def test_allocation_prefers_the_chosen_session_then_the_earliest_with_room():
    seats = draw.allocate(
        ["a", "b", "c", "d"],
        {"a": "10:00", "b": "10:00", "c": "10:00", "d": "08:00"},
        {"08:00": 1, "10:00": 2},
    )
    assert seats == {"a": "10:00", "b": "10:00", "c": "08:00", "d": None}


@pytest.fixture
def ballot_pool(office, sessions):
    PoolPolicy.objects.create(office=office, pool="regular", mode="ballot")
    return sessions


def enter(profile, office, session):
    return services.ballot_enter(
        account=profile.account,
        profile=profile,
        office=office,
        day=DAY,
        pool="regular",
        session=session,
        answers=ADULT,
    )


def test_ballot_pool_refuses_direct_booking(office, ballot_pool, budi):
    with pytest.raises(Conflict) as refused:
        book(budi, office, ballot_pool[0])
    assert refused.value.code == "ballot_pool"


def test_ballot_window_closes_48_hours_after_release_by_default(office, ballot_pool, budi):
    # The scheduler opens the ballot when the date is released (29 May 09.00).
    released = dt.datetime(2026, 5, 29, 9, 0, tzinfo=WIB)
    ballot = services.ballot_open(office=office, day=DAY, pool="regular", now=released)
    assert (ballot.opens_at, ballot.closes_at) == (
        released,
        dt.datetime(2026, 5, 31, 9, 0, tzinfo=WIB),
    )
    with pytest.raises(Conflict) as refused:
        enter(budi, office, ballot_pool[0])  # now 10 June
    assert refused.value.code == "ballot_closed"


def test_a_pool_made_a_ballot_after_release_gets_a_whole_window_from_then(
    office, ballot_pool, budi
):
    """Never a window already past, never a seed hash published with its draw: the dates
    released before the switch open now, and close before their day at the latest."""
    assert services.ballots_open_released() >= 1
    ballot = Ballot.objects.get(office=office, date=DAY, pool="regular")
    assert ballot.opens_at == NOW and ballot.closes_at == NOW + dt.timedelta(hours=48)
    assert ballot.status == BallotStatus.OPEN and ballot.published_seed == ""
    today = Ballot.objects.filter(office=office, pool="regular", date=NOW.date()).first()
    assert today is None  # the day itself: no time for a registration window
    assert enter(budi, office, ballot_pool[0]).ballot == ballot


def test_ballot_publishes_the_seed_hash_and_takes_one_entry_per_nik(
    office, ballot_pool, budi, other_applicant
):
    from paspor.booking.models import BookingPolicy

    BookingPolicy.objects.create(office=office, ballot_window_hours=13 * 24)
    entry = enter(budi, office, ballot_pool[0])
    ballot = entry.ballot
    assert ballot.seed_hash == draw.seed_commitment(ballot.seed)
    assert ballot.published_seed == ""
    # Opened by this first entry (no scheduler here): 13 days from now, but the draw comes
    # before the visit day.
    assert ballot.closes_at == dt.datetime(2026, 6, 15, 0, 0, tzinfo=WIB)
    same_nik = make_profile(verified(other_applicant), 1)
    with pytest.raises(Conflict) as refused:
        enter(same_nik, office, ballot_pool[1])
    assert refused.value.code == "ballot_entered"


@pytest.fixture
def drawn(office, ballot_pool, applicant, frozen):
    from paspor.booking.models import BookingPolicy

    # Ballot window: 13 days from its opening (now, 10 June), to the visit day at the latest.
    BookingPolicy.objects.create(office=office, ballot_window_hours=13 * 24)
    verified(applicant)
    profiles = [make_profile(applicant, 200 + n) for n in range(5)]
    from paspor.accounts.models import User

    more = User.objects.create_user("pemohon3", email="p3@example.com", email_verified=True)
    profiles += [make_profile(more, 300 + n) for n in range(5)]
    entries = [enter(p, office, ballot_pool[0]) for p in profiles]
    ballot = entries[0].ballot
    with pytest.raises(Conflict):
        services.ballot_draw(ballot=ballot)  # window still open
    frozen.move_to(ballot.closes_at)
    assert services.ballots_draw_due() == 1
    ballot.refresh_from_db()
    return ballot


def test_draw_gives_seats_in_order_and_waitlists_the_rest(drawn, office):
    entries = list(BallotEntry.objects.filter(ballot=drawn).order_by("rank"))
    assert [e.nik for e in entries] == draw.draw_order(drawn.seed, [e.nik for e in entries])
    results = [e.result for e in entries]
    # 3 sessions x 2 regular seats = 6 seats for 10 entries.
    assert results == [BallotResult.WON] * 6 + [BallotResult.WAITLISTED] * 4
    bookings = [e.booking for e in entries[:6]]
    assert all(b is not None and b.status == BookingStatus.BOOKED for b in bookings)
    assert bookings[0] is not None and bookings[0].window_start == dt.time(
        8
    )  # first drawn gets its preference
    waiting = list(
        WaitlistEntry.objects.filter(office=office, date=DAY).order_by("created_at", "id")
    )
    assert [w.nik for w in waiting] == [e.nik for e in entries[6:]]
    assert drawn.published_seed == drawn.seed
    assert AuditEntry.objects.get(event="ballot.drawn").new["seed"] == drawn.seed
    assert services.ballot_verify(drawn) == []


def test_every_entrant_is_told_the_result_for_the_person_they_entered(drawn, office):
    from paspor.notifications.models import Message
    from paspor.notifications.sending import message_render

    entries = list(BallotEntry.objects.filter(ballot=drawn).order_by("rank"))
    told = {m.context["name"]: m for m in Message.objects.filter(template="ballot_result")}
    assert len(told) == len(entries) == 10  # one per person, five of them on one account
    winner, waiting = told[entries[0].profile.full_name], told[entries[-1].profile.full_name]
    first_booking = entries[0].booking
    assert first_booking is not None and winner.context["booking_code"] == first_booking.code
    won = message_render(template="ballot_result", context=winner.context, language="id").body
    assert (
        f"{entries[0].profile.full_name} terpilih. Kode booking: {winner.context['booking_code']}"
        in won
    )
    assert f"/booking/undian/{office.code}/{DAY.isoformat()}/regular/" in won
    rest = message_render(template="ballot_result", context=waiting.context, language="en").body
    assert "not drawn and is now on the waitlist" in rest


def test_ballot_verify_command_recomputes_the_order(drawn, office):
    out = io.StringIO()
    call_command("ballot_verify", office.code, DAY.isoformat(), stdout=out)
    assert "OK: 10 entries, order verified" in out.getvalue()
    assert drawn.seed_hash in out.getvalue()


def test_ballot_verify_detects_a_tampered_order(drawn, office):
    first, second = BallotEntry.objects.filter(ballot=drawn).order_by("rank")[:2]
    BallotEntry.objects.filter(pk=first.pk).update(rank=2)
    BallotEntry.objects.filter(pk=second.pk).update(rank=1)
    with pytest.raises(CommandError):
        call_command("ballot_verify", office.code, DAY.isoformat(), stdout=io.StringIO())


def test_anyone_checks_the_published_order_from_the_seed_and_the_keys(drawn, office, client):
    """What an outsider has, the API's record, is enough: the seed matches its hash, the keys
    rise with the rank, no seat follows a waitlist place, and an entrant finds their line by
    their own key. No NIK is published, not even masked."""
    import hashlib

    url = f"/api/booking/ballots/{office.code}/{DAY.isoformat()}/regular"
    record = client.get(url).json()
    seed = bytes.fromhex(record["seed"])
    assert hashlib.sha256(seed).hexdigest() == record["seed_hash"]
    order = record["order"]
    assert [line["rank"] for line in order] == list(range(1, record["entries"] + 1))
    keys = [line["key"] for line in order]
    assert keys == sorted(keys)
    results = [line["result"] for line in order if line["result"] != "void"]
    assert results == ["won"] * 6 + ["waitlisted"] * 4
    assert all(line["session"] for line in order[:6]) and not order[6]["session"]
    mine = BallotEntry.objects.filter(ballot=drawn).order_by("?").first()
    assert mine is not None
    my_key = hashlib.sha256(seed + b":" + mine.nik.encode("ascii")).hexdigest()
    line = next(line for line in order if line["key"] == my_key)
    assert (line["rank"], line["result"]) == (mine.rank, mine.result)
    assert line["preferred_session"] == mine.session.key
    page = client.get(f"/booking/undian/{office.code}/{DAY.isoformat()}/regular/")
    html = page.content.decode()
    assert my_key in html and "Sesi pilihan" in html
    for entry in BallotEntry.objects.filter(ballot=drawn):
        for shown in (entry.nik, entry.nik[:4] + "••••••••"):
            assert shown not in html and shown not in str(record)


def test_before_the_draw_no_order_is_published(office, ballot_pool, budi, client):
    verified(budi.account)
    entry = enter(budi, office, ballot_pool[0])
    record = client.get(
        f"/api/booking/ballots/{office.code}/{entry.ballot.date.isoformat()}/regular"
    ).json()
    assert (record["seed"], record["order"], record["entries"]) == ("", [], 1)


def test_a_waitlisted_entrant_taken_off_the_list_keeps_the_published_draw_whole(drawn, office):
    """Deleting the profile deleted its ballot entry: the public count fell and the ranks had
    a gap. The profile is now kept out of the list, as for a booking's history."""
    last = BallotEntry.objects.filter(ballot=drawn).order_by("rank").reverse()[0]
    services.waitlist_leave(
        entry=WaitlistEntry.objects.get(nik=last.nik, date=DAY), account=last.account
    )
    services.profile_delete(profile=last.profile)
    assert BallotEntry.objects.filter(ballot=drawn).count() == 10
    last.profile.refresh_from_db()
    assert last.profile.removed_at is not None
    assert services.ballot_verify(drawn) == []


def test_ballot_verify_names_an_entry_missing_from_the_ranks(drawn, office):
    BallotEntry.objects.filter(ballot=drawn, rank=4).delete()
    assert "Peringkat undian tidak berurutan: ada peserta yang hilang." in services.ballot_verify(
        drawn
    )
    with pytest.raises(CommandError):
        call_command("ballot_verify", office.code, DAY.isoformat(), stdout=io.StringIO())


# --- A ballot for a date the office has closed since -----------------------------------------


@pytest.fixture
def entered_then_closed(office, ballot_pool, budi, lain, frozen):
    """Budi and Rina entered the ballot of DAY, whose entries close on Friday 12 June (the
    default 48 hours); headquarters then declared DAY cuti bersama through the calendar
    service, and the entries have just closed."""
    from paspor.offices.services import calendar_day_set

    entries = [enter(budi, office, ballot_pool[0]), enter(lain, office, ballot_pool[1])]
    calendar_day_set(office=None, date=DAY, kind=CalendarDayKind.CUTI_BERSAMA, by=None)
    frozen.move_to(entries[0].ballot.closes_at)
    return entries


def test_a_ballot_for_a_day_closed_since_is_cancelled_not_drawn_and_its_entrants_told(
    entered_then_closed, office
):
    from paspor.notifications.models import Message
    from paspor.notifications.sending import message_render

    assert services.ballots_draw_due() == 1
    ballot = Ballot.objects.get(pk=entered_then_closed[0].ballot_id)
    assert ballot.status == BallotStatus.CANCELLED and ballot.published_seed == ""
    assert set(ballot.entries.values_list("result", flat=True)) == {BallotResult.CANCELLED}
    assert not Booking.objects.exists() and not WaitlistEntry.objects.exists()
    audit = AuditEntry.objects.get(event="ballot.cancelled_office_closed")
    assert audit.new == {"date": DAY.isoformat(), "pool": "regular", "entries": 2}
    assert not AuditEntry.objects.filter(event="ballot.drawn").exists()
    told = Message.objects.filter(template="ballot_result")
    assert sorted(m.context["name"] for m in told) == ["Budi Santoso", "Rina Lestari"]
    assert not Message.objects.filter(template="booking_confirmed").exists()
    context = told[0].context
    assert context["cancelled"] and not context["won"] and not context["waitlisted"]
    body = message_render(template="ballot_result", context=context, language="id").body
    assert "untuk tanggal 15 Juni 2026 dibatalkan: kantor tidak melayani" in body
    assert "Hasil undian dapat diperiksa" not in body  # no order to check
    english = message_render(template="ballot_result", context=context, language="en").body
    assert "on 15 June 2026 cancelled: the office does not serve on that date" in english
    # The scheduler runs again: nothing more happens, nobody is told twice.
    assert services.ballots_draw_due() == 0
    assert services.ballot_draw(ballot=ballot).status == BallotStatus.CANCELLED
    assert told.count() == 2


def test_a_cancelled_ballot_reads_so_on_its_page_and_in_the_api(entered_then_closed, office):
    from django.test import Client

    services.ballots_draw_due()
    client = Client()
    page = client.get(f"/booking/undian/{office.code}/{DAY.isoformat()}/regular/")
    assert "Dibatalkan: kantor tutup pada tanggal ini" in page.content.decode()
    record = client.get(f"/api/booking/ballots/{office.code}/{DAY.isoformat()}/regular").json()
    assert (record["status"], record["seed"], record["order"]) == ("cancelled", "", [])


def test_a_day_opened_again_after_its_ballot_was_cancelled_is_first_come(
    entered_then_closed, office, ballot_pool, budi
):
    from paspor.offices.services import calendar_day_remove

    services.ballots_draw_due()
    calendar_day_remove(day=CalendarDay.objects.get(date=DAY), by=None)
    booking = book(budi, office, ballot_pool[0])
    assert booking.date == DAY and booking.status == BookingStatus.BOOKED


def test_an_express_seat_offered_says_its_extra_fee_before_it_is_accepted(
    office, sessions, applicant, budi, client_for, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from paspor.payments.services import fee_schedule_ensure_defaults

    fee_schedule_ensure_defaults()
    verified(applicant)
    taken = [
        book(make_profile(applicant, 200 + n), office, session, pool="express")
        for n, session in enumerate(sessions)
    ]
    join(budi, office, pool="express")
    page = client_for(budi.account).get(reverse("booking:my_bookings")).content.decode()
    assert "biaya tambahan Rp 1.000.000" not in page  # waiting: nothing to accept yet
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=taken[0], by=taken[0].account)
    page = client_for(budi.account).get(reverse("booking:my_bookings")).content.decode()
    assert "Terima kursi" in page
    assert "Percepatan: biaya tambahan Rp 1.000.000 di atas biaya paspor" in page
