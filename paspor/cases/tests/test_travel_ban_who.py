"""Who may decide a travel-ban hit: never the supervisor who opened the case or worked on it.

Both calls decide for or against the applicant. Refusing the hit rejects the application;
clearing it lets someone on the list go on towards a passport — the riskier call. So the
four-eyes rule (nobody decides a case they opened or worked on) holds for both: such a
supervisor cannot take the held case, is refused both calls (409 `four_eyes`) on the page and
through the API, and the page offers neither. The database keeps the opener out too. The check,
the case event, the audit row, the timeline and the case page say who opened the case and who
decided the hit.
"""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from paspor.audit.models import AuditEntry
from paspor.cases.models import Case, CaseEvent, CaseStatus, TravelBanCheck, TravelBanEntry
from paspor.cases.services import case_claim, case_event_record, case_reassign
from paspor.cases.tests.conftest import SITI, finish_intake, open_case
from paspor.cases.travel_ban import travel_ban_clear, travel_ban_refuse
from paspor.lib.errors import Conflict

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed():
    return TravelBanEntry.objects.create(
        full_name=SITI.full_name, birth_date=SITI.birth_date, reason="Putusan pengadilan"
    )


@pytest.fixture
def held_by_supervisor(office, supervisor, listed):
    """A case the supervisor opened and checked at intake, held on a travel-ban hit."""
    case = finish_intake(open_case(office, supervisor), supervisor)
    assert case.status == CaseStatus.ON_HOLD and case.assigned_to is None
    return case


@pytest.fixture
def handed_to_opener(held_by_supervisor, supervisor):
    """The held case assigned to the supervisor who opened it, as a reassignment could before
    it refused that (the calls themselves must still refuse them)."""
    Case.objects.filter(pk=held_by_supervisor.pk).update(assigned_to=supervisor)
    held_by_supervisor.refresh_from_db()
    return held_by_supervisor


def _url(name, case, *extra):
    return reverse(name, args=[case.office.code, case.code, *extra])


def _still_held(case):
    case.refresh_from_db()
    assert case.status == CaseStatus.ON_HOLD and case.travel_ban_resolved_by is None
    assert TravelBanCheck.objects.get(case=case).resolution == ""


def test_the_supervisor_who_opened_a_case_cannot_take_its_held_hit(
    held_by_supervisor, supervisor, client_for
):
    with pytest.raises(Conflict) as refused:
        case_claim(case=held_by_supervisor, by=supervisor)
    assert refused.value.code == "four_eyes"

    client = client_for(supervisor)
    page = client.get(_url("cases:detail", held_by_supervisor)).content.decode()
    assert "putusan harus diambil supervisor lain (prinsip empat mata)" in page
    assert "Ambil dan kerjakan" not in page
    assert client.post(_url("cases:claim", held_by_supervisor)).status_code == 409
    api = client.post(f"/api/cases/ketapang/{held_by_supervisor.code}/claim")
    assert api.status_code == 409 and api.json()["code"] == "four_eyes"
    held_by_supervisor.refresh_from_db()
    assert held_by_supervisor.assigned_to is None


def test_the_supervisor_who_opened_a_case_cannot_clear_its_hit(handed_to_opener, supervisor):
    with pytest.raises(Conflict) as refused:
        travel_ban_clear(case=handed_to_opener, by=supervisor, reason="Tanggal lahir ibu berbeda")
    assert refused.value.code == "four_eyes"
    _still_held(handed_to_opener)


def test_the_supervisor_who_opened_a_case_cannot_refuse_it_on_a_hit(handed_to_opener, supervisor):
    with pytest.raises(Conflict) as refused:
        travel_ban_refuse(case=handed_to_opener, by=supervisor, reason="Sama: foto cocok")
    assert refused.value.code == "four_eyes"
    _still_held(handed_to_opener)


def test_the_hold_page_offers_the_opener_neither_call_and_refuses_both(
    handed_to_opener, supervisor, client_for
):
    client = client_for(supervisor)
    page = client.get(_url("cases:detail", handed_to_opener)).content.decode()
    assert 'id="hold-who"' in page and "Permohonan dibuka oleh kasubsi." in page
    assert 'id="hold-four-eyes"' in page
    assert "Bukan orang yang sama: lanjutkan" not in page
    assert "Orang yang sama: tolak" not in page

    for decision in ("clear", "refuse"):
        answer = client.post(
            _url("cases:step", handed_to_opener, "cekal"),
            {"hold-decision": decision, "hold-reason": "Orang lain (KK berbeda)"},
        )
        assert answer.status_code == 409
        assert "prinsip empat mata" in answer.content.decode()
    _still_held(handed_to_opener)


def test_the_api_refuses_the_opener_both_calls(handed_to_opener, supervisor, client_for):
    url = f"/api/cases/ketapang/{handed_to_opener.code}/transition"
    for to in ("biometrics", "rejected"):
        answer = client_for(supervisor).post(
            url, {"to": to, "reason": "Orang lain"}, content_type="application/json"
        )
        assert answer.status_code == 409 and answer.json()["code"] == "four_eyes"
    _still_held(handed_to_opener)


def test_a_supervisor_who_did_the_intake_cannot_clear_the_hit_it_raised(
    office, intake_officer, supervisor, second_supervisor, listed, client_for
):
    # Opened by the intake officer, but the supervisor took over and completed the intake.
    case = open_case(office, intake_officer)
    case_reassign(case=case, to=supervisor, by=second_supervisor, reason="Loket 1 tutup")
    held = finish_intake(case, supervisor)
    assert held.status == CaseStatus.ON_HOLD
    answer = client_for(supervisor).post(f"/api/cases/ketapang/{held.code}/claim")
    assert answer.status_code == 409 and answer.json()["code"] == "four_eyes"
    with pytest.raises(Conflict) as handing:
        case_reassign(case=held, to=supervisor, by=second_supervisor, reason="Sedang sibuk")
    assert handing.value.code == "four_eyes"
    Case.objects.filter(pk=held.pk).update(assigned_to=supervisor)  # as assigned before the rule
    with pytest.raises(Conflict) as refused:
        travel_ban_clear(case=held, by=supervisor, reason="Orang lain")
    assert refused.value.code == "four_eyes"
    _still_held(held)


def test_a_held_case_is_not_handed_to_the_supervisor_who_opened_it(
    held_by_supervisor, supervisor, second_supervisor
):
    with pytest.raises(Conflict) as refused:
        case_reassign(
            case=held_by_supervisor, to=supervisor, by=second_supervisor, reason="Sedang sibuk"
        )
    assert refused.value.code == "four_eyes"
    assert "prinsip empat mata" in str(refused.value.message)
    held_by_supervisor.refresh_from_db()
    assert held_by_supervisor.assigned_to is None
    assert not CaseEvent.objects.filter(case=held_by_supervisor, kind="reassigned").exists()
    assert not AuditEntry.objects.filter(event="case.reassigned").exists()

    # The other supervisor, who did not work on it, may be handed it.
    case = case_reassign(
        case=held_by_supervisor, to=second_supervisor, by=supervisor, reason="Saya membukanya"
    )
    assert case.assigned_to == second_supervisor


def test_the_reassignment_list_marks_and_refuses_the_supervisor_who_opened_the_case(
    held_by_supervisor, supervisor, second_supervisor, client_for
):
    client = client_for(second_supervisor)
    page = client.get(_url("cases:detail", held_by_supervisor)).content.decode()
    assert "kasubsi (ikut memproses, tidak dapat memutus)" in page
    assert "kasi (ikut memproses" not in page

    answer = client.post(
        _url("cases:step", held_by_supervisor, "alihkan"),
        {"reassign-officer": str(supervisor.pk), "reassign-reason": "Sedang sibuk"},
    )
    assert answer.status_code == 409
    assert "pilih supervisor lain" in answer.content.decode()
    held_by_supervisor.refresh_from_db()
    assert held_by_supervisor.assigned_to is None


def test_a_hit_cleared_by_another_supervisor_names_both(
    held_by_supervisor, second_supervisor, client_for
):
    case_claim(case=held_by_supervisor, by=second_supervisor)
    case = travel_ban_clear(case=held_by_supervisor, by=second_supervisor, reason="Orang lain")
    assert case.status == CaseStatus.BIOMETRICS and case.travel_ban_resolved_by == second_supervisor
    event = CaseEvent.objects.filter(case=case, to_status=CaseStatus.BIOMETRICS).get()
    assert (event.data["opened_by"], event.data["resolved_by"]) == ("kasubsi", "kasi")
    audit = AuditEntry.objects.get(event="case.travel_ban_resolved")
    assert (audit.new["opened_by"], audit.new["resolved_by"]) == ("kasubsi", "kasi")

    client = client_for(second_supervisor)
    timeline = client.get(_url("cases:timeline", case)).content.decode()
    assert "Permohonan dibuka oleh: kasubsi" in timeline
    assert "Kecocokan cegah tangkal diputus oleh: kasi" in timeline
    assert "Supervisor yang memutus juga membuka permohonan ini" not in timeline
    page = client.get(_url("cases:detail", case)).content.decode()
    assert "Bukan orang yang sama, diputus oleh kasi" in page
    assert "yang juga membuka permohonan" not in page


def test_a_hit_refused_by_another_supervisor_records_the_resolver(
    held_by_supervisor, second_supervisor
):
    case_claim(case=held_by_supervisor, by=second_supervisor)
    case = travel_ban_refuse(case=held_by_supervisor, by=second_supervisor, reason="Sama")
    assert case.status == CaseStatus.REJECTED
    assert case.decided_by == case.travel_ban_resolved_by == second_supervisor


def test_the_database_keeps_the_opener_from_resolving_a_hit(held_by_supervisor, supervisor):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=held_by_supervisor.pk).update(travel_ban_resolved_by=supervisor)


def test_a_hit_cleared_by_its_opener_before_the_rule_still_says_so(
    held_by_supervisor, supervisor, client_for
):
    # Records made while clearing was still open to the opener keep their note.
    case_event_record(
        case=held_by_supervisor,
        kind="transition",
        by=supervisor,
        data={"opened_by": "kasubsi", "resolved_by": "kasubsi", "resolver_opened_case": True},
    )
    timeline = (
        client_for(supervisor).get(_url("cases:timeline", held_by_supervisor)).content.decode()
    )
    assert "Supervisor yang memutus juga membuka permohonan ini" in timeline
