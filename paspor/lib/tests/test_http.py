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
