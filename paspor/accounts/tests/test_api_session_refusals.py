"""A staff session short of its second step is refused to an API client with a `code` it can
act on (the idle timeout's `session_expired`: test_sign_in_security)."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_session_without_its_second_step_is_403_two_factor_required(supervisor, office):
    client = Client()
    signed = client.post("/akun/masuk/", {"username": supervisor.username, "password": PASSWORD})
    assert signed.status_code == 302  # the password was right; the second step is next
    response = client.get(f"/api/cases/{office.code}/queue")
    assert response.status_code == 403
    assert response.json()["code"] == "two_factor_required"
