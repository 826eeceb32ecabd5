# mypy: disable-error-code="union-attr"
"""The queue API (/api/queue/): the same rules and access as the pages."""

import pytest

from paspor.queueing.models import Ticket
from paspor.queueing.tests.conftest import make_booking

pytestmark = pytest.mark.django_db
KTP = "6104015708900009"  # a NIK the kiosk read from a KTP: no test booking's


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_kiosk_checks_in_by_api(client_for, queue_office, kiosk, frozen):
    booking = make_booking(queue_office, name="Rina")
    response = post(
        client_for(kiosk),
        "/api/queue/ketapang/check-in",
        {"code": booking.code, "nik": booking.nik},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["ticket"] == "A-001" and body["position"] == 1
    assert body["url"].endswith(f"/antrian/t/{body['token']}/")
    assert "Rina" not in response.content.decode()


def test_the_api_check_in_reads_the_ktp_as_the_kiosk_page_does(
    client_for, queue_office, kiosk, frozen
):
    """A code or QR alone is not enough: a copied proof is not checked in without a KTP."""
    booking = make_booking(queue_office)
    client = client_for(kiosk)
    response = post(client, "/api/queue/ketapang/check-in", {"code": booking.code})
    assert response.status_code == 400 and response.json()["code"] == "nik_missing"
    someone_else = post(client, "/api/queue/ketapang/check-in", {"code": booking.code, "nik": KTP})
    assert someone_else.status_code == 400 and someone_else.json()["code"] == "nik_mismatch"
    assert not Ticket.objects.exists()


def test_check_in_too_early_is_a_409_with_the_plain_message(
    client_for, queue_office, kiosk, frozen
):
    booking = make_booking(
        queue_office, start=__import__("datetime").time(11), end=__import__("datetime").time(12)
    )
    response = post(
        client_for(kiosk),
        "/api/queue/ketapang/check-in",
        {"code": booking.code, "nik": booking.nik},
    )
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Anda datang terlalu awal: silakan kembali pukul 10.30.",
        "code": "too_early",
    }


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
    refused = post(client_for(kiosk), "/api/queue/ketapang/counter/call-next")
    assert (refused.status_code, refused.json()["code"]) == (403, "forbidden")


def test_an_officer_of_another_office_gets_404(
    client_for, queue_office, other_queue_office, officer_of_other_office
):
    response = post(client_for(officer_of_other_office), "/api/queue/ketapang/counter/call-next")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_an_unknown_action_is_checked_after_access(
    client_for, queue_office, other_queue_office, kiosk, officer_of_other_office, intake_officer
):
    url = "/api/queue/ketapang/counter/teleport"
    assert post(client_for(None), url).json()["code"] == "not_signed_in"
    assert post(client_for(kiosk), url).json()["code"] == "forbidden"
    assert post(client_for(officer_of_other_office), url).json()["code"] == "not_found"
    unknown = post(client_for(intake_officer), url)
    assert unknown.status_code == 404
    assert unknown.json() == {"detail": "Tindakan tidak dikenal.", "code": "unknown_action"}


def test_an_unknown_transfer_target_is_named_by_its_code(
    client_for, queue_office, kiosk, intake_officer, frozen
):
    post(client_for(kiosk), "/api/queue/ketapang/walk-in", {"service": "lost_damaged"})
    client = client_for(intake_officer)
    post(client, "/api/queue/ketapang/counter/open", {"counter": 1, "station": "intake"})
    post(client, "/api/queue/ketapang/counter/call-next")
    for target in ({"station": "ruang_rahasia"}, {"counter": 99}):
        refused = post(client, "/api/queue/ketapang/counter-transfer", target)
        assert refused.status_code == 400
        assert refused.json() == {
            "detail": "Pos atau loket tujuan tidak dikenal.",
            "code": "unknown_target",
        }


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
    token = post(
        client_for(kiosk),
        "/api/queue/ketapang/check-in",
        {"code": booking.code, "nik": booking.nik},
    ).json()["token"]
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
    guessed = client.get("/api/queue/t/tebakan")
    assert (guessed.status_code, guessed.json()["code"]) == (404, "ticket_not_found")
    assert Ticket.objects.count() == 1


@pytest.mark.parametrize(
    "word", ["reinstate", "check-in", "walk-in", "counter-transfer", "counter-resume"]
)
def test_a_ticket_token_like_an_office_action_is_still_a_ticket(
    client, queue_office, kiosk, client_for, frozen, word
):
    # "/t/reinstate" also matches "/{office}/reinstate": the ticket's route must win.
    assert client.get(f"/api/queue/t/{word}").json()["code"] == "ticket_not_found"
    booking = make_booking(queue_office, name="Nama Rahasia")
    post(
        client_for(kiosk),
        "/api/queue/ketapang/check-in",
        {"code": booking.code, "nik": booking.nik},
    )
    Ticket.objects.update(token=word)
    shown = client.get(f"/api/queue/t/{word}")
    assert shown.status_code == 200 and shown.json()["ticket"] == "A-001"


# --- Refusals: status, code, bounded input ----------------------------------------------------


@pytest.mark.parametrize("endpoint", ["counter-resume", "reinstate"])
def test_an_absurdly_long_ticket_number_is_refused_not_a_server_error(
    client_for, queue_office, intake_officer, frozen, endpoint
):
    client = client_for(intake_officer)
    post(client, "/api/queue/ketapang/counter/open", {"counter": 1, "station": "intake"})
    response = post(client, f"/api/queue/ketapang/{endpoint}", {"ticket": "A-" + "9" * 5000})
    assert response.status_code == 422
    unknown = post(client, f"/api/queue/ketapang/{endpoint}", {"ticket": "A-99999"})
    assert unknown.status_code == 404
    assert unknown.json() == {
        "detail": "Nomor antrean tidak ditemukan.",
        "code": "ticket_not_found",
    }


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("check-in", {"code": "K" * 201}),
        ("check-in", {"code": "KTP00001", "nik": "1" * 17}),
        ("walk-in", {"service": "p" * 21}),
    ],
)
def test_kiosk_text_inputs_are_bounded(client_for, queue_office, kiosk, path, body):
    assert post(client_for(kiosk), f"/api/queue/ketapang/{path}", body).status_code == 422


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("counter/open", {"counter": 1, "station": "x" * 21}),
        ("counter/open", {"counter": 10**12, "station": "intake"}),
        ("counter-transfer", {"station": "x" * 21}),
        ("counter-transfer", {"counter": 0}),
    ],
)
def test_officer_inputs_are_bounded(client_for, queue_office, intake_officer, path, body):
    assert post(client_for(intake_officer), f"/api/queue/ketapang/{path}", body).status_code == 422


@pytest.mark.parametrize("counter", [True, "1", 1.5])
def test_a_counter_number_is_a_whole_number_not_true(
    client_for, queue_office, intake_officer, frozen, counter
):
    body = {"counter": counter, "station": "intake"}
    response = post(client_for(intake_officer), "/api/queue/ketapang/counter/open", body)
    assert response.status_code == 422


def test_check_in_refusals_say_what_kind_they_are(client_for, queue_office, kiosk, frozen):
    import datetime as dt

    client = client_for(kiosk)
    unknown = post(client, "/api/queue/ketapang/check-in", {"code": "TIDAKADA1", "nik": KTP})
    assert unknown.status_code == 404 and unknown.json()["code"] == "booking_not_found"
    later = make_booking(queue_office, date=dt.date(2026, 3, 14))
    wrong_day = post(client, "/api/queue/ketapang/check-in", {"code": later.code, "nik": later.nik})
    assert wrong_day.status_code == 409 and wrong_day.json() == {
        "detail": "Booking ini untuk tanggal 14 Maret 2026: silakan datang kembali pada "
        "tanggal itu.",
        "code": "wrong_day",
    }
    early_morning = make_booking(queue_office, start=dt.time(7), end=dt.time(8))
    late = post(
        client,
        "/api/queue/ketapang/check-in",
        {"code": early_morning.code, "nik": early_morning.nik},
    )
    assert late.status_code == 409 and late.json()["code"] == "too_late"
    empty = post(client, "/api/queue/ketapang/check-in", {"code": "%%%", "nik": KTP})
    assert empty.status_code == 400 and empty.json()["code"] == "code_missing"


def test_walk_in_cap_refusal_gives_a_next_step_and_a_code(client_for, queue_office, kiosk, frozen):
    client = client_for(kiosk)
    for _ in range(3):
        post(client, "/api/queue/ketapang/walk-in", {"service": "pickup"})
    response = post(client, "/api/queue/ketapang/walk-in", {"service": "pickup"})
    assert response.json()["code"] == "walk_in_cap_reached"
    assert (
        "Pesan jadwal secara online, atau tanyakan ke petugas informasi."
        in (response.json()["detail"])
    )


def test_counter_answers_say_what_happened_with_specific_codes(
    client_for, queue_office, intake_officer, frozen
):
    client = client_for(intake_officer)
    not_open = post(client, "/api/queue/ketapang/counter/call-next")
    assert not_open.status_code == 409 and not_open.json() == {
        "detail": "Buka loket dulu.",
        "code": "counter_not_open",
    }
    opened = post(client, "/api/queue/ketapang/counter/open", {"counter": 1, "station": "intake"})
    assert opened.json()["detail"] == "Loket 1 dibuka untuk Pemeriksaan berkas."
    empty = post(client, "/api/queue/ketapang/counter/call-next")
    assert empty.status_code == 200
    assert empty.json() == {"ticket": None, "detail": "Tidak ada nomor yang menunggu."}
    nothing = post(client, "/api/queue/ketapang/counter/start")
    assert nothing.status_code == 409 and nothing.json()["code"] == "no_ticket_at_counter"


def test_counter_open_answer_is_in_the_readers_language(
    client_for, queue_office, intake_officer, frozen
):
    client = client_for(intake_officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    opened = post(client, "/api/queue/ketapang/counter/open", {"counter": 1, "station": "intake"})
    assert opened.json()["detail"] == "Counter 1 is open for Document check."


def test_an_inactive_counter_cannot_be_opened_by_api(client_for, queue_office, intake_officer):
    from paspor.offices.models import Counter

    Counter.objects.filter(office=queue_office, number=1).update(is_active=False)
    refused = post(
        client_for(intake_officer),
        "/api/queue/ketapang/counter/open",
        {"counter": 1, "station": "intake"},
    )
    assert refused.status_code == 400 and refused.json()["code"] == "unknown_counter"


def test_a_walk_in_sent_again_with_its_idempotency_key_gets_the_same_ticket(
    client_for, queue_office, kiosk, frozen
):
    client = client_for(kiosk)
    url, body = "/api/queue/ketapang/walk-in", {"service": "lost_damaged"}
    key = {"HTTP_IDEMPOTENCY_KEY": "retry-7f3a9c21"}
    first = client.post(url, body, content_type="application/json", **key)
    again = client.post(url, body, content_type="application/json", **key)
    assert first.status_code == again.status_code == 201
    assert first.json()["token"] == again.json()["token"]
    assert Ticket.objects.filter(office=queue_office).count() == 1
    assert post(client, url, body).json()["token"] != first.json()["token"]  # no key: new

    bad = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="x")
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_request_key"


def test_an_idempotency_key_reused_for_another_service_is_refused_not_the_old_ticket(
    client_for, queue_office, kiosk, frozen
):
    import datetime as dt

    client = client_for(kiosk)
    url = "/api/queue/ketapang/walk-in"
    key = {"HTTP_IDEMPOTENCY_KEY": "retry-7f3a9c21"}
    first = client.post(url, {"service": "pickup"}, content_type="application/json", **key)
    reused = client.post(url, {"service": "information"}, content_type="application/json", **key)
    assert reused.status_code == 409
    assert reused.json()["code"] == "idempotency_key_reused"
    assert first.json()["token"] not in reused.content.decode()
    assert Ticket.objects.filter(office=queue_office).count() == 1

    # The next office day the key names a new request: a new ticket, not yesterday's.
    frozen.shift(dt.timedelta(days=1))
    tomorrow = client.post(url, {"service": "pickup"}, content_type="application/json", **key)
    assert tomorrow.status_code == 201
    assert tomorrow.json()["token"] != first.json()["token"]
    assert tomorrow.json()["ticket"] == "D-001"
