"""Who may open which booking URL, tried from outside with every persona."""

import pytest
import time_machine
from django.urls import reverse

from conftest import answered
from paspor.booking import services
from paspor.booking.tests.conftest import ADULT, DAY, NOW, make_profile, verified

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "applicant",
    "other_applicant",
    "intake_officer",
    "biometrics_officer",
    "supervisor",
    "head_of_office",
    "hq_user",
    "officer_of_other_office",
    "kiosk",
    "display",
]


@pytest.fixture
def world(request, office, other_office, sessions, applicant):
    for name in PERSONAS[1:]:
        request.getfixturevalue(name)
    with time_machine.travel(NOW, tick=False):
        profile = make_profile(verified(applicant), 1)
        booking = services.booking_create(
            account=applicant,
            profile=profile,
            office=office,
            day=DAY,
            session=sessions[0],
            pool="regular",
            answers=ADULT,
        )
    return {"booking": booking, "profile": profile}


def _client(request, client_for, persona):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    if user is not None and persona.endswith("applicant"):
        verified(user)
    return client_for(user)


# Expected status per persona; "login" = redirect to sign-in.
# Staff and devices have no applicant area (403); another applicant never learns a code exists.
OWNER_ONLY = {
    **dict.fromkeys(PERSONAS, 403),
    "anonymous": "login",
    "applicant": 200,
    "other_applicant": 404,
}
APPLICANT_AREA = {**OWNER_ONLY, "other_applicant": 200}
PUBLIC = dict.fromkeys(PERSONAS, 200)
STAFF_VIEW = {
    "anonymous": "login",
    "applicant": 403,
    "other_applicant": 403,
    "intake_officer": 200,
    "biometrics_officer": 403,
    "supervisor": 200,
    "head_of_office": 200,
    "hq_user": 200,
    "officer_of_other_office": 404,
    "kiosk": 403,
    "display": 403,
}
# An intake officer (here or elsewhere) holds no managing role at all: 403.
STAFF_MANAGE = {**STAFF_VIEW, "intake_officer": 403, "officer_of_other_office": 403}

URLS = [
    ("booking:proof", lambda w: [w["booking"].code], OWNER_ONLY),
    ("booking:proof_pdf", lambda w: [w["booking"].code], OWNER_ONLY),
    ("booking:reschedule", lambda w: [w["booking"].code], OWNER_ONLY),
    ("booking:my_bookings", lambda w: [], APPLICANT_AREA),
    ("booking:profiles", lambda w: [], APPLICANT_AREA),
    ("booking:offices", lambda w: [], PUBLIC),
    ("booking:availability", lambda w: ["ketapang"], PUBLIC),
    ("booking:staff_day", lambda w: ["ketapang"], STAFF_VIEW),
    ("booking:staff_day_print", lambda w: ["ketapang", DAY.isoformat()], STAFF_VIEW),
    ("booking:staff_quota", lambda w: ["ketapang"], STAFF_MANAGE),
    ("booking:staff_review", lambda w: ["ketapang"], STAFF_MANAGE),
]


@pytest.mark.parametrize(("url_name", "args", "expected"), URLS, ids=[u[0] for u in URLS])
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_open_each_page(request, client_for, world, url_name, args, expected, persona):
    client = _client(request, client_for, persona)
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse(url_name, args=args(world)))
    assert answered(response) == expected[persona], (persona, url_name)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_owner_may_cancel(request, client_for, world, persona):
    client = _client(request, client_for, persona)
    with time_machine.travel(NOW, tick=False):
        response = client.post(reverse("booking:cancel", args=[world["booking"].code]))
    world["booking"].refresh_from_db()
    if persona == "applicant":
        assert response.status_code == 302 and world["booking"].status == "cancelled"
    else:
        assert response.status_code in {302, 403, 404}
        assert world["booking"].status == "booked"


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_office_supervisors_may_mark_invalid(request, client_for, world, persona):
    client = _client(request, client_for, persona)
    url = reverse("booking:staff_invalidate", args=["ketapang", world["booking"].code])
    with time_machine.travel(NOW, tick=False):
        response = client.post(url, {"reason": "Calo"})
    world["booking"].refresh_from_db()
    if STAFF_MANAGE[persona] == 200:
        assert response.status_code == 302 and world["booking"].status == "invalid"
    else:
        assert answered(response) == STAFF_MANAGE[persona]
        assert world["booking"].status == "booked"


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_booking_detail_is_the_owners_only(request, client_for, world, persona):
    client = _client(request, client_for, persona)
    response = client.get(f"/api/booking/bookings/{world['booking'].code}")
    expected = {"anonymous": 401, "applicant": 200, "other_applicant": 404}
    assert response.status_code == expected.get(persona, 403)


def test_staff_of_another_office_cannot_see_its_day_list(
    client_for, world, officer_of_other_office
):
    response = client_for(officer_of_other_office).get(
        reverse("booking:staff_day", args=["ketapang"])
    )
    assert response.status_code == 404


def test_supervisor_of_another_office_gets_not_found_on_quota_and_review(
    client_for, world, other_office
):
    from conftest import make_user
    from paspor.accounts.models import Role

    elsewhere = make_user("kasubsi_lain", role=Role.SUPERVISOR, office=other_office)
    client = client_for(elsewhere)
    for name in ("booking:staff_quota", "booking:staff_review"):
        assert client.get(reverse(name, args=["ketapang"])).status_code == 404
    assert client.get(reverse("booking:staff_quota", args=["pontianak"])).status_code == 200
