"""A lost database connection is answered 503 with Retry-After, never a traceback page."""

from __future__ import annotations

import json

from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from paspor.lib.outage import server_error


def answer_while_raising(path: str, error: Exception) -> HttpResponse:
    request = RequestFactory().get(path)
    try:
        raise error
    except Exception:
        return server_error(request)


def test_api_gets_json_503_with_retry_after() -> None:
    response = answer_while_raising("/api/booking/bookings", OperationalError("server closed"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = json.loads(response.content)
    assert body["code"] == "unavailable" and "coba lagi" in body["detail"]


def test_page_gets_plain_503_in_indonesian() -> None:
    response = answer_while_raising("/booking/", OperationalError("server closed"))
    assert response.status_code == 503 and "coba lagi" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_other_errors_keep_the_500_page() -> None:
    response = answer_while_raising("/booking/", ValueError("bug"))
    assert response.status_code == 500


def test_api_gets_a_json_500_not_the_html_page() -> None:
    response = answer_while_raising("/api/booking/bookings", ValueError("bug"))
    assert response.status_code == 500
    body = json.loads(response.content)
    assert body["code"] == "server_error" and "coba lagi" in body["detail"]
    assert "bug" not in body["detail"]
