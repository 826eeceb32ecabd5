"""The sign-out address opened in the browser, and the lockout page keeping where one was going."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
LOGIN = "/akun/masuk/"
LOGOUT = "/akun/keluar/"


def test_the_sign_out_address_opened_signed_in_asks_with_a_button(client_for, intake_officer):
    client = client_for(intake_officer)
    page = client.get(LOGOUT)
    assert page.status_code == 200  # not Django's blank "405 Method Not Allowed"
    body = page.content.decode()
    assert f"Anda masuk sebagai <strong>{intake_officer.username}</strong>" in body
    assert f'action="{LOGOUT}"' in body
    assert "_auth_user_id" in client.session  # opening the page signs nobody out
    assert client.post(LOGOUT).status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_sign_out_page_in_english(client_for, applicant):
    body = client_for(applicant).get(LOGOUT, {"bahasa": "en"}).content.decode()
    assert "Sign out of this account on this device?" in body


def test_the_sign_out_address_opened_signed_out_goes_to_the_home_page(client):
    response = client.get(LOGOUT)
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_lockout_page_keeps_the_page_the_officer_was_going_to(intake_officer, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client(REMOTE_ADDR="10.0.0.9")
    wanted = "/booking/ktp/hari/"
    for _ in range(2):
        response = client.post(
            f"{LOGIN}?next={wanted}",
            {"username": intake_officer.username, "password": "salah", "next": wanted},
        )
    assert response.status_code == 429
    assert f'name="next" value="{wanted}"' in response.content.decode()
