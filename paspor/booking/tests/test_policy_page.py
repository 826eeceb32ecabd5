"""The office's managers set when dates open and, per pool, first come or a ballot."""

import datetime as dt

import pytest
from django.urls import reverse

from conftest import make_office, make_user
from paspor.accounts.models import Role
from paspor.audit.models import AuditEntry
from paspor.booking import services
from paspor.booking.models import BallotEntry, PoolPolicy
from paspor.booking.selectors import policy_for, pool_modes
from paspor.booking.tests.conftest import ADULT, DAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

POLICY = {
    "action": "policy",
    "release_rule": "rolling",
    "release_time": "08:00",
    "rolling_days": "14",
    "ballot_window_hours": "24",
    "mode_regular": "fcfs",
    "mode_priority": "fcfs",
    "mode_express": "ballot",
}


def url(office):
    return reverse("booking:staff_quota", args=[office.code])


def test_the_head_of_office_sets_the_release_and_a_ballot_for_express(
    client_for, head_of_office, office, sessions, django_capture_on_commit_callbacks
):
    page = client_for(head_of_office).get(url(office)).content.decode()
    assert "Pembukaan kuota, cara alokasi dan usia prioritas" in page
    assert "dibuka untuk booking pada" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(head_of_office).post(url(office), POLICY)
    assert response.status_code == 302
    policy = policy_for(office)  # the cached setup was forgotten
    assert (policy.release_rule, policy.release_time, policy.rolling_days) == (
        "rolling",
        dt.time(8),
        14,
    )
    assert policy.ballot_window_hours == 24
    assert pool_modes(office) == {"regular": "fcfs", "priority": "fcfs", "express": "ballot"}
    entry = AuditEntry.objects.get(event="booking.policy_set")
    assert entry.old["modes"]["express"] == "fcfs" and entry.new["modes"]["express"] == "ballot"
    again = client_for(head_of_office).get(url(office)).context["policy_form"]
    assert again.initial["release_rule"] == "rolling" and again.initial["mode_express"] == "ballot"


def test_a_bad_value_is_refused_at_its_field_and_what_was_typed_stays(
    client_for, supervisor, office, sessions
):
    response = client_for(supervisor).post(url(office), {**POLICY, "rolling_days": "0"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_rolling_days_error"' in page and 'value="08:00"' in page
    assert not PoolPolicy.objects.exists()


def test_a_ballot_with_entries_keeps_its_pool_until_the_draw(
    client_for, supervisor, office, sessions, budi, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_policy_set(
            office=office,
            release_rule="rolling",
            release_time=dt.time(9),
            rolling_days=30,
            ballot_window_hours=48,
            modes={"express": "ballot"},
            by=supervisor,
        )
    services.ballot_enter(
        account=budi.account,
        profile=budi,
        office=office,
        day=DAY,
        pool="express",
        session=sessions[0],
        answers=ADULT,
    )
    assert BallotEntry.objects.count() == 1
    response = client_for(supervisor).post(url(office), {**POLICY, "mode_express": "fcfs"})
    assert response.status_code == 409
    assert "sedang menerima pendaftaran" in response.content.decode()
    assert pool_modes(office)["express"] == "ballot"


def test_only_the_offices_managers_set_it(
    client_for, intake_officer, office, other_office, sessions
):
    from conftest import make_user
    from paspor.accounts.models import Role

    assert client_for(intake_officer).post(url(office), POLICY).status_code == 403
    elsewhere = make_user("kakanim_lain", role=Role.HEAD, office=other_office)
    assert client_for(elsewhere).post(url(office), POLICY).status_code == 404
    assert client_for(None).post(url(office), POLICY).status_code == 302  # to sign in
    assert not PoolPolicy.objects.exists()


def test_a_wita_office_reads_its_next_release_on_its_own_clock(client_for, db):
    bali = make_office("denpasar", tz="Asia/Makassar")
    head = make_user("kakanim.bali", role=Role.HEAD, office=bali)
    page = client_for(head).get(url(bali)).content.decode()
    # The release rule's 09.00 is the office's: 09.00 WITA, not the server's 08.00.
    assert "09.00 WITA." in page and "08.00 WITA" not in page
