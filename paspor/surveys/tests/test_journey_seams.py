"""After the survey, the applicant's way on: the status page of the application."""

import datetime as dt

import pytest
from django.urls import reverse

from paspor.notifications.tests.factories import make_booking, make_profile, make_ticket
from paspor.surveys.services import survey_invite, survey_submit

pytestmark = pytest.mark.django_db


def test_the_thank_you_page_leads_to_the_application_status(client, office, applicant):
    booking = make_booking(office, make_profile(applicant), day=dt.date(2026, 3, 10))
    ticket = make_ticket(office, number=1, day=dt.date(2026, 3, 10), booking=booking, status="done")
    invitation = survey_invite(ticket=ticket)
    survey_submit(invitation=invitation, answers=[3] * 9)
    body = client.get(reverse("surveys:thanks", kwargs={"token": invitation.token})).content
    assert f'href="{reverse("notifications:status")}"'.encode() in body
