# mypy: disable-error-code="union-attr"
"""Transfers: only to a station or an OPEN counter, never to where the ticket already is; a
counter that closes gives back the tickets transferred to it."""

import datetime as dt

import pytest
from django.urls import reverse

from paspor.audit.models import AuditEntry
from paspor.lib.errors import Conflict
from paspor.queueing.models import Ticket, TicketStatus
from paspor.queueing.selectors import station_order, ticket_view
from paspor.queueing.services import (
    counter_close,
    counter_open,
    ticket_call_next,
    ticket_transfer,
)
from paspor.queueing.tests.conftest import booked, counter, station

pytestmark = pytest.mark.django_db


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


@pytest.fixture
def second_desk(queue_office, second_intake_officer, intake_desk):
    """Counter 2 opened at intake by a second officer (after counter 1)."""
    return counter_open(
        office=queue_office,
        counter=counter(queue_office, 2),
        station=station(queue_office, "intake"),
        by=second_intake_officer,
    )


def test_transfer_to_a_closed_counter_is_refused_and_the_ticket_stays(
    queue_office, intake_desk, intake_officer
):
    ticket = booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    with pytest.raises(Conflict, match="Loket 2 tidak buka") as refused:
        ticket_transfer(session=intake_desk, by=intake_officer, counter=counter(queue_office, 2))
    assert refused.value.code == "counter_closed"
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CALLED and ticket.counter.number == 1
    assert ticket.target_counter is None


def test_api_transfer_to_a_closed_counter_is_409_with_the_reason(
    client_for, queue_office, intake_desk, intake_officer
):
    booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    response = post(
        client_for(intake_officer), "/api/queue/ketapang/counter-transfer", {"counter": 4}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "counter_closed"
    assert "Loket 4 tidak buka" in response.json()["detail"]


def test_closing_a_counter_returns_its_transferred_tickets_to_the_station_at_their_place(
    queue_office, intake_desk, intake_officer, second_desk, second_intake_officer, frozen
):
    first = booked(queue_office)
    frozen.shift(dt.timedelta(minutes=1))
    later = booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_transfer(session=intake_desk, by=intake_officer, counter=counter(queue_office, 2))
    assert Ticket.objects.get(pk=first.pk).target_counter.number == 2

    counter_close(session=second_desk, by=second_intake_officer)

    first.refresh_from_db()
    assert first.status == TicketStatus.WAITING and first.target_counter is None
    # Back at its place by arrival: ahead of the later one, and counter 1 calls it again.
    order = [e.ticket_id for e in station_order(station(queue_office, "intake"))]
    assert order == [first.pk, later.pk]
    assert ticket_view(first).position == 1
    assert ticket_call_next(session=intake_desk, by=intake_officer).pk == first.pk
    closed = AuditEntry.objects.filter(event="queue.counter_closed").latest("pk")
    assert closed.new["returned_to_station"] == [first.display]


def test_console_offers_only_open_counters_and_other_stations(
    client_for, queue_office, intake_desk, intake_officer, bio_desk
):
    booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    body = client_for(intake_officer).get(reverse("queueing:console", args=["ketapang"]))
    select = body.content.decode().split('id="transfer-target"')[1].split("</select>")[0]
    bio = counter(queue_office, 3)
    assert f'value="counter:{bio.pk}"' in select and "Loket 3 · Foto, sidik jari" in select
    for closed in (2, 4, 5):
        assert f'value="counter:{counter(queue_office, closed).pk}"' not in select
    # Not its own station: a transfer there would be no transfer.
    assert f'value="station:{station(queue_office, "intake").pk}"' not in select
    assert f'value="station:{station(queue_office, "payment_help").pk}"' in select


def test_transfer_to_the_tickets_own_station_is_refused(queue_office, intake_desk, intake_officer):
    booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    with pytest.raises(Conflict, match="sudah di Pemeriksaan berkas") as refused:
        ticket_transfer(
            session=intake_desk, by=intake_officer, station=station(queue_office, "intake")
        )
    assert refused.value.code == "same_station"


def test_transfer_to_a_counter_goes_to_the_station_it_is_open_for(
    queue_office, intake_desk, intake_officer, supervisor
):
    counter_open(
        office=queue_office,
        counter=counter(queue_office, 2),
        station=station(queue_office, "payment_help"),
        by=supervisor,
    )
    booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    moved = ticket_transfer(
        session=intake_desk, by=intake_officer, counter=counter(queue_office, 2)
    )
    assert moved.station.station_type == "payment_help" and moved.target_counter.number == 2
    # Naming a station the counter is not open for is refused, with the station it serves.
    booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    with pytest.raises(Conflict, match="sedang melayani Bantuan pembayaran"):
        ticket_transfer(
            session=intake_desk,
            by=intake_officer,
            counter=counter(queue_office, 2),
            station=station(queue_office, "biometrics"),
        )


def test_transfer_notice_names_the_target(
    client_for, queue_office, intake_desk, intake_officer, second_desk
):
    booked(queue_office)
    booked(queue_office)
    client = client_for(intake_officer)
    url = reverse("queueing:console_action", args=["ketapang", "transfer"])
    call = reverse("queueing:console_action", args=["ketapang", "call"])
    client.post(call)
    body = client.post(url, {"target": f"counter:{counter(queue_office, 2).pk}"})
    assert "A-001 dialihkan ke Loket 2." in body.content.decode()
    client.post(call)
    payment = station(queue_office, "payment_help")
    body = client.post(url, {"target": f"station:{payment.pk}"})
    assert "A-002 dialihkan ke Bantuan pembayaran." in body.content.decode()


def test_a_ticket_transferred_to_a_counter_is_marked_in_its_queue(
    client_for, queue_office, intake_desk, intake_officer, second_desk, second_intake_officer
):
    booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_transfer(session=intake_desk, by=intake_officer, counter=counter(queue_office, 2))
    body = client_for(second_intake_officer).get(reverse("queueing:console", args=["ketapang"]))
    assert "dialihkan ke loket ini" in body.content.decode()


def test_phone_counts_a_ticket_sent_to_a_counter_as_next_there_and_ahead_of_the_others(
    queue_office, intake_desk, intake_officer, supervisor, frozen
):
    """The information desk sends a walk-in to counter 1, which calls it before anything
    else: its phone must not say "5th, you may wait outside", and those waiting there have it
    ahead of them."""
    from paspor.offices.models import OfficeService
    from paspor.queueing.services import ticket_walk_in

    early = [booked(queue_office) for _ in range(3)]
    frozen.shift(dt.timedelta(minutes=5))
    info = OfficeService.objects.get(office=queue_office, ticket_prefix="E")
    walk_in = ticket_walk_in(office=queue_office, service=info, by=None)
    desk = counter_open(
        office=queue_office,
        counter=counter(queue_office, 5),
        station=station(queue_office, "information"),
        by=supervisor,
    )
    assert ticket_call_next(session=desk, by=supervisor).pk == walk_in.pk
    ticket_transfer(session=desk, by=supervisor, counter=counter(queue_office, 1))

    walk_in.refresh_from_db()
    assert ticket_view(walk_in).position == 1
    assert [ticket_view(t).position for t in early] == [2, 3, 4]
    assert ticket_call_next(session=intake_desk, by=intake_officer).pk == walk_in.pk
