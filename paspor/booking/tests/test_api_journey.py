"""The applicant's journey through the JSON API alone, as a mobile app makes it.

Register, verify the e-mail with the code, sign in, add oneself and a child, ask the
questionnaire, look at the availability, book, read the booking and its PDF proof, reschedule
once, cancel, wait for a seat and take it, look up the status, file and track a complaint,
answer the survey. Every answer is held against what the OpenAPI document declares for its
operation (status, content type, body schema, a `code` on each refusal): what the app's
developer reads is what the app gets.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from conftest import PASSWORD
from paspor.booking import services
from paspor.booking.models import Booking, BookingStatus, Pool
from paspor.booking.tests.conftest import DAY, NOW, book, make_profile, verified
from paspor.notifications.models import Message
from paspor.notifications.tests.factories import make_ticket
from paspor.portal.tests.openapi_answers import Declared
from paspor.surveys.models import SurveyInvitation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

LATER = dt.date(2026, 6, 17)  # a Wednesday, released like DAY
EMAIL = "andi.api@example.com"
SELF = {
    "nik": "6104011505900007",
    "full_name": "Andi Wijaya",
    "sex": "M",
    "birth_date": "1990-05-15",
    "birth_place": "Ketapang",
    "phone": "0812-3456-7890",
}
CHILD = {
    "nik": "6104014506220002",
    "full_name": "Ani Wijaya",
    "sex": "F",
    "birth_date": "2022-06-05",
    "birth_place": "Ketapang",
}
ADULT_ANSWERS = {"old_passport": "none"}


class App:
    """A client that checks every answer against the served OpenAPI document."""

    def __init__(self) -> None:
        self.client = Client(enforce_csrf_checks=True)  # as a phone: no CSRF cookie, ever
        self.declared = Declared(self.client.get("/api/openapi.json").json())
        self.token = ""

    def __call__(
        self, method: str, url: str, body: Any = None, *, status: int, **headers: str
    ) -> Any:
        if self.token:
            headers.setdefault("authorization", f"Bearer {self.token}")
        response = self.client.generic(
            method,
            url,
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == status, response.content
        assert self.declared.problems(method, url, response) == []
        return response


def code_from_mail() -> str:
    message = Message.objects.filter(template="booking_verify_email").latest("created_at", "id")
    return str(message.context["code"])


def test_an_applicant_goes_from_registration_to_a_seat_through_the_api(office, sessions):
    app = App()
    offices = app("GET", "/api/offices/", status=200).json()
    assert {"code": office.code, "time_zone": "Asia/Jakarta"}.items() <= offices[0].items()

    # Registration answers a token, and says when it ends.
    registered = app(
        "POST",
        "/api/booking/register",
        {"email": EMAIL, "password": "kuat-sekali-2026", "full_name": "Andi Wijaya"},
        status=201,
    ).json()
    assert registered["expires_at"] == (NOW + dt.timedelta(days=7)).astimezone(dt.UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    app.token = registered["token"]
    assert app("GET", "/api/booking/account", status=200).json()["email_verified"] is False

    me = app("POST", "/api/booking/profiles", SELF, status=201).json()
    child = app("POST", "/api/booking/profiles", CHILD, status=201).json()
    first = {
        "profile": me["id"],
        "office": office.code,
        "date": DAY.isoformat(),
        "session": "08:00",
        "answers": ADULT_ANSWERS,
    }
    unverified = app("POST", "/api/booking/bookings", first, status=409).json()
    assert unverified["code"] == "email_unverified"

    # The code from the e-mail verifies it: six digits, a space allowed; anything else is 422.
    app("POST", "/api/booking/account/verify", {"code": "12"}, status=422)
    right = code_from_mail()
    wrong = "000000" if right != "000000" else "111111"
    refused = app("POST", "/api/booking/account/verify", {"code": wrong}, status=400).json()
    assert refused["code"] == "code_wrong"
    spaced = f"{right[:3]} {right[3:]}"
    verified_now = app("POST", "/api/booking/account/verify", {"code": spaced}, status=200)
    assert verified_now.json()["email_verified"] is True
    again = app("POST", "/api/booking/account/verify/resend", status=409).json()
    assert again["code"] == "already_verified"

    # Signing in again later gives a new token the same way.
    app.token = ""
    signed_in = app(
        "POST",
        "/api/booking/token",
        {"email": EMAIL.upper(), "password": "kuat-sekali-2026"},
        status=200,
    ).json()
    app.token = signed_in["token"]

    # Public: the days, and what the child's application is.
    days = app("GET", f"/api/booking/availability/{office.code}", status=200).json()
    assert any(day["date"] == DAY.isoformat() and day["state"] == "open" for day in days)
    app("GET", f"/api/booking/availability/{office.code}/{DAY.isoformat()}", status=200)
    asked = app(
        "POST",
        "/api/booking/questionnaire",
        {"birth_date": CHILD["birth_date"], "on": DAY.isoformat(), "answers": {}},
        status=200,
    ).json()
    assert asked["application_type"] == "new_child" and asked["priority_eligible"] is True

    mine = app("POST", "/api/booking/bookings", first, status=201, x_device_id="phone-1").json()
    app(
        "POST",
        "/api/booking/bookings",
        {**first, "profile": child["id"], "pool": "priority", "answers": {}},
        status=201,
    )
    assert len(app("GET", "/api/booking/bookings", status=200).json()) == 2
    shown = app("GET", f"/api/booking/bookings/{mine['code'].lower()}", status=200).json()
    assert shown["qr"].startswith(f"PASPOR1:{mine['code']}:")
    proof = app("GET", f"/api/booking/bookings/{mine['code']}/proof.pdf", status=200)
    assert proof["Content-Type"] == "application/pdf" and proof.content.startswith(b"%PDF")

    moved = app(
        "POST",
        f"/api/booking/bookings/{mine['code']}/reschedule",
        {"date": DAY.isoformat(), "session": "10:00"},
        status=200,
    ).json()
    assert (moved["window_start"], moved["reschedule_count"]) == ("10:00", 1)
    twice = app(
        "POST",
        f"/api/booking/bookings/{mine['code']}/reschedule",
        {"date": DAY.isoformat(), "session": "13:00"},
        status=409,
    ).json()
    assert twice["code"] == "rescheduled"
    cancelled = app("POST", f"/api/booking/bookings/{mine['code']}/cancel", status=200).json()
    assert (cancelled["status"], cancelled["qr"], cancelled["documents"]) == ("cancelled", None, [])
    gone = app("GET", f"/api/booking/bookings/{mine['code']}/proof.pdf", status=409).json()
    assert gone["code"] == "not_active"

    # A sold-out date: wait, get a seat offered when someone cancels, take it.
    others = _fill(office, sessions, LATER)
    cache.clear()  # the counts shown may be 10 seconds old; the clock stands still here
    waiting = app(
        "POST",
        "/api/booking/waitlist",
        {key: value for key, value in first.items() if key != "session"}
        | {"date": LATER.isoformat()},
        status=201,
    ).json()
    assert (waiting["profile"], waiting["full_name"], waiting["status"]) == (
        me["id"],
        "Andi Wijaya",
        "waiting",
    )
    services.booking_cancel(booking=others[0], by=others[0].account)
    offered = app("GET", "/api/booking/waitlist", status=200).json()[0]
    assert offered["status"] == "offered" and offered["offered_session"] == "08:00"
    seat = app("POST", f"/api/booking/waitlist/{waiting['id']}/accept", status=201).json()
    assert seat["date"] == LATER.isoformat()
    left = app("POST", f"/api/booking/waitlist/{waiting['id']}/leave", status=409).json()
    assert left["code"] == "not_active"

    # The status, by the code and the birth date (no sign-in).
    status = app(
        "POST",
        "/api/notifications/status",
        {"code": seat["code"], "birth_date": SELF["birth_date"]},
        status=200,
    ).json()
    assert status["visit_date"] == LATER.isoformat()
    mismatch = app(
        "POST",
        "/api/notifications/status",
        {"code": seat["code"], "birth_date": "1990-05-16"},
        status=404,
    ).json()
    assert mismatch["code"] == "not_found"


def _fill(office, sessions, day: dt.date) -> list[Booking]:
    """Every regular seat of `day` taken by another account's people."""
    from paspor.accounts.models import User

    other = verified(User.objects.create_user("penuh", email="penuh@example.com"))
    taken = []
    for serial, session in enumerate(sessions * 2, start=50):
        taken.append(book(make_profile(other, serial), office, session, day=day))
    assert all(b.status == BookingStatus.BOOKED and b.pool == Pool.REGULAR for b in taken)
    return taken


def test_complaints_and_the_survey_answer_as_documented(office):
    app = App()
    filed = app(
        "POST",
        "/api/complaints/",
        {"office": office.code, "category": "waiting", "body": "Antrean lama sekali."},
        status=201,
    ).json()
    app("GET", f"/api/complaints/{filed['tracking_code'].lower()}", status=200)
    unknown = app(
        "POST",
        "/api/complaints/",
        {"office": "tidak-ada", "category": "waiting", "body": "Antrean lama sekali."},
        status=404,
    ).json()
    assert unknown["code"] == "office_not_found"

    ticket = make_ticket(office, number=1, day=DAY, status="done")
    invitation = SurveyInvitation.objects.create(office=office, ticket=ticket, created_at=NOW)
    ratings = {"answers": [4, 3, 3, 4, 4, 3, 4, 2, 3]}
    app("POST", f"/api/surveys/responses/{invitation.token}", ratings, status=201)
    twice = app("POST", f"/api/surveys/responses/{invitation.token}", ratings, status=409)
    assert twice.json()["code"] == "already_answered"


def test_who_is_refused_and_how(office, sessions, applicant, other_applicant, intake_officer):
    from conftest import sign_in

    booking = book(make_profile(verified(applicant), 1), office, sessions[0])
    app = App()
    url = f"/api/booking/bookings/{booking.code}"
    anonymous = app("GET", url, status=401)
    assert anonymous.json()["code"] == "not_signed_in"
    assert anonymous["WWW-Authenticate"] == 'Bearer realm="paspor"'  # the scheme it takes
    app.token = services.api_token_issue(account=other_applicant)
    assert app("GET", url, status=404).json()["code"] == "booking_not_found"
    app.token = "not-a-token"
    assert app("GET", url, status=401).json()["code"] == "token_invalid"

    app.token = ""
    staff_token = app(
        "POST",
        "/api/booking/token",
        {"email": intake_officer.username, "password": PASSWORD},  # e-mail or user name
        status=403,
    ).json()
    assert staff_token["code"] == "staff_account"
    sign_in(app.client, intake_officer)
    assert app("GET", url, status=403).json()["code"] == "staff_account"


def test_wrong_addresses_methods_and_bodies_answer_in_json(office):
    app = App()
    # A phone sends no CSRF token: a POST to a wrong address is still a JSON 404, not the
    # site's HTML refusal of a forged form.
    missing = app("POST", "/api/complaints", {}, status=404).json()
    assert missing["code"] == "unknown_endpoint" and "/api/complaints/" in missing["detail"]
    assert app("GET", "/api/", status=404).json()["code"] == "unknown_endpoint"
    wrong_method = app("DELETE", "/api/booking/ping", status=405)
    assert wrong_method.json()["code"] == "method_not_allowed"
    assert wrong_method["Allow"] == "GET"
    not_json = app.client.post(
        "/api/booking/register", "email=a", content_type="application/x-www-form-urlencoded"
    )
    assert (not_json.status_code, not_json.json()["code"]) == (400, "body_not_json")


def test_too_many_registrations_answer_429_with_retry_after(office, settings):
    settings.BOOKING_RATE_LIMITS = {"register_ip": "1/600"}
    app = App()
    body = {"email": "satu@example.com", "password": "kuat-sekali-2026", "full_name": "Satu"}
    app("POST", "/api/booking/register", body, status=201)
    limited = app("POST", "/api/booking/register", {**body, "email": "dua@example.com"}, status=429)
    assert limited.json()["code"] == "rate_limited" and int(limited["Retry-After"]) > 0


def test_the_check_finds_what_the_document_does_not_declare():
    document = {
        "paths": {
            "/api/x/{code}": {
                "get": {
                    "responses": {
                        "200": {
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {"a": {"type": "integer"}},
                                        "required": ["a"],
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    declared = Declared(document)

    class Answer(dict[str, str]):
        def __init__(self, status: int, body: object) -> None:
            super().__init__({"Content-Type": "application/json"})
            self.status_code, self.content = status, json.dumps(body).encode()

        def json(self) -> object:
            return json.loads(self.content)

    assert declared.problems("GET", "/api/x/1", Answer(200, {"a": 1})) == []
    assert declared.problems("GET", "/api/x/1", Answer(200, {"a": "1"}))  # wrong type
    assert declared.problems("GET", "/api/x/1", Answer(200, {"a": 1, "b": 2}))  # not named
    assert declared.problems("GET", "/api/x/1", Answer(409, {"detail": "no", "code": "c"}))
    assert declared.problems("GET", "/api/x/1", Answer(403, {"detail": "no"}))  # no code
    assert declared.problems("GET", "/api/y", Answer(200, {"a": 1}))  # no such operation


def test_tokens_given_do_not_use_up_the_addresss_attempts(office, applicant, settings):
    """Many phones behind one carrier address sign in all day; only failures count."""
    settings.BOOKING_RATE_LIMITS = {"token_ip": "2/300"}
    app = App()
    signing_in = {"email": applicant.email, "password": PASSWORD}
    for _phone in range(4):
        app("POST", "/api/booking/token", signing_in, status=200)
    wrong = {**signing_in, "password": "salah"}
    app("POST", "/api/booking/token", wrong, status=401)
    app("POST", "/api/booking/token", wrong, status=401)
    limited = app("POST", "/api/booking/token", wrong, status=429)
    assert limited.json()["code"] == "rate_limited" and int(limited["Retry-After"]) > 0


def test_an_endpoint_for_staff_sessions_names_no_bearer_scheme(client, office):
    answer = client.get(f"/api/cases/{office.code}/queue")
    assert answer.status_code == 401 and answer.json()["code"] == "not_signed_in"
    assert "WWW-Authenticate" not in answer  # a bearer token would not be taken here
