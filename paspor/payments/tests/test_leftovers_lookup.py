"""The payment lookup form refused as input: 400, each error at its field, what was typed kept,
and no guess counted."""

import re

import pytest
from django.urls import reverse

from paspor.payments.tests.factories import BIRTH_DATE

pytestmark = pytest.mark.django_db


def field_error(body: str, field: str) -> str:
    found = re.search(rf'id="id_{field}_error">([^<]*)<', body)
    return found.group(1) if found else ""


def test_a_birth_date_that_is_no_date_is_400_at_its_field_with_the_code_kept(approved_case, client):
    lookup = reverse("payments:lookup")
    for _attempt in range(6):  # more than the five misses one code is allowed
        response = client.post(
            lookup, {"case_code": approved_case.code, "birth_date": "1990-02-31"}
        )
        assert response.status_code == 400
        body = response.content.decode()
        assert field_error(body, "birth_date")
        assert f'value="{approved_case.code}"' in body
        assert 'value="1990-02-31"' in body
    found = client.post(lookup, {"case_code": approved_case.code, "birth_date": BIRTH_DATE})
    assert found.status_code == 302


def test_an_empty_code_is_400_at_its_field_with_the_birth_date_kept(client):
    response = client.post(
        reverse("payments:lookup"), {"case_code": "  ", "birth_date": BIRTH_DATE}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert field_error(body, "case_code") == "Bidang ini tidak boleh kosong."
    assert f'value="{BIRTH_DATE}"' in body


def test_a_refused_form_keeps_where_the_reader_was_going(approved_case, client):
    status_url = reverse("payments:status", kwargs={"case_code": approved_case.code})
    response = client.post(
        f"{reverse('payments:lookup')}?kode={approved_case.code}",
        {"case_code": approved_case.code, "birth_date": "", "next": status_url},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert field_error(body, "birth_date") == "Bidang ini tidak boleh kosong."
    assert f'name="next" value="{status_url}"' in body


@pytest.mark.parametrize(
    ("typed", "said"), [("2999-01-01", "masa depan"), ("1790-01-01", "periksa tahun lahir")]
)
def test_a_birth_date_nobody_can_have_is_said_at_its_field_and_costs_no_guess(
    approved_case, client, typed, said
):
    lookup = reverse("payments:lookup")
    for _attempt in range(6):
        response = client.post(lookup, {"case_code": approved_case.code, "birth_date": typed})
        assert response.status_code == 400
        assert said in field_error(response.content.decode(), "birth_date")
    found = client.post(lookup, {"case_code": approved_case.code, "birth_date": BIRTH_DATE})
    assert found.status_code == 302
