"""Questionnaire → application type and the exact list of original documents."""

import datetime as dt

from paspor.booking.rules import (
    DOCUMENTS,
    Answers,
    OldPassport,
    age_on,
    application_type,
    is_child,
    priority_eligible,
    required_documents,
)
from paspor.cases.types import ApplicationType


def codes(kind, *, is_child):
    return [d.code for d in required_documents(kind, is_child=is_child)]


def test_first_passport_of_an_adult_needs_ktp_kk_and_a_civil_record():
    kind = application_type(Answers(old_passport=OldPassport.NONE), child=False)
    assert kind == ApplicationType.NEW_ADULT
    assert codes(kind, is_child=False) == ["ktp", "kk", "civil_record"]


def test_first_passport_of_a_child_needs_the_parents_documents():
    kind = application_type(Answers(old_passport=OldPassport.NONE), child=True)
    assert kind == ApplicationType.NEW_CHILD
    assert codes(kind, is_child=True) == [
        "kk",
        "birth_certificate",
        "parents_ktp",
        "parents_marriage_certificate",
    ]


def test_lost_damaged_and_changed_data_come_before_plain_replacement():
    held = Answers(old_passport=OldPassport.HELD)
    assert application_type(held, child=False) == ApplicationType.REPLACEMENT
    changed = Answers(old_passport=OldPassport.HELD, data_changed=True)
    assert application_type(changed, child=False) == ApplicationType.CHANGE_OF_DATA
    lost = Answers(old_passport=OldPassport.LOST, data_changed=True)
    assert application_type(lost, child=True) == ApplicationType.LOST
    assert application_type(Answers(old_passport=OldPassport.DAMAGED), child=False) == (
        ApplicationType.DAMAGED
    )


def test_document_lists_per_type():
    assert codes("replacement", is_child=False) == ["ktp", "kk", "old_passport"]
    assert codes("lost", is_child=False) == ["ktp", "kk", "civil_record", "police_loss_report"]
    assert codes("damaged", is_child=False) == ["ktp", "kk", "civil_record", "damaged_passport"]
    assert codes("change_of_data", is_child=False) == [
        "ktp",
        "kk",
        "old_passport",
        "change_evidence",
    ]
    assert codes("replacement", is_child=True)[-1] == "old_passport"
    assert "police_loss_report" in codes("lost", is_child=True)


def test_every_type_has_a_list_and_every_code_is_known():
    for kind in ApplicationType:
        for child in (True, False):
            assert all(code in DOCUMENTS for code in codes(kind, is_child=child))


def test_a_child_is_under_17_and_never_married():
    born = dt.date(2009, 6, 16)
    assert age_on(born, dt.date(2026, 6, 15)) == 16
    assert is_child(birth_date=born, on=dt.date(2026, 6, 15), married=False)
    assert not is_child(birth_date=born, on=dt.date(2026, 6, 16), married=False)
    assert not is_child(birth_date=born, on=dt.date(2026, 6, 15), married=True)


def test_ramah_ham_priority_groups():
    on = dt.date(2026, 6, 15)
    plain = Answers(old_passport=OldPassport.NONE)
    assert priority_eligible(plain, birth_date=dt.date(2021, 6, 16), on=on)  # 4 years old
    assert not priority_eligible(plain, birth_date=dt.date(2021, 6, 15), on=on)  # 5
    assert priority_eligible(plain, birth_date=dt.date(1966, 6, 15), on=on)  # 60
    assert not priority_eligible(plain, birth_date=dt.date(1966, 6, 16), on=on)
    assert priority_eligible(
        Answers(old_passport=OldPassport.NONE, pregnant=True), birth_date=dt.date(1995, 1, 1), on=on
    )
    assert not priority_eligible(plain, birth_date=dt.date(1962, 1, 1), on=on, elderly_from=65)


def test_answers_round_trip_through_storage():
    answers = Answers(old_passport=OldPassport.LOST, married=True, passport_kind="ordinary")
    assert Answers.from_dict(answers.to_dict()) == answers
