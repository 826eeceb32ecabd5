"""A crash in the kiosk or at a counter leaves the ticket whole or absent and the numbers of
the day without a gap or a double (booking/tests/faults.py).

Each write is failed at every one of its SQL statements and at its COMMIT — by an exception,
and on PostgreSQL by ending its connection — then sent again as a client would after a timeout.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import pytest

from paspor.booking.models import Booking
from paspor.booking.tests.faults import (
    MODES,
    Faults,
    assert_invariants,
    database_tasks,  # noqa: F401 - the fixture
    faults_installed,
    prove_all_or_nothing,
)
from paspor.offices.models import OfficeService, ServiceKind
from paspor.queueing.models import CounterSession, Ticket, TicketStatus
from paspor.queueing.services import (
    DayClosed,
    queue_day_close,
    ticket_call_next,
    ticket_check_in,
    ticket_park,
    ticket_transfer,
    ticket_walk_in,
)
from paspor.queueing.tests.conftest import booked, make_booking, station
from paspor.queueing.tests.test_day_close import NEXT_MONDAY, TUESDAY, open_desk, walk_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("frozen", "database_tasks"),
]


def session_of(session: CounterSession) -> CounterSession:
    """The session as the next request loads it."""
    return CounterSession.objects.select_related("counter__office", "station").get(pk=session.pk)


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_during_check_in_gives_a_whole_ticket_or_none_and_no_number_lost(
    kill, queue_office, kiosk
):
    booked(queue_office)  # number 1 taken before: the next must be 2, never 3

    def setup() -> Callable[[], Ticket]:
        code = make_booking(queue_office).code
        return lambda: ticket_check_in(office=queue_office, code=code, by=kiosk)

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    ticket = report.result
    assert Booking.objects.get(pk=ticket.booking_id).status == "checked_in"
    assert report.clean_change["queueing_ticket"] == (0, 1)
    assert report.clean_change["audit_auditentry"] == (0, 2)  # the booking's and the ticket's


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_while_a_walk_in_ticket_is_printed_loses_no_number(kill, queue_office, kiosk):
    service = OfficeService.objects.get(office=queue_office, kind=ServiceKind.LOST_DAMAGED)
    walk_in(queue_office)

    def setup() -> Callable[[], Ticket]:
        return lambda: ticket_walk_in(office=queue_office, service=service, by=kiosk)

    # A second press of the button is a second person's ticket: no retry is judged here.
    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill, retry=False)
    numbers = Ticket.objects.filter(office=queue_office, prefix="F").values_list("number")
    assert report.result.number == len(numbers)


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_while_calling_the_next_ticket_calls_it_whole_or_leaves_it_waiting(
    kill, queue_office, intake_desk, intake_officer
):
    def setup() -> Callable[[], Ticket | None]:
        if Ticket.objects.filter(counter=intake_desk.counter, status="called").exists():
            # A failure after the commit (the boards' wake-up): the officer parks that one.
            ticket_park(session=session_of(intake_desk), by=intake_officer)
        booked(queue_office)
        return lambda: ticket_call_next(session=session_of(intake_desk), by=intake_officer)

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    assert report.result is not None and report.result.status == TicketStatus.CALLED


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_while_transferring_a_ticket_moves_it_whole_or_not_at_all(
    kill, queue_office, intake_desk, intake_officer
):
    def setup() -> Callable[[], Ticket]:
        booked(queue_office)
        ticket_call_next(session=intake_desk, by=intake_officer)
        biometrics = station(queue_office, "biometrics")
        return lambda: ticket_transfer(
            session=session_of(intake_desk), by=intake_officer, station=biometrics
        )

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    assert report.result.station.station_type == "biometrics"


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_while_closing_the_day_closes_it_whole_or_not_at_all(
    kill, queue_office, intake_officer, second_intake_officer, frozen
):
    days = (TUESDAY + dt.timedelta(days=n) for n in range(3))

    def setup() -> Callable[[], DayClosed]:
        """A day left open: two counters, three tickets (one called); closed the next Monday.
        A failure after the commit (the boards' wake-up) needs the next day as a new world."""
        day = next(days)
        frozen.move_to(day)
        one = open_desk(queue_office, 1, "intake", intake_officer)
        open_desk(queue_office, 2, "intake", second_intake_officer)
        for _ in range(3):
            walk_in(queue_office)
        ticket_call_next(session=one, by=intake_officer)
        frozen.move_to(NEXT_MONDAY)
        return lambda: queue_day_close(office=queue_office, day=day.date())

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    assert (report.result.sessions, report.result.tickets) == (2, 3)
    assert report.clean_change["audit_auditentry"] == (0, 5)


def test_a_kiosk_retrying_a_check_in_after_any_failure_gets_its_ticket_or_409(
    client_for, queue_office, kiosk
):
    """The kiosk sends the check-in again when the first answer was an error or never came:
    at whichever step the first request failed, the answer was a clean 503 (never 500), and
    the retry gets the ticket, or 409 with a reason when the first had already issued it."""
    client = client_for(kiosk)
    client.raise_request_exception = False  # as a server does: the error handler answers
    url = f"/api/queue/{queue_office.code}/check-in"
    for n in itertools.count(1):
        booking = make_booking(queue_office)
        sent = {"code": booking.code, "nik": booking.nik}
        faults = Faults(fail_at=n)
        with faults_installed(faults):
            first = client.post(url, sent, content_type="application/json")
        retry = client.post(url, sent, content_type="application/json")
        assert_invariants()
        if not faults.fired:
            assert (first.status_code, retry.status_code) == (201, 409)
            assert retry.json()["code"] and retry.json()["detail"]
            break
        if faults.after_commit:  # the ticket was issued; its answer was lost
            assert retry.status_code == 409 and retry.json()["code"], retry.content
        else:
            assert first.status_code == 503 and first.json()["detail"], (n, first.content)
            assert retry.status_code == 201, (n, faults.fired, retry.content)
        assert Ticket.objects.filter(booking=booking).count() == 1
    assert n > 10
