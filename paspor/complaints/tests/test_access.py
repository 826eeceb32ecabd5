"""Complaint pages from outside: public filing and tracking; the office's list for its managers."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import answered
from paspor.complaints.models import ComplaintCategory
from paspor.complaints.services import complaint_submit

pytestmark = pytest.mark.django_db

PERSONAS = [
    (None, "login"),
    ("applicant", 403),
    ("other_applicant", 403),
    ("intake_officer", 403),
    ("kiosk", 403),
    ("display", 403),
    ("officer_of_other_office", 403),
    ("supervisor", 200),
    ("head_of_office", 200),
    ("hq_user", 200),
]


@pytest.fixture
def complaint(office):
    cache.clear()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from paspor.complaints.tests.conftest import PDF

    return complaint_submit(
        office=office,
        category=ComplaintCategory.OTHER,
        body="Toilet rusak.",
        files=[SimpleUploadedFile("a.pdf", PDF)],
        ip="10.1.1.1",
    )


def urls(complaint):
    base = f"/pengaduan/kantor/ketapang/{complaint.tracking_code}/"
    return ["/pengaduan/kantor/ketapang/", base, base + "lampiran/1/"]


@pytest.mark.parametrize(("persona", "expected"), PERSONAS)
def test_office_complaint_pages(request, client_for, complaint, persona, expected):
    user = request.getfixturevalue(persona) if persona else None
    for url in urls(complaint):
        assert answered(client_for(user).get(url)) == expected, url


def test_a_head_of_another_office_gets_404(client_for, complaint, other_office):
    from conftest import make_user
    from paspor.accounts.models import Role

    head = make_user("kakanim_lain", role=Role.HEAD, office=other_office)
    for url in urls(complaint):
        assert client_for(head).get(url).status_code == 404


def test_a_code_not_of_the_issued_shape_is_404_on_the_offices_pages_without_a_lookup(
    client_for, complaint, head_of_office
):
    # PostgreSQL cannot take a NUL in a query: such a code is not looked up.
    with CaptureQueriesContext(connection) as queries:
        for url in urls(complaint)[1:]:
            typed = url.replace(complaint.tracking_code, complaint.tracking_code[:-1] + "%00")
            assert client_for(head_of_office).get(typed).status_code == 404, typed
    assert not [q for q in queries.captured_queries if "complaints_complaint" in q["sql"]]


def test_headquarters_may_read_but_not_answer_before_the_deadline(client_for, complaint, hq_user):
    url = f"/pengaduan/kantor/ketapang/{complaint.tracking_code}/"
    refused = client_for(hq_user).post(url, {"response": "x"})
    assert refused.status_code == 409  # the office answers until its deadline (test_escalation)
    complaint.refresh_from_db()
    assert complaint.status == "open"


def test_the_head_answers_from_the_detail_page_and_a_second_answer_is_409(
    client_for, complaint, head_of_office, supervisor
):
    url = f"/pengaduan/kantor/ketapang/{complaint.tracking_code}/"
    assert (
        client_for(head_of_office).post(url, {"response": "Sudah diperbaiki."}).status_code == 302
    )
    page = client_for(supervisor).get(url).content.decode()
    assert "Sudah diperbaiki." in page and 'name="response"' not in page
    assert client_for(supervisor).post(url, {"response": "Lagi"}).status_code == 409


def test_the_attachment_is_served_to_staff_as_a_download(client_for, complaint, head_of_office):
    response = client_for(head_of_office).get(
        f"/pengaduan/kantor/ketapang/{complaint.tracking_code}/lampiran/1/"
    )
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert (
        client_for(head_of_office)
        .get(f"/pengaduan/kantor/ketapang/{complaint.tracking_code}/lampiran/2/")
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    "url", ["/pengaduan/", "/pengaduan/lacak/", "/notifikasi/status/", "/standar-pelayanan/"]
)
def test_public_pages_are_open_to_everyone(client, url):
    assert client.get(url).status_code == 200


def test_the_preferences_page_needs_a_signed_in_applicant(client_for, applicant):
    assert client_for(None).get("/notifikasi/preferensi/").status_code == 302
    assert client_for(applicant).get("/notifikasi/preferensi/").status_code == 200
    response = client_for(applicant).post(
        "/notifikasi/preferensi/", {"channel": "sms", "phone": "", "language": "id"}
    )
    assert response.status_code == 400  # the phone field left empty, said at the field
    response = client_for(applicant).post(
        "/notifikasi/preferensi/", {"channel": "sms", "phone": "0812-3456-7890", "language": "en"}
    )
    assert response.status_code == 302


def test_the_staff_page_names_one_complaint_in_the_staff_words(
    client_for, complaint, head_of_office
):
    """The form asks the complainant for "your complaint"; the office reads "the complaint"."""
    url = f"/pengaduan/kantor/ketapang/{complaint.tracking_code}/"
    client = client_for(head_of_office)
    indonesian = client.get(url).content.decode()
    assert f"<h1>Pengaduan {complaint.tracking_code}</h1>" in indonesian
    assert "<h2>Isi pengaduan</h2>" in indonesian and "Pengaduan Anda" not in indonesian

    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert f"<h1>Complaint {complaint.tracking_code}</h1>" in english
    assert "<h2>Complaint</h2>" in english
    assert "Your complaint" not in english and "Complaints ADU" not in english
    assert "<dt>Received</dt>" in english  # not the booking's "Accepted"


def test_the_public_form_still_asks_for_your_complaint(client):
    client.cookies["django_language"] = "en"
    page = client.get("/pengaduan/").content.decode()
    assert "Your complaint" in page and "Immigration office<" in page
