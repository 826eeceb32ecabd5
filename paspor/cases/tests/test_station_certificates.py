"""Stations are worked only by officers certified for them (PRODUCT.md, docs/roles.md).

Opening a counter needs a certification valid that day; so does the station's work on a case,
wherever it is done from: opening and checking a case (intake), photo, fingerprints, signature
and interview (biometrics). The officer is told on the page before trying, and a refusal names
the certificate (403 `not_certified`). The supervisor's own duties — the decision and the
travel-ban hit — are no station's work and need none.
"""

import datetime as dt

import pytest
from django.urls import reverse

from paspor.accounts.models import Certification
from paspor.cases import biometrics, interview
from paspor.cases.adjudication import case_decide
from paspor.cases.certification import NotCertified
from paspor.cases.models import CaseStatus, TravelBanEntry
from paspor.cases.services import case_claim, case_reassign
from paspor.cases.tests.conftest import (
    SITI,
    case_at,
    finish_intake,
    good_photo_jpeg,
    open_case,
    tourist_answers,
)
from paspor.cases.travel_ban import travel_ban_clear
from paspor.offices.calendar import office_today

pytestmark = pytest.mark.django_db


def expire(user, office) -> dt.date:
    """The officer's certificates ended yesterday; returns that day."""
    yesterday = office_today(office) - dt.timedelta(days=1)
    Certification.objects.filter(user=user).update(
        issued_on=dt.date(2020, 1, 1), expires_on=yesterday
    )
    return yesterday


def test_an_intake_officer_whose_certificate_expired_cannot_open_a_case(office, intake_officer):
    expire(intake_officer, office)
    with pytest.raises(NotCertified) as refused:
        open_case(office, intake_officer)
    assert refused.value.status == 403 and refused.value.code == "not_certified"
    assert "Sertifikat pos Pemeriksaan berkas Anda (nomor C-petugas_loket-intake)" in (
        refused.value.message
    )


def test_an_officer_without_the_station_s_certificate_cannot_work_its_intake(
    office, intake_officer
):
    case = open_case(office, intake_officer)
    expire(intake_officer, office)
    with pytest.raises(NotCertified):
        finish_intake(case, intake_officer)
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE


def test_a_biometrics_officer_whose_certificate_expired_takes_no_photo(
    office, at_biometrics, biometrics_officer
):
    ended = expire(biometrics_officer, office)
    with pytest.raises(NotCertified) as refused:
        biometrics.case_photo_add(
            case=at_biometrics, by=biometrics_officer, data=good_photo_jpeg(), source="upload"
        )
    assert "Foto, sidik jari dan wawancara" in refused.value.message
    assert "C-petugas_biometrik-biometrics" in refused.value.message
    assert f"berakhir {ended.day} " in refused.value.message
    assert not at_biometrics.photos.exists()


def test_an_uncertified_officer_cannot_take_a_station_s_case_from_the_queue(
    office, intake_officer, biometrics_officer
):
    case = case_at(
        CaseStatus.BIOMETRICS,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    expire(biometrics_officer, office)
    with pytest.raises(NotCertified):
        case_claim(case=case, by=biometrics_officer)
    case.refresh_from_db()
    assert case.assigned_to is None  # not parked with an officer who may not work it


def test_the_interview_is_the_biometrics_station_s_work_too(
    office, intake_officer, biometrics_officer
):
    case = case_at(
        CaseStatus.INTERVIEW,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    expire(biometrics_officer, office)
    with pytest.raises(NotCertified):
        interview.case_interview_record(case=case, by=biometrics_officer, answers=tourist_answers())


def test_a_supervisor_works_a_station_only_with_its_certificate(office, second_supervisor):
    with pytest.raises(NotCertified) as refused:
        open_case(office, second_supervisor)
    assert "Anda belum memiliki sertifikat pos Pemeriksaan berkas" in refused.value.message


def test_a_supervisor_decides_and_clears_a_travel_ban_hit_without_a_station_certificate(
    office, intake_officer, biometrics_officer, second_supervisor
):
    waiting = case_at(
        CaseStatus.AWAITING_SUPERVISOR,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    case_claim(case=waiting, by=second_supervisor)
    from paspor.payments.services import fee_schedule_ensure_defaults

    fee_schedule_ensure_defaults()
    assert case_decide(case=waiting, by=second_supervisor, approve=True).status == (
        CaseStatus.BILLED
    )

    TravelBanEntry.objects.create(
        full_name=SITI.full_name, birth_date=SITI.birth_date, reason="Putusan pengadilan"
    )
    held = finish_intake(open_case(office, intake_officer, data=SITI), intake_officer)
    assert held.status == CaseStatus.ON_HOLD
    case_claim(case=held, by=second_supervisor)
    cleared = travel_ban_clear(case=held, by=second_supervisor, reason="Orang lain (KK berbeda)")
    assert cleared.status == CaseStatus.BIOMETRICS


def test_a_case_is_not_handed_to_an_officer_without_the_station_s_certificate(
    office, intake_officer, biometrics_officer, supervisor
):
    case = case_at(
        CaseStatus.BIOMETRICS,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    expire(biometrics_officer, office)
    with pytest.raises(NotCertified) as refused:
        case_reassign(case=case, to=biometrics_officer, by=supervisor, reason="Loket 3 kosong")
    assert "petugas_biometrik" in refused.value.message
    case.refresh_from_db()
    assert case.assigned_to is None


def test_the_case_page_says_so_before_the_officer_tries(
    office, intake_officer, biometrics_officer, client_for
):
    case = case_at(
        CaseStatus.BIOMETRICS,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    expire(biometrics_officer, office)
    client = client_for(biometrics_officer)
    url = reverse("cases:detail", kwargs={"office": office.code, "code": case.code})
    page = client.get(url).content.decode()
    assert 'id="not-certified"' in page and "C-petugas_biometrik-biometrics" in page
    assert "Ambil dan kerjakan" not in page

    claimed = client.post(reverse("cases:claim", kwargs={"office": office.code, "code": case.code}))
    assert claimed.status_code == 403
    assert "C-petugas_biometrik-biometrics" in claimed.content.decode()

    api = client.post(f"/api/cases/{office.code}/{case.code}/claim")
    assert api.status_code == 403 and api.json()["code"] == "not_certified"


def test_the_work_queue_tells_an_intake_officer_without_a_valid_certificate(
    office, intake_officer, client_for
):
    client = client_for(intake_officer)
    url = reverse("cases:work_queue", kwargs={"office": office.code})
    assert 'id="not-certified"' not in client.get(url).content.decode()
    expire(intake_officer, office)
    page = client.get(url).content.decode()
    assert 'id="not-certified"' in page and "C-petugas_loket-intake" in page


def test_a_certified_officer_is_told_nothing(office, at_biometrics, biometrics_officer, client_for):
    url = reverse("cases:detail", kwargs={"office": office.code, "code": at_biometrics.code})
    page = client_for(biometrics_officer).get(url).content.decode()
    assert 'id="not-certified"' not in page
