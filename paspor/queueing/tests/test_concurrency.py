# mypy: disable-error-code="union-attr"
"""Races named in the services, run with real threads (the point is PostgreSQL's row locks;
SQLite serialises writers with IMMEDIATE transactions and must give the same answers)."""

import threading

import pytest
import time_machine
from django.db import connection

from conftest import make_user
from paspor.accounts.models import Role
from paspor.booking.models import Pool
from paspor.offices.models import Counter, OfficeService, ServiceKind, Station
from paspor.queueing.models import StationVisit, Ticket, TicketCall
from paspor.queueing.services import (
    counter_open,
    ticket_call_next,
    ticket_check_in,
    ticket_end_visit,
    ticket_walk_in,
)

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(workers):
    barrier = threading.Barrier(len(workers))
    errors = []

    def wrap(work):
        try:
            barrier.wait()
            work()
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=wrap, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors


def test_concurrent_kiosks_get_unique_gap_free_numbers(queue_office):
    info = OfficeService.objects.get(office=queue_office, kind=ServiceKind.INFORMATION)
    issued = []

    def kiosk_work():
        for _ in range(10):
            issued.append(ticket_walk_in(office=queue_office, service=info, by=None).number)

    run_together([kiosk_work] * 8)
    assert sorted(issued) == list(range(1, 81))
    assert sorted(Ticket.objects.values_list("number", flat=True)) == list(range(1, 81))


def test_one_request_sent_at_once_from_two_places_is_one_ticket_with_no_gap(queue_office):
    # A kiosk's tap and its retry after a timeout arriving together: one ticket, and the
    # number the loser took rolls back with its transaction.
    info = OfficeService.objects.get(office=queue_office, kind=ServiceKind.INFORMATION)
    issued = []

    def tap():
        issued.append(
            ticket_walk_in(office=queue_office, service=info, by=None, request_key="kiosk:k1")
        )

    run_together([tap] * 4)
    assert len({ticket.pk for ticket in issued}) == 1
    after = ticket_walk_in(office=queue_office, service=info, by=None)
    assert after.number == 2
    assert sorted(Ticket.objects.values_list("number", flat=True)) == [1, 2]


def test_concurrent_kiosks_never_exceed_the_walk_in_cap(queue_office):
    pickup = OfficeService.objects.get(office=queue_office, kind=ServiceKind.PICKUP)
    pickup.walk_in_daily_cap = 15
    pickup.save()

    def kiosk_work():
        for _ in range(5):
            try:
                ticket_walk_in(office=queue_office, service=pickup, by=None)
            except Exception as exc:
                if "sudah habis" not in str(exc):
                    raise

    run_together([kiosk_work] * 6)
    assert sorted(Ticket.objects.values_list("number", flat=True)) == list(range(1, 16))


def test_officers_pressing_call_next_together_never_get_the_same_ticket(queue_office):
    lost = OfficeService.objects.get(office=queue_office, kind=ServiceKind.LOST_DAMAGED)
    lost.walk_in_daily_cap = 0
    lost.save()
    for _ in range(40):
        ticket_walk_in(office=queue_office, service=lost, by=None)
    intake = Station.objects.get(office=queue_office, station_type="intake")
    sessions = []
    for n in range(6):
        desk = Counter.objects.create(office=queue_office, number=20 + n)
        desk.stations.add(intake)
        officer = make_user(
            f"loket{n}", role=Role.INTAKE, office=queue_office, stations=("intake",)
        )
        sessions.append(
            (counter_open(office=queue_office, counter=desk, station=intake, by=officer), officer)
        )
    called = []

    def officer_work(session, officer):
        def work():
            while True:
                ticket = ticket_call_next(session=session, by=officer)
                if ticket is None:
                    return
                called.append(ticket.pk)
                ticket_end_visit(session=session, by=officer)

        return work

    run_together([officer_work(s, o) for s, o in sessions])
    assert len(called) == 40 and len(set(called)) == 40
    assert TicketCall.objects.count() == 40
    assert StationVisit.objects.filter(station=intake, outcome="done").count() == 40


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers: no interleaving"
)
def test_a_check_in_and_a_walk_in_of_one_queue_at_once_both_get_their_ticket(
    queue_office, monkeypatch
):
    """The lock order of docs/queue.md: booking, ticket number, audit chain. A check-in that
    audited its booking before taking the number held the chain while a walk-in of the same
    queue held the number and waited for the chain: PostgreSQL found a deadlock and the
    kiosk showed an error. The walk-in here holds its number until the check-in has marked
    its booking, the moment the two used to cross."""
    from paspor.queueing import services
    from paspor.queueing.tests.conftest import MORNING, make_booking

    priority = OfficeService.objects.get(office=queue_office, kind=ServiceKind.PRIORITY)
    number_taken, booking_marked = threading.Event(), threading.Event()
    take, mark = services._number_take, services.booking_mark_checked_in

    def walk_in_take(**kwargs):
        number = take(**kwargs)
        if threading.current_thread().name == "walk-in":
            number_taken.set()
            booking_marked.wait(5)
        return number

    def check_in_mark(**kwargs):
        number_taken.wait(5)
        marked = mark(**kwargs)
        booking_marked.set()
        return marked

    with time_machine.travel(MORNING, tick=True):
        ticket_walk_in(office=queue_office, service=priority, by=None)  # the day's rows exist
        booking = make_booking(queue_office, pool=Pool.PRIORITY)
        monkeypatch.setattr(services, "_number_take", walk_in_take)
        monkeypatch.setattr(services, "booking_mark_checked_in", check_in_mark)
        errors: list[Exception] = []

        def run(work):
            try:
                work()
            except Exception as exc:  # reported below
                errors.append(exc)
            finally:
                connection.close()

        threads = [
            threading.Thread(
                name="walk-in",
                target=run,
                args=(lambda: ticket_walk_in(office=queue_office, service=priority, by=None),),
            ),
            threading.Thread(
                name="check-in",
                target=run,
                args=(lambda: ticket_check_in(office=queue_office, code=booking.code, by=None),),
            ),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert not errors, errors
    numbers = Ticket.objects.filter(service=priority).values_list("number", flat=True)
    assert sorted(numbers) == [1, 2, 3]
