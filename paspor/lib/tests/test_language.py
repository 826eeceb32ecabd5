"""Indonesian first: pages change language only by the reader's choice; the API follows
Accept-Language (a mobile app passes on its user's choice)."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

HOME_ID = "Buat paspor tanpa antre sejak subuh"
HOME_EN = "Get your passport without queueing from dawn"


def test_a_browser_set_to_english_still_gets_indonesian_pages():
    answer = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    page = answer.content.decode()
    assert HOME_ID in page and 'lang="id"' in page
    assert answer["Content-Language"] == "id"
    assert "Cookie" in answer["Vary"] and "Accept-Language" not in answer["Vary"]


def test_the_language_switch_is_what_changes_a_page():
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    answer = client.get("/", HTTP_ACCEPT_LANGUAGE="id")
    assert HOME_EN in answer.content.decode()
    assert answer["Content-Language"] == "en"

    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    assert HOME_ID in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_language_cookie_the_site_does_not_speak_falls_back_to_indonesian():
    client = Client()
    client.cookies["django_language"] = "fr"

    assert HOME_ID in client.get("/").content.decode()


def test_the_api_answers_in_the_language_the_app_asks_for():
    wrong = {"email": "tidak-ada@example.com", "password": "salah-sama-sekali"}

    english = Client().post(
        "/api/booking/token", wrong, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    indonesian = Client().post("/api/booking/token", wrong, content_type="application/json")

    assert english.status_code == indonesian.status_code == 401
    assert english.json()["detail"] == "Wrong e-mail or password."
    assert indonesian.json()["detail"] == "E-mail atau kata sandi salah."
    assert english["Content-Language"] == "en"


def test_a_link_from_an_english_message_opens_the_page_in_english_and_the_next_ones_too():
    client = Client()
    answer = client.get("/?bahasa=en")
    assert HOME_EN in answer.content.decode() and answer["Content-Language"] == "en"
    assert answer.cookies["django_language"].value == "en"
    assert HOME_EN in client.get("/").content.decode()  # the form the link led to, and on
    # A link asking for Indonesian, or for a language the site does not speak.
    assert HOME_ID in client.get("/?bahasa=id").content.decode()
    assert HOME_ID in Client().get("/?bahasa=fr").content.decode()


def test_links_ask_for_their_messages_language_only_when_it_is_not_indonesian():
    from paspor.lib.language import link_in_language

    url = "https://paspor.example/pembayaran/status/ABC/"
    assert link_in_language(url, "id") == url
    assert link_in_language(url, "en") == url + "?bahasa=en"
    assert link_in_language(url + "?x=1&bahasa=id", "en") == url + "?x=1&bahasa=en"


def test_the_language_link_is_not_taken_for_a_filter_by_the_admins_lists(client_for, hq_user):
    """`?bahasa=en` belongs to the language middleware: the admin's list would otherwise answer
    "?e=1" (an unknown filter) instead of the list in English."""
    response = client_for(hq_user).get("/admin/offices/calendarday/?bahasa=en")
    assert response.status_code == 200
    assert response.cookies["django_language"].value == "en"
    assert 'lang="en"' in response.content.decode()
