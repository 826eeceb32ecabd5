"""What the mobile app is told when its input is wrong: every refusal as the OpenAPI document
declares it, with a `code` the document names, and nothing taken that a person never typed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from paspor.booking.tests.conftest import DAY
from paspor.booking.tests.test_api_journey import SELF, App

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

SPACED = "  kuat sekali 2026  "  # spaces at either end are part of a password


def test_a_password_registered_through_the_api_signs_in_exactly_as_typed(office):
    app = App()
    body = {"email": "spasi@example.com", "password": SPACED, "full_name": "Andi Wijaya"}
    app("POST", "/api/booking/register", body, status=201)
    signing_in = {"email": "spasi@example.com", "password": SPACED}
    app("POST", "/api/booking/token", signing_in, status=200)
    trimmed = {**signing_in, "password": SPACED.strip()}
    assert app("POST", "/api/booking/token", trimmed, status=401).json()["code"] == (
        "wrong_credentials"
    )


def test_a_password_registered_on_the_page_signs_in_exactly_as_typed(client: Client):
    response = client.post(
        reverse("booking:register"),
        {
            "full_name": "Andi Wijaya",
            "email": "spasi@example.com",
            "phone": "",
            "password": SPACED,
            "password_again": SPACED,
        },
    )
    assert response.status_code == 302
    # The sign-in page keeps surrounding spaces (`LoginForm`, strip=False), as the API does.
    signed_in = Client().post("/akun/masuk/", {"username": "spasi@example.com", "password": SPACED})
    assert signed_in.status_code == 302
    trimmed = {"username": "spasi@example.com", "password": SPACED.strip()}
    assert Client().post("/akun/masuk/", trimmed).status_code == 200  # refused
    app = App()
    app(
        "POST", "/api/booking/token", {"email": "spasi@example.com", "password": SPACED}, status=200
    )


@pytest.mark.parametrize(
    ("birth_date", "said"),
    [("2026-06-11", "masa depan"), ("1890-05-15", "130 tahun")],
)
def test_the_questionnaire_refuses_a_birth_date_no_one_has(office, birth_date, said):
    """Tomorrow's birth date would make an adult a child under 5: the priority pool and a
    child's documents."""
    app = App()
    body = {"birth_date": birth_date, "office": office.code, "answers": {}}
    refused = app("POST", "/api/booking/questionnaire", body, status=400).json()
    assert refused["code"] == "birth_date" and said in refused["detail"]
    operation = app.declared.document["paths"]["/api/booking/questionnaire"]["post"]
    assert "`birth_date`" in operation["description"]
    english = app(
        "POST", "/api/booking/questionnaire", body, status=400, accept_language="en"
    ).json()
    assert english["code"] == "birth_date" and "Tanggal" not in english["detail"]


def test_the_questionnaire_still_answers_for_a_baby_born_today(office):
    app = App()
    body = {"birth_date": "2026-06-10", "office": office.code, "answers": {}}
    asked = app("POST", "/api/booking/questionnaire", body, status=200).json()
    assert (asked["application_type"], asked["priority_eligible"]) == ("new_child", True)


def test_an_overlong_office_or_session_is_refused_as_a_field_not_looked_up(
    office, sessions, applicant
):
    from paspor.booking import services
    from paspor.booking.tests.conftest import make_profile, verified

    profile = make_profile(verified(applicant), 1)
    app = App()
    app.token = services.api_token_issue(account=applicant)
    booking = {
        "profile": str(profile.public_id),
        "office": office.code,
        "date": DAY.isoformat(),
        "session": "08:00",
        "answers": {},
    }
    for field in ("office", "session"):
        refused = app(
            "POST", "/api/booking/bookings", {**booking, field: "x" * 5000}, status=422
        ).json()
        assert [item["loc"][-1] for item in refused["detail"]] == [field]
    # Surrounding spaces are no mistake: the office and session are still found.
    spaced = {**booking, "office": f" {office.code} ", "session": " 08:00 "}
    app("POST", "/api/booking/bookings", spaced, status=201)


@pytest.mark.parametrize(
    "nik",
    [
        "61040115059O0007",  # a letter O for a zero
        "61040115059000",  # 14 digits
        "6104017205900007",  # day 72
        "6104011513900007",  # month 13
        "6104013102900007",  # 31 February
        "6104011505900000",  # serial 0000
    ],
)
def test_every_refusal_of_a_nik_has_a_code_the_document_names(office, applicant, nik):
    from paspor.booking import services

    app = App()
    app.token = services.api_token_issue(account=applicant)
    refused = app("POST", "/api/booking/profiles", {**SELF, "nik": nik}, status=400).json()
    operation = app.declared.document["paths"]["/api/booking/profiles"]["post"]
    assert refused["code"].startswith("nik_")
    assert f"`{refused['code']}`" in operation["description"]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [("phone", "123", "phone"), ("birth_date", "2026-06-11", "birth_date")],
)
def test_a_profiles_other_refusals_have_codes_the_document_names(
    office, applicant, field, value, code
):
    from paspor.booking import services
    from paspor.booking.tests.conftest import make_profile

    profile = make_profile(applicant, 1)
    app = App()
    app.token = services.api_token_issue(account=applicant)
    added = app("POST", "/api/booking/profiles", {**SELF, field: value}, status=400).json()
    url = f"/api/booking/profiles/{profile.public_id}"
    person = {key: value for key, value in SELF.items() if key != "nik"}
    corrected = app("PUT", url, {**person, field: value}, status=400).json()
    assert added["code"] == corrected["code"] == code
    paths = app.declared.document["paths"]
    assert f"`{code}`" in paths["/api/booking/profiles"]["post"]["description"]
    assert f"`{code}`" in paths["/api/booking/profiles/{profile}"]["put"]["description"]


@pytest.mark.parametrize("answers", ["married", None, [1, 2], 10, True])
def test_answers_that_are_not_an_object_are_refused_not_taken_as_defaults(office, answers):
    """A string or null took every answer's default: a married adult booked as a child."""
    app = App()
    body = {"birth_date": "1990-05-15", "office": office.code, "answers": answers}
    refused = app("POST", "/api/booking/questionnaire", body, status=422).json()
    assert refused["message"] == "Isian tidak sah: answers harus berupa objek."


@pytest.mark.parametrize("reason", ["\u200b", "\u200e\u200b", " \u2060 "])
def test_a_text_of_invisible_characters_is_refused_as_empty(office, reason):
    app = App()
    body = {"office": office.code, "category": "waiting", "body": reason}
    refused = app("POST", "/api/complaints/", body, status=422).json()
    assert refused["message"] == (
        "Isian tidak sah: body tidak boleh hanya berisi karakter tak terlihat."
    )


def test_a_direction_override_in_a_text_is_refused(office):
    """U+202E reverses what follows it on screen: the text would read otherwise than stored."""
    app = App()
    body = {"office": office.code, "category": "waiting", "body": "Loket 3 \u202etidak ramah"}
    refused = app("POST", "/api/complaints/", body, status=422).json()
    assert refused["message"].endswith("tidak boleh berisi karakter pengatur arah teks.")
