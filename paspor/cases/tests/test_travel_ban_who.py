"""Who opened a case and who decided its travel-ban hit are both on the record.

A supervisor may open a case (docs/cases.md) and may clear a travel-ban hit; no documented rule
keeps the same supervisor from doing both, so it stays allowed — but the check, the case event,
the audit row, the timeline and the case page all say who opened the case and who cleared the
hit. Refusing the hit rejects the application: that is a decision, and the four-eyes rule
(nobody decides a case they opened or worked on) leaves it to another supervisor.
"""

import pytest
from django.urls import reverse

from paspor.audit.models import AuditEntry
from paspor.cases.models import CaseEvent, CaseStatus, TravelBanEntry
from paspor.cases.services import case_claim
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
    assert case.status == CaseStatus.ON_HOLD
    return case_claim(case=case, by=supervisor)


def test_a_supervisor_who_opened_the_case_may_clear_its_hit_and_the_record_says_so(
    held_by_supervisor, supervisor, client_for, office
):
    case = travel_ban_clear(
        case=held_by_supervisor, by=supervisor, reason="Tanggal lahir ibu berbeda (KK)"
    )
    assert case.status == CaseStatus.BIOMETRICS
    event = CaseEvent.objects.filter(case=case, to_status=CaseStatus.BIOMETRICS).get()
    assert event.data["opened_by"] == event.data["resolved_by"] == "kasubsi"
    assert event.data["resolver_opened_case"] is True
    audit = AuditEntry.objects.get(event="case.travel_ban_resolved")
    assert audit.new["opened_by"] == audit.new["resolved_by"] == "kasubsi"
    assert audit.new["resolver_opened_case"] is True

    client = client_for(supervisor)
    kwargs = {"office": office.code, "code": case.code}
    timeline = client.get(reverse("cases:timeline", kwargs=kwargs)).content.decode()
    assert "Permohonan dibuka oleh: kasubsi" in timeline
    assert "Kecocokan cegah tangkal diputus oleh: kasubsi" in timeline
    assert "Supervisor yang memutus juga membuka permohonan ini" in timeline
    page = client.get(reverse("cases:detail", kwargs=kwargs)).content.decode()
    assert "Bukan orang yang sama, diputus oleh kasubsi" in page
    assert "yang juga membuka permohonan" in page


def test_a_hit_cleared_by_another_supervisor_names_both(
    office, intake_officer, second_supervisor, listed, client_for
):
    case = finish_intake(open_case(office, intake_officer), intake_officer)
    case_claim(case=case, by=second_supervisor)
    travel_ban_clear(case=case, by=second_supervisor, reason="Orang lain")
    event = CaseEvent.objects.filter(case=case, to_status=CaseStatus.BIOMETRICS).get()
    assert (event.data["opened_by"], event.data["resolved_by"]) == ("petugas_loket", "kasi")
    assert event.data["resolver_opened_case"] is False
    timeline = (
        client_for(second_supervisor)
        .get(reverse("cases:timeline", kwargs={"office": office.code, "code": case.code}))
        .content.decode()
    )
    assert "Supervisor yang memutus juga membuka permohonan ini" not in timeline


def test_the_supervisor_who_opened_a_case_cannot_refuse_it_on_a_hit(held_by_supervisor, supervisor):
    with pytest.raises(Conflict) as refused:
        travel_ban_refuse(case=held_by_supervisor, by=supervisor, reason="Sama: foto cocok")
    assert refused.value.code == "four_eyes"
    held_by_supervisor.refresh_from_db()
    assert held_by_supervisor.status == CaseStatus.ON_HOLD


def test_the_hold_page_names_the_opener_and_leaves_the_refusal_to_another_supervisor(
    held_by_supervisor, supervisor, client_for, office
):
    url = reverse("cases:detail", kwargs={"office": office.code, "code": held_by_supervisor.code})
    page = client_for(supervisor).get(url).content.decode()
    assert 'id="hold-who"' in page and "Permohonan dibuka oleh kasubsi." in page
    assert "penolakan harus diputus supervisor lain" in page
    assert "Orang yang sama: tolak" not in page
    assert "Bukan orang yang sama: lanjutkan" in page
