"""Numbers and labels on the officer screens follow the page's language."""

import re

import pytest
from django.urls import reverse

from paspor.cases import biometrics
from paspor.cases.templatetags.cases_tags import local_numbers
from paspor.cases.tests.conftest import blurred_photo_jpeg

pytestmark = pytest.mark.django_db


def _checks_table(client, case) -> str:
    page = client.get(reverse("cases:detail", args=[case.office.code, case.code])).content
    html = page.decode()
    table = html[html.index('<table class="checks">') : html.index("</table>")]
    return re.sub(r"<[^>]+>", " ", table)


@pytest.fixture
def photographed(at_biometrics, biometrics_officer):
    biometrics.case_photo_add(
        case=at_biometrics, by=biometrics_officer, data=blurred_photo_jpeg(), source="upload"
    )
    return at_biometrics


def test_photo_check_values_and_limits_use_the_indonesian_decimal_comma(
    photographed, biometrics_officer, client_for
):
    table = _checks_table(client_for(biometrics_officer), photographed)
    assert re.search(r"\d,\d", table)  # values such as 9,9 …
    assert not re.search(r"\d\.\d", table), table  # … and limits such as ≥ 2,5 alike
    assert "Ketajaman wajah" in table


def test_photo_checks_read_in_english_with_a_decimal_point(
    photographed, biometrics_officer, client_for
):
    client = client_for(biometrics_officer)
    client.cookies["django_language"] = "en"
    table = _checks_table(client, photographed)
    assert re.search(r"\d\.\d", table) and not re.search(r"\d,\d", table), table
    assert "Face sharpness" in table and "Ketajaman" not in table


def test_local_numbers_rewrites_only_decimals():
    from django.utils import translation

    with translation.override("id"):
        assert local_numbers("≥ 2.5") == "≥ 2,5"
        assert local_numbers("40–60 %") == "40–60 %"
        assert local_numbers("0.45–0.6") == "0,45–0,6"
    with translation.override("en"):
        assert local_numbers("≥ 2.5") == "≥ 2.5"
