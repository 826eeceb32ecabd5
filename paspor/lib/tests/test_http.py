"""What may keep a copy of an answer: nothing, once a person is signed in or credentials are sent."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def test_a_signed_in_officers_page_is_never_stored(intake_officer, office):
    client = sign_in(Client(), intake_officer)
    response = client.get(f"/permohonan/{office.code}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_an_applicants_api_answer_with_a_token_is_never_stored(client, applicant):
    applicant.email_verified = True
    applicant.save(update_fields=["email_verified"])
    token = client.post(
        "/api/booking/token",
        {"email": applicant.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert token.status_code == 200, token.content
    response = Client().get(
        "/api/booking/profiles", headers={"authorization": f"Bearer {token.json()['token']}"}
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_a_public_page_for_nobody_in_particular_is_left_as_it_is(office):
    response = Client().get("/")
    assert response.status_code == 200
    assert not response.has_header("Cache-Control")


def test_a_counter_button_pressed_after_the_session_ended_sends_the_browser_to_sign_in(office):
    """htmx would follow the sign-in redirect inside the request and put the sign-in page into
    the console; it is told to send the browser there instead, and back to the console after."""
    console = f"/antrian/{office.code}/loket/"
    headers = {"HX-Request": "true", "HX-Current-URL": f"http://testserver{console}"}
    response = Client().post(f"{console}aksi/panggil/", headers=headers)
    assert response.status_code == 204 and not response.content
    assert response["HX-Redirect"] == f"/akun/masuk/?next={console}"


def test_only_our_own_page_is_where_sign_in_leads_back(office):
    console = f"/antrian/{office.code}/loket/"
    elsewhere = {"HX-Request": "true", "HX-Current-URL": "https://evil.example/phish"}
    response = Client().post(f"{console}aksi/panggil/", headers=elsewhere)
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"/akun/masuk/?next={console}aksi/panggil/"


def test_a_page_opened_by_hand_and_other_redirects_of_htmx_are_left_alone(
    client_for, intake_officer, office
):
    console = f"/antrian/{office.code}/loket/"
    assert Client().get(console)["Location"] == f"/akun/masuk/?next={console}"
    # A redirect that is not to sign in (a step done, the page to go on to) stays a redirect.
    signed_in = client_for(intake_officer)
    done = signed_in.post("/akun/keluar-semua/", headers={"HX-Request": "true"})
    assert done.status_code == 302 and not done.has_header("HX-Redirect")
