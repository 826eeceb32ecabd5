"""Browser review of the status page: input the page cannot use is refused with 400 at its
field, keeps what was typed and costs the applicant no guess."""

import datetime as dt

import pytest
import time_machine

from paspor.notifications.tests.factories import make_booking, make_profile

pytestmark = pytest.mark.django_db
BIRTH = dt.date(1990, 8, 17)
STATUS = "/notifikasi/status/"


def lookup(client, code, birth_date):
    return client.post(STATUS, {"code": code, "birth_date": birth_date}, REMOTE_ADDR="10.0.0.1")


@pytest.mark.parametrize(
    ("code", "birth_date", "said"),
    [
        ("BKSITI01", "1990-02-31", "Masukkan tanggal lahir yang benar."),
        ("BKSITI01", "", "Bidang ini tidak boleh kosong."),
        ("X" * 300, "1990-08-17", "paling banyak 20 karakter"),
    ],
)
def test_a_lookup_the_page_cannot_read_is_400_at_its_field_with_the_code_kept(
    client, code, birth_date, said
):
    response = lookup(client, code, birth_date)
    assert response.status_code == 400
    body = response.content.decode()
    assert said in body
    assert f'value="{code}"' in body


@time_machine.travel("2026-11-30 03:00 +00:00", tick=False)
@pytest.mark.parametrize(
    ("birth_date", "said"),
    [
        ("2026-12-01", "Tanggal lahir tidak boleh di masa depan."),
        ("1890-08-17", "Tanggal lahir lebih dari 130 tahun yang lalu; periksa tahun lahir."),
    ],
)
def test_a_birth_date_nobody_can_have_is_refused_at_the_field_and_costs_no_guess(
    client, office, applicant, birth_date, said
):
    make_booking(office, make_profile(applicant, birth_date=BIRTH), code="BKSITI01")
    for _attempt in range(6):  # more than the five misses one code is allowed
        refused = lookup(client, "BKSITI01", birth_date)
        assert refused.status_code == 400
        assert said in refused.content.decode()
    found = lookup(client, "BKSITI01", BIRTH.isoformat())
    assert found.status_code == 200
    assert "Terjadwal" in found.content.decode()
