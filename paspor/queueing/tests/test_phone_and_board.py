# mypy: disable-error-code="union-attr"
"""The ticket on the phone (advice per state, the walk-in's way to the survey) and the board's
list of previous calls."""

import pytest
from django.urls import reverse

from paspor.offices.models import OfficeService, ServiceKind
from paspor.queueing.selectors import board_state
from paspor.queueing.services import (
    ticket_call_next,
    ticket_end_visit,
    ticket_recall,
    ticket_walk_in,
)
from paspor.surveys.models import SurveyInvitation, SurveyResponse

pytestmark = pytest.mark.django_db

WAIT_ADVICE = "Anda boleh menunggu di luar ruangan"
GO_NOW = "datanglah ke loket sekarang"


def walk_in(office):
    # A lost/damaged walk-in starts at the intake station (the test layout).
    service = OfficeService.objects.get(office=office, kind=ServiceKind.LOST_DAMAGED)
    return ticket_walk_in(office=office, service=service, by=None)


def phone(client, ticket):
    return client.get(reverse("queueing:ticket_public", args=[ticket.token])).content.decode()


def test_waiting_ticket_may_wait_outside(client, queue_office, intake_desk):
    ticket = walk_in(queue_office)
    body = phone(client, ticket)
    assert WAIT_ADVICE in body
    assert GO_NOW not in body


def test_the_information_desk_is_named_once_and_another_station_beside_its_service(
    client, queue_office
):
    information = OfficeService.objects.get(office=queue_office, kind=ServiceKind.INFORMATION)
    body = phone(client, ticket_walk_in(office=queue_office, service=information, by=None))
    assert body.count(">Informasi<") == 1
    body = phone(client, walk_in(queue_office))
    assert ">Paspor hilang/rusak<" in body and 'class="phone-station"' in body


def test_called_ticket_is_told_to_go_to_the_counter_now(
    client, queue_office, intake_desk, intake_officer
):
    ticket = walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    body = phone(client, ticket)
    assert "Silakan ke loket 1" in body
    assert GO_NOW in body
    assert WAIT_ADVICE not in body
    assert "/survei/" not in body


def test_walk_in_reaches_its_own_survey_once_the_visit_is_over(
    client, queue_office, intake_desk, intake_officer
):
    other = walk_in(queue_office)
    ticket = walk_in(queue_office)
    for _ in range(2):
        ticket_call_next(session=intake_desk, by=intake_officer)
        ticket_end_visit(session=intake_desk, by=intake_officer)
    own = SurveyInvitation.objects.get(ticket=ticket)
    another = SurveyInvitation.objects.get(ticket=other)
    body = phone(client, ticket)
    assert WAIT_ADVICE not in body
    assert "Terima kasih atas kunjungan Anda" in body
    assert f"/survei/{own.token}/" in body
    assert another.token not in body
    assert "<svg" in body  # the survey's QR code
    assert reverse("notifications:status") in body
    # The polled fragment says the same.
    fragment = client.get(reverse("queueing:ticket_public_status", args=[ticket.token]))
    assert f"/survei/{own.token}/" in fragment.content.decode()


def test_answered_survey_is_not_offered_again(client, queue_office, intake_desk, intake_officer):
    ticket = walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_end_visit(session=intake_desk, by=intake_officer)
    invitation = SurveyInvitation.objects.get(ticket=ticket)
    SurveyResponse.objects.create(
        invitation=invitation,
        office=queue_office,
        answered_on=ticket.day,
        **{f"u{n}": 4 for n in range(1, 10)},
    )
    body = phone(client, ticket)
    assert invitation.token not in body
    assert "Terima kasih atas kunjungan Anda" in body


def test_board_lists_each_ticket_once_with_its_latest_call(
    queue_office, intake_desk, intake_officer
):
    first = walk_in(queue_office)
    second = walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_end_visit(session=intake_desk, by=intake_officer)
    ticket_call_next(session=intake_desk, by=intake_officer)
    for _ in range(3):
        ticket_recall(session=intake_desk, by=intake_officer)
    recent = [call.ticket for call in board_state(queue_office)["recent"]]
    assert recent == [second.display, first.display]


def test_board_without_calls_says_so(client_for, queue_office, display):
    body = client_for(display).get(reverse("queueing:board", args=["ketapang"])).content.decode()
    assert body.count("Belum ada panggilan") == 2
