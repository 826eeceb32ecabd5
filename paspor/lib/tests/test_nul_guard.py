"""A NUL anywhere a view reads text is refused at the door, on SQLite as on PostgreSQL (where
text cannot hold one and the lookup used to fail with a server error)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from paspor.lib.nul_guard import request_has_nul

pytestmark = pytest.mark.django_db
SAID = "Permintaan berisi karakter yang tidak sah (NUL)"


@pytest.mark.parametrize(
    "path", ["/antrian/t/a%00b/", "/booking/bukti/A%00B/", "/booking/verifikasi/a%00b/"]
)
def test_a_page_address_with_a_nul_names_nothing(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/penerbitan/ketapang/penyerahan/?q=a%00b",
        "/booking/ketapang/pengawasan/?jenis=account&sumber=a%00b",
        "/pengaduan/?kantor=%00",
    ],
)
def test_a_page_query_with_a_nul_says_so_with_400(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert SAID in response.content.decode()


@pytest.mark.parametrize(
    ("language", "said"),
    [("id", SAID), ("en", "The request holds a character that is not allowed (NUL)")],
)
def test_the_api_says_it_in_json_in_the_requests_language(client, language, said):
    """As the API's document declares: an address with a NUL names nothing (404); a NUL in a
    parameter does not match the documented input (422)."""
    response = client.get("/api/queue/t/a%00b", headers={"accept-language": language})
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    response = client.get("/api/booking/offices?q=a%00b", headers={"accept-language": language})
    assert (response.status_code, response.json()["code"]) == (422, "nul_character")
    assert response.json()["detail"].startswith(said)


def test_a_form_field_a_json_string_a_header_and_a_cookie_are_looked_into(client):
    signed_in = client.post("/akun/masuk/", {"username": "a\x00b", "password": "x"})
    assert signed_in.status_code == 400 and SAID in signed_in.content.decode()
    # The API's schemas look into its bodies, naming the field.
    token = client.post(
        "/api/booking/token",
        json.dumps({"email": "a\u0000b@example.com", "password": "x"}),
        content_type="application/json",
    )
    assert token.status_code == 422 and "email" in token.json()["message"]
    device = client.get("/", headers={"x-device-id": "\x00" * 10})
    assert device.status_code == 400
    booked = client.post(
        "/api/booking/bookings",
        "{}",
        content_type="application/json",
        headers={"x-device-id": "\x00" * 10},
    )
    assert (booked.status_code, booked.json()["code"]) == (422, "nul_character")
    cookie = client.get("/", HTTP_COOKIE="sessionid=abc\x00defghijk")
    assert cookie.status_code == 400


def test_what_only_looks_like_a_nul_and_an_uploaded_files_bytes_pass():
    factory = RequestFactory()
    # A backslash written in the JSON, then the letters u0000: no NUL in the string.
    escaped = factory.post("/api/x", '{"a": "\\\\u0000"}', content_type="application/json")
    assert not request_has_nul(escaped)
    assert request_has_nul(
        factory.post("/api/x", '{"a": "\\u0000"}', content_type="application/json")
    )
    photo = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff\x00\x00JFIF", content_type="image/jpeg")
    assert not request_has_nul(factory.post("/x/", {"name": "Siti", "file": photo}))
    assert request_has_nul(factory.post("/x/", {"name": "Si\x00ti"}))
    assert not request_has_nul(factory.get("/x/", {"q": "Siti Aminah"}))


def test_a_form_with_more_files_than_allowed_says_so_instead_of_a_blank_form(
    client, office, settings
):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    files = [SimpleUploadedFile(f"{n}.pdf", b"%PDF-1.4") for n in range(3)]
    response = client.post("/pengaduan/", {"office": office.code, "body": "Isi.", "files": files})
    assert response.status_code == 400
    assert "Kiriman berisi terlalu banyak berkas atau isian" in response.content.decode()


def test_a_broken_multipart_body_says_so_instead_of_a_blank_form(client):
    # No boundary: Django cannot split the body into fields.
    response = client.post("/pengaduan/", b"--x\r\nbroken", content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Kiriman formulir rusak atau terputus" in response.content.decode()
