"""The Ramah HAM ages (STANDARDS.md §7) are judged on the day of the visit, not of the booking.

Booked on 10 June 2026 for Monday 15 June: a child who turns 5 in between no longer counts as
under 5, and someone who turns 60 in between already counts as 60 or over.
"""

import datetime as dt

import pytest
from django.urls import reverse

from paspor.audit.models import AuditEntry
from paspor.booking import services
from paspor.booking.selectors import PriorityAges, priority_ages
from paspor.booking.tests.conftest import book, make_profile, make_sessions, verified
from paspor.lib.errors import Conflict, DomainError

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def priority_booking_is(eligible, profile, office, session):
    """A priority seat is booked for an eligible person and refused (409) for another."""
    if eligible:
        assert book(profile, office, session, pool="priority").pool == "priority"
    else:
        with pytest.raises(Conflict) as refused:
            book(profile, office, session, pool="priority")
        assert refused.value.code == "not_priority"


@pytest.mark.parametrize(
    ("born", "eligible"),
    [
        (dt.date(2021, 6, 12), False),  # 4 when booking, 5 on the day
        (dt.date(2021, 6, 16), True),  # turns 5 the day after the visit
        (dt.date(1966, 6, 14), True),  # 59 when booking, 60 on the day
        (dt.date(1966, 6, 16), False),  # turns 60 the day after the visit
    ],
    ids=["five-on-the-day", "four-on-the-day", "sixty-on-the-day", "fifty-nine-on-the-day"],
)
def test_priority_age_counts_on_the_visit_day(office, morning, applicant, born, eligible):
    profile = make_profile(verified(applicant), 21, born=born)
    priority_booking_is(eligible, profile, office, morning)


@pytest.mark.parametrize(
    ("born", "eligible"), [(dt.date(1961, 6, 15), True), (dt.date(1961, 6, 16), False)]
)
def test_an_elderly_age_of_65_counts_from_the_65th_birthday(
    office, morning, applicant, settings, born, eligible
):
    settings.BOOKING_PRIORITY_ELDERLY_FROM = 65
    profile = make_profile(verified(applicant), 22, born=born)
    priority_booking_is(eligible, profile, office, morning)


# --- An office's own ages (some offices serve the elderly first from 65) ----------------------

SIXTY_TWO = dt.date(1964, 1, 10)  # 62 on the visit day


def test_an_office_that_serves_the_elderly_from_65_refuses_62_while_another_takes_them(
    office, other_office, morning, applicant, head_of_office
):
    services.priority_ages_set(office=office, child_under=None, elderly_from=65, by=head_of_office)
    other_morning = make_sessions(other_office)[0]
    first = make_profile(verified(applicant), 23, born=SIXTY_TWO)
    with pytest.raises(Conflict) as refused:
        book(first, office, morning, pool="priority")
    assert refused.value.code == "not_priority"
    assert "lansia 65 tahun ke atas" in refused.value.message
    second = make_profile(applicant, 24, born=SIXTY_TWO)
    assert book(second, other_office, other_morning, pool="priority").pool == "priority"
    assert priority_ages(office) == PriorityAges(child_under=5, elderly_from=65)
    assert priority_ages(other_office) == PriorityAges(child_under=5, elderly_from=60)
    entry = AuditEntry.objects.get(event="booking.priority_ages_set")
    assert entry.old == {"child_under": None, "elderly_from": None}
    assert entry.new == {"child_under": None, "elderly_from": 65}


def test_an_office_without_its_own_ages_follows_the_deployment(office, settings):
    settings.BOOKING_PRIORITY_CHILD_UNDER = 6
    assert priority_ages(office) == PriorityAges(child_under=6, elderly_from=60)
    assert priority_ages(None) == PriorityAges(child_under=6, elderly_from=60)


@pytest.mark.parametrize(
    ("child_under", "elderly_from", "code"),
    [
        (0, None, "priority_child_under"),
        (18, None, "priority_child_under"),
        (None, 49, "priority_elderly_from"),
        (None, 81, "priority_elderly_from"),
    ],
)
def test_ages_out_of_bounds_are_refused_and_nothing_changes(
    office, head_of_office, child_under, elderly_from, code
):
    with pytest.raises(DomainError) as refused:
        services.priority_ages_set(
            office=office, child_under=child_under, elderly_from=elderly_from, by=head_of_office
        )
    assert refused.value.code == code
    assert priority_ages(office) == PriorityAges(child_under=5, elderly_from=60)
    assert not AuditEntry.objects.filter(event="booking.priority_ages_set").exists()


def test_the_quota_page_sets_and_clears_the_offices_ages(
    client_for, head_of_office, office, django_capture_on_commit_callbacks
):
    url = reverse("booking:staff_quota", args=[office.code])
    page = client_for(head_of_office).get(url).content.decode()
    assert "Kosong: mengikuti pengaturan pusat (60 tahun)." in page
    policy = {
        "action": "policy",
        "release_rule": "monthly",
        "release_time": "09:00",
        "rolling_days": "30",
        "ballot_window_hours": "48",
        "mode_regular": "fcfs",
        "mode_priority": "fcfs",
        "mode_express": "fcfs",
        "priority_child_under": "",
        "priority_elderly_from": "65",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(head_of_office).post(url, policy).status_code == 302
    assert priority_ages(office).elderly_from == 65
    again = client_for(head_of_office).get(url).context["policy_form"]
    assert again.initial["priority_elderly_from"] == 65
    with django_capture_on_commit_callbacks(execute=True):
        cleared = client_for(head_of_office).post(url, {**policy, "priority_elderly_from": ""})
    assert cleared.status_code == 302
    assert priority_ages(office).elderly_from == 60
    refused = client_for(head_of_office).post(url, {**policy, "priority_elderly_from": "90"})
    assert refused.status_code == 400


def test_the_questionnaire_api_answers_with_the_offices_ages(client, office, head_of_office):
    services.priority_ages_set(office=office, child_under=None, elderly_from=65, by=head_of_office)
    body = {
        "birth_date": SIXTY_TWO.isoformat(),
        "on": "2026-06-15",
        "answers": {"old_passport": "none"},
    }
    anywhere = client.post("/api/booking/questionnaire", body, content_type="application/json")
    assert anywhere.json()["priority_eligible"] is True
    here = client.post(
        "/api/booking/questionnaire",
        {**body, "office": office.code},
        content_type="application/json",
    )
    assert here.json()["priority_eligible"] is False
    unknown = client.post(
        "/api/booking/questionnaire", {**body, "office": "nowhere"}, content_type="application/json"
    )
    assert (unknown.status_code, unknown.json()["code"]) == (404, "office_not_found")


def test_the_admins_booking_policy_sets_the_offices_ages_through_the_service(
    client_for, admin_user, office, django_capture_on_commit_callbacks
):
    from paspor.booking.models import BookingPolicy

    url = reverse("admin:booking_bookingpolicy_add")
    form = {
        "office": office.pk,
        "release_rule": "monthly",
        "release_time": "09:00",
        "rolling_days": "30",
        "ballot_window_hours": "48",
        "priority_child_under": "",
        "priority_elderly_from": "65",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin_user).post(url, form)
    assert response.status_code == 302
    assert BookingPolicy.objects.get(office=office).priority_elderly_from == 65
    assert priority_ages(office).elderly_from == 65
    assert AuditEntry.objects.filter(event="booking.priority_ages_set").count() == 1
