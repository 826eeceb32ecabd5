# mypy: disable-error-code="union-attr"
"""Where the queue hands the applicant on: the console's next page, the ticket's phone link."""

import re

import pytest
from django.urls import reverse

from conftest import make_user
from paspor.accounts.models import Role
from paspor.offices.models import OfficeService, ServiceKind
from paspor.queueing.services import counter_open, ticket_call_next, ticket_walk_in
from paspor.queueing.tests.conftest import counter, make_booking, station

pytestmark = pytest.mark.django_db


def console(client):
    return client.get(reverse("queueing:console", args=["ketapang"])).content.decode()


def test_the_console_shows_no_template_comment_to_the_officer(
    client_for, intake_desk, intake_officer
):
    body = console(client_for(intake_officer))
    assert "{#" not in body and "#}" not in body
    assert "3-second refresh" not in body


def handover_officer_at_counter_5(office, username, station_type):
    """A handover officer certified for `station_type`, with counter 5 open for it."""
    officer = make_user(username, role=Role.HANDOVER, office=office, stations=(station_type,))
    desk = counter_open(
        office=office,
        counter=counter(office, 5),
        station=station(office, station_type),
        by=officer,
    )
    return officer, desk


def test_a_pickup_ticket_at_the_handover_counter_leads_to_the_handover_page(
    client_for, queue_office, frozen
):
    officer, desk = handover_officer_at_counter_5(queue_office, "petugas_serah", "handover")
    service = OfficeService.objects.get(office=queue_office, kind=ServiceKind.PICKUP)
    ticket_walk_in(office=queue_office, service=service, by=None)
    ticket_call_next(session=desk, by=officer)
    client = client_for(officer)
    body = console(client)
    link = re.search(r'<a href="([^"]+)"[^>]*id="handover-link"', body)
    assert link is not None
    assert link.group(1) == reverse("issuance:pickup_queue", args=["ketapang"])
    assert client.get(link.group(1)).status_code == 200  # no 403 for the handover officer


def kiosk_ticket_page(client, office):
    booking = make_booking(office)
    response = client.post(
        reverse("queueing:kiosk_check_in", args=["ketapang"]),
        {"code": booking.code, "nik": booking.nik},
        follow=True,
    )
    return response.content.decode()


def test_a_ticket_taken_in_english_opens_in_english_on_the_phone(
    client_for, queue_office, kiosk, frozen
):
    client = client_for(kiosk)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = kiosk_ticket_page(client, queue_office)
    url = re.search(r'<p class="ticket-meta ticket-url">([^<]+)</p>', body).group(1)
    assert url.endswith("/?bahasa=en")
    phone = client_for(None).get(url.replace("http://testserver", ""))
    assert "Your queue" in phone.content.decode()


def test_a_ticket_taken_in_indonesian_carries_no_language(client_for, queue_office, kiosk, frozen):
    body = kiosk_ticket_page(client_for(kiosk), queue_office)
    url = re.search(r'<p class="ticket-meta ticket-url">([^<]+)</p>', body).group(1)
    assert "bahasa" not in url


def test_the_case_link_is_offered_only_to_those_who_may_open_case_pages(
    client_for, queue_office, intake_officer, frozen
):
    from paspor.payments.tests.factories import make_case

    officer, desk = handover_officer_at_counter_5(queue_office, "petugas_info", "information")
    service = OfficeService.objects.get(office=queue_office, kind=ServiceKind.INFORMATION)
    ticket = ticket_walk_in(office=queue_office, service=service, by=None)
    case = make_case(queue_office, intake_officer, ticket=ticket)
    ticket_call_next(session=desk, by=officer)
    body = console(client_for(officer))
    assert ticket.display in body
    # A handover officer may not open case pages (403): no link that leads there.
    assert reverse("cases:detail", args=["ketapang", case.code]) not in body
    assert (
        client_for(officer).get(reverse("cases:detail", args=["ketapang", case.code])).status_code
        == 403
    )
