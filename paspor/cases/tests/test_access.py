"""Access rules from outside: every page and endpoint, every persona."""

import pytest
from django.urls import reverse

from paspor.cases import biometrics
from paspor.cases.models import CaseStatus
from paspor.cases.services import case_claim
from paspor.cases.tests.conftest import case_at, good_photo_jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(office, intake_officer, biometrics_officer, monkeypatch):
    # Access is what is tested here: the photo checks themselves are skipped for speed.
    from paspor.lib.photo_quality import PhotoReport

    monkeypatch.setattr(biometrics, "check_photo", lambda data, _=None: PhotoReport(checks=[]))
    monkeypatch.setattr(biometrics, "make_thumbnail", lambda data: data)
    monkeypatch.setattr(biometrics, "make_print_version", lambda data, **_: data)
    case = case_at(
        CaseStatus.BIOMETRICS,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    case_claim(case=case, by=biometrics_officer)
    photo = biometrics.case_photo_add(
        case=case, by=biometrics_officer, data=good_photo_jpeg(), source="upload"
    )
    case.photo_pk = photo.pk
    return case


def _urls(case):
    o, c = case.office.code, case.code
    return {
        "queue": ("get", reverse("cases:work_queue", args=[o])),
        "open": ("post", reverse("cases:open", args=[o])),
        "walk_in": ("get", reverse("cases:open_walk_in", args=[o])),
        "detail": ("get", reverse("cases:detail", args=[o, c])),
        "timeline": ("get", reverse("cases:timeline", args=[o, c])),
        "claim": ("post", reverse("cases:claim", args=[o, c])),
        "step": ("post", reverse("cases:step", args=[o, c, "sidik-jari"])),
        "file": ("get", reverse("cases:file", args=[o, c, "photo", case.photo_pk])),
        "api_case": ("get", f"/api/cases/{o}/{c}"),
        "api_queue": ("get", f"/api/cases/{o}/queue"),
        "api_claim": ("post", f"/api/cases/{o}/{c}/claim"),
        "api_move": ("post", f"/api/cases/{o}/{c}/transition"),
    }


def _call(client, method, url):
    if method == "post":
        return client.post(url, data={"to": "interview"}, content_type="application/json")
    return client.get(url)


PERSONAS = ["applicant", "kiosk", "display", "officer_of_other_office"]
EXPECTED = {"applicant": 403, "kiosk": 403, "display": 403, "officer_of_other_office": 404}


NAMES = [
    "queue", "open", "walk_in", "detail", "timeline", "claim", "step", "file",
    "api_case", "api_queue", "api_claim", "api_move",
]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_anonymous_is_sent_to_sign_in_or_gets_401(name, case, client_for):
    method, url = _urls(case)[name]
    response = _call(client_for(None), method, url)
    if name.startswith("api"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302 and "/akun/" in response["Location"]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", NAMES)
def test_outsiders_are_refused(name, persona, case, client_for, request):
    user = request.getfixturevalue(persona)
    method, url = _urls(case)[name]
    response = _call(client_for(user), method, url)
    assert response.status_code == EXPECTED[persona], (name, persona, response.status_code)


@pytest.mark.parametrize(
    ("persona", "name", "status"),
    [
        ("biometrics_officer", "open", 403),  # only intake officers and supervisors open cases
        ("biometrics_officer", "walk_in", 403),
        ("head_of_office", "queue", 403),  # the head watches dashboards, not a work queue
        ("head_of_office", "detail", 200),
        ("head_of_office", "step", 403),
        ("head_of_office", "api_move", 403),
        ("head_of_office", "api_claim", 403),
        # The case has moved past intake: a conflict naming where it is (a second click).
        ("intake_officer", "step", 409),
        ("intake_officer", "claim", 403),
        ("intake_officer", "api_move", 403),
        ("hq_user", "detail", 200),
        ("hq_user", "step", 403),
        ("biometrics_officer", "file", 200),
        ("biometrics_officer", "detail", 200),
    ],
)
def test_a_staff_role_without_the_step_is_refused(persona, name, status, case, client_for, request):
    user = request.getfixturevalue(persona)
    method, url = _urls(case)[name]
    assert _call(client_for(user), method, url).status_code == status


def test_case_files_are_never_cached_and_typed_by_content(case, client_for, biometrics_officer):
    response = client_for(biometrics_officer).get(_urls(case)["file"][1])
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_media_is_not_served_publicly(case, client_for):
    photo = case.photos.get()
    assert client_for(None).get("/media/" + photo.original.name).status_code == 404


def test_travel_ban_page_is_for_headquarters_only(client_for, hq_user, supervisor, applicant):
    url = reverse("cases:travel_bans")
    assert client_for(hq_user).get(url).status_code == 200
    assert client_for(supervisor).get(url).status_code == 403
    assert client_for(applicant).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302
