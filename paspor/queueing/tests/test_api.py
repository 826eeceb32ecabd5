# mypy: disable-error-code="union-attr"
"""The queue API (/api/queue/): the same rules and access as the pages."""

import pytest

from paspor.queueing.models import Ticket
from paspor.queueing.tests.conftest import make_booking

pytestmark = pytest.mark.django_db


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_kiosk_checks_in_by_api(client_for, queue_office, kiosk, frozen):
    booking = make_booking(queue_office, name="Rina")
    response = post(client_for(kiosk), "/api/queue/ketapang/check-in", {"code": booking.code})
    assert response.status_code == 201
    body = response.json()
    assert body["ticket"] == "A-001" and body["position"] == 1
    assert body["url"].endswith(f"/antrian/t/{body['token']}/")
    assert "Rina" not in response.content.decode()


def test_check_in_refusal_is_400_with_the_plain_message(client_for, queue_office, kiosk, frozen):
    booking = make_booking(
        queue_office, start=__import__("datetime").time(11), end=__import__("datetime").time(12)
    )
    response = post(client_for(kiosk), "/api/queue/ketapang/check-in", {"code": booking.code})
    assert response.status_code == 400
    assert response.json()["detail"] == "Anda datang terlalu awal: silakan kembali pukul 10.30."


def test_walk_in_cap_is_409(client_for, queue_office, kiosk, frozen):
    client = client_for(kiosk)
    for _ in range(3):
        assert post(client, "/api/queue/ketapang/walk-in", {"service": "pickup"}).status_code == 201
    response = post(client, "/api/queue/ketapang/walk-in", {"service": "pickup"})
    assert response.status_code == 409
    assert "sudah habis" in response.json()["detail"]


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 401), ("applicant", 403), ("intake_officer", 403), ("officer_of_other_office", 403)],
)
def test_only_the_kiosk_issues_tickets(
    request, client_for, queue_office, other_queue_office, who, status
):
    user = request.getfixturevalue(who) if who else None
    response = post(client_for(user), "/api/queue/ketapang/walk-in", {"service": "pickup"})
    assert response.status_code == status


def test_officer_works_the_counter_by_api(client_for, queue_office, kiosk, intake_officer, frozen):
    post(client_for(kiosk), "/api/queue/ketapang/walk-in", {"service": "lost_damaged"})
    client = client_for(intake_officer)
    assert (
        post(
            client, "/api/queue/ketapang/counter/open", {"counter": 1, "station": "intake"}
        ).status_code
        == 200
    )
    called = post(client, "/api/queue/ketapang/counter/call-next")
    assert called.status_code == 200
    assert called.json()["ticket"]["ticket"] == "F-001"
    assert called.json()["ticket"]["status"] == "called"
    assert post(client, "/api/queue/ketapang/counter/no-show").status_code == 409
    assert post(client, "/api/queue/ketapang/counter/recall").json()["ticket"]["ticket"] == "F-001"
    assert post(client, "/api/queue/ketapang/counter/start").status_code == 200
    moved = post(client, "/api/queue/ketapang/counter-transfer", {"station": "payment_help"})
    assert moved.json()["ticket"]["station"] == "payment_help"
    assert post(client, "/api/queue/ketapang/counter/call-next").json()["ticket"] is None
    assert post(client, "/api/queue/ketapang/counter/close").status_code == 200


def test_a_kiosk_cannot_call_by_api(client_for, queue_office, kiosk):
    assert post(client_for(kiosk), "/api/queue/ketapang/counter/call-next").status_code == 403


def test_an_officer_of_another_office_gets_404(
    client_for, queue_office, other_queue_office, officer_of_other_office
):
    response = post(client_for(officer_of_other_office), "/api/queue/ketapang/counter/call-next")
    assert response.status_code == 404


def test_uncertified_officer_cannot_open_by_api(client_for, queue_office, intake_officer, frozen):
    response = post(
        client_for(intake_officer),
        "/api/queue/ketapang/counter/open",
        {"counter": 3, "station": "biometrics"},
    )
    assert response.status_code == 403
    assert "belum bersertifikat" in response.json()["detail"]


def test_reinstate_and_resume_by_ticket_number(
    client_for, queue_office, kiosk, intake_officer, frozen
):
    post(client_for(kiosk), "/api/queue/ketapang/walk-in", {"service": "lost_damaged"})
    client = client_for(intake_officer)
    post(client, "/api/queue/ketapang/counter/open", {"counter": 1, "station": "intake"})
    post(client, "/api/queue/ketapang/counter/call-next")
    post(client, "/api/queue/ketapang/counter/park")
    resumed = post(client, "/api/queue/ketapang/counter-resume", {"ticket": "F-001"})
    assert resumed.json()["ticket"]["status"] == "called"
    post(client, "/api/queue/ketapang/counter/recall")
    post(client, "/api/queue/ketapang/counter/recall")
    assert post(client, "/api/queue/ketapang/counter/no-show").status_code == 200
    back = post(client, "/api/queue/ketapang/reinstate", {"ticket": "F-001"})
    assert back.json()["ticket"]["status"] == "waiting"
    assert post(client, "/api/queue/ketapang/reinstate", {"ticket": "F-999"}).status_code == 404


def test_ticket_status_is_public_and_impersonal(client, queue_office, kiosk, client_for, frozen):
    booking = make_booking(queue_office, name="Nama Rahasia")
    token = post(client_for(kiosk), "/api/queue/ketapang/check-in", {"code": booking.code}).json()[
        "token"
    ]
    response = client.get(f"/api/queue/t/{token}")
    assert response.status_code == 200
    assert response.json() == {
        "ticket": "A-001",
        "service": "regular",
        "status": "waiting",
        "station": "intake",
        "position": 1,
        "estimated_wait_minutes": None,  # no counter open: no estimate
        "counter": None,
    }
    assert client.get("/api/queue/t/tebakan").status_code == 404
    assert Ticket.objects.count() == 1
