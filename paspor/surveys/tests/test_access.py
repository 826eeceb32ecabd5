"""Who may see the IKM report: the head of office and headquarters; nobody else (from outside)."""

import pytest

from conftest import answered

pytestmark = pytest.mark.django_db
URLS = [
    "/survei/kantor/ketapang/ikm/",
    "/survei/kantor/ketapang/ikm.xlsx",
    "/api/surveys/offices/ketapang/ikm?start=2026-03-01&end=2026-03-31",
]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (None, "login"),
        ("applicant", 403),
        ("other_applicant", 403),
        ("intake_officer", 403),
        ("kiosk", 403),
        ("display", 403),
        ("officer_of_other_office", 403),
        ("head_of_office", 200),
        ("hq_user", 200),
    ],
)
def test_ikm_report_access(request, client_for, office, url, persona, expected):
    user = request.getfixturevalue(persona) if persona else None
    if expected == "login" and url.startswith("/api/"):
        expected = 401  # the API answers in JSON; only pages send the reader to sign in
    assert answered(client_for(user).get(url)) == expected


def test_a_head_of_another_office_gets_404(client_for, office, other_office):
    from conftest import make_user
    from paspor.accounts.models import Role

    head = make_user("kakanim_lain", role=Role.HEAD, office=other_office)
    assert client_for(head).get("/survei/kantor/ketapang/ikm/").status_code == 404
    assert client_for(head).get("/survei/kantor/pontianak/ikm/").status_code == 200


def test_the_report_page_shows_index_chart_and_table(
    client_for, head_of_office, office, intake_officer
):
    from paspor.surveys.tests.test_ikm_report import store

    store(office, intake_officer, [[3] * 9])  # a month with answers: a chart to draw
    page = (
        client_for(head_of_office)
        .get("/survei/kantor/ketapang/ikm/?dari=2026-01-01&sampai=2026-03-31")
        .content.decode()
    )
    assert "<svg" in page and "Angka di balik grafik" in page and "Unduh XLSX" in page
