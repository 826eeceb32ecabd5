"""The site's error pages: the reader's language, the site's layout, and a way on."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from paspor.lib.outage import server_error

pytestmark = pytest.mark.django_db


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def test_a_staff_page_opened_without_signing_in_asks_to_sign_in_and_comes_back(office):
    answer = Client().get(f"/penerbitan/{office.code}/stok/?tab=1")

    assert answer.status_code == 302
    assert answer["Location"] == f"/akun/masuk/?next=/penerbitan/{office.code}/stok/%3Ftab%3D1"


def test_a_staff_form_posted_without_signing_in_is_sent_to_sign_in_and_changes_nothing(office):
    answer = Client().post(f"/penerbitan/{office.code}/stok/terima/", {"first": "X1000000"})

    assert answer.status_code == 302
    assert answer["Location"].startswith("/akun/masuk/?next=")


def test_a_signed_in_applicant_on_a_staff_page_gets_the_403_page_in_indonesian(
    office, applicant, client_for
):
    answer = client_for(applicant).get(f"/penerbitan/{office.code}/stok/")

    assert answer.status_code == 403
    page = answer.content.decode()
    assert "Akses ditolak" in page
    assert "<strong>pemohon</strong>" in page  # who is signed in
    assert 'href="/masuk-berhasil/"' in page  # the way to their own home
    assert 'class="site-header"' in page  # the site's layout, not a bare line
    assert "Forbidden" not in page


def test_the_403_page_in_english(office, applicant, client_for):
    answer = english(client_for(applicant)).get(f"/penerbitan/{office.code}/stok/")

    assert answer.status_code == 403
    assert "Access denied" in answer.content.decode()


def test_an_unknown_address_gets_the_404_page_in_the_readers_language(db):
    page = Client().get("/tidak-ada/").content.decode()
    assert "Halaman tidak ditemukan" in page
    assert 'class="site-header"' in page
    assert "Not Found" not in page

    answer = english(Client()).get("/tidak-ada/")
    assert answer.status_code == 404
    assert "Page not found" in answer.content.decode()


def test_a_booking_proof_that_is_not_yours_is_the_404_page(applicant, client_for):
    applicant.email_verified = True
    applicant.save(update_fields=["email_verified"])
    answer = client_for(applicant).get("/booking/bukti/ABCDEFGHJK/")

    assert answer.status_code == 404
    page = answer.content.decode()
    assert "bukan untuk akun Anda" in page


def test_a_request_for_an_unknown_host_gets_the_400_page(db):
    answer = Client().get("/", HTTP_HOST="bukan-kantor.example")

    assert answer.status_code == 400
    assert "Permintaan tidak dapat diproses" in answer.content.decode()


def test_the_api_keeps_answering_in_json_without_a_sign_in_redirect(office):
    answer = Client().get(f"/api/issuance/{office.code}/stock")

    assert answer.status_code == 401
    assert answer["Content-Type"].startswith("application/json")


def test_the_500_page_stands_alone_in_the_readers_language():
    request = RequestFactory().get("/")
    with translation.override("id"):
        indonesian = server_error(request)
    with translation.override("en"):
        english_page = server_error(request)

    assert indonesian.status_code == 500
    page = indonesian.content.decode()
    assert "Terjadi kesalahan pada sistem" in page
    assert 'lang="id"' in page
    assert "/static/css/paspor" in page
    assert "Something went wrong" in english_page.content.decode()


def test_a_form_sent_with_an_expired_security_token_gets_a_plain_words_page(db):
    client = Client(enforce_csrf_checks=True)
    answer = client.post("/akun/masuk/", {"username": "budi", "password": "x"})

    assert answer.status_code == 403
    page = answer.content.decode()
    assert "Formulir kedaluwarsa" in page
    assert "Muat ulang halamannya" in page
    assert "CSRF" not in page

    english(client)
    assert "Form expired" in client.post("/akun/masuk/", {}).content.decode()
