"""A survey link is open for PASPOR_SURVEY_LINK_DAYS (30) days after the day it was issued.

After that it records nothing: the page says the link has expired and points to the office's
complaint form, the API answers 410 `link_expired`. Answers given in time stay.
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from conftest import make_office
from paspor.lib.errors import Conflict
from paspor.notifications.models import Message
from paspor.notifications.sending import message_render
from paspor.notifications.tests.factories import make_booking, make_case, make_profile, make_ticket
from paspor.queueing.selectors import ticket_open_survey
from paspor.surveys.models import SurveyResponse
from paspor.surveys.selectors import case_open_survey, survey_link_last_day
from paspor.surveys.services import SurveyLinkExpired, survey_invite, survey_submit

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)
ISSUED = "2026-03-10 10:00 +07:00"  # Tuesday, WIB
LAST_MOMENT = "2026-04-09 23:59 +07:00"  # the 30th day after, its last minute
EXPIRED = "2026-04-10 00:00 +07:00"
ANSWERS = {f"u{n}": "3" for n in range(1, 10)}


@pytest.fixture
def ticket(office, applicant):
    booking = make_booking(office, make_profile(applicant), day=DAY)
    return make_ticket(office, number=1, day=DAY, booking=booking, status="done")


@pytest.fixture
def invitation(ticket):
    with time_machine.travel(ISSUED, tick=False):
        return survey_invite(ticket=ticket)


def url_of(invitation):
    return reverse("surveys:answer", kwargs={"token": invitation.token})


def test_a_link_is_open_through_the_thirtieth_day_after_it_was_issued(client, invitation):
    assert survey_link_last_day(invitation) == dt.date(2026, 4, 9)
    with time_machine.travel(LAST_MOMENT, tick=False):
        page = client.get(url_of(invitation))
    assert page.status_code == 200
    assert "Survei ini dapat diisi sampai 9 April 2026." in page.content.decode()
    with time_machine.travel(EXPIRED, tick=False):
        assert client.get(url_of(invitation)).status_code == 410


def test_an_answer_on_the_last_day_is_recorded(client, invitation):
    with time_machine.travel(LAST_MOMENT, tick=False):
        response = client.post(url_of(invitation), ANSWERS)
    assert response.status_code == 302 and SurveyResponse.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "title", "explained"),
    [
        (
            "id",
            "Tautan survei sudah kedaluwarsa",
            "dapat diisi sampai 9 April 2026: tautan berlaku 30 hari sejak dikirim",
        ),
        (
            "en",
            "The survey link has expired",
            "could be answered until 9 April 2026: a link is open for 30 days after it is sent",
        ),
    ],
)
def test_an_expired_link_says_so_and_points_to_the_offices_complaint_form(
    client, invitation, settings, language, title, explained
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with time_machine.travel(EXPIRED, tick=False):
        response = client.get(url_of(invitation))
    page = response.content.decode()
    assert response.status_code == 410
    assert f"<h1>{title}</h1>" in page and explained in page
    assert 'href="/pengaduan/?kantor=ketapang"' in page
    assert 'name="u1"' not in page  # no questionnaire to fill in


def test_an_answer_through_an_expired_link_writes_nothing(client, invitation):
    with time_machine.travel(EXPIRED, tick=False):
        response = client.post(url_of(invitation), ANSWERS)
    assert response.status_code == 410
    assert "Tautan survei sudah kedaluwarsa" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_the_service_refuses_an_expired_link_with_410(invitation):
    with time_machine.travel(EXPIRED, tick=False), pytest.raises(SurveyLinkExpired) as refused:
        survey_submit(invitation=invitation, answers=[4] * 9)
    assert refused.value.status == 410 and refused.value.code == "link_expired"
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    ("language", "detail"),
    [
        (
            "id",
            "Tautan survei ini sudah kedaluwarsa: tautan berlaku 30 hari sejak dikirim. "
            "Sampaikan penilaian atau keluhan Anda lewat formulir pengaduan kantor.",
        ),
        (
            "en",
            "This survey link has expired: a link is open for 30 days after it is sent. Give "
            "your opinion or complaint through the office's complaint form.",
        ),
    ],
)
def test_the_api_refuses_an_expired_link_with_410_link_expired(
    client, invitation, language, detail
):
    with time_machine.travel(EXPIRED, tick=False):
        refused = client.post(
            f"/api/surveys/responses/{invitation.token}",
            {"answers": [4] * 9},
            content_type="application/json",
            headers={"accept-language": language},
        )
    assert refused.status_code == 410
    assert refused.json() == {"detail": detail, "code": "link_expired"}
    assert not SurveyResponse.objects.exists()


def test_answers_given_in_time_stay_after_the_link_expires(client, invitation):
    with time_machine.travel("2026-03-11 09:00 +07:00", tick=False):
        survey_submit(invitation=invitation, answers=[4] * 9, comment="Cepat")
    with time_machine.travel(EXPIRED, tick=False):
        page = client.get(url_of(invitation))
        again = client.post(
            f"/api/surveys/responses/{invitation.token}",
            {"answers": [1] * 9},
            content_type="application/json",
        )
        with pytest.raises(Conflict):
            survey_submit(invitation=invitation, answers=[1] * 9)
    assert page.status_code == 200 and "Survei ini sudah diisi" in page.content.decode()
    assert again.status_code == 409 and again.json()["code"] == "already_answered"
    kept = SurveyResponse.objects.get()
    assert kept.answers() == (4,) * 9 and kept.comment == "Cepat"


def test_the_setting_sets_how_long_a_link_is_open(client, invitation, settings):
    settings.PASPOR_SURVEY_LINK_DAYS = 7
    assert survey_link_last_day(invitation) == dt.date(2026, 3, 17)
    with time_machine.travel("2026-03-17 23:00 +07:00", tick=False):
        assert client.get(url_of(invitation)).status_code == 200
    with time_machine.travel("2026-03-18 00:00 +07:00", tick=False):
        assert client.get(url_of(invitation)).status_code == 410


def test_the_period_counts_on_the_offices_clock(client, applicant):
    jayapura = make_office("jayapura", tz="Asia/Jayapura")
    booking = make_booking(jayapura, make_profile(applicant), day=DAY)
    ticket = make_ticket(jayapura, number=1, day=DAY, booking=booking, status="done")
    # 10 March 21.00 UTC is 11 March 06.00 WIT: the link is open through 10 April (WIT).
    with time_machine.travel("2026-03-10 21:00 +00:00", tick=False):
        invitation = survey_invite(ticket=ticket)
    assert survey_link_last_day(invitation) == dt.date(2026, 4, 10)
    with time_machine.travel("2026-04-10 14:59 +00:00", tick=False):  # 23.59 WIT
        assert client.get(url_of(invitation)).status_code == 200
    with time_machine.travel("2026-04-10 15:00 +00:00", tick=False):  # 00.00 WIT, 11 April
        assert client.get(url_of(invitation)).status_code == 410


def test_the_status_page_stops_offering_an_expired_survey(office, intake_officer):
    case = make_case(office, intake_officer)
    with time_machine.travel(ISSUED, tick=False):
        invitation = survey_invite(case=case)
    with time_machine.travel(LAST_MOMENT, tick=False):
        assert case_open_survey(case) == invitation.token
    with time_machine.travel(EXPIRED, tick=False):
        assert case_open_survey(case) is None


def test_the_invitation_message_knows_the_last_day(office, intake_officer):
    case = make_case(office, intake_officer, email="siti@example.com")
    with time_machine.travel(ISSUED, tick=False):
        survey_invite(case=case)
    message = Message.objects.get(template="survey_invite")
    assert message.context["valid_until"] == "2026-04-09"


def test_the_invitation_message_tells_the_last_day(office, intake_officer):
    case = make_case(office, intake_officer, email="siti@example.com")
    with time_machine.travel(ISSUED, tick=False):
        survey_invite(case=case)
    message = Message.objects.get(template="survey_invite")
    for language, line in (
        ("id", "Survei dapat diisi sampai 9 April 2026."),
        ("en", "The survey can be answered until 9 April 2026."),
    ):
        text = message_render(template="survey_invite", context=message.context, language=language)
        assert line in text.body


def test_the_ticket_phone_page_stops_offering_an_expired_survey(ticket, invitation):
    with time_machine.travel(LAST_MOMENT, tick=False):
        assert ticket_open_survey(ticket) == invitation.token
    with time_machine.travel(EXPIRED, tick=False):
        assert ticket_open_survey(ticket) is None


def test_an_expired_link_has_no_qr_code(client, invitation):
    qr_url = reverse("surveys:qr", kwargs={"token": invitation.token})
    with time_machine.travel(LAST_MOMENT, tick=False):
        assert client.get(qr_url)["Content-Type"].startswith("image/svg+xml")
    with time_machine.travel(EXPIRED, tick=False):
        answer = client.get(qr_url)
    assert answer.status_code == 410 and answer["Content-Type"].startswith("text/plain")
    assert "kedaluwarsa" in answer.content.decode() and b"<svg" not in answer.content
