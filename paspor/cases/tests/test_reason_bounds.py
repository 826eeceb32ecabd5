"""A step's written reason or list of what is missing is bounded as the JSON API bounds it:
a 100 000-character text is refused at its field, and the work queue never lays out a long
list in full (the case page does)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from paspor.cases.adjudication import case_defer
from paspor.cases.api import TransitionIn
from paspor.cases.forms import (
    REASON_MAX,
    AskedReasonForm,
    CancelForm,
    DecisionForm,
    DeferForm,
    HoldForm,
    InterviewForm,
)
from paspor.cases.models import CaseStatus
from paspor.cases.tests.conftest import open_case

pytestmark = pytest.mark.django_db

HUGE = "Akta kelahiran asli. " * 5000  # 105 000 characters


def _step(case, action):
    return reverse("cases:step", args=[case.office.code, case.code, action])


def test_the_screens_take_as_long_a_reason_as_the_api():
    assert TransitionIn.model_json_schema()["properties"]["reason"]["maxLength"] == REASON_MAX


@pytest.mark.parametrize(
    ("form_class", "field", "data"),
    [
        (DeferForm, "missing", {}),
        (CancelForm, "reason", {}),
        (DecisionForm, "reason", {"decision": "reject"}),
        (HoldForm, "reason", {"decision": "refuse"}),
        (AskedReasonForm, "reason", {}),
        (InterviewForm, "missing", {}),
    ],
)
def test_each_reason_field_is_bounded_and_says_it_in_the_page(form_class, field, data):
    form = form_class({**data, field: "x" * (REASON_MAX + 1)})
    assert not form.is_valid()
    assert f"paling banyak {REASON_MAX} karakter" in " ".join(form.errors[field])
    assert f'maxlength="{REASON_MAX}"' in str(form[field])


def test_a_deferral_listing_100_000_characters_is_refused_and_the_case_stays(
    office, intake_officer, client_for
):
    case = open_case(office, intake_officer)
    response = client_for(intake_officer).post(_step(case, "tangguhkan"), {"defer-missing": HUGE})
    assert response.status_code == 400
    assert f"paling banyak {REASON_MAX} karakter" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE and case.deferred_missing == ""


def test_a_withdrawal_reason_of_100_000_characters_is_refused_and_the_case_stays(
    office, intake_officer, client_for
):
    case = open_case(office, intake_officer)
    response = client_for(intake_officer).post(_step(case, "batalkan"), {"cancel-reason": HUGE})
    assert response.status_code == 400
    assert f"paling banyak {REASON_MAX} karakter" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE


def test_the_work_queue_cuts_a_long_missing_list_short_and_the_case_page_shows_it_whole(
    office, intake_officer, client_for
):
    case = open_case(office, intake_officer)
    missing = ("Akta kelahiran asli dilegalisir. " * 60)[:REASON_MAX].strip()
    case_defer(case=case, by=intake_officer, missing=missing)
    client = client_for(intake_officer)
    queue = client.get(reverse("cases:work_queue", args=[office.code])).content.decode()
    assert case.code in queue and "Akta kelahiran asli" in queue
    assert missing not in queue and "…" in queue
    page = client.get(reverse("cases:detail", args=[office.code, case.code])).content.decode()
    assert missing in page
