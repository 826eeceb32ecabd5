"""Cegah tangkal: matching tricky names, the list import, the hold and the supervisor's call."""

import datetime as dt

import pytest

from paspor.audit.models import AuditEntry
from paspor.cases.models import CaseStatus, TravelBanCheck, TravelBanEntry
from paspor.cases.name_match import name_similarity
from paspor.cases.services import ApplicantData, case_claim
from paspor.cases.tests.conftest import SITI, finish_intake, open_case
from paspor.cases.travel_ban import (
    travel_ban_clear,
    travel_ban_import_csv,
    travel_ban_matches,
    travel_ban_refuse,
)
from paspor.lib.errors import Conflict, DomainError

BORN = dt.date(1985, 3, 12)
TODAY = dt.date(2026, 6, 1)


@pytest.mark.parametrize(
    ("listed", "applicant"),
    [
        ("Muhammad Rizki", "Mohammad Rizky"),
        ("Muhammad Rizki", "Muhamad Rizki"),
        ("Mochammad Rizky", "Muhammad Rizki"),
        ("Soeharto", "Suharto"),
        ("Djoko Santoso", "Joko Santoso"),
        ("Tjahjo Kumolo", "Cahyo Kumolo"),
        ("Jusuf Hamka", "Yusuf Hamka"),
        ("Achmad Chairul", "Ahmad Khairul"),
        ("Noor Hidayat", "Nur Hidayat"),
        ("H. Ahmad Fauzi, S.H.", "Ahmad Fauzi"),
        ("Siti Aminah", "Aminah Siti"),
        ("Sukarno", "Sukarno"),  # one-word name
        ("Sukarno", "Ir. Soekarno"),
        ("Suharto", "Muhammad Suharto"),  # one-word list name inside a longer name
        ("Muhammad Rizki Pratama", "Muhammad Rizki"),
        ("Muhammad Rizki", "Muhammed Rizki Pratama"),
        ("Dewi Lestari", "Déwi Léstari"),
    ],
)
def test_spelling_variants_of_one_name_match(listed, applicant):
    assert name_similarity(listed, applicant) >= 88


@pytest.mark.parametrize(
    ("listed", "applicant"),
    [
        ("Muhammad Rizki", "Muhammad Fauzi"),
        ("Dewi Lestari", "Dewi Sartika"),
        ("Sukarno", "Sutarno Wibowo"),
        ("Agus Salim", "Budi Hartono"),
        ("Siti Aminah", "Siti Rahmawati"),
    ],
)
def test_different_names_do_not_match(listed, applicant):
    assert name_similarity(listed, applicant) < 88


def _entry(name, **kw):
    values = dict(full_name=name, birth_date=BORN, reason="Putusan pengadilan")
    values.update(kw)
    return TravelBanEntry.objects.create(**values)


def _match(name, birth_date=BORN, nik="3602041211870001"):
    return travel_ban_matches(
        nik=nik, full_name=name, birth_date=birth_date, today=TODAY, threshold=88
    )


@pytest.mark.django_db
def test_same_name_with_another_birth_date_is_not_a_hit():
    _entry("Muhammad Rizki")
    assert _match("Mohammad Rizky")
    assert _match("Mohammad Rizky", birth_date=dt.date(1985, 3, 13)) == []


@pytest.mark.django_db
def test_nik_matches_exactly_whatever_the_name():
    _entry("Nama Lain Sama Sekali", nik="3602041211870001", birth_date=None)
    [match] = _match("Budi Hartono", birth_date=dt.date(2000, 1, 1))
    assert (match.basis, match.score) == ("nik", 100.0)


@pytest.mark.django_db
def test_an_alias_matches():
    _entry("Abdul Karim", aliases="Karim Sulaiman\nAbu Karim")
    [match] = _match("Karim Soelaiman")
    assert match.name == "Karim Sulaiman" and match.basis == "name_birth_date"


@pytest.mark.django_db
def test_without_a_birth_date_on_the_list_the_name_alone_decides():
    _entry("Sukarno", birth_date=None)
    [match] = _match("Soekarno", birth_date=dt.date(1970, 1, 1))
    assert match.basis == "name_only"


@pytest.mark.django_db
def test_entries_not_in_force_are_ignored():
    _entry("Muhammad Rizki", valid_until=TODAY - dt.timedelta(days=1))
    _entry("Muhammad Rizki", is_active=False)
    assert _match("Muhammad Rizki") == []
    _entry("Muhammad Rizki", valid_until=TODAY)
    assert len(_match("Muhammad Rizki")) == 1


@pytest.mark.django_db
def test_csv_import_creates_and_updates_and_is_audited(hq_user):
    text = (
        "name,aliases,birth_date,nik,reason,valid_until\n"
        "Muhammad Rizki,Mohammad Rizky;Rizki,1985-03-12,,Daftar pencarian orang,2027-12-31\n"
        "Budi Hartono,,1970-01-01,3602041211870001,Cegah KPK,\n"
    )
    result = travel_ban_import_csv(text=text, by=hq_user)
    assert (result.created, result.updated) == (2, 0)
    entry = TravelBanEntry.objects.get(full_name="Muhammad Rizki")
    assert entry.names == ["Muhammad Rizki", "Mohammad Rizky", "Rizki"]
    assert entry.valid_until == dt.date(2027, 12, 31)
    result = travel_ban_import_csv(text=text.replace("Cegah KPK", "Cegah Kejagung"), by=hq_user)
    assert (result.created, result.updated) == (0, 2)
    assert TravelBanEntry.objects.get(nik="3602041211870001").reason == "Cegah Kejagung"
    assert AuditEntry.objects.filter(event="travel_ban.imported").count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nama,alasan\nX,Y\n", "Kolom CSV wajib"),
        ("name,reason,birth_date\nX,Y,12-03-1985\n", "Baris 2"),
        ("name,reason,nik\nX,Y,123\n", "NIK harus 16 angka"),
        ("name,reason\nX,\n", "Baris 2"),
        # Another script's digits: such an entry could never match an applicant's NIK.
        (
            "name,reason,nik\nX,Y,\uff16\uff11\uff10\uff14\uff10\uff11\uff15\uff17\uff10\uff18"
            "\uff19\uff10\uff10\uff10\uff10\uff11\n",
            "NIK harus 16 angka",
        ),
        ("name,reason\nX,Y\nZ," + "a" * 140_000 + "\n", "Baris 3: isi CSV tidak dapat dibaca"),
        ('name,reason\nX,"Y\nZ\x00\n', "karakter NUL"),
        ("name,reason\n" + "N" * 201 + ",Y\n", "Baris 2: nama paling panjang 200"),
    ],
)
def test_a_bad_csv_imports_nothing_and_says_which_line(text, message, hq_user):
    with pytest.raises(DomainError, match=message):
        travel_ban_import_csv(text=text, by=hq_user)
    assert not TravelBanEntry.objects.exists()


@pytest.mark.django_db
def test_a_hit_at_intake_puts_the_case_on_hold_and_records_threshold_and_outcome(
    office, intake_officer
):
    _entry("Siti Aminah", birth_date=SITI.birth_date)
    case = finish_intake(open_case(office, intake_officer), intake_officer)
    assert case.status == CaseStatus.ON_HOLD
    assert case.status_before_hold == CaseStatus.INTAKE
    assert case.assigned_to is None
    check = TravelBanCheck.objects.get(case=case)
    assert (check.threshold, check.outcome) == (88, "hit")
    assert check.matches[0]["basis"] == "name_birth_date"
    assert AuditEntry.objects.filter(event="case.travel_ban_checked").exists()


@pytest.mark.django_db
def test_a_clear_check_is_recorded_too(office, intake_officer, settings):
    settings.PASPOR_TRAVEL_BAN_THRESHOLD = 95
    _entry("Siti Aminah", birth_date=dt.date(1991, 1, 1))
    case = finish_intake(open_case(office, intake_officer), intake_officer)
    assert case.status == CaseStatus.BIOMETRICS
    check = TravelBanCheck.objects.get(case=case)
    assert (check.threshold, check.outcome, check.matches) == (95, "clear", [])


@pytest.fixture
def held_case(office, intake_officer):
    _entry("Siti Aminah", birth_date=SITI.birth_date)
    return finish_intake(open_case(office, intake_officer), intake_officer)


@pytest.mark.django_db
def test_only_a_supervisor_can_take_a_held_case(held_case, intake_officer, biometrics_officer):
    from django.core.exceptions import PermissionDenied

    for officer in (intake_officer, biometrics_officer):
        with pytest.raises(PermissionDenied):
            case_claim(case=held_case, by=officer)


@pytest.mark.django_db
def test_supervisor_clears_a_false_match_with_a_reason(held_case, supervisor):
    case_claim(case=held_case, by=supervisor)
    with pytest.raises(DomainError, match="alasan"):
        travel_ban_clear(case=held_case, by=supervisor, reason=" ")
    case = travel_ban_clear(case=held_case, by=supervisor, reason="Ibu kandung berbeda (KK)")
    assert case.status == CaseStatus.BIOMETRICS
    check = TravelBanCheck.objects.get(case=case)
    assert (check.resolution, check.resolved_by) == ("false_match", supervisor)
    assert check.resolution_reason == "Ibu kandung berbeda (KK)"


@pytest.mark.django_db
def test_supervisor_refuses_a_true_match(held_case, supervisor):
    case_claim(case=held_case, by=supervisor)
    case = travel_ban_refuse(case=held_case, by=supervisor, reason="Sama: NIK dan foto cocok")
    assert case.status == CaseStatus.REJECTED
    assert TravelBanCheck.objects.get(case=case).resolution == "refused"
    with pytest.raises(Conflict):
        travel_ban_clear(case=case, by=supervisor, reason="terlambat")


@pytest.mark.django_db
def test_a_child_with_a_one_word_name_is_matched_too(office, intake_officer):
    _entry("Rizki", birth_date=dt.date(2018, 5, 1))
    child = ApplicantData(
        nik="6104010105180003",
        full_name="Rizky",
        sex="M",
        birth_date=dt.date(2018, 5, 1),
        birth_place="Ketapang",
        application_type="new_child",
    )
    case = finish_intake(open_case(office, intake_officer, data=child), intake_officer)
    assert case.status == CaseStatus.ON_HOLD


def test_the_threshold_from_the_environment_lies_between_50_and_100(monkeypatch):
    from paspor.cases.conf import travel_ban_threshold
    from paspor.lib.env import ConfigError

    monkeypatch.setenv("PASPOR_TRAVEL_BAN_THRESHOLD", "100")
    assert travel_ban_threshold() == 100
    for unreachable in ("101", "49"):
        monkeypatch.setenv("PASPOR_TRAVEL_BAN_THRESHOLD", unreachable)
        with pytest.raises(ConfigError):
            travel_ban_threshold()
