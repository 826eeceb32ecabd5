# mypy: disable-error-code="union-attr"
"""Who may open which page: a table per URL, tested from outside."""

import pytest
from django.urls import reverse

from paspor.offices.models import OfficeService, ServiceKind
from paspor.queueing.services import ticket_walk_in

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "applicant",
    "kiosk",
    "display",
    "intake_officer",
    "officer_of_other_office",
    "head_of_office",
]


def persona(request, name):
    return None if name == "anonymous" else request.getfixturevalue(name)


def check(request, client_for, method, url, expected, data=None):
    for name, status in zip(PERSONAS, expected, strict=True):
        client = client_for(persona(request, name))
        response = getattr(client, method)(url, data or {})
        assert response.status_code == status, (name, url, response.status_code)
        if status == 302:
            assert "/akun/" in response["Location"]  # to sign in


# anonymous, applicant, kiosk, display, intake, other office, head
GET_TABLE = {
    "queueing:kiosk": [302, 403, 200, 403, 403, 403, 403],
    "queueing:console": [302, 403, 403, 403, 200, 404, 403],
    "queueing:console_queue": [302, 403, 403, 403, 200, 404, 403],
    "queueing:board": [302, 403, 403, 200, 403, 403, 200],
    "queueing:overview": [302, 403, 403, 403, 403, 403, 200],
}


@pytest.mark.parametrize("name", sorted(GET_TABLE))
def test_staff_pages_access_table(request, client_for, queue_office, other_queue_office, name):
    check(request, client_for, "get", reverse(name, args=["ketapang"]), GET_TABLE[name])


POST_TABLE = {
    ("queueing:kiosk_check_in", None): [302, 403, 400, 403, 403, 403, 403],
    ("queueing:kiosk_walk_in", None): [302, 403, 400, 403, 403, 403, 403],
    ("queueing:console_open", None): [302, 403, 403, 403, 400, 404, 403],
    # A kiosk account cannot call; an officer without an open counter gets a 409.
    ("queueing:console_action", "call"): [302, 403, 403, 403, 409, 404, 403],
}


@pytest.mark.parametrize(("name", "action"), sorted(POST_TABLE, key=str))
def test_staff_actions_access_table(
    request, client_for, queue_office, other_queue_office, name, action
):
    args = ["ketapang"] + ([action] if action else [])
    check(request, client_for, "post", reverse(name, args=args), POST_TABLE[(name, action)])


@pytest.fixture
def ticket(queue_office):
    return ticket_walk_in(
        office=queue_office,
        service=OfficeService.objects.get(office=queue_office, kind=ServiceKind.PICKUP),
        by=None,
    )


def test_kiosk_ticket_page_access(request, client_for, ticket, other_queue_office):
    url = reverse("queueing:kiosk_ticket", args=["ketapang", ticket.token])
    check(request, client_for, "get", url, [302, 403, 200, 403, 403, 403, 403])


def test_ticket_pdf_access(request, client_for, ticket, other_queue_office):
    url = reverse("queueing:ticket_pdf", args=["ketapang", ticket.token])
    check(request, client_for, "get", url, [302, 403, 200, 403, 200, 404, 403])


def test_kiosk_prints_the_pdf_of_todays_tickets_only_and_officers_of_any_day(
    client_for, ticket, kiosk, intake_officer
):
    import datetime as dt

    url = reverse("queueing:ticket_pdf", args=["ketapang", ticket.token])
    ticket.day -= dt.timedelta(days=1)  # yesterday's visitor, their name on the ticket
    ticket.save(update_fields=["day"])
    # As the kiosk's own ticket page: another day's ticket is not the kiosk's to show.
    assert client_for(kiosk).get(url).status_code == 404
    kiosk_page = reverse("queueing:kiosk_ticket", args=["ketapang", ticket.token])
    assert client_for(kiosk).get(kiosk_page).status_code == 404
    assert client_for(intake_officer).get(url).status_code == 200


def test_phone_page_is_public_by_its_token(request, client_for, ticket):
    url = reverse("queueing:ticket_public", args=[ticket.token])
    check(request, client_for, "get", url, [200] * 7)
    status = reverse("queueing:ticket_public_status", args=[ticket.token])
    check(request, client_for, "get", status, [200] * 7)


@pytest.mark.django_db(transaction=True)  # the stream closes its database connection
def test_event_stream_access(request, client_for, queue_office, other_queue_office):
    url = reverse("queueing:board_events", args=["ketapang"])
    for name, status in zip(PERSONAS, [403, 403, 403, 200, 403, 403, 200], strict=True):
        response = client_for(persona(request, name)).get(url)
        assert response.status_code == status, name
        response.close()


def test_officer_of_another_office_sees_nothing_of_this_office(
    client_for, queue_office, other_queue_office, officer_of_other_office, ticket
):
    client = client_for(officer_of_other_office)
    for url in (
        reverse("queueing:console", args=["ketapang"]),
        reverse("queueing:ticket_pdf", args=["ketapang", ticket.token]),
        reverse("queueing:console_action", args=["ketapang", "call"]),
    ):
        response = client.post(url) if "aksi" in url else client.get(url)
        assert response.status_code == 404
        assert ticket.display not in response.content.decode()
    # Their own console shows their own office only.
    body = client.get(reverse("queueing:console", args=["pontianak"])).content.decode()
    assert "Ketapang" not in body


def test_kiosk_of_another_office_cannot_show_this_offices_ticket(
    client_for, ticket, other_queue_office
):
    from conftest import make_user
    from paspor.accounts.models import Role

    other_kiosk = make_user("kios_lain", role=Role.KIOSK, office=other_queue_office)
    url = reverse("queueing:kiosk_ticket", args=["ketapang", ticket.token])
    assert client_for(other_kiosk).get(url).status_code == 404
