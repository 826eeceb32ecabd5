"""The call-next rule as a pure function (docs/queue.md)."""

import datetime as dt

from paspor.queueing.ordering import QueueEntry, call_order

T0 = dt.datetime(2026, 3, 12, 2, 0, tzinfo=dt.UTC)
AGING = dt.timedelta(minutes=20)


def entry(pk, minute, *, priority=False, booked=False, service=1, queued=None, target=None):
    arrived = T0 + dt.timedelta(minutes=minute)
    return QueueEntry(
        ticket_id=pk,
        service_id=service,
        is_priority=priority,
        is_booked=booked,
        arrived_at=arrived,
        queued_at=T0 + dt.timedelta(minutes=queued) if queued is not None else arrived,
        target_counter_id=target,
    )


def ids(entries):
    return [e.ticket_id for e in entries]


def test_first_come_first_served_by_original_arrival():
    entries = [entry(3, 5, queued=30), entry(1, 1, queued=31), entry(2, 3, queued=29)]
    now = T0 + dt.timedelta(minutes=32)
    assert ids(call_order(entries, now=now, aging=AGING)) == [1, 2, 3]


def test_priority_tickets_go_before_regular_ones():
    entries = [entry(1, 0), entry(2, 5, priority=True), entry(3, 6, priority=True)]
    assert ids(call_order(entries, now=T0 + dt.timedelta(minutes=7), aging=AGING)) == [2, 3, 1]


def test_a_regular_ticket_that_waited_the_aging_bound_goes_before_priority():
    entries = [entry(1, 0), entry(2, 15, priority=True)]
    assert ids(call_order(entries, now=T0 + dt.timedelta(minutes=19), aging=AGING)) == [2, 1]
    assert ids(call_order(entries, now=T0 + dt.timedelta(minutes=20), aging=AGING)) == [1, 2]


def test_aging_counts_the_wait_at_this_station_not_since_arrival():
    # Arrived two hours ago but reached this station a minute ago: not aged.
    entries = [entry(1, -120, queued=0), entry(2, 0, priority=True)]
    assert ids(call_order(entries, now=T0 + dt.timedelta(minutes=1), aging=AGING)) == [2, 1]


def test_booked_ticket_goes_before_an_earlier_walk_in_of_the_same_service():
    entries = [entry(1, 0, service=7), entry(2, 4, service=7, booked=True)]
    assert ids(call_order(entries, now=T0 + dt.timedelta(minutes=5), aging=AGING)) == [2, 1]


def test_walk_in_of_another_service_keeps_its_arrival_order():
    entries = [entry(1, 0, service=8), entry(2, 4, service=7, booked=True)]
    assert ids(call_order(entries, now=T0 + dt.timedelta(minutes=5), aging=AGING)) == [1, 2]


def test_a_walk_in_steps_back_for_its_services_booking_and_no_other_booking_is_passed():
    # Express walk-in 09:00, regular booked 09:01, express booked 09:02. The walk-in waits for
    # the express booking; the regular booking, which came first, is not passed by it.
    entries = [
        entry(1, 0, service=3),
        entry(2, 1, service=1, booked=True),
        entry(3, 2, service=3, booked=True),
    ]
    assert ids(call_order(entries, now=T0 + dt.timedelta(minutes=3), aging=AGING)) == [2, 3, 1]


def test_only_walk_ins_held_back_and_their_bookings_left_the_booking_goes_first():
    entries = [entry(1, 0, service=3), entry(2, 1, service=4), entry(3, 2, service=3, booked=True)]
    assert ids(call_order(entries, now=T0 + dt.timedelta(minutes=3), aging=AGING)) == [2, 3, 1]


def test_booked_priority_goes_before_walk_in_priority():
    entries = [
        entry(1, 0, priority=True, service=2),
        entry(2, 3, priority=True, service=2, booked=True),
        entry(3, 1),
    ]
    assert ids(call_order(entries, now=T0 + dt.timedelta(minutes=4), aging=AGING)) == [2, 1, 3]


def test_ticket_transferred_to_a_counter_is_called_there_first_and_only_there():
    entries = [entry(1, 0, priority=True), entry(2, 5, target=9)]
    now = T0 + dt.timedelta(minutes=6)
    assert ids(call_order(entries, now=now, aging=AGING, counter_id=9)) == [2, 1]
    assert ids(call_order(entries, now=now, aging=AGING, counter_id=4)) == [1]


def test_a_stream_of_priority_tickets_cannot_hold_a_regular_ticket_beyond_the_bound():
    """One call a minute, a new priority ticket every minute: the regular one is called by
    the first call after it has waited the bound."""
    waiting = [entry(0, 0)]
    called_at = None
    for minute in range(60):
        waiting.append(entry(minute + 1, minute, priority=True))
        now = T0 + dt.timedelta(minutes=minute)
        first = call_order(waiting, now=now, aging=AGING)[0]
        waiting.remove(first)
        if first.ticket_id == 0:
            called_at = minute
            break
    assert called_at == 20


def test_a_stream_of_aged_regular_tickets_cannot_starve_a_priority_ticket():
    """A busy day: two regular arrivals a minute, one call a minute, so regular tickets that
    waited the aging bound never run out. A priority ticket that waited the bound too is no
    longer passed by regular tickets that came after it."""
    waiting = [entry(pk, minute) for pk, minute in enumerate(range(-40, 0), start=1000)]
    waiting.append(entry(1, 0, priority=True))
    called_after_it = []
    for minute in range(1, 120):
        waiting += [entry(2000 + 2 * minute, minute), entry(2001 + 2 * minute, minute)]
        now = T0 + dt.timedelta(minutes=minute)
        first = call_order(waiting, now=now, aging=AGING)[0]
        waiting.remove(first)
        if first.ticket_id == 1:
            break
        if first.arrived_at > T0:
            called_after_it.append(first.ticket_id)
    assert not called_after_it
    assert 1 not in ids(waiting)
