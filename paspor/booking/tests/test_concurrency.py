"""The quota rush against the real database: many threads book at once, counts stay exact.

Transactional tests (each thread has its own connection and commits for real). On PostgreSQL
the conditional UPDATE and the partial unique index decide; on SQLite the IMMEDIATE
transactions serialise the writers.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pytest
import time_machine
from django.db import connection, connections

from paspor.accounts.models import User
from paspor.booking.models import Booking, BookingStatus, QuotaCounter
from paspor.booking.tests.conftest import DAY, NOW, book, make_profile, make_sessions
from paspor.lib.errors import Conflict

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 24


def _rush(jobs):
    """Run the jobs at the same moment from separate threads; returns (booked, refused)."""
    start = threading.Barrier(len(jobs))
    outcomes: list[str] = []

    def run(job):
        try:
            with time_machine.travel(NOW, tick=False):
                start.wait()
                job()
            outcomes.append("booked")
        except Conflict as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        list(pool.map(run, jobs))
    return outcomes


def test_concurrent_bookings_never_exceed_the_quota(office):
    morning = make_sessions(office, {"regular": 5})[0]
    profiles = []
    for n in range(THREADS):
        account = User.objects.create_user(
            f"rush{n}", email=f"rush{n}@example.com", email_verified=True
        )
        profiles.append(make_profile(account, 500 + n))
    outcomes = _rush([partial(book, p, office, morning) for p in profiles])
    assert outcomes.count("booked") == 5
    assert outcomes.count("full") == THREADS - 5
    assert Booking.objects.filter(office=office, status=BookingStatus.BOOKED).count() == 5
    counter = QuotaCounter.objects.get(office=office, session=morning, date=DAY, pool="regular")
    assert (counter.booked, counter.capacity) == (5, 5)


def test_concurrent_bookings_of_one_nik_from_many_accounts_give_one_booking(office):
    sessions = make_sessions(office, {"regular": 50})
    same_person = []
    for n in range(12):
        account = User.objects.create_user(
            f"calo{n}", email=f"calo{n}@example.com", email_verified=True
        )
        same_person.append(make_profile(account, 777))
    outcomes = _rush([partial(book, p, office, sessions[n % 3]) for n, p in enumerate(same_person)])
    assert outcomes.count("booked") == 1
    assert set(outcomes) <= {"booked", "nik_active"}
    assert Booking.objects.filter(nik=same_person[0].nik, status=BookingStatus.BOOKED).count() == 1
    # The losers' seats went back with their rolled-back transactions.
    assert sum(QuotaCounter.objects.filter(office=office).values_list("booked", flat=True)) == 1


def test_database_refuses_a_counter_above_capacity(office):
    from django.db import IntegrityError, transaction

    morning = make_sessions(office, {"regular": 1})[0]
    QuotaCounter.objects.create(
        office=office, date=DAY, session=morning, pool="regular", capacity=1
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        QuotaCounter.objects.filter(office=office).update(booked=2)
    assert connection.vendor in {"sqlite", "postgresql"}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers: no interleaving"
)
def test_the_second_first_booking_of_a_session_is_not_told_full(office, monkeypatch):
    """Race: two first bookings of a session; the counter row appears (committed by the first)
    after the second one's UPDATE found no row. The second must still get its seat."""
    from django.db import transaction
    from django.db.models import QuerySet

    from paspor.booking.services.seats import seat_take

    morning = make_sessions(office, {"regular": 5})[0]
    first_may_commit, first_committed = threading.Event(), threading.Event()
    second_thread: list[int] = []
    exists = QuerySet.exists

    def exists_after_the_first_commits(queryset):
        if threading.get_ident() in second_thread and queryset.model is QuotaCounter:
            first_may_commit.set()  # our UPDATE has looked and found no row
            assert first_committed.wait(10)
        return exists(queryset)

    monkeypatch.setattr(QuerySet, "exists", exists_after_the_first_commits)

    def first() -> bool:
        try:
            with time_machine.travel(NOW, tick=False), transaction.atomic():
                taken = seat_take(office, DAY, morning, "regular")
                assert first_may_commit.wait(10)
            first_committed.set()
            return taken
        finally:
            connections.close_all()

    def second() -> bool:
        second_thread.append(threading.get_ident())
        try:
            with time_machine.travel(NOW, tick=False), transaction.atomic():
                return seat_take(office, DAY, morning, "regular")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        one, two = pool.submit(first), pool.submit(second)
        assert (one.result(timeout=20), two.result(timeout=20)) == (True, True)
    counter = QuotaCounter.objects.get(office=office, session=morning, date=DAY, pool="regular")
    assert counter.booked == 2
