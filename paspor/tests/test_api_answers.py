"""How the JSON API refuses, seen from outside: the right status and a sentence people read.

Not signed in is 401 (not a CSRF refusal); a signed-in browser session without its CSRF token
is 403 with what to do; an unknown object is 404 without Django's English model text; a body
that is not JSON is 400; and input that does not match the parameters is 422 with the
machine-readable list kept and each field's fault said in the reader's language.
"""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import make_user, sign_in
from paspor.accounts.models import Role
from paspor.lib.api_errors import error_words, explained, field_name

pytestmark = pytest.mark.django_db

CSRF = "apianswerscsrftoken0123456789abc"  # 32 characters: cookie and header must match
STAFF_WRITES = [
    "/api/queue/ketapang/walk-in",
    "/api/queue/ketapang/counter/call-next",
    "/api/cases/ketapang/PSP-1/claim",
]


@pytest.mark.parametrize("url", STAFF_WRITES)
def test_a_staff_write_without_signing_in_is_401_not_a_csrf_refusal(office, url):
    response = Client().post(url, "{}", content_type="application/json")
    assert response.status_code == 401
    assert response.json() == {"detail": "Silakan masuk terlebih dahulu.", "code": "not_signed_in"}


def test_the_ikm_report_api_without_signing_in_is_401(office):
    response = Client().get("/api/surveys/offices/ketapang/ikm?start=2026-03-01&end=2026-03-31")
    assert response.status_code == 401


def test_a_signed_in_session_must_send_its_csrf_token(office, intake_officer):
    client = sign_in(Client(enforce_csrf_checks=True), intake_officer)
    refused = client.post("/api/queue/ketapang/counter/call-next", content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("Pemeriksaan keamanan formulir (CSRF) gagal.")
    assert refused.json()["code"] == "csrf_failed"

    english = client.post(
        "/api/queue/ketapang/counter/call-next",
        content_type="application/json",
        headers={"accept-language": "en"},
    )
    assert english.json()["detail"].startswith("The form's security check (CSRF) failed.")

    client.cookies["csrftoken"] = CSRF  # as a page of the site would have set it
    passed = client.post(
        "/api/queue/ketapang/counter/call-next",
        content_type="application/json",
        headers={"x-csrftoken": CSRF},
    )
    assert passed.status_code == 409  # past the check: refused only because no counter is open
    assert "CSRF" not in passed.json()["detail"]


def test_access_refusals_carry_a_code_a_program_can_act_on(office, kiosk, other_office):
    kiosk_client = sign_in(Client(), kiosk)
    refused = kiosk_client.get("/api/cases/ketapang/queue")
    assert (refused.status_code, refused.json()["code"]) == (403, "forbidden")

    elsewhere = sign_in(Client(), make_user("loket-lain", role=Role.INTAKE, office=other_office))
    hidden = elsewhere.get("/api/cases/ketapang/queue")
    assert (hidden.status_code, hidden.json()["code"]) == (404, "not_found")
    unknown_case = elsewhere.get(f"/api/cases/{other_office.code}/PSP-NOPE")
    assert (unknown_case.status_code, unknown_case.json()["code"]) == (404, "case_not_found")
    assert unknown_case.json()["detail"] == "Permohonan tidak ditemukan."
    in_english = elsewhere.get(
        f"/api/cases/{other_office.code}/PSP-NOPE", headers={"accept-language": "en"}
    )
    assert in_english.json()["detail"] == "Application not found."


def test_an_unknown_object_is_404_in_plain_words():
    response = Client().get("/api/payments/bills/NO-SUCH-CODE")
    assert response.status_code == 404
    assert response.json() == {"detail": "Data tidak ditemukan.", "code": "not_found"}
    english = Client().get("/api/payments/bills/NO-SUCH-CODE", headers={"accept-language": "en"})
    assert english.json() == {"detail": "Not found.", "code": "not_found"}


def test_a_body_that_is_not_json_is_400_in_plain_words():
    response = Client().post(
        "/api/booking/questionnaire", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Isi permintaan bukan JSON yang sah.",
        "code": "body_not_json",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["\\ud800", "abc\\uDFFF", "\\udc00\\ud83d"])
def test_half_a_character_in_a_json_string_is_refused_as_not_json_not_a_server_error(password):
    """A lone surrogate escape is valid JSON but no text: it reached the password hasher (500)."""
    body = '{"email": "a@example.com", "password": "' + password + '"}'
    response = Client().post("/api/booking/token", body, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "body_not_json")


@pytest.mark.django_db
def test_a_whole_character_written_as_a_surrogate_pair_is_text():
    body = '{"email": "a@example.com", "password": "sandi-\\ud83d\\ude00"}'
    response = Client().post("/api/booking/token", body, content_type="application/json")
    assert response.status_code == 401  # read, and the password is wrong


@pytest.mark.parametrize("content_type", ["multipart/form-data", "multipart/form-data; boundary="])
def test_a_form_type_without_its_boundary_is_400_in_plain_words(
    office, intake_officer, content_type
):
    """The CSRF check of a signed-in session reads the form first: it raised a 500."""
    client = sign_in(Client(enforce_csrf_checks=True), intake_officer)
    client.cookies["csrftoken"] = CSRF
    response = client.post(
        "/api/queue/ketapang/walk-in",
        '{"service": "A"}',
        content_type=content_type,
        headers={"x-csrftoken": CSRF},
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Kiriman formulir rusak atau terputus. Muat ulang halaman, lalu kirim lagi.",
        "code": "body_unreadable",
    }


def test_a_body_too_large_to_read_is_413_in_plain_words(office):
    body = '{"comment": "' + "x" * (3 * 1024 * 1024) + '"}'
    response = Client().post("/api/complaints/", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {
        "detail": "Isi permintaan terlalu besar untuk dibaca.",
        "code": "body_too_large",
    }


def test_an_empty_body_is_said_as_the_request_body_not_the_parameter_name():
    response = Client().post("/api/booking/questionnaire", "", content_type="application/json")
    assert response.status_code == 422
    assert response.json()["message"] == "Isian tidak sah: isi permintaan wajib diisi."


def test_invalid_input_is_422_with_the_list_kept_and_said_in_words():
    response = Client().post(
        "/api/booking/questionnaire",
        {"birth_date": "2020-13-01"},
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    by_field = {tuple(item["loc"]): item for item in body["detail"]}
    assert by_field[("body", "payload", "birth_date")]["type"] == "date_from_datetime_parsing"
    assert by_field[("body", "payload", "birth_date")]["msg"] == (
        "harus tanggal yang sah (TTTT-BB-HH)"
    )
    assert by_field[("body", "payload", "answers")]["msg"] == "wajib diisi"
    assert body["message"] == (
        "Isian tidak sah: birth_date harus tanggal yang sah (TTTT-BB-HH); answers wajib diisi."
    )

    english = (
        Client()
        .post(
            "/api/booking/questionnaire",
            {"birth_date": "2020-13-01"},
            content_type="application/json",
            headers={"accept-language": "en"},
        )
        .json()
    )
    assert english["message"] == (
        "Invalid input: birth_date must be a valid date (YYYY-MM-DD); answers is required."
    )


def test_query_parameters_are_named_without_their_source(office, head_of_office):
    client = sign_in(Client(), head_of_office)
    body = client.get("/api/surveys/offices/ketapang/ikm?start=kemarin").json()
    assert body["message"] == (
        "Isian tidak sah: start harus tanggal yang sah (TTTT-BB-HH); end wajib diisi."
    )


@pytest.mark.parametrize(
    ("loc", "name"),
    [
        (["body", "payload", "profile", "nik"], "profile.nik"),
        (["body", "payload"], "isi permintaan"),
        (["query", "start"], "start"),
        (["path", "office"], "office"),
        (["body", "payload", "answers", 2], "answers.2"),
        ([], "isi permintaan"),
    ],
)
def test_field_names_drop_the_source_and_the_body_parameter(loc, name):
    assert field_name(loc) == name


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (
            {"type": "string_too_short", "ctx": {"min_length": 16}},
            "terlalu pendek (paling sedikit 16 karakter)",
        ),
        ({"type": "less_than_equal", "ctx": {"le": 5}}, "harus paling besar 5"),
        (
            {"type": "literal_error", "ctx": {"expected": "'a' or 'b'"}},
            "harus salah satu dari: 'a', 'b'",
        ),
        (
            {"type": "value_error", "ctx": {"error": ValueError("NIK harus 16 angka.")}},
            "NIK harus 16 angka.",
        ),
        ({"type": "string_too_short"}, "tidak sah"),  # a bound without its figure: no guess
        ({"type": "some_future_type"}, "tidak sah"),
    ],
)
def test_error_words(error, words):
    assert error_words(error) == words


def test_one_phrase_per_field_and_fault():
    errors = [{"type": "missing", "loc": ["query", "end"]}] * 2
    items, sentence = explained(errors)
    assert len(items) == 2
    assert sentence == "Isian tidak sah: end wajib diisi."


def _applicant_token(applicant):
    from paspor.booking.services.applicants import api_token_issue

    return api_token_issue(account=applicant)


def test_an_expired_or_void_token_says_so_with_a_code_and_www_authenticate(
    applicant, settings, time_machine
):
    time_machine.move_to("2026-11-01 08:00 +00:00", tick=False)
    token = _applicant_token(applicant)
    time_machine.move_to("2026-11-09 08:00 +00:00", tick=False)  # past the 7 days
    expired = Client().get("/api/booking/bookings", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert expired.status_code == 401 and expired.json()["code"] == "token_expired"
    assert expired["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    forged = Client().get(
        "/api/booking/bookings", HTTP_AUTHORIZATION="Bearer garbage", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert forged.status_code == 401 and forged.json()["code"] == "token_invalid"
    assert forged.json()["detail"].startswith("The token is not valid")
    time_machine.move_to("2026-11-09 09:00 +00:00", tick=False)
    fresh = _applicant_token(applicant)
    applicant.set_password("another-long-password-2026")
    applicant.save()
    void = Client().get("/api/booking/bookings", HTTP_AUTHORIZATION=f"Bearer {fresh}")
    assert void.status_code == 401 and void.json()["code"] == "token_invalid"


def test_an_applicant_token_on_a_staff_endpoint_is_403_not_sign_in_again(office, applicant):
    token = _applicant_token(applicant)
    for method, url in (
        ("get", "/api/cases/ketapang/PSP-1"),
        ("post", "/api/queue/ketapang/walk-in"),
    ):
        answer = getattr(Client(), method)(
            url, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        assert answer.status_code == 403, url
        assert answer.json()["code"] == "token_not_accepted"


def test_an_address_under_api_that_does_not_exist_is_a_json_404():
    for method in ("get", "post"):
        answer = getattr(Client(), method)("/api/nonexistent", HTTP_ACCEPT_LANGUAGE="en")
        assert answer.status_code == 404 and answer["Content-Type"] == "application/json"
        assert answer.json() == {
            "detail": "There is no such API address. See /api/docs.",
            "code": "unknown_endpoint",
        }
