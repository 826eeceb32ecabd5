"""What Django refuses before the API's views is answered in the API's JSON shape under /api/."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.utils import translation

from conftest import sign_in
from paspor.portal.errors import bad_request, forbidden


@pytest.mark.django_db
def test_an_unknown_host_on_the_api_is_a_json_400(client) -> None:
    response = client.get("/api/booking/ping", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


@pytest.mark.django_db
def test_an_unknown_host_on_a_page_is_the_400_page(client) -> None:
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_a_session_write_with_too_many_fields_is_a_json_400(intake_officer) -> None:
    """The CSRF check of a cookie sign-in reads the form body before the view."""
    client = Client(enforce_csrf_checks=True)
    sign_in(client, intake_officer)
    client.cookies["csrftoken"] = "a" * 32  # the check then looks for the token in the form
    fields = {f"f{n}": "x" for n in range(2000)}
    response = client.post("/api/queue/ketapang/counter/open", fields)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Kiriman berisi terlalu banyak berkas atau isian. Kurangi, lalu kirim lagi.",
        "code": "body_unreadable",
    }


def test_a_refusal_raised_before_an_api_view_is_json_in_english_too() -> None:
    request = RequestFactory().get("/api/booking/bookings")
    with translation.override("en"):
        response = forbidden(request, PermissionDenied())
        refused = bad_request(request, ValueError())
    assert response.status_code == 403
    assert response.headers["Content-Type"] == "application/json"
    assert json.loads(response.content)["detail"] == "You may not access this data."
    assert refused.status_code == 400 and b"not valid" in refused.content
