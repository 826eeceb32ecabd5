"""The staff session's refusals reach an API client with a `code` it can act on."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def test_an_idle_staff_session_is_401_session_expired(intake_officer, office, settings):
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 5
    start = dt.datetime(2026, 6, 10, 3, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        client = sign_in(Client(), intake_officer)
        assert client.get(f"/api/cases/{office.code}/queue").status_code == 200
        traveller.shift(dt.timedelta(minutes=6))
        response = client.get(f"/api/cases/{office.code}/queue")
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Sesi berakhir. Silakan masuk kembali.",
        "code": "session_expired",
    }


def test_a_session_without_its_second_step_is_403_two_factor_required(supervisor, office):
    client = Client()
    signed = client.post("/akun/masuk/", {"username": supervisor.username, "password": PASSWORD})
    assert signed.status_code == 302  # the password was right; the second step is next
    response = client.get(f"/api/cases/{office.code}/queue")
    assert response.status_code == 403
    assert response.json()["code"] == "two_factor_required"
