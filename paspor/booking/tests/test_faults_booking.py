"""A crash inside a booking write leaves the whole booking or nothing (booking/tests/faults.py).

Each write is failed at every one of its SQL statements and at its COMMIT — by an exception,
and on PostgreSQL by ending its connection — and then sent again as a client would after a
timeout. Seats counted must equal the bookings holding them throughout.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest

from paspor.booking import services
from paspor.booking.models import (
    Ballot,
    Booking,
    BookingStatus,
    PoolPolicy,
    WaitlistEntry,
    WaitlistStatus,
)
from paspor.booking.tests.conftest import ADULT, DAY, book, make_profile, verified
from paspor.booking.tests.faults import (
    MODES,
    assert_invariants,
    database_tasks,  # noqa: F401 - the fixture
    prove_all_or_nothing,
    worker_run,
)
from paspor.notifications.models import Message

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("frozen", "database_tasks"),
]
serials = itertools.count(500)


# Working days open for booking on 10 June 2026 (16 June is a holiday).
OPEN_DAYS = [DAY, dt.date(2026, 6, 17), dt.date(2026, 6, 18), dt.date(2026, 6, 19)]


def fresh_profile(applicant: Any) -> Any:
    return make_profile(verified(applicant), next(serials))


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_while_booking_leaves_the_booking_whole_or_absent(
    kill, office, sessions, applicant
):
    def setup() -> Callable[[], Booking]:
        profile = fresh_profile(applicant)
        return lambda: book(profile, office, sessions[0])

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    booking = report.result
    assert booking.status == BookingStatus.BOOKED
    # A clean booking: its row, its seat, and the task row that writes its confirmation; the
    # worker then writes the confirmation once.
    assert report.clean_change == {
        "booking_booking": (0, 1),
        "booking_quotacounter": (0, 1),
        "django_tasks_database_dbtaskresult": (0, 1),
    }
    worker_run()
    assert Message.objects.filter(dedupe_key__startswith=f"booking:{booking.code}:").count() == 1


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_while_rescheduling_moves_the_seat_whole_or_not_at_all(
    kill, office, sessions, applicant
):
    days = iter(OPEN_DAYS)

    def setup() -> Callable[[], Booking]:
        day = next(days)
        booking = book(fresh_profile(applicant), office, sessions[0], day=day)
        return lambda: services.booking_reschedule(
            booking=Booking.objects.get(pk=booking.pk),
            day=day,
            session=sessions[1],
            by=booking.account,
        )

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    assert report.result.session == sessions[1] and report.result.reschedule_count == 1


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_while_cancelling_gives_the_seat_back_whole_or_not_at_all(
    kill, office, sessions, applicant
):
    def setup() -> Callable[[], Booking]:
        booking = book(fresh_profile(applicant), office, sessions[0])
        return lambda: services.booking_cancel(
            booking=Booking.objects.get(pk=booking.pk), by=booking.account
        )

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    assert report.result.status == BookingStatus.CANCELLED


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_while_cancelling_a_full_session_passes_the_seat_to_the_waitlist_whole(
    kill, office, sessions, applicant
):
    """The cancelled seat is offered to the first in line in the same transaction."""

    days = iter(OPEN_DAYS)

    def setup() -> Callable[[], Booking]:
        day = next(days)  # a world per day: every regular seat of it taken
        bookings = [
            book(fresh_profile(applicant), office, s, day=day) for s in sessions for _ in "ab"
        ]
        waiting = fresh_profile(applicant)
        services.waitlist_join(
            account=waiting.account, profile=waiting, office=office, day=day, pool="regular",
            answers=ADULT,
        )  # fmt: skip
        booking = bookings[-1]
        return lambda: services.booking_cancel(
            booking=Booking.objects.get(pk=booking.pk), by=booking.account
        )

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    assert report.clean_change.get("booking_waitlistentry") == (1, 1)  # the offer, whole


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_while_accepting_a_waitlist_offer_books_whole_or_keeps_the_offer(
    kill, office, sessions, applicant
):
    days = iter(OPEN_DAYS)

    def setup() -> Callable[[], Booking]:
        day = next(days)  # a world per day: a day once accepted is full
        office_full = [
            book(fresh_profile(applicant), office, s, day=day) for s in sessions for _ in "ab"
        ]
        waiting = fresh_profile(applicant)
        entry = services.waitlist_join(
            account=waiting.account, profile=waiting, office=office, day=day, pool="regular",
            answers=ADULT,
        )  # fmt: skip
        services.booking_cancel(booking=office_full[0], by=office_full[0].account)
        entry.refresh_from_db()
        assert entry.status == WaitlistStatus.OFFERED
        return lambda: services.waitlist_accept(
            entry=WaitlistEntry.objects.get(pk=entry.pk), account=waiting.account
        )

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    assert report.result.via == "waitlist"


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_during_the_ballot_draw_draws_all_or_nothing(
    kill, office, sessions, applicant, frozen
):
    from paspor.booking.models import BookingPolicy

    PoolPolicy.objects.create(office=office, pool="regular", mode="ballot")
    BookingPolicy.objects.create(office=office, ballot_window_hours=13 * 24)
    ballots: list[Ballot] = []

    def setup() -> Callable[[], Ballot]:
        assert not ballots, "a draw is finished once: no second world is needed"
        for n in range(8):
            profile = fresh_profile(applicant)
            entry = services.ballot_enter(
                account=profile.account, profile=profile, office=office, day=DAY,
                pool="regular", session=sessions[n % 3], answers=ADULT,
            )  # fmt: skip
        ballots.append(entry.ballot)
        frozen.move_to(entry.ballot.closes_at)
        return lambda: services.ballot_draw(ballot=Ballot.objects.get(pk=ballots[0].pk))

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    assert report.result.status == "drawn"
    assert Booking.objects.filter(office=office, via="ballot").count() == 6
